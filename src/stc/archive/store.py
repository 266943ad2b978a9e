"""The archive on disk: content-addressed files under `<dir>/objects/` and one manifest,
`<dir>/manifest.json`, mapping each source id to its stored file and how it was retrieved."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from stc.errors import DataError, DataErrors
from stc.models.archive import ArchiveManifest, ManifestEntry
from stc.output import write_atomic

DEFAULT_ARCHIVE_DIR = Path("stc-archive")
MANIFEST_NAME = "manifest.json"
OBJECTS_DIR = "objects"
_SOURCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


@dataclass(frozen=True)
class ArchivedDocument:
    source_id: str
    path: Path
    """The stored file (content-addressed: <dir>/objects/<sha256[:2]>/<sha256>)."""
    sha256: str
    content_type: str
    """Media type without parameters: "application/pdf", "text/html", "text/plain", …"""
    retrieved: str
    """ISO 8601 UTC date-time of retrieval, e.g. 2026-12-05T09:30:00Z."""
    fetched_from: str
    """The address actually downloaded (after redirects)."""
    original: bool
    """True if downloaded from the publisher's url; False if from the recorded copy (read_at)."""
    charset: str | None = None
    """The character set the server declared, for text documents."""

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()


def utc_now() -> str:
    """The current time as the archive records it: ISO 8601 UTC to the second."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def manifest_json(manifest: ArchiveManifest) -> str:
    """The manifest's text: sorted keys, two-space indent, one trailing newline. The same
    documents give the same bytes."""
    data = manifest.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Archive:
    """An archive folder. Nothing is written until `add` is called; the folder is created then."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.manifest_path = self.directory / MANIFEST_NAME
        if self.directory.exists() and not self.directory.is_dir():
            raise DataErrors(
                [DataError(str(self.directory), 0, "", "", "the archive must be a folder")]
            )
        self._entries: dict[str, ManifestEntry] = dict(self._read_manifest().documents)

    def _read_manifest(self) -> ArchiveManifest:
        from pydantic import ValidationError

        shown = str(self.manifest_path)
        try:
            text = self.manifest_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ArchiveManifest()
        except UnicodeDecodeError:
            raise DataErrors([DataError(shown, 0, "", "", "not UTF-8 text")]) from None
        try:
            return ArchiveManifest.model_validate_json(text)
        except ValidationError as exc:
            errors = []
            for err in exc.errors():
                loc = [str(part) for part in err["loc"]]
                obj = f"document {loc[1]!r}" if len(loc) > 1 and loc[0] == "documents" else ""
                field = ".".join(loc[2:] if obj else loc)
                line = _json_line(text, loc)
                errors.append(DataError(shown, line, obj, field, err["msg"]))
            raise DataErrors(errors) from None

    # -- reading ----------------------------------------------------------------------------

    def source_ids(self) -> list[str]:
        return sorted(self._entries)

    def __contains__(self, source_id: object) -> bool:
        return source_id in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def object_path(self, sha256: str) -> Path:
        return self.directory / OBJECTS_DIR / sha256[:2] / sha256

    def get(self, source_id: str) -> ArchivedDocument | None:
        entry = self._entries.get(source_id)
        if entry is None:
            return None
        return ArchivedDocument(
            source_id=source_id,
            path=self.object_path(entry.sha256),
            sha256=entry.sha256,
            content_type=entry.content_type,
            retrieved=entry.retrieved,
            fetched_from=entry.fetched_from,
            original=entry.original,
            charset=entry.charset,
        )

    def documents(self) -> list[ArchivedDocument]:
        """Every archived document, by source id."""
        return [doc for sid in self.source_ids() if (doc := self.get(sid)) is not None]

    @property
    def manifest(self) -> ArchiveManifest:
        return ArchiveManifest(documents=dict(self._entries))

    # -- writing ----------------------------------------------------------------------------

    def add(
        self,
        source_id: str,
        data: bytes,
        *,
        content_type: str,
        fetched_from: str,
        original: bool,
        retrieved: str,
        charset: str | None = None,
    ) -> ArchivedDocument:
        """Store `data` under its SHA-256 (once: identical bytes share one file) and record it
        for `source_id`, replacing any earlier record; the manifest is rewritten atomically."""
        sha = hashlib.sha256(data).hexdigest()
        entry = ManifestEntry(
            sha256=sha,
            content_type=content_type.split(";")[0].strip().lower() or "application/octet-stream",
            charset=charset,
            retrieved=retrieved,
            fetched_from=fetched_from,
            original=original,
        )
        if not _SOURCE_ID.fullmatch(source_id):
            raise ValueError(f"not a source id: {source_id!r}")
        path = self.object_path(sha)
        if not (path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
        self._entries[source_id] = entry
        self._write_manifest()
        doc = self.get(source_id)
        assert doc is not None
        return doc

    def _write_manifest(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomic(self.manifest_path, manifest_json(self.manifest).encode("utf-8"))


def _json_line(text: str, loc: list[str]) -> int:
    """The line of the manifest where the object at `loc` starts, as near as can be told
    (the line of its key), else 1."""
    line = 1
    offset = 0
    for key in loc:
        found = text.find(json.dumps(key), offset)
        if found < 0:
            break
        offset = found
        line = text.count("\n", 0, found) + 1
    return line
