"""A legal framework: criteria, their indicators, proof standards, model parameters, caveats."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from stc.models.citation import Citation
from stc.models.common import (
    Confidence,
    Grade,
    Iso2,
    IsoDate,
    NonEmptyText,
    Slug,
    SourceKind,
    StrictModel,
    Strength,
    Verification,
)


class ProofStandard(StrictModel):
    """A named standard: the share of belief the party with the burden must reach.

    `threshold` is on the score scale [0, 1): the burden-bearer's side of the balance must
    exceed it. `min_confidence` is the least confidence in the body of evidence at which the
    standard can be applied at all; below it the outcome is `insufficient`.
    """

    id: Slug
    title: NonEmptyText
    threshold: float = Field(ge=0.0, lt=1.0)
    min_confidence: Confidence
    description: NonEmptyText
    citations: list[Citation] = Field(default_factory=list)


class Burden(StrictModel):
    borne_by: Literal["proponent", "opponent"] = Field(
        description="proponent: whoever asserts the criterion is met must prove it; opponent: whoever asserts it is not met must prove that."
    )
    party: NonEmptyText = Field(description="Who that is in the proceeding, in words.")
    verification: Verification = "V1"
    note: str | None = None


class IndicatorUse(StrictModel):
    """An indicator from the vocabulary, as one criterion uses it."""

    id: Slug
    weight: float = Field(default=1.0, gt=0.0, le=10.0)
    citations: list[Citation] = Field(min_length=1, description="The law the indicator serves; the indicator itself is the tool's operationalisation.")
    verification: Verification = "V1"
    note: str | None = None


class Combination(StrictModel):
    rule: Literal["all", "any", "at-least", "weighted"]
    n: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _n_only_for_at_least(self) -> "Combination":
        if (self.rule == "at-least") != (self.n is not None):
            raise ValueError("'n' is required with rule 'at-least' and not allowed otherwise")
        return self


FactTestName = Literal[
    "agreement-in-force",
    "within-agreement-scope",
    "not-country-of-nationality",
    "not-unaccompanied-child",
    "treaty-party",
]


class FactTest(StrictModel):
    test: FactTestName
    treaty: Slug | None = Field(default=None, description="For treaty-party: the treaty id used in country files.")
    partner: Iso2 = Field(default="US", description="For the agreement tests: the other party to the agreement.")

    @model_validator(mode="after")
    def _treaty_given(self) -> "FactTest":
        if (self.test == "treaty-party") != (self.treaty is not None):
            raise ValueError("'treaty' is required with test 'treaty-party' and not allowed otherwise")
        return self


class EffectivePeriod(StrictModel):
    start: IsoDate | None = None
    end: IsoDate | None = None


class Criterion(StrictModel):
    id: Slug
    title: NonEmptyText
    part: NonEmptyText = Field(description="The part of the framework it belongs to, e.g. 'Applicability gates'.")
    statutory_wording: str | None = Field(default=None, description="The words of the law the rule encodes (short quotation).")
    rule: NonEmptyText = Field(description="The encoded rule, in plain words.")
    citations: list[Citation] = Field(min_length=1)
    level: Literal["country", "person"]
    kind: Literal["evidence", "fact", "discretion"]
    mandatory: bool = True
    standard: Slug | None = None
    burden: Burden | None = None
    indicators: list[IndicatorUse] = Field(default_factory=list)
    combine: Combination | None = None
    fact: FactTest | None = None
    reserved_to: str | None = Field(
        default=None,
        description="Where the law reserves the determination to an official, who; the tool's outcome is then an evidence assessment, not a legal finding.",
    )
    effective: EffectivePeriod = Field(default_factory=EffectivePeriod)
    verification: Verification = "V1"
    unverified: str | None = Field(default=None, description="What in this criterion is not verified, and what would verify it.")
    note: str | None = None

    @model_validator(mode="after")
    def _kind_fields(self) -> "Criterion":
        if self.kind == "evidence":
            missing = [n for n in ("standard", "burden", "combine") if getattr(self, n) is None]
            if missing or not self.indicators:
                raise ValueError(f"an evidence criterion needs indicators, {', '.join(missing or ['indicators'])}")
        if self.kind == "fact" and self.fact is None:
            raise ValueError("a fact criterion needs 'fact'")
        if self.kind != "fact" and self.fact is not None:
            raise ValueError("'fact' is only for kind 'fact'")
        if self.kind != "evidence" and self.indicators:
            raise ValueError("only evidence criteria have indicators")
        return self


class ConfidenceParameters(StrictModel):
    """When the GRADE-like confidence is downgraded (see docs/methodology.md)."""

    imprecision_weight: tuple[float, float] = Field(
        description="Total effective weight below the first value: down one level; below the second: down two."
    )
    inconsistency_share: tuple[float, float] = Field(
        description="Minority side's share of weight at or above the first value: down one level; at or above the second: down two."
    )
    single_family: bool = Field(description="Down one level when all weight comes from one independent family.")
    interested_share: float = Field(ge=0.0, le=1.0, description="Down one level when interested sources carry more than this share of weight.")
    conflicts: bool = Field(description="Down one level when items recorded as conflicting with each other both count.")


class Parameters(StrictModel):
    half_life_days: int = Field(gt=0, description="Recency: an item's weight halves every this many days before the as-of date.")
    prior: float = Field(gt=0.0, description="Pseudo-weight that shrinks thin evidence toward a score of 0.")
    min_weight: float = Field(ge=0.0, description="Below this effective weight an indicator is `insufficient` whatever its score.")
    strength: dict[Strength, float]
    reliability: dict[Grade, float]
    credibility: dict[int, float]
    source_kind: dict[SourceKind, float]
    interest_discount: float = Field(gt=0.0, le=1.0, description="Factor on items whose direction serves the source's interest.")
    excluded_source_kinds: list[SourceKind] = Field(
        default_factory=list, description="Source kinds whose items are recorded but not weighed (a what-if setting; empty in shipped frameworks)."
    )
    undercutters: dict[Slug, float] = Field(description="Critical questions an item may be marked with, and the factor each applies.")
    confidence: ConfidenceParameters

    @model_validator(mode="after")
    def _complete_tables(self) -> "Parameters":
        for name, keys in (
            ("strength", ("strong", "moderate", "weak")),
            ("reliability", ("A", "B", "C", "D", "E", "F")),
            ("credibility", (1, 2, 3, 4, 5, 6)),
        ):
            table = getattr(self, name)
            missing = [str(k) for k in keys if k not in table]
            if missing:
                raise ValueError(f"{name} lacks {', '.join(missing)}")
            if any(not 0.0 <= v <= 1.0 for v in table.values()):
                raise ValueError(f"{name} factors must lie in [0, 1]")
        if any(not 0.0 < v <= 1.0 for v in self.undercutters.values()):
            raise ValueError("undercutter factors must lie in (0, 1]")
        return self


class Caveat(StrictModel):
    id: Slug
    title: NonEmptyText
    text: NonEmptyText
    citations: list[Citation] = Field(default_factory=list)
    verification: Verification = "V1"


class Framework(StrictModel):
    schema_version: Literal[1]
    id: Slug
    title: NonEmptyText
    jurisdiction: NonEmptyText
    comparator: bool = Field(description="True for frameworks other than the US statute; their results are never US-law results.")
    summary: NonEmptyText
    citations: list[Citation] = Field(min_length=1)
    effective: EffectivePeriod = Field(default_factory=EffectivePeriod)
    parameters: Parameters
    proof_standards: list[ProofStandard] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    caveats: list[Caveat] = Field(default_factory=list)
