"""`stc serve`: the tool in a browser, on this machine only.

stc.serve.app assembles the Starlette application; stc.serve.security holds the request checks
(host, origin, CSRF token, paths inside the workspace); stc.serve.editing turns a form into a
YAML entry, splices it into the file without touching the rest, validates the result exactly
as `stc validate` does and writes it atomically with a backup; stc.serve.forms maps the data
models to form fields. Every page reuses the command line's renderers, so a download is
byte-identical to what the command writes.
"""
