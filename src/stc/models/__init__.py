"""pydantic models: the single definition of every data format stc reads and writes."""
