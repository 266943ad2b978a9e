"""What an exercise is graded against: the engine's assessment, the evidence shown to the
student for each element, and which items decide each element.

An item is *decisive* for an element when its weight is among the largest on its side of the
balance, or when removing it alone (re-running the assessment without it) changes the
element's outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from stc.corpus import Corpus
from stc.errors import UsageError
from stc.models.result import Assessment, CriterionResult, ItemResult, Outcome
from stc.scoring import DIGITS

TOP_PER_SIDE = 3
Side = Literal["supports", "undermines"]
SIDE_SHARE: dict[str, dict[str, float]] = {
    "supports": {"supports": 1.0, "mixed": 0.5},
    "undermines": {"undermines": 1.0, "mixed": 0.5},
}
SIDE_WORDS = {"supports": "shows the element is met", "undermines": "shows the element is not met"}


@dataclass(frozen=True)
class ExerciseSpec:
    country: str
    framework: str | None
    as_of: dt.date
    profile: str | None
    criteria: list[str] | None  # None: every criterion of the framework


@dataclass(frozen=True)
class Decisive:
    item: ItemResult
    reasons: list[str]

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides a student may cite it on: both for a mixed item."""
        d = self.item.direction
        return ("supports", "undermines") if d == "mixed" else (d,)


@dataclass
class ElementStudy:
    result: CriterionResult
    shown: dict[str, ItemResult]  # evidence shown on the worksheet for this element, by id
    counted: dict[str, ItemResult]  # the items the engine weighed for it
    decisive: list[Decisive] = field(default_factory=list)
    flips: dict[str, Outcome] = field(default_factory=dict)  # item id -> outcome without it

    def side_weight(self, item_id: str, side: Side) -> float:
        item = self.counted.get(item_id)
        return item.weight * SIDE_SHARE[side].get(item.direction, 0.0) if item else 0.0


@dataclass
class Study:
    assessment: Assessment
    elements: list[ElementStudy]
    country_items: set[str]
    source_dates: dict[str, dt.date]
    standards: dict[str, str]  # id -> title, every proof standard of the framework


def study(corpus: Corpus, spec: ExerciseSpec) -> Study:
    from stc.assessment import assess

    result = assess(corpus, spec.country, spec.framework, spec.profile, spec.as_of)
    by_id = {c.id: c for c in result.criteria}
    chosen = spec.criteria or [c.id for c in result.criteria]
    unknown = [c for c in chosen if c not in by_id]
    if unknown:
        raise UsageError(f"unknown criterion {unknown[0]!r}; known: {', '.join(by_id)}")
    bundle = corpus.country(spec.country)
    items = {i.id: i for i in bundle.evidence.model.items}
    dates = {s.id: s.date for s in result.sources}
    later = {
        i.id
        for i in items.values()
        if i.period.start > spec.as_of or dates.get(i.source, spec.as_of) > spec.as_of
    }
    framework = corpus.framework(result.framework.id).model
    elements = []
    for cid in dict.fromkeys(chosen):
        crit = by_id[cid]
        counted: dict[str, ItemResult] = {}
        shown: dict[str, ItemResult] = {}
        for ind in crit.indicators:
            for item in ind.items:
                counted.setdefault(item.id, item)
            for item in [*ind.items, *ind.excluded]:
                if item.id not in later:
                    shown.setdefault(item.id, item)
        elements.append(
            ElementStudy(crit, dict(sorted(shown.items())), dict(sorted(counted.items())))
        )
    _find_decisive(corpus, spec, result, elements)
    return Study(
        result, elements, set(items), dates, {s.id: s.title for s in framework.proof_standards}
    )


def _find_decisive(
    corpus: Corpus, spec: ExerciseSpec, result: Assessment, elements: list[ElementStudy]
) -> None:
    rerun = _Rerun(corpus, spec, result.framework.id)
    for el in elements:
        if el.result.kind != "evidence" or el.result.outcome == "not-decidable" or not el.counted:
            continue
        reasons: dict[str, list[str]] = {}
        for side in ("supports", "undermines"):
            ranked = sorted(
                (i for i in el.counted if el.side_weight(i, side) > 0),
                key=lambda i: (-el.side_weight(i, side), i),
            )
            if not ranked:
                continue
            # the heaviest TOP_PER_SIDE, and any item tied with the last of them
            cut = round(el.side_weight(ranked[:TOP_PER_SIDE][-1], side), DIGITS)
            label = "supporting" if side == "supports" else "undermining"
            for item_id in ranked:
                w = el.side_weight(item_id, side)
                if round(w, DIGITS) < cut:
                    break
                rank = 1 + sum(
                    1
                    for other in ranked
                    if round(el.side_weight(other, side), DIGITS) > round(w, DIGITS)
                )
                tie = (
                    " (tied)"
                    if sum(
                        1
                        for other in ranked
                        if round(el.side_weight(other, side), DIGITS) == round(w, DIGITS)
                    )
                    > 1
                    else ""
                )
                reasons.setdefault(item_id, []).append(
                    f"number {rank}{tie} of the {label} items by weight ({w:.3f})"
                )
        for item_id in el.counted:
            outcome = rerun.outcomes_without(item_id).get(el.result.id, el.result.outcome)
            if outcome != el.result.outcome:
                el.flips[item_id] = outcome
                reasons.setdefault(item_id, []).append(
                    f"removing it alone changes the outcome from {el.result.outcome} to {outcome}"
                )
        el.decisive = [Decisive(el.counted[i], reasons[i]) for i in sorted(reasons)]


class _Rerun:
    """The assessment re-run with one evidence item left out, cached by item."""

    def __init__(self, corpus: Corpus, spec: ExerciseSpec, framework_id: str) -> None:
        from stc.assessment import build_case

        self.case = build_case(corpus, spec.country, framework_id, spec.profile, spec.as_of)
        self.cache: dict[str, dict[str, Outcome]] = {}

    def outcomes_without(self, item_id: str) -> dict[str, Outcome]:
        if item_id not in self.cache:
            from stc.reasoning import evaluate

            results, _ = evaluate(self.case.without(item_id))
            self.cache[item_id] = {r.id: r.outcome for r in results}
        return self.cache[item_id]
