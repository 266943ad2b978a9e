"""A cache of validated data files, so that an unchanged corpus is not parsed and validated again.

Parsing YAML dominates the cost of a run on a large corpus (PyYAML's C parser read 1 to 2 MB/s in our benchmarks).
Each file that loads without error is stored, validated, under a key made of the file's bytes,
the model it was validated as, and a fingerprint of the code that reads and validates it (the
package version and the source of `stc.models`, the YAML reader and the validator). Any change to
the file or to that code gives a new key, so a stale entry is never used; a file with errors is
never stored, so every error is reported afresh with its file and line.

Location: `$STC_CACHE_DIR`, else `$XDG_CACHE_HOME/stc`, else `~/.cache/stc`; `STC_NO_CACHE=1`
turns it off. Entries are pickles, which can run code when loaded, so the cache is used only in a
folder owned by the current user and closed to others (created with mode 0700), and only entries
owned by that user are read. Anything unexpected (an unreadable, corrupt or foreign entry) is
ignored and the file is read from the source. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from stc.model_errors import validate
from stc.yaml_reader import YamlDocument, decode_text, parse_yaml, read_file_bytes

CACHE_ENV = "STC_CACHE_DIR"
OFF_ENV = "STC_NO_CACHE"
LAYOUT = "v1"

M = TypeVar("M", bound=BaseModel)


def load_validated(path: Path, display: str, model: type[M]) -> tuple[M, YamlDocument]:
    """The file validated as `model`, from the cache when the same bytes were validated before."""
    raw = read_file_bytes(path, display)
    folder = cache_folder()
    if folder is None:
        doc = parse_yaml(raw, display)
        return validate(doc, model), doc
    entry = folder / f"{_key(raw, model)}.pickle"
    cached = _read(entry, model)
    if cached is not None:
        # line numbers are needed only to report a later cross-file error; they are computed
        # from the text on first use, as for a freshly parsed file
        return cached, YamlDocument(display, None, decode_text(raw, display))
    doc = parse_yaml(raw, display)
    result = validate(doc, model)
    _write(entry, result)
    return result, doc


def cache_folder() -> Path | None:
    if os.environ.get(OFF_ENV, "") not in ("", "0"):
        return None
    base = os.environ.get(CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "stc"
    )
    folder = Path(base) / LAYOUT
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if hasattr(os, "getuid") and (
        info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    ):
        return None
    return folder


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The package version, the Python version and the source of everything that turns a file into a model."""
    from stc import __version__

    digest = hashlib.sha256(
        f"{__version__}|{sys.version_info[:2]}|{pickle.HIGHEST_PROTOCOL}".encode()
    )
    package = resources.files("stc")
    sources = [package / "yaml_reader.py", package / "model_errors.py"]
    sources += sorted(
        (p for p in (package / "models").iterdir() if p.name.endswith(".py")), key=lambda p: p.name
    )
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _key(raw: bytes, model: type[BaseModel]) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(f"|{model.__module__}.{model.__qualname__}|".encode())
    digest.update(raw)
    return digest.hexdigest()


def _read(entry: Path, model: type[M]) -> M | None:
    try:
        info = entry.stat()
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        value = pickle.loads(entry.read_bytes())
    except Exception:  # missing, unreadable or corrupt: read the source instead
        return None
    return value if type(value) is model else None


def _write(entry: Path, value: BaseModel) -> None:
    try:
        handle, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
    except OSError:  # a read-only or full cache never stops a run
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, entry)
    except Exception:
        Path(tmp).unlink(missing_ok=True)
