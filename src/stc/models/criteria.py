"""A legal framework: criteria, their indicators, proof standards, model parameters, caveats."""

from __future__ import annotations

from typing import Literal, get_args

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
    Verification,
)

SupportLevel = Literal["weak", "moderate", "moderately-strong", "strong", "very-strong"]
"""A strength of support on the verbal scale, without its direction."""


class ProofStandard(StrictModel):
    """A named standard: how strongly the evidence must favour the burden-bearer's side.

    `min_support` is the least strength of support, on the verbal scale of likelihood ratios,
    that the combined evidence must give the burden-bearer's proposition; `min_confidence` is
    the least confidence at which the standard can be applied at all (below it the outcome is
    `insufficient`). See docs/methodology.md, "Proof standards"."""

    id: Slug
    title: NonEmptyText
    min_support: SupportLevel
    min_confidence: Confidence
    description: NonEmptyText
    citations: list[Citation] = Field(default_factory=list)


class Burden(StrictModel):
    borne_by: Literal["proponent", "opponent"] = Field(
        description=(
            "proponent: whoever asserts the criterion is met must prove it; opponent: whoever "
            "asserts it is not met must prove that."
        )
    )
    party: NonEmptyText = Field(description="Who that is in the proceeding, in words.")
    resolves_undecided: bool = Field(
        default=False,
        description=(
            "Whether an outcome the evidence leaves undecided goes against the party bearing the "
            "burden, as it must where a court decides the question on that burden (the risk of "
            "non-persuasion). False where the tool's outcome is an evidence assessment for a "
            "decision reserved to someone else: an undecided outcome then stays `insufficient`."
        ),
    )
    verification: Verification = "V1"
    note: str | None = None


class IndicatorUse(StrictModel):
    """An indicator from the vocabulary, as one criterion uses it."""

    id: Slug
    citations: list[Citation] = Field(
        min_length=1,
        description=(
            "The law the indicator serves; the indicator itself is the tool's operationalisation."
        ),
    )
    verification: Verification = "V1"
    note: str | None = None


class AllOf(StrictModel):
    """Every part must hold: strength in one never makes up for failure in another."""

    all_of: list[Node] = Field(alias="all", min_length=1)


class AnyOf(StrictModel):
    """One part holding is enough (e.g. non-state threats are absent, or the state protects)."""

    any_of: list[Node] = Field(alias="any", min_length=1)


class Pool(StrictModel):
    """Several indicators weighed as one body of evidence (e.g. access to the procedure, with
    what happened to people already transferred as evidence of that access)."""

    pool: list[Slug] = Field(min_length=2)


Node = Slug | AllOf | AnyOf | Pool
"""How a criterion's indicators combine: an indicator id, or all / any / pool of parts."""


def node_indicators(node: Node) -> list[str]:
    """Every indicator id in a combination tree, in order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, Pool):
        return list(node.pool)
    parts = node.all_of if isinstance(node, AllOf) else node.any_of
    return [i for part in parts for i in node_indicators(part)]


class DefeaterUse(StrictModel):
    """A defeater (vocabulary) that decides this criterion, with the authority for it."""

    id: Slug
    citations: list[Citation] = Field(min_length=1)
    verification: Verification = "V1"
    note: str | None = None


FactTestName = Literal[
    "agreement-in-force",
    "within-agreement-scope",
    "not-country-of-nationality",
    "not-unaccompanied-child",
    "treaty-party",
]


class FactTest(StrictModel):
    test: FactTestName
    treaty: Slug | None = Field(
        default=None, description="For treaty-party: the treaty id used in country files."
    )

    @model_validator(mode="after")
    def _treaty_given(self) -> FactTest:
        if (self.test == "treaty-party") != (self.treaty is not None):
            raise ValueError(
                "'treaty' is required with test 'treaty-party' and not allowed otherwise"
            )
        return self


class EffectivePeriod(StrictModel):
    start: IsoDate | None = None
    end: IsoDate | None = None


class Criterion(StrictModel):
    id: Slug
    title: NonEmptyText
    part: NonEmptyText = Field(
        description="The part of the framework it belongs to, e.g. 'Applicability gates'."
    )
    statutory_wording: str | None = Field(
        default=None, description="The words of the law the rule encodes (short quotation)."
    )
    rule: NonEmptyText = Field(description="The encoded rule, in plain words.")
    citations: list[Citation] = Field(min_length=1)
    level: Literal["country", "person"]
    kind: Literal["evidence", "fact", "discretion"]
    mandatory: bool = True
    standard: Slug | None = None
    burden: Burden | None = None
    indicators: list[IndicatorUse] = Field(default_factory=list)
    combine: Node | None = Field(
        default=None,
        description="How the indicators combine; every listed indicator appears exactly once.",
    )
    defeaters: list[DefeaterUse] = Field(default_factory=list)
    population: Literal["general", "transferees"] = Field(
        default="general",
        description=(
            "transferees: the criterion is about what happens to people transferred, so evidence "
            "about the general population is indirect."
        ),
    )
    fact: FactTest | None = None
    reserved_to: str | None = Field(
        default=None,
        description=(
            "Where the law reserves the determination to an official, who; the tool's outcome is "
            "then an evidence assessment, not a legal finding."
        ),
    )
    effective: EffectivePeriod = Field(default_factory=EffectivePeriod)
    verification: Verification = "V1"
    unverified: str | None = Field(
        default=None,
        description="What in this criterion is not verified, and what would verify it.",
    )
    note: str | None = None

    @model_validator(mode="after")
    def _kind_fields(self) -> Criterion:
        if self.kind == "evidence":
            missing = [n for n in ("standard", "burden", "combine") if getattr(self, n) is None]
            if missing or not self.indicators:
                raise ValueError(
                    "an evidence criterion needs indicators, "
                    f"{', '.join(missing or ['indicators'])}"
                )
        if self.kind == "fact" and self.fact is None:
            raise ValueError("a fact criterion needs 'fact'")
        if self.kind != "fact" and self.fact is not None:
            raise ValueError("'fact' is only for kind 'fact'")
        if self.kind != "evidence" and (self.indicators or self.defeaters):
            raise ValueError("only evidence criteria have indicators and defeaters")
        if self.combine is not None:
            used = node_indicators(self.combine)
            listed = [i.id for i in self.indicators]
            if sorted(used) != sorted(listed):
                raise ValueError(
                    "combine must use every listed indicator exactly once (listed: "
                    f"{', '.join(listed)}; used: {', '.join(used)})"
                )
        return self


def _default_reliability() -> dict[Grade, float]:
    return {"A": 1.0, "B": 0.8, "C": 0.5, "D": 0.3, "E": 0.1, "F": 0.4}


class Parameters(StrictModel):
    """How much an item's band is shrunk toward "no support" (docs/methodology.md § 3).

    The defaults here are the one place the shipped values are written; a framework file
    states `parameters:` only to depart from them, and a table it gives (reliability,
    credibility, source_kind, undercutters) replaces the default table whole."""

    half_life_days: int = Field(
        default=1095,
        gt=0,
        description=(
            "Recency: an item's log-likelihood ratio halves every this many days between the "
            "end of the period it describes and the as-of date."
        ),
    )
    reliability: dict[Grade, float] = Field(
        default_factory=_default_reliability,
        description="Factor for each reliability grade of a source (Admiralty code).",
    )
    credibility: dict[int, float] = Field(
        default_factory=lambda: {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.3, 5: 0.1, 6: 0.4},
        description="Factor for each credibility grade of an item's information.",
    )
    source_kind: dict[SourceKind, float] = Field(
        default_factory=lambda: dict.fromkeys(get_args(SourceKind), 1.0),
        description="Factor for each kind of source (1.0 for every kind: a what-if lever).",
    )
    interest_discount: float = Field(
        default=0.75,
        gt=0.0,
        le=1.0,
        description="Factor on items whose direction serves the source's interest.",
    )
    excluded_source_kinds: list[SourceKind] = Field(
        default_factory=list,
        description=(
            "Source kinds whose items are recorded but not weighed (a what-if setting; empty in "
            "shipped frameworks)."
        ),
    )
    undercutters: dict[Slug, float] = Field(
        default_factory=lambda: {
            "uncorroborated": 0.8,
            "predates-reform": 0.7,
            "second-hand": 0.85,
            "on-paper-only": 0.6,
        },
        description="Critical questions an item may be marked with, and the factor each applies.",
    )
    defeater_support: SupportLevel = Field(
        default="moderately-strong",
        description=(
            "How strongly, after shrinking, the items marking a defeater must show it for it to "
            "be established."
        ),
    )

    @model_validator(mode="after")
    def _complete_tables(self) -> Parameters:
        for name, keys in (
            ("reliability", ("A", "B", "C", "D", "E", "F")),
            ("credibility", (1, 2, 3, 4, 5, 6)),
        ):
            table = getattr(self, name)
            missing = [str(k) for k in keys if k not in table]
            if missing:
                raise ValueError(f"{name} lacks {', '.join(missing)}")
            if any(not 0.0 <= v <= 1.0 for v in table.values()):
                raise ValueError(f"{name} factors must lie in [0, 1]")
        if any(not 0.0 <= v <= 1.0 for v in self.source_kind.values()):
            raise ValueError("source_kind factors must lie in [0, 1]")
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
    schema_version: Literal[2]
    id: Slug
    title: NonEmptyText
    jurisdiction: NonEmptyText
    comparator: bool = Field(
        description=(
            "True for frameworks other than the US statute; their results are never US-law results."
        )
    )
    sending_states: list[Iso2] | Literal["any"] = Field(
        description=(
            "The states whose transfers the framework governs: an agreement counts only if one of "
            "them is a party to it ('any' for guidance addressed to every state, and for a "
            "framework without an agreement gate, where the sending state changes no outcome)."
        )
    )
    summary: NonEmptyText
    citations: list[Citation] = Field(min_length=1)
    effective: EffectivePeriod = Field(default_factory=EffectivePeriod)
    parameters: Parameters = Field(
        default_factory=Parameters,
        description="Departures from the default parameters (stc.models.criteria.Parameters).",
    )
    proof_standards: list[ProofStandard] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    caveats: list[Caveat] = Field(default_factory=list)
