"""One assessment from a data folder: load, evaluate, assemble the verdict tree."""

from __future__ import annotations

import datetime as dt

from stc import __version__
from stc.corpus import Corpus, fingerprint
from stc.models.result import Assessment, CountryRef, FrameworkRef, Reference, SourceUse
from stc.reasoning import Case, agreement_statuses, caveats, evaluate


def build_case(
    corpus: Corpus,
    country_id: str,
    framework_id: str | None,
    profile_ref: str | None,
    as_of: dt.date,
    settings: dict[str, str] | None = None,
    known_by: dt.date | None = None,
) -> Case:
    """Everything one assessment reads, gathered from the data folder: the one place a Case is
    built (assessment, sensitivity, exercises). The person's own items about the country, if
    the profile has any, join the items and are marked as the person's."""
    from stc.whatif import apply_settings

    bundle = corpus.assessed_country(country_id, profile_ref)
    profile = corpus.profile(profile_ref).model if profile_ref else None
    own = profile.items_for(bundle.country.model.iso2) if profile else []
    return Case(
        framework=apply_settings(corpus.framework(framework_id).model, settings or {}),
        vocabulary=corpus.vocabulary.model,
        country=bundle.country.model,
        items=list(bundle.evidence.model.items),
        sources={k: e.source for k, e in bundle.sources.items()},
        profile=profile,
        as_of=as_of,
        known_by=known_by,
        personal=frozenset(i.id for i in own),
    )


def assess(
    corpus: Corpus,
    country_id: str,
    framework_id: str | None = None,
    profile_ref: str | None = None,
    as_of: dt.date | None = None,
    settings: dict[str, str] | None = None,
    known_by: dt.date | None = None,
) -> Assessment:
    """Assess one country. `settings` are what-if changes to the framework (stc.whatif)."""
    when = as_of or dt.date.today()
    known = known_by or when
    framework = corpus.framework(framework_id)
    bundle = corpus.country(country_id)
    profile = corpus.profile(profile_ref) if profile_ref else None
    case = build_case(corpus, country_id, framework_id, profile_ref, when, settings, known)
    fw = case.framework
    results, outcome = evaluate(case)
    files = [corpus.vocabulary.path, framework.path, *bundle.files]
    if corpus.shared_sources is not None:
        files.append(corpus.shared_sources.path)
    if profile is not None:
        files.append(profile.path)
    uses: dict[str, list[str]] = {}
    for item in case.items:
        uses.setdefault(item.source, []).append(item.id)
    sources = [
        SourceUse(
            id=s.id,
            title=s.title,
            publisher=s.publisher,
            date=s.date,
            date_basis=s.date_basis,
            kind=s.kind,
            reliability=s.reliability,
            family=s.family,
            interests=list(s.interests),
            url=s.url,
            read_at=s.read_at,
            unpublished=s.unpublished,
            items=sorted(uses[s.id]),
            personal=any(i in case.personal for i in uses[s.id]),
        )
        for s in sorted(case.sources.values(), key=lambda s: s.id)
        if s.id in uses
    ]
    group_specific = sorted(
        w.item.id for w in case.weighed.values() if w.exclusion == "group-specific"
    )
    country = bundle.country.model
    return Assessment(
        tool_version=__version__,
        framework=FrameworkRef(
            id=fw.id, title=fw.title, comparator=fw.comparator, jurisdiction=fw.jurisdiction
        ),
        country=CountryRef(id=country.id, title=country.name, iso2=country.iso2),
        profile=Reference(id=profile.model.id, title=profile.model.label) if profile else None,
        as_of=when,
        known_by=known,
        fingerprint=fingerprint(files),
        settings=dict(sorted((settings or {}).items())),
        verdict=outcome,
        criteria=results,
        agreements=agreement_statuses(country, when),
        caveats=caveats(fw),
        group_specific=group_specific,
        sources=sources,
    )
