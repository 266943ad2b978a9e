"""Item weights, indicator scores and GRADE-like confidence. Formulas: docs/methodology.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stc.models.common import CONFIDENCE_ORDER, Confidence
from stc.models.country import EvidenceItem, Source
from stc.models.criteria import Parameters

DIGITS = 4


@dataclass(frozen=True)
class Weighed:
    """One item's weight and the factors that made it; `excluded` says why it does not count."""

    item: EvidenceItem
    source: Source
    weight: float
    factors: dict[str, float]
    excluded: str | None = None

    @property
    def support(self) -> float:
        if self.excluded:
            return 0.0
        return self.weight * {"supports": 1.0, "mixed": 0.5}.get(self.item.direction, 0.0)

    @property
    def undermine(self) -> float:
        if self.excluded:
            return 0.0
        return self.weight * {"undermines": 1.0, "mixed": 0.5}.get(self.item.direction, 0.0)


def recency(item: EvidenceItem, as_of: dt.date, half_life_days: int) -> float:
    """0.5 ** (age / half-life), age counted from the end of the period the item describes."""
    age = max(0, (as_of - min(item.period.end, as_of)).days)
    return 0.5 ** (age / half_life_days)


def interest_applies(item: EvidenceItem, source: Source) -> bool:
    """An interested source speaking in its own interest: a party to the agreement vouching for
    safety, or a litigant or advocate against the agreement reporting danger."""
    if item.direction == "supports":
        return "party-to-agreement" in source.interests
    if item.direction == "undermines":
        return bool({"litigant", "advocacy"} & set(source.interests))
    return False


def weigh(
    item: EvidenceItem,
    source: Source,
    params: Parameters,
    as_of: dt.date,
    profile_groups: frozenset[str] | None,
) -> Weighed:
    if item.period.start > as_of or source.date > as_of:
        return Weighed(item, source, 0.0, {}, f"after the as-of date {as_of.isoformat()}")
    if item.direction == "context":
        return Weighed(item, source, 0.0, {}, "context only: recorded, not weighed")
    if source.kind in params.excluded_source_kinds:
        return Weighed(item, source, 0.0, {}, f"source kind {source.kind} excluded by a what-if setting")
    if item.groups:
        if profile_groups is None:
            return Weighed(item, source, 0.0, {}, f"specific to {', '.join(item.groups)}: counts only for a profile in that group")
        if not profile_groups & set(item.groups):
            return Weighed(item, source, 0.0, {}, f"specific to {', '.join(item.groups)}: not a group of this profile")
    factors = {
        "strength": params.strength[item.strength],
        "reliability": params.reliability[source.reliability],
        "credibility": params.credibility[item.credibility],
        "source_kind": params.source_kind.get(source.kind, 1.0),
        "recency": recency(item, as_of, params.half_life_days),
    }
    if interest_applies(item, source):
        factors["interest"] = params.interest_discount
    for name in sorted(set(item.undercutters)):
        factors[f"undercutter:{name}"] = params.undercutters[name]
    weight = 1.0
    for value in factors.values():
        weight *= value
    return Weighed(item, source, weight, {k: round(v, DIGITS) for k, v in factors.items()})


def balance(support: float, undermine: float, prior: float) -> float:
    """Score in (−1, 1): (S − U) / (S + U + prior). Rises with S, falls with U, near 0 when thin."""
    return (support - undermine) / (support + undermine + prior)


@dataclass(frozen=True)
class Grade:
    confidence: Confidence
    downgrades: list[str]


def grade(pool: list[Weighed], params: Parameters, extra: list[str] | None = None) -> Grade:
    """Start at high; each reason found lowers the level (never below very-low).
    `extra` are further one-level downgrades found by the caller (e.g. missing indicators)."""
    counted = [w for w in pool if not w.excluded and w.weight > 0]
    support = sum(w.support for w in counted)
    undermine = sum(w.undermine for w in counted)
    total = support + undermine
    if total <= 0:
        return Grade("very-low", ["no weighed evidence"])
    cp = params.confidence
    steps = 0
    reasons: list[str] = []
    if total < cp.imprecision_weight[1]:
        steps += 2
        reasons.append(f"imprecision: total weight {total:.2f} is below {cp.imprecision_weight[1]:g} (down two)")
    elif total < cp.imprecision_weight[0]:
        steps += 1
        reasons.append(f"imprecision: total weight {total:.2f} is below {cp.imprecision_weight[0]:g} (down one)")
    minority = min(support, undermine) / total
    if minority >= cp.inconsistency_share[1]:
        steps += 2
        reasons.append(f"inconsistency: {minority:.0%} of the weight points the other way (down two)")
    elif minority >= cp.inconsistency_share[0]:
        steps += 1
        reasons.append(f"inconsistency: {minority:.0%} of the weight points the other way (down one)")
    families = sorted({w.source.family for w in counted})
    if cp.single_family and len(families) == 1:
        steps += 1
        reasons.append(f"no corroboration: every weighed item comes from one source family ({families[0]}) (down one)")
    interested = sum(w.weight for w in counted if interest_applies(w.item, w.source)) / sum(w.weight for w in counted)
    if interested > cp.interested_share:
        others = [w for w in counted if not interest_applies(w.item, w.source)]
        lean = sum(w.support for w in others) - sum(w.undermine for w in others)
        if lean * (support - undermine) <= 0:
            alone = "are absent" if not others else "do not point the same way"
            steps += 1
            reasons.append(f"risk of bias: {interested:.0%} of the weight comes from sources speaking in their own interest, and the other sources alone {alone} (down one)")
    if cp.conflicts:
        ids = {w.item.id for w in counted}
        pairs = sorted({tuple(sorted((w.item.id, o))) for w in counted for o in w.item.conflicts_with if o in ids})
        if pairs:
            steps += 1
            shown = "; ".join(f"{a} vs {b}" for a, b in pairs)
            reasons.append(f"conflicting sources: {shown} (down one)")
    for reason in extra or []:
        steps += 1
        reasons.append(f"{reason} (down one)")
    level = max(0, len(CONFIDENCE_ORDER) - 1 - steps)
    return Grade(CONFIDENCE_ORDER[level], reasons)


def at_least(confidence: Confidence, required: Confidence) -> bool:
    return CONFIDENCE_ORDER.index(confidence) >= CONFIDENCE_ORDER.index(required)
