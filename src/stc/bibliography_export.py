"""A country's sources as CSL-JSON and RIS, for Zotero and other reference managers.

Only what the source records is given: the date goes into the date field only when the document
states it; a date the project inferred from the contents, or an undated document's reading date,
is said so in the note instead. The address is the publisher's; a copy read elsewhere is named
in the note."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence

from stc.models.common import SourceKind
from stc.models.country import Source
from stc.models.csl import CslDate, CslItem, CslName, CslType

CSL_TYPE: dict[SourceKind, CslType] = {
    "receiving-government": "report",
    "us-government": "report",
    "other-government": "report",
    "un": "report",
    "intergovernmental": "report",
    "court": "legal_case",
    "ngo": "report",
    "academic": "article-journal",
    "press": "article-newspaper",
    "other": "document",
}
RIS_TYPE: dict[CslType, str] = {
    "report": "RPRT",
    "legal_case": "CASE",
    "article-journal": "JOUR",
    "article-newspaper": "NEWS",
    "webpage": "ELEC",
    "document": "GEN",
}


def _parts(d: dt.date) -> CslDate:
    return CslDate(date_parts=[[d.year, d.month, d.day]])


def source_notes(source: Source) -> list[str]:
    """What a reader of the citation must know that has no field of its own."""
    notes = []
    if source.date_basis == "inferred":
        notes.append(
            f"Date inferred, not stated: the stc project dated this document "
            f"{source.date.isoformat()} from its contents."
        )
    elif source.date_basis == "accessed":
        notes.append(f"Undated; read on {source.date.isoformat()}.")
    if source.read_at:
        notes.append(f"Text read at a copy: {' '.join(source.read_at.split())}")
    if source.unpublished:
        notes.append("Unpublished document.")
    return notes


def accessed_date(source: Source, retrieved: Mapping[str, dt.date]) -> dt.date | None:
    """When the text was accessed: the archive's retrieval date if archived, else the reading
    date of an undated document, else unknown."""
    if source.id in retrieved:
        return retrieved[source.id]
    return source.date if source.date_basis == "accessed" else None


def csl_item(source: Source, retrieved: Mapping[str, dt.date]) -> CslItem:
    kind = CSL_TYPE[source.kind]
    accessed = accessed_date(source, retrieved)
    notes = source_notes(source)
    return CslItem(
        id=source.id,
        type=kind,
        title=source.title,
        author=[CslName(literal=source.author)] if source.author else None,
        publisher=None if kind == "legal_case" else source.publisher,
        container_title=source.publisher if kind == "article-newspaper" else None,
        authority=source.publisher if kind == "legal_case" else None,
        issued=_parts(source.date) if source.date_basis == "stated" else None,
        accessed=_parts(accessed) if accessed else None,
        URL=source.url,
        language=source.language,
        note=" ".join(notes) if notes else None,
    )


def csl_json(sources: Sequence[Source], retrieved: Mapping[str, dt.date] | None = None) -> str:
    """A CSL-JSON array, one item a source, in the order given; stable byte for byte."""
    items = [
        csl_item(s, retrieved or {}).model_dump(mode="json", by_alias=True, exclude_none=True)
        for s in sources
    ]
    return json.dumps(items, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _ris_date(d: dt.date) -> str:
    return f"{d.year:04d}/{d.month:02d}/{d.day:02d}"


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def ris(sources: Sequence[Source], retrieved: Mapping[str, dt.date] | None = None) -> str:
    """RIS records, one a source, in the order given."""
    records = []
    for source in sources:
        item = csl_item(source, retrieved or {})
        lines = [_line("TY", RIS_TYPE[item.type]), _line("ID", item.id), _line("TI", item.title)]
        if source.author:
            lines.append(_line("AU", source.author))
        lines.append(_line("PB", source.publisher))
        if item.container_title:
            lines.append(_line("T2", item.container_title))
        if source.date_basis == "stated":
            lines.append(_line("PY", str(source.date.year)))
            lines.append(_line("DA", _ris_date(source.date)))
        if item.URL:
            lines.append(_line("UR", item.URL))
        accessed = accessed_date(source, retrieved or {})
        if accessed:
            lines.append(_line("Y2", _ris_date(accessed)))
        lines.append(_line("LA", source.language))
        if item.note:
            lines.append(_line("N1", item.note))
        lines.append("ER  - ")
        records.append("\n".join(lines))
    return "\n\n".join(records) + "\n"
