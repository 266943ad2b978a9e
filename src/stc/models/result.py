"""The assessment: one verdict tree, the same for every output format (stc.assessment.v1)."""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from pydantic import Field

from stc.models.common import Confidence, Direction, OutputModel

Outcome = Literal["met", "not-met", "insufficient", "not-decidable"]
VerdictOutcome = Literal["qualifies", "does-not-qualify", "undetermined"]
ASSESSMENT_FORMAT: Final = "stc.assessment.v2"


class ResultModel(OutputModel):
    """An output model (stc.models.common.OutputModel)."""


class MeasureResult(ResultModel):
    quantity: str
    value: float


class ItemResult(ResultModel):
    id: str
    source: str
    direction: Direction
    band: str
    lr_reason: str | None
    value: float
    """Signed log10 likelihood ratio after shrinking; 0 for an excluded item."""
    weight: float
    """The size of `value` (kept for tables)."""
    factors: dict[str, float]
    groups: list[str]
    about: str
    measure: MeasureResult | None
    establishes: list[str]
    cluster: str
    excluded: str | None = None
    locator: str
    finding: str
    excerpt: str
    excerpt_translation: str | None = None
    personal: bool = False
    """The person's own evidence (from the profile), not the country data's."""


class MeasurementResult(ResultModel):
    quantity: str
    title: str
    unit: str
    pooled: float
    band: str
    items: list[str]
    unsafe_side: list[str]


Undecided = Literal["thin", "balanced", "low-confidence"]


class IndicatorResult(ResultModel):
    """One element of a criterion: an indicator, or several pooled (ids joined by '+')."""

    id: str
    title: str
    score: float
    """Combined log10 likelihood ratio: positive favours safety."""
    score_range: tuple[float, float]
    strength: str
    conclusion: str
    confidence: Confidence
    downgrades: list[str]
    outcome: Outcome
    undecided: Undecided | None
    reasons: list[str]
    would_change: str | None
    support_weight: float
    undermine_weight: float
    measurements: list[MeasurementResult]
    items: list[ItemResult]
    excluded: list[ItemResult]


class DefeaterResult(ResultModel):
    id: str
    title: str
    established: bool
    strength: float
    needed: float
    items: list[str]
    citations: list[str]


class BurdenResult(ResultModel):
    borne_by: Literal["proponent", "opponent"]
    party: str
    verification: str


class CriterionResult(ResultModel):
    id: str
    title: str
    part: str
    level: Literal["country", "person"]
    kind: Literal["evidence", "fact", "discretion"]
    mandatory: bool
    in_effect: bool = Field(
        description=(
            "Whether the criterion is in effect on the as-of date; one not in effect never "
            "decides the verdict."
        )
    )
    outcome: Outcome
    score: float | None
    confidence: Confidence | None
    downgrades: list[str]
    standard: str | None
    standard_title: str | None
    burden: BurdenResult | None
    reasons: list[str]
    statutory_wording: str | None
    rule: str
    citations: list[str]
    verification: str
    unverified: str | None
    reserved_to: str | None
    conclusion: str | None
    decided_by_burden: bool = Field(
        default=False,
        description=(
            "Whether the evidence left the criterion undecided and the outcome is the burden's: "
            "the party bearing it has not carried it (only under a framework whose burden "
            "resolves undecided outcomes)."
        ),
    )
    defeaters: list[DefeaterResult]
    evidence: list[str]
    indicators: list[IndicatorResult]


class VerdictResult(ResultModel):
    outcome: VerdictOutcome
    reasons: list[str]
    decided_by: list[str]


class AgreementStatus(ResultModel):
    id: str
    title: str
    partners: list[str]
    statutory_basis: str
    status: str
    since: dt.date | None
    terms_public: bool


class Reference(ResultModel):
    id: str
    title: str


class CountryRef(Reference):
    iso2: str


class FrameworkRef(Reference):
    comparator: bool
    jurisdiction: str


class CaveatResult(ResultModel):
    id: str
    title: str
    text: str
    citations: list[str]


class SourceUse(ResultModel):
    id: str
    title: str
    publisher: str
    date: dt.date
    date_basis: str
    kind: str
    reliability: str
    family: str
    interests: list[str]
    url: str | None
    read_at: str | None
    unpublished: bool = False
    """A document never made public (a declaration, a filing not online)."""
    items: list[str]
    personal: bool = False
    """A source of the person's own evidence (from the profile)."""


class Assessment(ResultModel):
    format: Literal["stc.assessment.v2"] = ASSESSMENT_FORMAT
    tool_version: str
    framework: FrameworkRef
    country: CountryRef
    profile: Reference | None
    as_of: dt.date
    known_by: dt.date
    fingerprint: str
    settings: dict[str, str]
    verdict: VerdictResult
    criteria: list[CriterionResult]
    agreements: list[AgreementStatus]
    caveats: list[CaveatResult]
    group_specific: list[str]
    sources: list[SourceUse]
