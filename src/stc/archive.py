"""STAND-IN for the source archive (branch `archive` builds the real one with the same API).

Only what the packet needs: documents stored by source id with their metadata, their text, and
a passage search. Replaced wholesale when the `archive` branch is merged."""

from __future__ import annotations

import hashlib
import html.parser
import io
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class ArchivedDocument:
    source_id: str
    path: Path
    sha256: str
    content_type: str
    retrieved: str
    fetched_from: str
    original: bool


class Archive:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _meta(self, source_id: str) -> Path:
        return self.directory / f"{source_id}.json"

    def get(self, source_id: str) -> ArchivedDocument | None:
        meta = self._meta(source_id)
        if not meta.is_file():
            return None
        raw = json.loads(meta.read_text(encoding="utf-8"))
        raw["path"] = self.directory / raw["path"]
        return ArchivedDocument(**raw)

    def add(
        self,
        source_id: str,
        data: bytes,
        *,
        content_type: str,
        fetched_from: str,
        original: bool,
        retrieved: str,
    ) -> ArchivedDocument:
        self.directory.mkdir(parents=True, exist_ok=True)
        suffix = {"application/pdf": ".pdf", "text/html": ".html"}.get(content_type, ".txt")
        path = self.directory / f"{source_id}{suffix}"
        path.write_bytes(data)
        doc = ArchivedDocument(
            source_id=source_id,
            path=path,
            sha256=hashlib.sha256(data).hexdigest(),
            content_type=content_type,
            retrieved=retrieved,
            fetched_from=fetched_from,
            original=original,
        )
        meta = {**asdict(doc), "path": path.name}
        self._meta(source_id).write_text(json.dumps(meta), encoding="utf-8")
        return doc


class _Text(html.parser.HTMLParser):
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "section"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def document_text(doc: ArchivedDocument) -> str:
    data = doc.path.read_bytes()
    if doc.content_type == "application/pdf":
        from pypdf import PdfReader

        return "\n\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    text = data.decode("utf-8", errors="replace")
    if doc.content_type == "text/html":
        parser = _Text()
        parser.feed(text)
        text = "".join(parser.parts)
    paragraphs = [re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def find_passage(text: str, excerpt: str) -> tuple[int, int] | None:
    words = excerpt.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    found = re.search(pattern, text, flags=re.IGNORECASE)
    return (found.start(), found.end()) if found else None
