"""The generated part of a country's documentation: assessment, timeline, evidence at a glance."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from stc.citations import format_citation, format_source
from stc.loaded import CountryBundle
from stc.models.country import EvidenceItem
from stc.models.result import Assessment, ItemResult
from stc.render.heatmap import band_words
from stc.render.markdown import esc
from stc.render.words import (
    VERDICT_LABEL,
    VERIFICATION_LEGEND,
    criterion_label,
    signed,
    verification,
)

if TYPE_CHECKING:
    from stc.corpus import Corpus

START = "<!-- generated:start -->"
END = "<!-- generated:end -->"
TOP = 5


def _top(items: dict[str, ItemResult], directions: tuple[str, ...]) -> list[ItemResult]:
    chosen = [i for i in items.values() if i.direction in directions]
    return sorted(chosen, key=lambda i: (-i.weight, i.id))[:TOP]


def render_dossier(a: Assessment, bundle: CountryBundle, vocabulary_titles: dict[str, str]) -> str:
    country = bundle.country.model
    items = bundle.evidence.model.items
    sources = bundle.sources
    sources_by_id = {k: e.source for k, e in sources.items()}
    cited = sorted({i.source for i in items})
    graded_ab = sum(1 for s in cited if sources[s].source.reliability in ("A", "B"))
    lines = [
        START,
        f"<!-- made by `stc dossier {a.country.id} --as-of {a.as_of.isoformat()}`; do not "
        "edit by hand -->",
        "",
        f"## Assessment under {esc(a.framework.title)}",
        "",
        f"As of {a.as_of.isoformat()}, no applicant profile: "
        f"**{VERDICT_LABEL[a.verdict.outcome]}**.",
        "",
    ]
    lines += [f"- {esc(r)}" for r in a.verdict.reasons]
    lines += [
        "",
        "| Criterion | Outcome | Score | Confidence | First reason |",
        "|---|---|---|---|---|",
    ]
    for c in a.criteria:
        lines.append(
            f"| {esc(c.title)} | {criterion_label(c.outcome, c.decided_by_burden)} | "
            f"{signed(c.score)} | "
            f"{c.confidence or '—'} | {esc(c.reasons[0]) if c.reasons else ''} |"
        )
    lines += [
        "",
        "Every outcome is an assessment of the recorded evidence, not the determination "
        "the statute reserves to the Attorney General. Run `stc explain "
        + a.country.id
        + "` for every step.",
        "",
    ]

    lines += ["## Agreement timeline", "", VERIFICATION_LEGEND, ""]
    if country.agreements:
        lines += [
            "| Date | Agreement | Event | What happened | Cited to | Checked |",
            "|---|---|---|---|---|---|",
        ]
        rows = sorted(
            ((e.date, ag.title, e) for ag in country.agreements for e in ag.events),
            key=lambda r: (r[0], r[1]),
        )
        for date, title, e in rows:
            cites = "; ".join(esc(format_citation(c, sources_by_id)) for c in e.citations)
            lines.append(
                f"| {date.isoformat()} | {esc(title)} | {e.event} | {esc(e.description)} | "
                f"{cites} | {verification(e.verification)} |"
            )
        lines.append("")
        for ag in country.agreements:
            scope = ag.scope
            nats = ", ".join(scope.nationalities) if scope.nationalities else "not stated"
            lines.append(
                f"- **{esc(ag.title)}** — statutory basis: {ag.statutory_basis}; terms "
                f"public: {'yes' if scope.terms_public else 'no'}; nationalities: {nats}; "
                f"cap: {esc(scope.cap or 'not stated')}."
            )
        lines.append("")
    else:
        lines += ["No agreement with the United States is recorded.", ""]

    def side(item: EvidenceItem) -> str:
        if item.measure is not None:
            return "measured"
        assert item.lr is not None
        return "none" if item.lr == "none" else ("for" if item.lr.endswith("-for") else "against")

    counts = {
        d: sum(1 for i in items if side(i) == d) for d in ("for", "against", "none", "measured")
    }
    lines += [
        "## Evidence at a glance",
        "",
        f"{len(items)} items ({counts['for']} rated as support for safety, "
        f"{counts['against']} against it, {counts['none']} of no diagnostic value, "
        f"{counts['measured']} measured values) "
        f"from {len(cited)} sources, {graded_ab} of them "
        f"({(100 * graded_ab / len(cited)) if cited else 0:.0f} %) graded A or B; "
        f"{sum(1 for i in items if i.groups)} items are specific to a group.",
        "",
        "| Indicator | Items | For | Against | Group-specific |",
        "|---|---|---|---|---|",
    ]
    for ind_id, title in vocabulary_titles.items():
        on = [i for i in items if ind_id in i.indicators]
        lines.append(
            f"| {esc(title)} | {len(on)} | {sum(1 for i in on if side(i) == 'for')} | "
            f"{sum(1 for i in on if side(i) == 'against')} | {sum(1 for i in on if i.groups)} |"
        )
    lines.append("")
    weighed: dict[str, ItemResult] = {}
    for c in a.criteria:
        for ind in c.indicators:
            for it in ind.items:
                weighed.setdefault(it.id, it)
    for heading, directions in (
        ("Strongest evidence for safety", ("supports",)),
        ("Strongest evidence against safety", ("undermines",)),
    ):
        lines += [
            f"## {heading} (by diagnostic value after reliability and age, as of "
            f"{a.as_of.isoformat()})",
            "",
        ]
        top = _top(weighed, directions)
        if not top:
            lines.append("None recorded.")
        for it in top:
            lines.append(
                f"- **{esc(it.id)}** ({esc(band_words(it.band))}, log10 LR {it.value:+.2f}; "
                f"{esc(format_source(sources_by_id[it.source], it.locator))}): "
                f"{esc(it.finding)}"
            )
        lines.append("")
    thin = [
        vocabulary_titles[i]
        for i in vocabulary_titles
        if sum(1 for it in items if i in it.indicators and side(it) != "none") < 2
    ]
    lines += [
        "## Indicators with fewer than two diagnostic items",
        "",
        ("- " + "\n- ".join(esc(t) for t in thin)) if thin else "None.",
        "",
        END,
    ]
    return "\n".join(lines) + "\n"


def country_dossier(corpus: Corpus, country: str, as_of: dt.date | None) -> tuple[str, str]:
    """The country's name and its generated documentation section."""
    from stc.assessment import assess

    result = assess(corpus, country, None, None, as_of)
    titles = {i.id: i.title for i in corpus.vocabulary.model.indicators}
    return result.country.title, render_dossier(result, corpus.country(country), titles)


def splice(document: str, generated: str) -> str:
    """Replace the generated block of a hand-written document (or the marker line
    `<!-- assessment: generated -->`) with `generated`."""
    if START in document and END in document:
        head, rest = document.split(START, 1)
        _, tail = rest.split(END, 1)
        return head + generated.rstrip("\n") + tail
    marker = "<!-- assessment: generated -->"
    if marker in document:
        return document.replace(marker, generated.rstrip("\n"), 1)
    return document.rstrip("\n") + "\n\n" + generated
