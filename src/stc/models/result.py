"""The assessment: one verdict tree, the same for every output format (stc.assessment.v1)."""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict

from stc.models.common import Confidence, Direction

Outcome = Literal["met", "not-met", "insufficient", "not-decidable"]
VerdictOutcome = Literal["qualifies", "does-not-qualify", "undetermined"]
ASSESSMENT_FORMAT: Final = "stc.assessment.v1"


class ResultModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ItemResult(ResultModel):
    id: str
    source: str
    direction: Direction
    weight: float
    factors: dict[str, float]
    groups: list[str]
    excluded: str | None = None
    locator: str
    finding: str
    excerpt: str


class IndicatorResult(ResultModel):
    id: str
    title: str
    weight: float
    score: float
    confidence: Confidence
    downgrades: list[str]
    outcome: Outcome
    reasons: list[str]
    support_weight: float
    undermine_weight: float
    items: list[ItemResult]
    excluded: list[ItemResult]


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
    evidence: list[str]
    indicators: list[IndicatorResult]


class VerdictResult(ResultModel):
    outcome: VerdictOutcome
    reasons: list[str]
    decided_by: list[str]


class AgreementStatus(ResultModel):
    id: str
    title: str
    partner: str
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
    kind: str
    reliability: str
    family: str
    interests: list[str]
    url: str | None
    read_at: str | None
    items: list[str]


class Assessment(ResultModel):
    format: Literal["stc.assessment.v1"] = ASSESSMENT_FORMAT
    tool_version: str
    framework: FrameworkRef
    country: CountryRef
    profile: Reference | None
    as_of: dt.date
    fingerprint: str
    settings: dict[str, str]
    verdict: VerdictResult
    criteria: list[CriterionResult]
    agreements: list[AgreementStatus]
    caveats: list[CaveatResult]
    group_specific: list[str]
    sources: list[SourceUse]
