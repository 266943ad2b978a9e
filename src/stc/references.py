"""Cross-file checks: duplicate ids and references to things that do not exist.

Errors stop a command (exit 2). Warnings are reported by `stc validate`, and fail it under
--strict (exit 1).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from stc.errors import DataError, DataErrors
from stc.loaded import SourceEntry
from stc.models.citation import (
    CaseCitation,
    FederalRegisterCitation,
    PublicLawCitation,
    RegulationCitation,
    SourceCitation,
    StatuteCitation,
    TreatyCitation,
)
from stc.yaml_reader import PathKey, YamlDocument

if TYPE_CHECKING:
    from stc.loaded import CountryBundle, Loaded
    from stc.models.country import Bibliography, EvidenceItem, Source
    from stc.models.criteria import Framework
    from stc.models.profile import Profile
    from stc.models.vocabulary import Vocabulary


CITATION_TYPES = (
    StatuteCitation,
    PublicLawCitation,
    RegulationCitation,
    FederalRegisterCitation,
    CaseCitation,
    TreatyCitation,
    SourceCitation,
)


def _err(doc: YamlDocument, path: PathKey, obj: str, field: str, message: str) -> DataError:
    return DataError(doc.display, doc.line(path), obj, field, message)


def _duplicates(doc: YamlDocument, list_key: str, ids: list[str], kind: str) -> list[DataError]:
    counts = Counter(ids)
    errors = []
    for index, ident in enumerate(ids):
        if counts[ident] > 1 and ids.index(ident) != index:
            first = doc.line((list_key, ids.index(ident)))
            errors.append(
                _err(
                    doc,
                    (list_key, index, "id"),
                    f"{kind}(id={ident!r})",
                    "id",
                    f"duplicate id (first at line {first})",
                )
            )
    return errors


def _raise(errors: list[DataError]) -> None:
    if errors:
        raise DataErrors(errors)


def check_vocabulary(loaded: Loaded[Vocabulary]) -> None:
    vocab, doc = loaded.model, loaded.doc
    errors = _duplicates(doc, "indicators", [i.id for i in vocab.indicators], "IndicatorDef")
    errors += _duplicates(doc, "groups", [g.id for g in vocab.groups], "GroupDef")
    errors += _duplicates(doc, "undercutters", [u.id for u in vocab.undercutters], "UndercutterDef")
    errors += _duplicates(doc, "quantities", [q.id for q in vocab.quantities], "QuantityDef")
    errors += _duplicates(doc, "defeaters", [d.id for d in vocab.defeaters], "DefeaterDef")
    indicators = {i.id for i in vocab.indicators}
    for n, q in enumerate(vocab.quantities):
        if q.indicator not in indicators:
            errors.append(
                _err(
                    doc,
                    ("quantities", n, "indicator"),
                    f"QuantityDef(id={q.id!r})",
                    "indicator",
                    f"unknown indicator {q.indicator!r}",
                )
            )
    _raise(errors)


def check_framework(loaded: Loaded[Framework], vocab: Vocabulary) -> None:
    fw, doc = loaded.model, loaded.doc
    indicators = {i.id for i in vocab.indicators}
    defeaters = {d.id for d in vocab.defeaters}
    standards = {s.id for s in fw.proof_standards}
    errors = _duplicates(doc, "criteria", [c.id for c in fw.criteria], "Criterion")
    errors += _duplicates(
        doc, "proof_standards", [s.id for s in fw.proof_standards], "ProofStandard"
    )
    errors += _duplicates(doc, "caveats", [c.id for c in fw.caveats], "Caveat")
    for ci, crit in enumerate(fw.criteria):
        obj = f"Criterion(id={crit.id!r})"
        if crit.standard is not None and crit.standard not in standards:
            errors.append(
                _err(
                    doc,
                    ("criteria", ci, "standard"),
                    obj,
                    "standard",
                    f"unknown proof standard {crit.standard!r}; defined: "
                    f"{', '.join(sorted(standards))}",
                )
            )
        seen: set[str] = set()
        for ii, use in enumerate(crit.indicators):
            if use.id not in indicators:
                errors.append(
                    _err(
                        doc,
                        ("criteria", ci, "indicators", ii, "id"),
                        obj,
                        f"indicators[{ii}]",
                        f"unknown indicator {use.id!r} (not in criteria/vocabulary.yaml)",
                    )
                )
            if use.id in seen:
                errors.append(
                    _err(
                        doc,
                        ("criteria", ci, "indicators", ii, "id"),
                        obj,
                        f"indicators[{ii}]",
                        f"indicator {use.id!r} listed twice",
                    )
                )
            seen.add(use.id)
        for di, defeater in enumerate(crit.defeaters):
            if defeater.id not in defeaters:
                errors.append(
                    _err(
                        doc,
                        ("criteria", ci, "defeaters", di, "id"),
                        obj,
                        f"defeaters[{di}]",
                        f"unknown defeater {defeater.id!r} (not in criteria/vocabulary.yaml)",
                    )
                )
    missing = sorted({u.id for u in vocab.undercutters} - set(fw.parameters.undercutters))
    if missing:
        errors.append(
            _err(
                doc,
                ("parameters", "undercutters"),
                "Parameters",
                "undercutters",
                f"no factor for {', '.join(missing)} (defined in criteria/vocabulary.yaml)",
            )
        )
    unknown = sorted(set(fw.parameters.undercutters) - {u.id for u in vocab.undercutters})
    if unknown:
        errors.append(
            _err(
                doc,
                ("parameters", "undercutters"),
                "Parameters",
                "undercutters",
                f"{', '.join(unknown)} not in criteria/vocabulary.yaml",
            )
        )
    _raise(errors)


def _citations(value: Any, path: PathKey) -> Iterable[tuple[PathKey, Any]]:
    """Every structured citation inside a model, with its path."""
    if isinstance(value, CITATION_TYPES):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _citations(item, (*path, i))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _citations(getattr(value, name), (*path, name))


def _source_citations(value: Any, path: PathKey) -> Iterable[tuple[PathKey, SourceCitation]]:
    """Every source citation inside a model, with its path."""
    for where, cit in _citations(value, path):
        if isinstance(cit, SourceCitation):
            yield where, cit


def citation_errors(model: BaseModel, doc: YamlDocument) -> list[DataError]:
    """Citations that citeurl cannot read back as the authority they name (stc validate)."""
    from stc.citations import check_citation

    errors = []
    for path, cit in _citations(model, ()):
        problem = check_citation(cit)
        if problem:
            errors.append(
                _err(doc, path, type(cit).__name__, ".".join(str(p) for p in path), problem)
            )
    return errors


def item_errors(
    edoc: YamlDocument,
    at: PathKey,
    items: Sequence[EvidenceItem],
    sources: set[str],
    vocab: Vocabulary,
    scope: str,
) -> list[DataError]:
    """Evidence items whose references do not resolve: sources, indicators, groups,
    undercutters, quantities, defeaters, and conflicting items among `items` (`scope` says
    which items those are, e.g. "of this country")."""
    errors: list[DataError] = []
    # an item's lists of vocabulary ids: (field, what one is called, the ids the vocabulary has)
    vocabulary_lists = [
        ("indicators", "indicator", {i.id for i in vocab.indicators}),
        ("groups", "group", {g.id for g in vocab.groups}),
        ("undercutters", "undercutter", {u.id for u in vocab.undercutters}),
    ]
    quantities = {q.id: q for q in vocab.quantities}
    defeater_ids = {d.id for d in vocab.defeaters}
    item_ids = {i.id for i in items}
    for n, item in enumerate(items):
        obj = f"EvidenceItem(id={item.id!r})"
        base: PathKey = (*at, n)
        if item.source not in sources:
            errors.append(
                _err(
                    edoc,
                    (*base, "source"),
                    obj,
                    "source",
                    f"source {item.source!r} is not in the bibliography",
                )
            )
        for name, noun, known in vocabulary_lists:
            for k, value in enumerate(getattr(item, name)):
                if value not in known:
                    errors.append(
                        _err(
                            edoc,
                            (*base, name, k),
                            obj,
                            name,
                            f"unknown {noun} {value!r} (not in criteria/vocabulary.yaml)",
                        )
                    )
        if item.measure is not None:
            quantity = quantities.get(item.measure.quantity)
            if quantity is None:
                errors.append(
                    _err(
                        edoc,
                        (*base, "measure", "quantity"),
                        obj,
                        "measure.quantity",
                        f"unknown quantity {item.measure.quantity!r} (not in "
                        "criteria/vocabulary.yaml)",
                    )
                )
            elif quantity.indicator not in item.indicators:
                errors.append(
                    _err(
                        edoc,
                        (*base, "measure", "quantity"),
                        obj,
                        "measure.quantity",
                        f"{quantity.id} measures indicator {quantity.indicator!r}, which the "
                        "item does not list",
                    )
                )
        for k, defeater in enumerate(item.establishes):
            if defeater not in defeater_ids:
                errors.append(
                    _err(
                        edoc,
                        (*base, "establishes", k),
                        obj,
                        "establishes",
                        f"unknown defeater {defeater!r} (not in criteria/vocabulary.yaml)",
                    )
                )
        for k, other in enumerate(item.conflicts_with):
            if other == item.id or other not in item_ids:
                errors.append(
                    _err(
                        edoc,
                        (*base, "conflicts_with", k),
                        obj,
                        "conflicts_with",
                        f"{other!r} is not another item {scope}",
                    )
                )
    return errors


def check_country(
    bundle: CountryBundle, shared: Loaded[Bibliography] | None, vocab: Vocabulary, folder: str
) -> None:
    errors: list[DataError] = []
    cdoc, country = bundle.country.doc, bundle.country.model
    if country.id != bundle.id:
        errors.append(
            _err(
                cdoc,
                ("id",),
                f"Country(id={country.id!r})",
                "id",
                f"must match its folder name {bundle.id!r}",
            )
        )
    errors += _duplicates(cdoc, "agreements", [a.id for a in country.agreements], "Agreement")

    # sources: the shared bibliography first, then the country's own; ids unique across both
    entries: dict[str, SourceEntry] = {}
    for loaded in [shared, bundle.bibliography]:
        if loaded is None:
            continue
        for index, source in enumerate(loaded.model.sources):
            if source.id in entries:
                prior = entries[source.id]
                where = f"{prior.doc.display}:{prior.doc.line(('sources', prior.index))}"
                errors.append(
                    _err(
                        loaded.doc,
                        ("sources", index, "id"),
                        f"Source(id={source.id!r})",
                        "id",
                        f"duplicate source id (first at {where})",
                    )
                )
                continue
            entries[source.id] = SourceEntry(source, loaded.doc, index)
    bundle.sources = entries

    edoc, items = bundle.evidence.doc, bundle.evidence.model.items
    errors += _duplicates(edoc, "items", [i.id for i in items], "EvidenceItem")
    errors += item_errors(edoc, ("items",), items, set(entries), vocab, "of this country")
    for path, cit in _source_citations(country, ()):
        if cit.source not in entries:
            errors.append(
                _err(
                    cdoc,
                    path,
                    "Country",
                    ".".join(str(p) for p in path),
                    f"source {cit.source!r} is not in the bibliography",
                )
            )
    _raise(errors)


def check_profile(loaded: Loaded[Profile], vocab: Vocabulary) -> None:
    groups = {g.id for g in vocab.groups}
    profile, doc = loaded.model, loaded.doc
    errors = [
        _err(
            doc,
            ("groups", k),
            f"Profile(id={profile.id!r})",
            "groups",
            f"unknown group {g!r} (not in criteria/vocabulary.yaml)",
        )
        for k, g in enumerate(profile.groups)
        if g not in groups
    ]
    errors += _person_source_errors(loaded)
    errors += _person_item_errors(loaded, vocab)
    _raise(errors)


def _person_source_errors(loaded: Loaded[Profile]) -> list[DataError]:
    """The person's sources: unique ids, citable (a url or marked unpublished), and offered by
    a party (interest 'litigant'), so the interest discount applies to what serves the person."""
    profile, doc = loaded.model, loaded.doc
    errors = _duplicates(doc, "sources", [s.id for s in profile.sources], "Source")
    for index, source in enumerate(profile.sources):
        obj = f"Source(id={source.id!r})"
        if lacks_public_address(source):
            errors.append(
                _err(
                    doc,
                    ("sources", index, "id"),
                    obj,
                    "url",
                    f"the person's source {source.id!r} has no public address: give its url, or "
                    "set unpublished: true (a declaration, an affidavit) and say why in note",
                )
            )
        if "litigant" not in source.interests:
            errors.append(
                _err(
                    doc,
                    ("sources", index, "id"),
                    obj,
                    "interests",
                    f"the person's source {source.id!r} is offered by a party: list 'litigant' "
                    "among its interests",
                )
            )
    return errors


def _person_item_errors(loaded: Loaded[Profile], vocab: Vocabulary) -> list[DataError]:
    """The person's items: one group per receiving country, ids unique across the profile,
    references resolving to the profile's own sources and to the vocabulary, and a translation
    for an excerpt not in English."""
    profile, doc = loaded.model, loaded.doc
    errors: list[DataError] = []
    first: dict[str, int] = {}
    for g, group in enumerate(profile.evidence):
        if group.country in first:
            errors.append(
                _err(
                    doc,
                    ("evidence", g, "country"),
                    f"PersonEvidence(country={group.country!r})",
                    "country",
                    f"a second group for {group.country} (first at line {first[group.country]}): "
                    "put one country's items in one group",
                )
            )
        else:
            first[group.country] = doc.line(("evidence", g))
    sources = {s.id: s for s in profile.sources}
    seen: dict[str, int] = {}
    for g, group in enumerate(profile.evidence):
        at: PathKey = ("evidence", g, "items")
        errors += item_errors(
            doc,
            at,
            group.items,
            set(sources),
            vocab,
            f"of this person's evidence on {group.country}",
        )
        for n, item in enumerate(group.items):
            obj = f"EvidenceItem(id={item.id!r})"
            if item.id in seen:
                errors.append(
                    _err(
                        doc,
                        (*at, n, "id"),
                        obj,
                        "id",
                        f"duplicate item id (first at line {seen[item.id]})",
                    )
                )
            else:
                seen[item.id] = doc.line((*at, n))
            language = untranslated_language(item, sources.get(item.source))
            if language is not None:
                errors.append(
                    _err(
                        doc,
                        (*at, n, "excerpt"),
                        obj,
                        "excerpt_translation",
                        f"the excerpt is in {language!r}: give its English translation in "
                        "excerpt_translation",
                    )
                )
    return errors


def check_person_evidence(
    loaded: Loaded[Profile], bundle: CountryBundle, shared: Loaded[Bibliography] | None
) -> None:
    """The person's items about the assessed country join its evidence: their ids and their
    sources' ids must not repeat the country's (or the shared bibliography's)."""
    profile, doc = loaded.model, loaded.doc
    iso2 = bundle.country.model.iso2
    country_items = {i.id for i in bundle.evidence.model.items}
    country_sources = {s.id for s in bundle.bibliography.model.sources}
    if shared is not None:
        country_sources |= {s.id for s in shared.model.sources}
    where = f"countries/{bundle.id}/"
    errors = [
        _err(
            doc,
            ("sources", index, "id"),
            f"Source(id={source.id!r})",
            "id",
            f"source id {source.id!r} is also a source of the country data ({where}); give the "
            "person's source its own id",
        )
        for index, source in enumerate(profile.sources)
        if source.id in country_sources
    ]
    for g, group in enumerate(profile.evidence):
        if group.country != iso2:
            continue
        errors += [
            _err(
                doc,
                ("evidence", g, "items", n, "id"),
                f"EvidenceItem(id={item.id!r})",
                "id",
                f"item id {item.id!r} is also an item of the country data ({where}); give the "
                "person's item its own id",
            )
            for n, item in enumerate(group.items)
            if item.id in country_items
        ]
    _raise(errors)


def lacks_public_address(source: Source) -> bool:
    """A source a lawyer cannot cite: no public address and not marked as never published."""
    return source.url is None and not source.unpublished


def untranslated_language(item: EvidenceItem, source: Source | None) -> str | None:
    """The language of an item's excerpt when it is not English and the project's English
    translation is missing (the item's own language first, then its source's); else None."""
    language = item.language or (source.language if source is not None else "en")
    return language if language != "en" and not item.excerpt_translation else None


def uncitable_sources(bibliography: Loaded[Bibliography]) -> list[DataError]:
    """Sources a lawyer cannot cite: no public address and not marked as never published."""
    return [
        _err(
            bibliography.doc,
            ("sources", index, "id"),
            f"Source(id={source.id!r})",
            "url",
            f"source {source.id!r} has no public address: give the publisher's address in url, "
            "or, if the document was never published (a declaration, a filing not online), "
            "set unpublished: true and say why in note",
        )
        for index, source in enumerate(bibliography.model.sources)
        if lacks_public_address(source)
    ]


def untranslated_excerpts(bundle: CountryBundle) -> list[DataError]:
    """Items quoting a non-English excerpt without the project's English translation."""
    warnings = []
    for n, item in enumerate(bundle.evidence.model.items):
        entry = bundle.sources.get(item.source)
        language = untranslated_language(item, entry.source if entry is not None else None)
        if language is not None:
            warnings.append(
                _err(
                    bundle.evidence.doc,
                    ("items", n, "excerpt"),
                    f"EvidenceItem(id={item.id!r})",
                    "excerpt_translation",
                    f"item {item.id!r} quotes an excerpt in language {language!r} without an "
                    "English translation: add excerpt_translation (the project's translation), "
                    "or set the item's language if the excerpt is in English",
                )
            )
    return warnings


def country_warnings(bundle: CountryBundle) -> list[DataError]:
    """Things that are legal but suspect; `stc validate --strict` fails on them."""
    warnings: list[DataError] = [*uncitable_sources(bundle.bibliography)]
    warnings.extend(untranslated_excerpts(bundle))
    edoc, items = bundle.evidence.doc, bundle.evidence.model.items
    cited = {i.source for i in items} | {
        c.source for _, c in _source_citations(bundle.country.model, ())
    }
    for index, source in enumerate(bundle.bibliography.model.sources):
        if source.id not in cited:
            warnings.append(
                _err(
                    bundle.bibliography.doc,
                    ("sources", index, "id"),
                    f"Source(id={source.id!r})",
                    "",
                    "not cited by any item or agreement of this country",
                )
            )
    by_id = {i.id: i for i in items}
    for n, item in enumerate(items):
        obj = f"EvidenceItem(id={item.id!r})"
        entry = bundle.sources.get(item.source)
        if entry is not None and item.period.start > entry.source.date:
            warnings.append(
                _err(
                    edoc,
                    ("items", n, "period"),
                    obj,
                    "period",
                    f"starts {item.period.start} after its source is dated {entry.source.date}",
                )
            )
        for other in item.conflicts_with:
            if other in by_id and item.id not in by_id[other].conflicts_with:
                warnings.append(
                    _err(
                        edoc,
                        ("items", n, "conflicts_with"),
                        obj,
                        "conflicts_with",
                        f"{other!r} does not list {item.id!r} back",
                    )
                )
    return warnings


def _source_key(url: str) -> str:
    """An address without scheme, "www." or trailing slash, lower-cased.

    Two spellings of one page match.
    """
    bare = url.split("://", 1)[-1].lower()
    bare = bare.removeprefix("www.")
    return bare.rstrip("/")


def shared_source_warnings(bundles: Iterable[CountryBundle]) -> list[DataError]:
    """A source that two countries define separately (same address, or same copy read) belongs in
    countries/sources.yaml, defined once; otherwise its grade and family can drift apart."""
    first: dict[str, tuple[str, str]] = {}
    warnings: list[DataError] = []
    for bundle in bundles:
        doc = bundle.bibliography.doc
        for index, source in enumerate(bundle.bibliography.model.sources):
            addresses = (
                ("url", source.url or ""),
                ("read_at", (source.read_at or "").split(" ", 1)[0]),
            )
            keys = [
                (field, _source_key(address)) for field, address in addresses if "://" in address
            ]
            clash = next(
                (
                    (field, first[key])
                    for field, key in keys
                    if key in first and first[key][0] != bundle.id
                ),
                None,
            )
            if clash is not None:
                field, (country, sid) = clash
                warnings.append(
                    _err(
                        doc,
                        ("sources", index, field),
                        f"Source(id={source.id!r})",
                        field,
                        f"the same address as source {sid!r} of {country}; define it once in "
                        "countries/sources.yaml",
                    )
                )
            for _, key in keys:
                first.setdefault(key, (bundle.id, source.id))
    return warnings
