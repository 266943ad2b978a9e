"""The exhibit document: everything a PDF or HTML exhibit shows, assembled once from the
assessment, so both renderers show the same content. Text stays plain here; each renderer
escapes (HTML) or passes it as data (Typst), never as markup."""

from __future__ import annotations

from typing import Final

from stc.citations import Authority, copy_read, format_source, source_date, table_of_authorities
from stc.forums import FORUM_IDS
from stc.loaded import CountryBundle
from stc.models.common import OutputModel
from stc.models.criteria import Framework
from stc.models.result import Assessment, CriterionResult, IndicatorResult, ItemResult
from stc.notices import COMPARATOR_NOTICE
from stc.render.heatmap import SCORE_LEGEND, UNDECIDED_LABEL, band_words, log_lr
from stc.render.words import (
    GRADE_WORDS,
    OUTCOME_LABEL,
    PERSONS_OWN,
    VERDICT_LABEL,
    criterion_label,
    mid_sentence,
    verification,
)
from stc.scoring import LEVEL_WORDS, LEVELS, level_min

EXHIBIT_FORMAT: Final = "stc.exhibit.v2"


class Doc(OutputModel):
    """An output model (stc.models.common.OutputModel)."""


class Forum(Doc):
    id: str
    name: str
    page_label: str  # Typst numbering pattern, both numbers: e.g. "1 of 1"
    footer_prefix: str


FORUMS: dict[str, Forum] = {
    "eoir": Forum(
        id="eoir", name="Immigration Court (EOIR)", page_label="1 of 1", footer_prefix="Page "
    ),
    "bia": Forum(
        id="bia", name="Board of Immigration Appeals", page_label="1 of 1", footer_prefix="Page "
    ),
    "ddc": Forum(
        id="ddc",
        name="U.S. District Court for the District of Columbia",
        page_label="1 of 1",
        footer_prefix="Page ",
    ),
}
assert tuple(FORUMS) == FORUM_IDS, "stc.forums.FORUM_IDS and FORUMS must list the same forums"


class EvidenceRef(Doc):
    item: str
    finding: str
    direction: str
    band: str  # in words, e.g. "moderate support against safety"
    value: str  # signed log10 likelihood ratio after shrinking, labelled
    lr_reason: str | None
    exhibit: str
    note: str  # the footnote: exhibit, source, pinpoint, excerpt
    url: str | None
    personal: bool = False  # the person's own evidence, from the applicant's profile


class MeasurementBlock(Doc):
    title: str
    pooled: str
    band: str
    items: list[str]


class IndicatorBlock(Doc):
    """One element: an indicator, or several pooled."""

    id: str
    title: str
    outcome: str
    outcome_key: str
    score: str  # "+1.23 log10 LR"
    score_range: str
    strength: str
    conclusion: str
    confidence: str
    downgrades: list[str]
    undecided: str | None
    would_change: str | None
    reasons: list[str]
    measurements: list[MeasurementBlock]
    supporting: list[EvidenceRef]
    adverse: list[EvidenceRef]
    no_value: list[EvidenceRef]


class DefeaterBlock(Doc):
    title: str
    established: bool
    strength: str
    needed: str
    items: list[str]
    authority: str


class ElementBlock(Doc):
    id: str
    title: str
    part: str
    outcome: str
    outcome_key: str
    level: str
    mandatory: bool
    statutory_wording: str | None
    rule: str
    authority: str
    verification: str
    unverified: str | None
    standard: str | None
    burden: str | None
    score: str
    confidence: str
    conclusion: str | None
    defeaters: list[DefeaterBlock]  # established ones first
    reasons: list[str]
    downgrades: list[str]
    indicators: list[IndicatorBlock]


class IndexEntry(Doc):
    exhibit: str
    source: str
    title: str
    publisher: str
    date: str
    kind: str
    grade: str
    url: str | None
    copy_read: str | None
    elements: list[str]
    pinpoints: list[str]
    summary: str


class CitedAt(Doc):
    """Where an authority is cited: the passage's title and the label of its place in the
    document (an element, the caveats, the proof standards), from which the PDF prints the page."""

    text: str
    label: str


class AuthorityEntry(Doc):
    text: str
    url: str | None
    link_kind: str
    verification: str
    cited_at: list[CitedAt]


class AuthorityGroup(Doc):
    heading: str
    entries: list[AuthorityEntry]


class Row(Doc):
    cells: list[str]


class ExhibitDoc(Doc):
    format: str = EXHIBIT_FORMAT
    title: str
    subtitle: str
    country: str
    framework: str
    comparator: bool
    as_of: str
    profile: str | None
    settings: list[str]
    caption: list[Row]
    forum: Forum
    tool_version: str
    fingerprint: str
    verdict: str
    verdict_key: str
    verdict_reasons: list[str]
    agreements: list[Row]
    elements: list[ElementBlock]
    index: list[IndexEntry]
    authorities: list[AuthorityGroup]
    methodology: list[Row]
    scale: list[Row]
    standards: list[Row]
    caveats: list[Row]
    notice: str


def _exhibit_numbers(a: Assessment) -> dict[str, str]:
    """Sources numbered S-1, S-2… in the order the analysis first cites them."""
    numbers: dict[str, str] = {}
    for c in a.criteria:
        for ind in c.indicators:
            for item in _cited(ind):
                if item.source not in numbers:
                    numbers[item.source] = f"S-{len(numbers) + 1}"
    return numbers


def _cited(ind: IndicatorResult) -> list[ItemResult]:
    """The items an element cites: those weighed, then those with no diagnostic value."""
    return [*ind.items, *(i for i in ind.excluded if i.band == "none")]


def _ref(item: ItemResult, exhibit: str, bundle: CountryBundle) -> EvidenceRef:
    source = bundle.sources[item.source].source
    note = (
        f"Exh. {exhibit}: {format_source(source, item.locator)}. Excerpt: "
        f"\u201c{item.excerpt}\u201d"
        + (
            f" (translation by the project: \u201c{item.excerpt_translation}\u201d)"
            if item.excerpt_translation
            else ""
        )
        + (
            f" {PERSONS_OWN[0].upper()}{PERSONS_OWN[1:]}, offered for the applicant."
            if item.personal
            else ""
        )
    )
    return EvidenceRef(
        item=item.id,
        finding=item.finding,
        direction=item.direction,
        band=band_words(item.band),
        value=log_lr(item.value),
        lr_reason=item.lr_reason,
        exhibit=exhibit,
        note=note,
        url=source.url,
        personal=item.personal,
    )


def _element(c: CriterionResult, numbers: dict[str, str], bundle: CountryBundle) -> ElementBlock:
    indicators = []
    for ind in c.indicators:
        indicators.append(
            IndicatorBlock(
                id=ind.id,
                title=ind.title,
                outcome=OUTCOME_LABEL[ind.outcome],
                outcome_key=ind.outcome,
                score=log_lr(ind.score),
                score_range=f"{ind.score_range[0]:+.2f} to {ind.score_range[1]:+.2f} log10 LR",
                strength=ind.strength,
                conclusion=ind.conclusion,
                confidence=ind.confidence,
                downgrades=ind.downgrades,
                undecided=UNDECIDED_LABEL[ind.undecided] if ind.undecided else None,
                would_change=ind.would_change,
                reasons=ind.reasons,
                measurements=[
                    MeasurementBlock(
                        title=m.title,
                        pooled=f"{m.pooled:g} {m.unit}".strip(),
                        band=band_words(m.band),
                        items=m.items,
                    )
                    for m in ind.measurements
                ],
                supporting=[
                    _ref(i, numbers[i.source], bundle)
                    for i in ind.items
                    if i.direction == "supports"
                ],
                adverse=[
                    _ref(i, numbers[i.source], bundle)
                    for i in ind.items
                    if i.direction == "undermines"
                ],
                no_value=[
                    _ref(i, numbers[i.source], bundle) for i in _cited(ind) if i.band == "none"
                ],
            )
        )
    defeaters = [
        DefeaterBlock(
            title=d.title,
            established=d.established,
            strength=f"{d.strength:.2f} log10 LR against safety",
            needed=f"{d.needed:.2f} log10 LR",
            items=d.items,
            authority="; ".join(d.citations),
        )
        for d in sorted(c.defeaters, key=lambda d: not d.established)
    ]
    burden = (
        f"{mid_sentence(c.burden.party)} ({c.burden.borne_by}; "
        f"{verification(c.burden.verification)})"
        if c.burden
        else None
    )
    return ElementBlock(
        id=c.id,
        title=c.title,
        part=c.part,
        outcome=criterion_label(c.outcome, c.decided_by_burden),
        outcome_key=c.outcome,
        level=c.level,
        mandatory=c.mandatory,
        statutory_wording=c.statutory_wording,
        rule=c.rule,
        authority="; ".join(c.citations),
        verification=verification(c.verification),
        unverified=c.unverified,
        standard=c.standard_title,
        burden=burden,
        score=log_lr(c.score),
        confidence=c.confidence or "—",
        conclusion=c.conclusion,
        defeaters=defeaters,
        reasons=c.reasons,
        downgrades=c.downgrades,
        indicators=indicators,
    )


def _index(a: Assessment, numbers: dict[str, str], bundle: CountryBundle) -> list[IndexEntry]:
    """Every cited source once, in exhibit order, with the elements it is cited for."""
    per_source: dict[str, dict[str, ItemResult]] = {}
    elements: dict[str, list[str]] = {}
    for c in a.criteria:
        for ind in c.indicators:
            for item in _cited(ind):
                per_source.setdefault(item.source, {})[item.id] = item
                if c.title not in elements.setdefault(item.source, []):
                    elements[item.source].append(c.title)
    entries = []
    for sid in sorted(per_source, key=lambda s: int(numbers[s][2:])):
        s = bundle.sources[sid].source
        cited = sorted(per_source[sid].values(), key=lambda i: i.id)
        own = any(i.personal for i in cited)
        summary = (
            (f"{PERSONS_OWN[0].upper()}{PERSONS_OWN[1:]}. " if own else "")
            + f"{s.publisher} ({s.kind.replace('-', ' ')}; reliability {s.reliability}, "
            f"{GRADE_WORDS[s.reliability]}: {s.reliability_reason}) "
            f"Cited for {len(cited)} finding{'s' if len(cited) != 1 else ''}, "
            f"e.g. {cited[0].id}: {cited[0].finding}"
        )
        entries.append(
            IndexEntry(
                exhibit=numbers[sid],
                source=sid,
                title=s.title,
                publisher=s.publisher,
                date=source_date(s),
                kind=s.kind.replace("-", " ") + (f"; {PERSONS_OWN}" if own else ""),
                grade=s.reliability,
                url=s.url,
                copy_read=copy_read(s.read_at, s.unpublished),
                elements=elements[sid],
                pinpoints=sorted({i.locator for i in cited}),
                summary=summary,
            )
        )
    return entries


def _authorities(a: Assessment, fw: Framework, with_links: bool) -> list[AuthorityGroup]:
    labels = {crit.title: f"el-{crit.id}" for crit in fw.criteria}
    labels.update({f"Caveat: {cv.title}": "caveats" for cv in fw.caveats})
    labels.update({s.title: "standards" for s in fw.proof_standards})
    cited = [(cit, crit.title) for crit in fw.criteria for cit in crit.citations]
    cited += [
        (cit, crit.title)
        for crit in fw.criteria
        for use in crit.indicators
        for cit in use.citations
    ]
    cited += [
        (cit, crit.title) for crit in fw.criteria for use in crit.defeaters for cit in use.citations
    ]
    cited += [(cit, f"Caveat: {cv.title}") for cv in fw.caveats for cit in cv.citations]
    cited += [(cit, s.title) for s in fw.proof_standards for cit in s.citations]
    table = table_of_authorities(cited, with_links=with_links)
    official_hosts = (
        "law.cornell.edu",
        "ecfr.federalregister.gov",
        "govinfo.gov",
        "uscode.house.gov",
        "justice.gov",
        "courtlistener.com",
    )

    def entry(x: Authority) -> AuthorityEntry:
        kind = (
            "official text"
            if x.url and any(h in x.url for h in official_hosts)
            else ("page read" if x.url else "no link")
        )
        return AuthorityEntry(
            text=x.text,
            url=x.url,
            link_kind=kind,
            verification=verification(x.verification),
            cited_at=[CitedAt(text=w, label=labels[w]) for w in x.cited_at],
        )

    return [AuthorityGroup(heading=h, entries=[entry(x) for x in xs]) for h, xs in table.items()]


def _methodology(fw: Framework) -> tuple[list[Row], list[Row], list[Row]]:
    p = fw.parameters
    rows = [
        Row(
            cells=[
                "Item",
                "each finding is rated on a likelihood-ratio band: how much more probable "
                "it is if the country is safe than if it is not (for) or the reverse "
                "(against); a finding as expected either way has no diagnostic value and "
                "counts on neither side",
            ]
        ),
        Row(
            cells=[
                "Shrinking",
                "the band's log10 likelihood ratio × source reliability × credibility × "
                "source kind × recency × interest × undercutters",
            ]
        ),
        Row(
            cells=[
                "Source reliability (A–F)",
                ", ".join(f"{k} {v:g}" for k, v in p.reliability.items()),
            ]
        ),
        Row(
            cells=[
                "Information credibility (1–6)",
                ", ".join(f"{k} {v:g}" for k, v in p.credibility.items()),
            ]
        ),
        Row(
            cells=[
                "Recency",
                f"0.5 ^ (age in days / {p.half_life_days}), age from the end of the period "
                "described to the as-of date",
            ]
        ),
        Row(
            cells=[
                "Interested source",
                f"× {p.interest_discount:g} where a party to the agreement vouches for "
                "safety or a litigant or advocate reports danger",
            ]
        ),
        Row(
            cells=[
                "Undercutters",
                ", ".join(f"{k} × {v:g}" for k, v in p.undercutters.items()) or "none",
            ]
        ),
        Row(
            cells=[
                "Dependence",
                "items from one source family, one data set or one measured quantity count once",
            ]
        ),
        Row(
            cells=[
                "Element score",
                "the sum of the independent items' log10 likelihood ratios (log10 LR): "
                "positive favours safety, negative danger, 0 no support either way",
            ]
        ),
        Row(
            cells=[
                "Outcome",
                "met when the burden-bearer's side reaches the proof standard's strength "
                "with its confidence; not met when the other side does; otherwise "
                "undecided (too thin, balanced, or too low confidence)",
            ]
        ),
        Row(
            cells=[
                "Defeater",
                "a fact that decides the criterion against safety whatever the rest, once "
                "the items marking it show it with at least "
                f"{LEVEL_WORDS[p.defeater_support]} support "
                f"({level_min(p.defeater_support):g} log10 LR)",
            ]
        ),
        Row(
            cells=[
                "Confidence",
                "starts high; down for imprecision, inconsistency, no corroboration, risk "
                "of bias and conflicting sources",
            ]
        ),
        Row(
            cells=[
                "Verdict",
                "qualifies only if every deciding criterion is met; does not qualify if "
                "any is not met; otherwise undetermined",
            ]
        ),
        Row(cells=["Reading the numbers", SCORE_LEGEND]),
    ]
    scale = [
        Row(
            cells=[
                f"{LEVEL_WORDS[k]} support",
                f"{lo:g} to {hi:g}",
                f"{10**lo:,.0f} to {10**hi:,.0f}",
            ]
        )
        for k, (lo, _, hi) in LEVELS.items()
        if k != "none"
    ]
    standards = [
        Row(
            cells=[
                s.title,
                f"{LEVEL_WORDS[s.min_support]} support ({level_min(s.min_support):g} log10 LR)",
                s.min_confidence,
                s.description,
            ]
        )
        for s in fw.proof_standards
    ]
    return rows, scale, standards


def build_exhibit(
    a: Assessment,
    bundle: CountryBundle,
    fw: Framework,
    forum: str = "eoir",
    caption: dict[str, str] | None = None,
    with_links: bool = True,
) -> ExhibitDoc:
    numbers = _exhibit_numbers(a)
    methodology, scale, standards = _methodology(fw)
    agreements = [
        Row(
            cells=[
                ag.title,
                ag.status,
                ag.since.isoformat() if ag.since else "—",
                ag.statutory_basis,
                "yes" if ag.terms_public else "no",
            ]
        )
        for ag in a.agreements
    ]
    caption_rows = [Row(cells=[k, v]) for k, v in (caption or {}).items()]
    notice = (
        "This exhibit sets out an assessment of the recorded evidence under an explicit, "
        "published model. "
        "It is not the determination that INA § 208(a)(2)(A) reserves to the Attorney "
        "General, and no outcome in it is a legal finding."
    )
    if a.framework.comparator:
        notice += " " + COMPARATOR_NOTICE
    return ExhibitDoc(
        title=f"Country conditions exhibit: {a.country.title}",
        subtitle=f"Whether {a.country.title} meets the requirements for a safe third country under "
        f"{a.framework.title}",
        country=a.country.title,
        framework=a.framework.title,
        comparator=a.framework.comparator,
        as_of=a.as_of.isoformat(),
        profile=a.profile.title if a.profile else None,
        settings=[f"{k}={v}" for k, v in a.settings.items()],
        caption=caption_rows,
        forum=FORUMS[forum],
        tool_version=a.tool_version,
        fingerprint=a.fingerprint,
        verdict=VERDICT_LABEL[a.verdict.outcome],
        verdict_key=a.verdict.outcome,
        verdict_reasons=a.verdict.reasons,
        agreements=agreements,
        elements=[_element(c, numbers, bundle) for c in a.criteria],
        index=_index(a, numbers, bundle),
        authorities=_authorities(a, fw, with_links),
        methodology=methodology,
        scale=scale,
        standards=standards,
        caveats=[Row(cells=[cv.title, cv.text, "; ".join(cv.citations)]) for cv in a.caveats],
        notice=notice,
    )
