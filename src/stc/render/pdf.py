"""PDF exhibits typeset with the `typst` package (no system libraries), split for e-filing
limits."""

from __future__ import annotations

import io
from importlib import resources
from typing import TYPE_CHECKING

from stc.render.exhibit_model import ExhibitDoc

if TYPE_CHECKING:
    from pypdf import PdfReader

EFILING_LIMIT = 25 * 1000 * 1000  # bytes; the immigration court's e-filing limit per file


def render_pdf(
    doc: ExhibitDoc, *, timestamp: int | None = None, pdf_standard: str | None = None
) -> bytes:
    """The exhibit as PDF; a packet passes its fixed date and, on request, a PDF/A level."""
    import typst

    from stc.packet.typeset import as_pdf_standard

    template = resources.files("stc.render").joinpath("templates/exhibit.typ").read_bytes()
    data = {"data": doc.model_dump_json()}
    if timestamp is not None:  # dated from the fixed timestamp (PDF/A requires a date)
        template += b"\n#set document(date: auto)\n"
    if pdf_standard is not None:
        return typst.compile(
            template,
            sys_inputs=data,
            timestamp=timestamp,
            pdf_standards=[as_pdf_standard(pdf_standard)],
        )
    return typst.compile(template, sys_inputs=data, timestamp=timestamp)


def split_pdf(pdf: bytes, limit: int = EFILING_LIMIT) -> list[bytes]:
    """Split a PDF into consecutive parts each under `limit` bytes; each part starts with an
    index page saying which pages of the whole it holds. One part if it already fits."""
    if len(pdf) <= limit:
        return [pdf]
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    ranges: list[tuple[int, int]] = []
    start = 0
    while start < total:
        # grow the part page by page while it (with its index page) stays under the limit;
        # a single page over the limit still makes a part of its own
        end = start + 1
        while end < total and len(_part(reader, start, end + 1, 1, 99, total)) <= limit:
            end += 1
        ranges.append((start, end))
        start = end
    return [_part(reader, s, e, n + 1, len(ranges), total) for n, (s, e) in enumerate(ranges)]


def _part(reader: PdfReader, start: int, end: int, number: int, parts: int, total: int) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    if parts:
        for page in PdfReader(io.BytesIO(_index_pdf(number, parts, start, end, total))).pages:
            writer.add_page(page)
    for i in range(start, end):
        writer.add_page(reader.pages[i])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_INDEX = b"""#let d = json(bytes(sys.inputs.data))
#set document(date: none)
#set page(paper: "us-letter", margin: 1in)
#align(center)[#text(size: 16pt, weight: "bold")[Part #d.number of #d.parts]]
#v(1em)
This file holds pages #d.first to #d.last of the #d.total pages of the exhibit. \
It was split so that each file stays under the e-filing size limit; \
the parts are to be read in order.
"""


def _index_pdf(number: int, parts: int, start: int, end: int, total: int) -> bytes:
    import json

    import typst

    data = json.dumps(
        {"number": number, "parts": parts, "first": start + 1, "last": end, "total": total}
    )
    return typst.compile(_INDEX, sys_inputs={"data": data})
