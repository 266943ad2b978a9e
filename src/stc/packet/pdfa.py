"""PDF/A identification for a file assembled from Typst-made pages: the output intent copied
from a Typst PDF/A document, and XMP metadata agreeing with the document information. stc
declares the level; it does not validate conformance (no validator ships with it)."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from pypdf import PdfWriter

PDFAID_NS = "http://www.aiim.org/pdfa/ns/id/"


def _parts(standard: str) -> tuple[str, str | None]:
    """'a-2b' -> ('2', 'B'); 'a-4' -> ('4', None)."""
    level = standard.removeprefix("a-")
    return level[0], (level[1:].upper() or None)


def _xmp(standard: str, title: str, when: str, producer: str) -> bytes:
    part, conformance = _parts(standard)
    ident = f"<pdfaid:part>{part}</pdfaid:part>"
    ident += (
        f"<pdfaid:conformance>{conformance}</pdfaid:conformance>"
        if conformance
        else "<pdfaid:rev>2020</pdfaid:rev>"
    )
    t = escape(title)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" '
        f'xmlns:pdfaid="{PDFAID_NS}" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"{ident}"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li></rdf:Alt></dc:title>'
        "<dc:format>application/pdf</dc:format>"
        f"<xmp:CreateDate>{when}</xmp:CreateDate><xmp:ModifyDate>{when}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{when}</xmp:MetadataDate>"
        f"<xmp:CreatorTool>{escape(producer)}</xmp:CreatorTool>"
        f"<pdf:Producer>{escape(producer)}</pdf:Producer>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


def set_metadata(
    writer: PdfWriter,
    title: str,
    timestamp: int,
    producer: str,
    standard: str | None,
    typst_pdfa: bytes | None,
) -> None:
    """Document information with a fixed date; with a standard, the PDF/A identification and
    the output intent of `typst_pdfa` (a Typst PDF/A document of the same level)."""
    from pypdf import PdfReader
    from pypdf.generic import NameObject

    when = dt.datetime.fromtimestamp(timestamp, dt.UTC)
    pdf_date = when.strftime("D:%Y%m%d%H%M%S+00'00'")
    writer.add_metadata(
        {
            "/Title": title,
            "/Producer": producer,
            "/Creator": producer,
            "/CreationDate": pdf_date,
            "/ModDate": pdf_date,
        }
    )
    if standard is None or typst_pdfa is None:
        return
    source = PdfReader(io.BytesIO(typst_pdfa))
    intents = source.root_object.get("/OutputIntents")
    if intents is not None:
        writer.root_object[NameObject("/OutputIntents")] = intents.clone(writer)
    writer.pdf_header = "%PDF-2.0" if standard == "a-4" else "%PDF-1.7"
    writer.xmp_metadata = _xmp(standard, title, when.strftime("%Y-%m-%dT%H:%M:%SZ"), producer)


def declared_standard(pdf: bytes) -> str | None:
    """The PDF/A level a file declares in its XMP metadata, e.g. 'a-2b'; None if none."""
    from pypdf import PdfReader

    xmp = PdfReader(io.BytesIO(pdf)).xmp_metadata
    if xmp is None:
        return None
    text = xmp.stream.get_data().decode("utf-8", errors="replace")
    part = re.search(r"pdfaid:part(?:>|=\")(\d)", text)
    if not part:
        return None
    conformance = re.search(r"pdfaid:conformance(?:>|=\")([ABUabu])", text)
    return f"a-{part.group(1)}" + (conformance.group(1).lower() if conformance else "")
