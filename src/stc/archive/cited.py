"""What the archive covers: the sources each country cites (its own bibliography and the shared
sources its evidence uses) and the evidence items that quote them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stc.corpus import Corpus
    from stc.loaded import CountryBundle
    from stc.models.country import EvidenceItem, Source

_HTTP_ADDRESS = re.compile(r"^(https?://[^\s<>\"']+)")


def copy_address(read_at: str | None) -> str | None:
    """The address of the copy a source was read at, when `read_at` begins with an http(s)
    address (a note after it, such as "(reprint)", is left out); None otherwise."""
    if not read_at:
        return None
    match = _HTTP_ADDRESS.match(read_at.strip())
    return match.group(1).rstrip(".,;:)") if match else None


@dataclass(frozen=True)
class CitedSource:
    country: str
    source: Source


@dataclass(frozen=True)
class QuotedExcerpt:
    country: str
    item: EvidenceItem


def country_sources(bundle: CountryBundle) -> list[Source]:
    """A country's own sources and the shared ones its evidence cites, by id."""
    cited = {item.source for item in bundle.evidence.model.items}
    return [
        entry.source
        for sid, entry in sorted(bundle.sources.items())
        if sid in cited or entry.doc is bundle.bibliography.doc
    ]


def selected_countries(corpus: Corpus, country: str | None) -> list[CountryBundle]:
    """One country (an unknown id is a usage error) or every country, each validated."""
    ids = [country] if country is not None else corpus.country_ids()
    return [corpus.country(cid) for cid in ids]


def cited_sources(corpus: Corpus, country: str | None) -> list[CitedSource]:
    """Every source the chosen countries cite, once each (a shared source under the first
    country, by id, that cites it), ordered by source id."""
    seen: dict[str, CitedSource] = {}
    for bundle in selected_countries(corpus, country):
        for source in country_sources(bundle):
            seen.setdefault(source.id, CitedSource(bundle.id, source))
    return [seen[sid] for sid in sorted(seen)]


def quoted_excerpts(corpus: Corpus, country: str | None) -> list[QuotedExcerpt]:
    """Every evidence item of the chosen countries, in country then file order."""
    return [
        QuotedExcerpt(bundle.id, item)
        for bundle in selected_countries(corpus, country)
        for item in bundle.evidence.model.items
    ]
