"""Diagnostic weighing: each item's likelihood-ratio band, shrunk by reliability and age;
dependent items counted once; an element's combined support and its confidence.
Formulas and authorities: docs/methodology.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from stc.models.common import CONFIDENCE_ORDER, Band, Confidence
from stc.models.country import EvidenceItem, Source
from stc.models.criteria import Parameters, SupportLevel
from stc.models.vocabulary import QuantityDef

DIGITS = 4

# The verbal scale (ENFSI 2015, as tabulated in the Dundee LR book, § 5.2): the range of
# log10 likelihood ratios each strength of support covers, and the value used for it (the
# middle of the range on the log scale).
LEVELS: dict[str, tuple[float, float, float]] = {
    "none": (0.0, 0.0, 0.0),
    "weak": (0.3, 0.65, 1.0),
    "moderate": (1.0, 1.5, 2.0),
    "moderately-strong": (2.0, 2.5, 3.0),
    "strong": (3.0, 3.5, 4.0),
    "very-strong": (4.0, 5.0, 6.0),
}
LEVEL_WORDS = {
    "none": "no",
    "weak": "weak",
    "moderate": "moderate",
    "moderately-strong": "moderately strong",
    "strong": "strong",
    "very-strong": "very strong",
}
NO_SUPPORT = LEVELS["weak"][0]
"""Below this (a likelihood ratio of 2) the evidence gives no support either way."""


def level_of(band: Band) -> str:
    return band.rsplit("-", 1)[0] if band != "none" else "none"


def sign_of(band: Band) -> int:
    return 0 if band == "none" else (1 if band.endswith("-for") else -1)


def band_values(band: Band) -> tuple[float, float, float]:
    """(least safe, middle, safest) signed log10 likelihood ratios for a band."""
    lo, mid, hi = LEVELS[level_of(band)]
    if sign_of(band) >= 0:
        return lo, mid, hi
    return -hi, -mid, -lo


def level_min(level: SupportLevel) -> float:
    return LEVELS[level][0]


def level_name(log_lr: float) -> str:
    """The strength of support a combined log10 likelihood ratio reaches: a LEVELS key."""
    size = abs(log_lr)
    name = "none"
    for key, (lo, _, _) in LEVELS.items():
        if key != "none" and size >= lo:
            name = key
    return name


def verbal_level(log_lr: float) -> str:
    """The strength of support a combined log10 likelihood ratio reaches, in words."""
    return LEVEL_WORDS[level_name(log_lr)]


def verbal(log_lr: float, topic: str) -> str:
    """The conclusion on the verbal scale, e.g. 'The recorded evidence is moderately more
    probable if <proposition> than if not (a likelihood ratio of 10 to 100).'"""
    level = level_name(log_lr)
    size = LEVEL_WORDS[level]
    if level == "none":
        return (
            "The recorded evidence is about as probable if the country is safe for transferees "
            f"as to {topic} as if it is not: it gives no support either way."
        )
    low, _, high = (10**v for v in LEVELS[level])
    ratio = f"a likelihood ratio of {low:,.0f} to {high:,.0f}"
    adverb = {
        "weak": "somewhat",
        "moderate": "moderately",
        "moderately strong": "considerably",
        "strong": "far",
        "very strong": "overwhelmingly",
    }[size]
    if log_lr > 0:
        return (
            f"The recorded evidence is {adverb} more probable if the country is safe for "
            f"transferees as to {topic} than if it is not ({size} support for safety; {ratio})."
        )
    return (
        f"The recorded evidence is {adverb} more probable if the country is not safe for "
        f"transferees as to {topic} than if it is ({size} support against safety; {ratio})."
    )


def quantity_band(quantity: QuantityDef, value: float) -> Band:
    """The band a measured value takes on the quantity's anchored scale."""
    for step in quantity.scale:
        if step.upto is None:
            return step.band
        if (quantity.safer == "lower" and value <= step.upto) or (
            quantity.safer == "higher" and value >= step.upto
        ):
            return step.band
    return quantity.scale[-1].band  # pragma: no cover - the last step has no bound


def on_safe_side(quantity: QuantityDef, value: float) -> bool:
    return value < quantity.line if quantity.safer == "lower" else value > quantity.line


Exclusion = Literal[
    "published-later",
    "later-period",
    "no-diagnostic-value",
    "source-kind-excluded",
    "group-specific",
]


@dataclass(frozen=True)
class Weighed:
    """One item as weighed: its band, the factors that shrink it, and its signed value
    (log10 likelihood ratio after shrinking); `excluded` says why it does not count."""

    item: EvidenceItem
    source: Source
    band: Band
    shrink: float
    factors: dict[str, float]
    excluded: str | None = None
    exclusion: Exclusion | None = None
    """Why the item does not count, as data (`excluded` says it in words)."""
    given: tuple[float, float, float] | None = None
    """Values to use instead of the band's (least safe, middle, safest), before shrinking:
    set only by the sensitivity analysis when it samples the rater's band choice."""

    @property
    def sign(self) -> int:
        return sign_of(self.band)

    @property
    def values(self) -> tuple[float, float, float]:
        """(least safe, middle, safest) after shrinking; zero for excluded items."""
        if self.excluded:
            return 0.0, 0.0, 0.0
        lo, mid, hi = self.given or band_values(self.band)
        return lo * self.shrink, mid * self.shrink, hi * self.shrink

    @property
    def value(self) -> float:
        return self.values[1]

    @property
    def cluster(self) -> str:
        """Items with the same key are dependent and count once (methodology § Dependence)."""
        if self.item.measure is not None:
            return f"quantity:{self.item.measure.quantity}"
        if self.item.data:
            return f"data:{self.item.data}"
        return f"family:{self.source.family}"

    @property
    def interested(self) -> bool:
        return interest_applies(self.sign, self.source, self.item)


def recency(item: EvidenceItem, as_of: dt.date, half_life_days: int) -> float:
    """0.5 ** (age / half-life), age counted from the end of the period the item describes."""
    age = max(0, (as_of - min(item.period.end, as_of)).days)
    return 0.5 ** (age / half_life_days)


PUBLIC_OFFICES = frozenset({"receiving-government", "us-government", "other-government"})
"""Source kinds whose own records of their activities are public records (Fed. R. Evid. 803(8))."""


def public_record(source: Source, item: EvidenceItem) -> bool:
    """A value a public office states from its own records (a count, a rate, a time to
    decision): a public record, not a statement vouching for safety."""
    return item.measure is not None and source.kind in PUBLIC_OFFICES


def interest_applies(sign: int, source: Source, item: EvidenceItem) -> bool:
    """A source speaking in its own interest: a party to the agreement vouching for safety, or
    a litigant or advocate against the agreement reporting danger. A public office's measured
    value from its own records is not vouching (methodology § Interest)."""
    if sign > 0:
        return "party-to-agreement" in source.interests and not public_record(source, item)
    if sign < 0:
        return bool({"litigant", "advocacy"} & set(source.interests))
    return False


def weigh(
    item: EvidenceItem,
    source: Source,
    params: Parameters,
    as_of: dt.date,
    known_by: dt.date,
    profile_groups: frozenset[str] | None,
    quantities: dict[str, QuantityDef],
) -> Weighed:
    if item.measure is not None:
        band = quantity_band(quantities[item.measure.quantity], item.measure.value)
    else:
        assert item.lr is not None
        band = item.lr

    def out(reason: str, code: Exclusion) -> Weighed:
        return Weighed(item, source, band, 0.0, {}, reason, code)

    if source.date > known_by:
        return out(
            f"published after {known_by.isoformat()}, the date up to which evidence is taken",
            "published-later",
        )
    if item.period.start > as_of:
        return out(f"describes a period after the as-of date {as_of.isoformat()}", "later-period")
    if band == "none":
        return out(
            "no diagnostic value: as expected in a safe country as in an unsafe one",
            "no-diagnostic-value",
        )
    if source.kind in params.excluded_source_kinds:
        return out(
            f"source kind {source.kind} excluded by a what-if setting", "source-kind-excluded"
        )
    if item.groups:
        if profile_groups is None:
            return out(
                f"specific to {', '.join(item.groups)}: counts only for a profile in that group",
                "group-specific",
            )
        if not profile_groups & set(item.groups):
            return out(
                f"specific to {', '.join(item.groups)}: not a group of this profile",
                "group-specific",
            )
    factors = {
        "reliability": params.reliability[source.reliability],
        "credibility": params.credibility[item.credibility],
        "source_kind": params.source_kind.get(source.kind, 1.0),
        "recency": recency(item, as_of, params.half_life_days),
    }
    if interest_applies(sign_of(band), source, item):
        factors["interest"] = params.interest_discount
    for name in sorted(set(item.undercutters)):
        factors[f"undercutter:{name}"] = params.undercutters[name]
    shrink = 1.0
    for value in factors.values():
        shrink *= value
    return Weighed(item, source, band, shrink, {k: round(v, DIGITS) for k, v in factors.items()})


@dataclass(frozen=True)
class Measurement:
    """Independent measurements of one quantity, pooled."""

    quantity: QuantityDef
    pooled: float
    band: Band
    shrink: float
    items: list[str]
    unsafe_side: list[str]
    """Measurements on the unsafe side of the decision line (the rest are on the safe side)."""


def pool_measurements(quantity: QuantityDef, weighed: list[Weighed]) -> Measurement:
    """Pooled value: the mean of the measurements weighted by their shrink factors
    (reliability, credibility, recency), one per dependence group (`data`); its band from the
    scale; its shrink the best measurement's."""
    by_data: dict[str, Weighed] = {}
    for w in sorted(weighed, key=lambda w: (-w.shrink, w.item.id)):
        assert w.item.measure is not None
        by_data.setdefault(w.item.data or w.item.id, w)
    chosen = list(by_data.values())
    total = sum(w.shrink for w in chosen)
    pooled = sum(w.shrink * w.item.measure.value for w in chosen if w.item.measure) / total
    unsafe = sorted(
        w.item.id
        for w in chosen
        if w.item.measure and not on_safe_side(quantity, w.item.measure.value)
    )
    return Measurement(
        quantity,
        round(pooled, DIGITS),
        quantity_band(quantity, pooled),
        max(w.shrink for w in chosen),
        sorted(w.item.id for w in chosen),
        unsafe,
    )


@dataclass
class Body:
    """A body of evidence (one indicator, or several pooled) reduced to its clusters."""

    items: list[Weighed]
    measurements: list[Measurement] = field(default_factory=list)
    clusters: dict[str, tuple[float, float, float, float, float, float]] = field(
        default_factory=dict
    )
    """key -> (support lo, mid, hi, against lo, mid, hi): the strongest item each way."""

    @property
    def counted(self) -> list[Weighed]:
        return [w for w in self.items if not w.excluded]

    def total(self, which: int) -> float:
        """Combined log10 likelihood ratio; which = 0 least safe, 1 middle, 2 safest end."""
        return sum(c[which] + c[3 + which] for c in self.clusters.values())

    def side(self, sign: int) -> float:
        """The summed middle values of one side (sign 1: support, -1: against)."""
        return sum(c[1] if sign > 0 else c[4] for c in self.clusters.values())

    def clusters_on(self, sign: int) -> list[str]:
        return sorted(k for k, c in self.clusters.items() if (c[1] > 0 if sign > 0 else c[4] < 0))


def combine(items: list[Weighed], quantities: dict[str, QuantityDef]) -> Body:
    """Dependence: every cluster contributes its strongest supporting and its strongest adverse
    item, once; measurements of one quantity are pooled into one cluster."""
    body = Body(items)
    measured: dict[str, list[Weighed]] = {}
    for w in body.counted:
        if w.item.measure is not None:
            measured.setdefault(w.item.measure.quantity, []).append(w)
            continue
        lo, mid, hi = w.values
        c = body.clusters.get(w.cluster, (0.0, 0.0, 0.0, 0.0, 0.0, 0.0))
        if w.sign > 0:
            c = (max(c[0], lo), max(c[1], mid), max(c[2], hi), c[3], c[4], c[5])
        else:
            c = (c[0], c[1], c[2], min(c[3], lo), min(c[4], mid), min(c[5], hi))
        body.clusters[w.cluster] = c
    for qid in sorted(measured):
        m = pool_measurements(quantities[qid], measured[qid])
        body.measurements.append(m)
        lo, mid, hi = (v * m.shrink for v in band_values(m.band))
        sign = sign_of(m.band)
        body.clusters[f"quantity:{qid}"] = (
            (lo, mid, hi, 0.0, 0.0, 0.0) if sign > 0 else (0.0, 0.0, 0.0, lo, mid, hi)
        )
    return body


def independent_count(body: Body, sign: int) -> int:
    """How many independent sources or data sets carry the evidence on one side: a cluster
    counts once, except a pooled quantity, whose independent measurements corroborate each
    other and count one each."""
    pooled = {f"quantity:{m.quantity.id}": len(m.items) for m in body.measurements}
    return sum(pooled.get(key, 1) for key in body.clusters_on(sign))


@dataclass(frozen=True)
class Grade:
    confidence: Confidence
    downgrades: list[str]


def grade(body: Body, sign: int, needed: float, concerns_transferees: bool) -> Grade:
    """Confidence in a conclusion on one side (sign 1: safety, -1: danger), starting at high
    and lowered one level for each reason (methodology § Confidence). Only what bears on that
    conclusion counts, so adding evidence for a conclusion never lowers confidence in it."""
    reasons: list[str] = []
    toward = "safety" if sign > 0 else "danger"
    lo_end = body.total(0) if sign > 0 else -body.total(2)
    if lo_end < needed:
        reasons.append(
            f"band choices: with every item at the {'weak' if sign > 0 else 'mild'} end of its "
            f"band the evidence no longer reaches the required support for {toward}"
        )
    for m in body.measurements:
        opposite = [i for i in m.items if (i in m.unsafe_side) == (sign > 0)]
        if opposite:
            reasons.append(
                f"inconsistent measurements: {len(opposite)} of {len(m.items)} independent "
                f"measurements of {m.quantity.title[0].lower() + m.quantity.title[1:]} point the "
                "other way (across its decision line)"
            )
    own = body.clusters_on(sign)
    if independent_count(body, sign) == 1:
        reasons.append(
            f"no corroboration: the evidence for {toward} comes from one independent source or "
            "data set"
        )
    disinterested = [w for w in body.counted if w.sign == sign and not w.interested]
    if own and not disinterested and any(w.interested for w in body.counted if w.sign == sign):
        reasons.append(
            f"interested sources: the evidence for {toward} comes only from sources speaking in "
            "their own interest"
        )
    if concerns_transferees and not any(
        w.item.about == "transferees" for w in body.counted if w.sign == sign
    ):
        reasons.append(
            f"indirect: no evidence for {toward} is about people actually transferred; it "
            "concerns the general population"
        )
    level = max(0, len(CONFIDENCE_ORDER) - 1 - len(reasons))
    return Grade(CONFIDENCE_ORDER[level], reasons)


def at_least(confidence: Confidence, required: Confidence) -> bool:
    return CONFIDENCE_ORDER.index(confidence) >= CONFIDENCE_ORDER.index(required)
