"""Citation formatting in one place: structured citations in Bluebook-like form, bibliography
entries, links to official text, and the table of authorities.

citeurl (imported only where needed) supplies the links to official text for the U.S. Code,
public laws, the Statutes at Large, the C.F.R. and the Federal Register, and checks that each
rendered citation of those kinds parses back as the authority it names. Cases and treaties link
to the address recorded with the citation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from stc.models.citation import (
    CaseCitation,
    Citation,
    FederalRegisterCitation,
    PublicLawCitation,
    RegulationCitation,
    SourceCitation,
    StatuteCitation,
    TreatyCitation,
)
from stc.models.country import Source

MONTHS = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)


def bluebook_date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def date_words(date: dt.date, basis: str) -> str:
    """A source's date as a citation gives it: the stated date; for an undated document the
    month it was dated to from its contents ("undated; about June 2019"), or the day it was read
    ("undated; last visited ...")."""
    if basis == "inferred":
        return f"undated; about {MONTHS[date.month - 1]} {date.year}"
    if basis == "accessed":
        return f"undated; last visited {bluebook_date(date)}"
    return bluebook_date(date)


def source_date(source: Source) -> str:
    return date_words(source.date, source.date_basis)


_ADDRESS = re.compile(r"https?://\S+")


def copy_read(read_at: str | None, unpublished: bool = False) -> str | None:
    """Where the text was read when not at the publisher's address, in words for a reader: the
    copy's public address, "unpublished" for a document never made public (a declaration, a
    filing not online), or "a copy kept by the project" (never a local path); None when the
    text was read at the publisher's address."""
    if not read_at:
        return None
    found = _ADDRESS.search(read_at)
    if found:
        return f"copy read at {found.group(0).rstrip('.,;)')}"
    if unpublished:
        return "unpublished; not publicly available"
    return "read in a copy kept by the project"


def format_source(source: Source, locator: str | None = None) -> str:
    """A bibliography entry: author or publisher, title, date, pinpoint, address."""
    who = f"{source.author}, {source.publisher}" if source.author else source.publisher
    when = source_date(source)
    pin = f", {locator}" if locator else ""
    where = f", {source.url}" if source.url else ""
    if source.kind == "press":
        return f"{source.title}, {who} ({when}){pin}{where}"
    return f"{who}, {source.title} ({when}){pin}{where}"


def format_citation(c: Citation, sources: Mapping[str, Source] | None = None) -> str:
    """One structured citation in the project's Bluebook-like form."""
    if isinstance(c, StatuteCitation):
        usc = f"{c.usc_title} U.S.C. § {c.usc_section}" + (" note" if c.statutory_note else "")
        return f"INA § {c.ina_section}, {usc}" if c.ina_section else usc
    if isinstance(c, PublicLawCitation):
        name = f"{c.name}, " if c.name else ""
        div = f", div. {c.division}" if c.division else ""
        sec = f", § {c.section}" if c.section else ""
        pin = f", {c.stat_pinpoint}" if c.stat_pinpoint else ""
        return (
            f"{name}Pub. L. No. {c.number}{div}{sec}, {c.stat_volume} Stat. {c.stat_page}{pin} "
            f"({c.year})"
        )
    if isinstance(c, RegulationCitation):
        return f"{c.cfr_title} C.F.R. § {c.section}"
    if isinstance(c, FederalRegisterCitation):
        pin = f", {c.pinpoint:,}" if c.pinpoint else ""
        return f"{c.volume} Fed. Reg. {c.page:,}{pin} ({bluebook_date(c.date)})"
    if isinstance(c, CaseCitation):
        # a neutral citation ("[2023] UKSC 42") stands as it is; a docket number takes "No."
        docket = (c.docket if c.docket.startswith("[") else f"No. {c.docket}") if c.docket else ""
        where = c.reporter or docket
        pin = f", {c.pinpoint}" if c.pinpoint else ""
        court = "" if c.court == "U.S." else f"{c.court} "
        return f"{c.name}{', ' + where if where else ''}{pin} ({court}{c.year})"
    if isinstance(c, TreatyCitation):
        return f"{c.name}, art. {c.article}" if c.article else c.name
    if isinstance(c, SourceCitation):
        if sources is not None and c.source in sources:
            return format_source(sources[c.source], c.locator)
        return f"[{c.source}]" + (f", {c.locator}" if c.locator else "")
    raise TypeError(f"not a citation: {c!r}")  # pragma: no cover


# --------------------------------------------------------------------- official text (citeurl)


@lru_cache(maxsize=1)
def _citator() -> Any:
    from citeurl import Citator

    # Only the federal statute, regulation and Federal Register templates: loading every
    # template set costs about a second, these about a tenth of that.
    return Citator(defaults=["general federal law"])


PARSEABLE = (StatuteCitation, PublicLawCitation, RegulationCitation, FederalRegisterCitation)


def official_url(c: Citation) -> str | None:
    """The link to official text: citeurl's for statutes, regulations, the Federal Register
    and reporter citations it knows; else the address recorded with the citation."""
    if isinstance(c, (SourceCitation, TreatyCitation, CaseCitation)):
        return c.url
    text = format_citation(c)
    if isinstance(c, StatuteCitation):
        text = f"{c.usc_title} U.S.C. § {c.usc_section}"
    found = list(_citator().list_cites(text))
    return found[0].URL if found and found[0].URL else c.url


def _core(c: Citation) -> str:
    """The part of a rendered citation that citeurl must read back whole."""
    if isinstance(c, StatuteCitation):
        return f"{c.usc_title} U.S.C. § {c.usc_section}"
    if isinstance(c, RegulationCitation):
        return f"{c.cfr_title} C.F.R. § {c.section}"
    if isinstance(c, FederalRegisterCitation):
        return f"{c.volume} Fed. Reg. {c.page:,}"
    if isinstance(c, PublicLawCitation):
        return f"Pub. L. No. {c.number}"
    return format_citation(c)


def check_citation(c: Citation) -> str | None:
    """None if citeurl reads the rendered citation back whole as the authority it names;
    else the problem. (The models' patterns reject malformed citations first; this is the
    second reading, by an independent parser.)"""
    if not isinstance(c, PARSEABLE):
        return None
    core = _core(c)
    found = [x.text for x in _citator().list_cites(core)]
    if core not in found:
        return (
            f"citation {format_citation(c)!r} is not read back whole as a {c.type} citation "
            f"(read: {found or 'nothing'})"
        )
    return None


# --------------------------------------------------------------------- table of authorities

HEADINGS = ("Cases", "Statutes", "Public laws", "Regulations", "Federal Register", "Treaties")
_HEADING_OF = {
    CaseCitation: "Cases",
    StatuteCitation: "Statutes",
    PublicLawCitation: "Public laws",
    RegulationCitation: "Regulations",
    FederalRegisterCitation: "Federal Register",
    TreatyCitation: "Treaties",
}


@dataclass
class Authority:
    heading: str
    text: str
    url: str | None
    verification: str
    cited_at: list[str] = field(default_factory=list)


def _key(c: Citation) -> tuple[Any, ...]:
    """Citations of one authority share a key; an INA section merges with its U.S.C. parallel."""
    if isinstance(c, StatuteCitation):
        return ("usc", c.usc_title, c.usc_section, c.statutory_note)
    if isinstance(c, CaseCitation):
        return ("case", c.name, c.reporter or c.docket)
    if isinstance(c, FederalRegisterCitation):
        return ("fr", c.volume, c.page)
    if isinstance(c, TreatyCitation):
        return ("treaty", c.name, c.article)
    return (c.type, format_citation(c))


_RANK = {"V1": 0, "V2": 1, "V3-weak": 2, "not-seen": 3}


def table_of_authorities(
    cited: Iterable[tuple[Citation, str]], with_links: bool = True
) -> dict[str, list[Authority]]:
    """Group (citation, where cited) pairs into a table of authorities, one entry per authority,
    sorted within each heading; where one authority is cited in several forms the fullest form
    (an INA section with its U.S.C. parallel) and the best verification are kept."""
    entries: dict[tuple[Any, ...], Authority] = {}
    for c, where in cited:
        heading = _HEADING_OF.get(type(c))
        if heading is None:
            continue
        key = _key(c)
        text = format_citation(c)
        if isinstance(c, FederalRegisterCitation):
            text = f"{c.volume} Fed. Reg. {c.page:,} ({bluebook_date(c.date)})"
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = Authority(heading, text, None, c.verification)
            if with_links:
                entry.url = official_url(c)
        elif len(text) > len(entry.text) and not isinstance(c, FederalRegisterCitation):
            entry.text = text
        if _RANK[c.verification] < _RANK[entry.verification]:
            entry.verification = c.verification
        if where not in entry.cited_at:
            entry.cited_at.append(where)
    table: dict[str, list[Authority]] = {h: [] for h in HEADINGS}
    for entry in entries.values():
        table[entry.heading].append(entry)
    for heading in table:
        table[heading].sort(key=lambda a: a.text.lower())
    return {h: v for h, v in table.items() if v}
