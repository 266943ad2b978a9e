"""The comparison heat map: countries × criteria, one self-contained HTML page.

Each cell shows the criterion's outcome (colour, symbol and words) and the confidence
(words and a bar of filled blocks), and opens with `<details>` to the conclusion, any established
defeater, each element (log10 likelihood ratio, strength in words, confidence) and the evidence.
No script and no network request: it works from `file://`, in print, and with a screen reader.
The same table is used by `stc site`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from stc.render.templating import template_env
from stc.render.words import OUTCOME_LABEL, VERDICT_LABEL, criterion_label
from stc.scoring import LEVEL_WORDS, level_of, sign_of

if TYPE_CHECKING:
    from stc.models.result import (
        Assessment,
        CriterionResult,
        DefeaterResult,
        IndicatorResult,
        ItemResult,
        MeasurementResult,
    )

OUTCOME_SYMBOL = {"met": "✓", "not-met": "✗", "insufficient": "?", "not-decidable": "–"}
VERDICT_SYMBOL = {"qualifies": "✓", "does-not-qualify": "✗", "undetermined": "?"}
CONFIDENCE_LEVEL = {"very-low": 1, "low": 2, "moderate": 3, "high": 4}
OUTCOME_MEANING = {
    "met": "the evidence reaches the criterion's proof standard, or the fact is established",
    "not-met": "the evidence falls short of the standard, or the fact is absent",
    "insufficient": "too little or too weak evidence to apply the standard",
    "not-decidable": "the tool cannot decide it from country evidence (a fact about the person, "
    "or a determination reserved to an official)",
}
FRAMEWORK_COMPARATOR_NOTICE = (
    "Comparator framework: these results apply {title} ({jurisdiction}). "
    "They are NOT a result under US law, INA § 208(a)(2)(A), 8 U.S.C. § 1158(a)(2)(A)."
)
FRAMEWORK_US_NOTICE = (
    "An evidence assessment under {title}. It is not legal advice and not a determination by "
    "the Attorney General or the Secretary of Homeland Security."
)


UNDECIDED_LABEL = {
    "thin": "evidence too thin",
    "balanced": "evidence balanced: strong support on both sides cancels out",
    "low-confidence": "the evidence leans one way, but confidence is too low",
}
NO_VALUE = "no diagnostic value"
SCORE_LEGEND = (
    "Numbers are log10 likelihood ratios (log10 LR): how much more probable the recorded "
    "evidence is "
    "if the country is safe than if it is not. Positive favours safety, negative favours "
    "danger, 0 is no support "
    "either way; +1 means the evidence is 10 times more probable if safe, −2 means 100 "
    "times more probable if not. "
    "In words (ENFSI verbal scale): below 0.3 none, 0.3–1 weak, 1–2 moderate, 2–3 "
    "moderately strong, 3–4 strong, 4 and above very strong."
)


def band_words(band: str) -> str:
    """An item's likelihood-ratio band in words, e.g. 'moderate support against safety'."""
    if band == "none":
        return NO_VALUE
    return (
        f"{LEVEL_WORDS[level_of(band)]} support {'for' if sign_of(band) > 0 else 'against'} safety"  # type: ignore[arg-type]
    )


def log_lr(value: float | None) -> str:
    """A signed log10 likelihood ratio, labelled as such."""
    return "—" if value is None else f"{value:+.2f} log10 LR"


class FrameworkLike(Protocol):
    """A framework as the heat map needs it: `stc.models.criteria.Framework` or the
    `FrameworkRef` carried by every assessment."""

    id: str
    title: str
    comparator: bool
    jurisdiction: str


def confidence_view(confidence: str | None) -> dict[str, Any]:
    """Words plus a four-block bar, so confidence is legible without colour."""
    level = CONFIDENCE_LEVEL.get(confidence or "", 0)
    return {
        "key": confidence or "none",
        "label": (confidence or "no confidence rating").replace("-", " "),
        "bar": "■" * level + "□" * (4 - level) if level else "",
        "level": level,
    }


def _item_view(
    item: ItemResult, country_id: str, source_titles: Mapping[str, str]
) -> dict[str, Any]:
    return {
        "id": item.id,
        "anchor": f"ev-{item.id}",
        "country": country_id,
        "direction": item.direction,
        "band": item.band,
        "band_words": band_words(item.band),
        "lr_reason": item.lr_reason,
        "value": item.value,
        "value_label": log_lr(item.value),
        "weight": item.weight,
        "about": item.about,
        "measure": f"{item.measure.quantity} = {item.measure.value:g}" if item.measure else None,
        "establishes": item.establishes,
        "cluster": item.cluster,
        "excluded": item.excluded,
        "finding": item.finding,
        "source": item.source,
        "source_title": source_titles.get(item.source, item.source),
        "locator": item.locator,
        "excerpt": item.excerpt,
        "groups": item.groups,
        "personal": item.personal,
    }


def _measurement_view(m: MeasurementResult) -> dict[str, Any]:
    return {
        "quantity": m.quantity,
        "title": m.title,
        "unit": m.unit,
        "pooled": f"{m.pooled:g}",
        "band": m.band,
        "band_words": band_words(m.band),
        "item_ids": m.items,
        "unsafe_side": m.unsafe_side,
    }


def _indicator_view(
    ind: IndicatorResult, country_id: str, source_titles: Mapping[str, str]
) -> dict[str, Any]:
    items = [_item_view(i, country_id, source_titles) for i in ind.items]
    excluded = [_item_view(i, country_id, source_titles) for i in ind.excluded]
    return {
        "id": ind.id,
        "title": ind.title,
        "pooled": "+" in ind.id,
        "score": ind.score,
        "score_label": log_lr(ind.score),
        "score_range": f"{ind.score_range[0]:+.2f} to {ind.score_range[1]:+.2f} log10 LR",
        "strength": ind.strength,
        "conclusion": ind.conclusion,
        "outcome": ind.outcome,
        "outcome_label": OUTCOME_LABEL[ind.outcome],
        "symbol": OUTCOME_SYMBOL[ind.outcome],
        "confidence": confidence_view(ind.confidence),
        "downgrades": ind.downgrades,
        "undecided": ind.undecided,
        "undecided_label": UNDECIDED_LABEL[ind.undecided] if ind.undecided else None,
        "would_change": ind.would_change,
        "reasons": ind.reasons,
        "support_weight": ind.support_weight,
        "undermine_weight": ind.undermine_weight,
        "measurements": [_measurement_view(m) for m in ind.measurements],
        "supporting": [i for i in items if i["direction"] == "supports"],
        "adverse": [i for i in items if i["direction"] == "undermines"],
        "no_value": [i for i in [*items, *excluded] if i["band"] == "none"],
        "not_counted": [i for i in excluded if i["band"] != "none"],
        "weighed": items,
        "excluded": excluded,
    }


def _defeater_view(d: DefeaterResult) -> dict[str, Any]:
    return {
        "id": d.id,
        "title": d.title,
        "established": d.established,
        "strength": d.strength,
        "strength_label": f"{d.strength:.2f} log10 LR against safety",
        "needed": f"{d.needed:.2f} log10 LR",
        "item_ids": d.items,
        "citations": d.citations,
    }


def criterion_cell(
    result: CriterionResult, country_id: str, source_titles: Mapping[str, str]
) -> dict[str, Any]:
    """One heat-map cell (also used for the verdict tree on a country page)."""
    return {
        "id": result.id,
        "title": result.title,
        "part": result.part,
        "level": result.level,
        "kind": result.kind,
        "mandatory": result.mandatory,
        "outcome": result.outcome,
        "outcome_label": criterion_label(result.outcome, result.decided_by_burden),
        "symbol": OUTCOME_SYMBOL[result.outcome],
        "score": result.score,
        "score_label": log_lr(result.score),
        "conclusion": result.conclusion,
        "defeaters": [_defeater_view(d) for d in result.defeaters],
        "established": [_defeater_view(d) for d in result.defeaters if d.established],
        "confidence": confidence_view(result.confidence),
        "downgrades": result.downgrades,
        "standard": result.standard_title,
        "burden": result.burden.party if result.burden else None,
        "burden_side": result.burden.borne_by if result.burden else None,
        "reasons": result.reasons,
        "reserved_to": result.reserved_to,
        "evidence": result.evidence,
        "indicators": [_indicator_view(i, country_id, source_titles) for i in result.indicators],
    }


def heatmap_view(
    assessments: Sequence[Assessment],
    framework: FrameworkLike | None = None,
    *,
    country_href: Mapping[str, str] | None = None,
    criterion_href: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The heat map as plain data for the templates. Rows follow the order given;
    columns follow the framework's criteria (as in the first assessment)."""
    fw: FrameworkLike | None = framework or (assessments[0].framework if assessments else None)
    columns: list[dict[str, Any]] = []
    seen: set[str] = set()
    for a in assessments:
        for c in a.criteria:
            if c.id not in seen:
                seen.add(c.id)
                columns.append(
                    {
                        "id": c.id,
                        "title": c.title,
                        "part": c.part,
                        "level": c.level,
                        "href": (criterion_href or {}).get(c.id),
                    }
                )
    rows: list[dict[str, Any]] = []
    for a in assessments:
        titles = {s.id: s.title for s in a.sources}
        by_id = {c.id: c for c in a.criteria}
        cells = [
            criterion_cell(by_id[col["id"]], a.country.id, titles) if col["id"] in by_id else None
            for col in columns
        ]
        rows.append(
            {
                "id": a.country.id,
                "title": a.country.title,
                "href": (country_href or {}).get(a.country.id),
                "verdict": a.verdict.outcome,
                "verdict_label": VERDICT_LABEL[a.verdict.outcome],
                "verdict_symbol": VERDICT_SYMBOL[a.verdict.outcome],
                "verdict_reasons": a.verdict.reasons,
                "decided_by": a.verdict.decided_by,
                "profile": a.profile.title if a.profile else None,
                "settings": [f"{k}={v}" for k, v in a.settings.items()],
                "cells": cells,
            }
        )
    comparator = bool(fw and fw.comparator)
    notice = ""
    if fw is not None:
        notice = (FRAMEWORK_COMPARATOR_NOTICE if comparator else FRAMEWORK_US_NOTICE).format(
            title=fw.title, jurisdiction=fw.jurisdiction
        )
    profiles = sorted({r["profile"] for r in rows if r["profile"]})
    return {
        "framework": {"id": fw.id, "title": fw.title, "jurisdiction": fw.jurisdiction}
        if fw
        else None,
        "comparator": comparator,
        "notice": notice,
        "columns": columns,
        "rows": rows,
        "profile": ", ".join(profiles) if profiles else None,
        "legend": [
            {
                "key": k,
                "label": OUTCOME_LABEL[k],
                "symbol": OUTCOME_SYMBOL[k],
                "meaning": OUTCOME_MEANING[k],
            }
            for k in ("met", "not-met", "insufficient", "not-decidable")
        ],
        "confidence_legend": [confidence_view(k) for k in ("high", "moderate", "low", "very-low")],
        "score_legend": SCORE_LEGEND,
    }


def render_heatmap(
    assessments: Sequence[Assessment],
    *,
    title: str,
    as_of: dt.date,
    framework: FrameworkLike | None = None,
    country_href: Mapping[str, str] | None = None,
    criterion_href: Mapping[str, str] | None = None,
) -> str:
    """One self-contained HTML page: the heat map for `assessments` (one per country, all
    under one framework). `framework` defaults to the first assessment's; comparator
    frameworks carry a plain notice that the results are not results under US law."""
    view = heatmap_view(
        assessments, framework, country_href=country_href, criterion_href=criterion_href
    )
    return _page([view], title, as_of)


def render_heatmaps(
    by_framework: Sequence[tuple[Sequence[Assessment], FrameworkLike]],
    *,
    title: str,
    as_of: dt.date,
) -> str:
    """One self-contained page with a heat map per framework, each under its own heading."""
    return _page([heatmap_view(a, fw) for a, fw in by_framework], title, as_of)


def _page(views: list[dict[str, Any]], title: str, as_of: dt.date) -> str:
    from stc import __version__

    return (
        template_env()
        .get_template("site/heatmap.html")
        .render(title=title, as_of=as_of.isoformat(), hms=views, tool_version=__version__, root="")
    )
