"""The plain text of an archived document: HTML through the standard library's parser, PDF
through pypdf (page by page), anything else decoded as text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stc.archive.store import ArchivedDocument

PAGE_BREAK = "\n\f\n"
"""Between the pages of a PDF's text."""

_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
        "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
        "td", "th", "tr", "ul", "title",
    }
)  # fmt: skip
_SOURCE_BREAKS = re.compile(r"[\r\n\t\f\v]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIPPED:
            self._skip_depth += 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIPPED and self._skip_depth:
            self._skip_depth -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title or not self._skip_depth:
            self.parts.append(_SOURCE_BREAKS.sub(" ", data))


def html_text(markup: str) -> str:
    """The text a reader sees in an HTML page (scripts and styles left out; the title kept),
    block elements on lines of their own."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, in order."""
    import io
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(data))
    return [page.extract_text() or "" for page in reader.pages]


def decode(data: bytes, charset: str | None) -> str:
    """Bytes to text: the declared character set if Python knows it, else UTF-8, else
    Windows-1252 (which decodes any byte)."""
    for candidate in (charset, "utf-8"):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def sniff_type(data: bytes) -> str:
    """A media type told from the bytes themselves, for servers that send none or a wrong one."""
    head = data[:1024].lstrip().lower()
    if data[:5] == b"%PDF-":
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<head" in head:
        return "text/html"
    return "text/plain"


def _kind(content_type: str, data: bytes) -> str:
    if content_type == "application/pdf" or data[:5] == b"%PDF-":
        return "pdf"
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if content_type.startswith("text/") or content_type.endswith(("+xml", "/xml", "/json")):
        return "text"
    return {"application/pdf": "pdf", "text/html": "html"}.get(sniff_type(data), "text")


def document_pages(doc: ArchivedDocument) -> list[str]:
    """A document's text page by page: a PDF's pages; HTML or text as a single page."""
    data = doc.path.read_bytes()
    kind = _kind(doc.content_type, data)
    if kind == "pdf":
        return pdf_pages(data)
    if kind == "html":
        charset = doc.charset
        if charset is None and (meta := _META_CHARSET.search(data[:4096])):
            charset = meta.group(1).decode("ascii")
        return [html_text(decode(data, charset))]
    return [decode(data, doc.charset)]


def document_text(doc: ArchivedDocument) -> str:
    """The plain text of an archived document (a PDF's pages separated by a form feed)."""
    return PAGE_BREAK.join(document_pages(doc))
