"""The source archive: a local, content-addressed copy of every cited document, so that each
excerpt can be checked against the text it quotes and a filing can attach what was read.

    Archive(directory)           the folder: objects/<sha256[:2]>/<sha256> and manifest.json
    ArchivedDocument             one stored document and how it was retrieved
    document_text(doc)           its plain text (HTML, PDF, text)
    find_passage(text, excerpt)  where an excerpt is in a text, tolerantly

Downloading (stc.archive.fetch) and checking excerpts (stc.archive.verify) build on these.
"""

from __future__ import annotations

from stc.archive.passage import find_passage
from stc.archive.store import DEFAULT_ARCHIVE_DIR, Archive, ArchivedDocument
from stc.archive.text import document_pages, document_text

__all__ = [
    "DEFAULT_ARCHIVE_DIR",
    "Archive",
    "ArchivedDocument",
    "document_pages",
    "document_text",
    "find_passage",
]
