"""Each cited source as the packet attaches it: the archived original PDF as it is, or the
archived text rendered with the cited passages highlighted, or a note that it is missing.

Original PDFs are not altered: the cited passages and the pages where they were found are
listed on the tab page before the document (docs/exhibits.md says why)."""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from stc.archive import ArchivedDocument
from stc.models.country import EvidenceItem, Source
from stc.packet.model import Paragraph, Passage, Segment, Tab

_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\n\s*\n|\s*\Z)", re.DOTALL)


@dataclass(frozen=True)
class Attachment:
    tab: Tab
    pdf: bytes | None  # the original PDF, attached as is


def _joined_pages(doc: ArchivedDocument, data: bytes) -> tuple[str, list[int]] | None:
    """The PDF's text, pages joined by blank lines, with each page's start offset; None when
    pypdf cannot read it or it is encrypted (its pages could not be attached)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from stc.archive import document_pages

    try:
        if PdfReader(io.BytesIO(data)).is_encrypted:
            return None
        texts = document_pages(doc)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError):
        return None
    starts, offset = [], 0
    for t in texts:
        starts.append(offset)
        offset += len(t) + 2
    return "\n\n".join(texts), starts


def when_retrieved(retrieved: str) -> str:
    """'2026-12-05T09:30:00Z' as '2026-12-05 at 09:30 UTC'; anything else as it is."""
    if len(retrieved) >= 16 and retrieved[10] == "T":
        return f"{retrieved[:10]} at {retrieved[11:16]} UTC"
    return retrieved


def _pages_of(span: tuple[int, int], starts: list[int]) -> list[int]:
    first = max(i for i, s in enumerate(starts) if s <= span[0])
    last = max(i for i, s in enumerate(starts) if s <= max(span[1] - 1, span[0]))
    return list(range(first + 1, last + 2))


def paragraphs_with_highlights(text: str, spans: list[tuple[int, int]]) -> list[Paragraph]:
    """The text cut into paragraphs (at blank lines), each cut into segments, those inside a
    cited passage marked for highlighting."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    paragraphs = []
    for m in _PARAGRAPH.finditer(text):
        p_start, p_end = m.span()
        cuts = {p_start, p_end}
        for s, e in merged:
            if s < p_end and e > p_start:
                cuts |= {max(s, p_start), min(e, p_end)}
        bounds = sorted(cuts)
        segments = []
        for a, b in itertools.pairwise(bounds):
            if a == b:
                continue
            inside = any(s <= a and b <= e for s, e in merged)
            segments.append(Segment(text=text[a:b], highlight=inside))
        paragraphs.append(Paragraph(segments=segments))
    return paragraphs


def attach(
    exhibit: str,
    source: Source,
    items: list[EvidenceItem],
    archive_dir: Path,
) -> Attachment:
    """The attachment for one cited source, from the archive at `archive_dir`."""
    from stc.archive import Archive, document_text, find_passage

    date = source.date.isoformat()
    doc = Archive(archive_dir).get(source.id)

    def passages(found: dict[str, tuple[bool, list[int]]]) -> list[Passage]:
        return [
            Passage(
                item=i.id,
                locator=i.locator,
                excerpt=i.excerpt,
                translation=i.excerpt_translation,
                found=found.get(i.id, (False, []))[0],
                pages=found.get(i.id, (False, []))[1],
            )
            for i in items
        ]

    def tab(
        attached: Literal["original-pdf", "rendered-text", "missing"],
        heading: str,
        cited: list[Passage],
        paragraphs: list[Paragraph],
        note: str,
    ) -> Tab:
        return Tab(
            exhibit=exhibit,
            title=source.title,
            publisher=source.publisher,
            date=date,
            url=source.url,
            attached=attached,
            heading=heading,
            sha256=doc.sha256 if doc else None,
            retrieved=doc.retrieved if doc else None,
            fetched_from=doc.fetched_from if doc else None,
            passages=cited,
            paragraphs=paragraphs,
            note=note,
        )

    if doc is None or not doc.path.is_file():
        doc = None
        return Attachment(
            tab(
                "missing",
                "",
                passages({}),
                [],
                "The document is not in the archive and is not attached.",
            ),
            None,
        )
    when = when_retrieved(doc.retrieved)
    copy = "" if doc.original else " (a copy, not the publisher's own file)"
    data = doc.path.read_bytes()
    if doc.content_type == "application/pdf" or data[:5] == b"%PDF-":
        whole = _joined_pages(doc, data)
        if whole is None:
            return Attachment(
                tab(
                    "missing",
                    "",
                    passages({}),
                    [],
                    "The archived file is a PDF that could not be read (damaged or encrypted); "
                    "it is not attached. Fetch it again or attach a readable copy by hand.",
                ),
                None,
            )
        text, starts = whole
        found: dict[str, tuple[bool, list[int]]] = {}
        for i in items:
            span = find_passage(text, i.excerpt)
            found[i.id] = (span is not None, _pages_of(span, starts) if span else [])
        return Attachment(
            tab(
                "original-pdf",
                f"The document as retrieved from {doc.fetched_from} on {when}"
                f"{copy}, attached unaltered but for the page stamps "
                f"(SHA-256 of the file retrieved: {doc.sha256}).",
                passages(found),
                [],
                "The passages cited are listed above with the pages of the attached "
                "document where they were found; the document itself is attached "
                "without marks.",
            ),
            data,
        )
    text = document_text(doc)
    spans: dict[str, tuple[int, int]] = {}
    for i in items:
        span = find_passage(text, i.excerpt)
        if span is not None:
            spans[i.id] = span
    return Attachment(
        tab(
            "rendered-text",
            f"Text of the document as retrieved from {doc.fetched_from} on {when}"
            f"{copy}, SHA-256 {doc.sha256}. Rendered from the retrieved text by stc; the "
            "layout is not the publisher's. Passages cited are highlighted.",
            passages({k: (True, []) for k in spans}),
            paragraphs_with_highlights(text, list(spans.values())),
            "The passages cited are highlighted in the text that follows.",
        ),
        None,
    )
