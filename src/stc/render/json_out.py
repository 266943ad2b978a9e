"""The versioned JSON documents (stc.assessment.v2 and the others each command names)."""

from __future__ import annotations

from pydantic import BaseModel


def to_json(model: BaseModel) -> str:
    """Stable, indented JSON in field order: the same inputs give the same bytes.

    pydantic-core writes the same bytes as `json.dumps(model.model_dump(mode="json"), indent=2,
    ensure_ascii=False)` did (non-ASCII characters as themselves, two-space indents, `": "` after
    keys), in a fraction of the time (tests/test_golden.py holds the bytes)."""
    return model.model_dump_json(indent=2) + "\n"
