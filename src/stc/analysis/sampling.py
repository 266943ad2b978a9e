"""Monte Carlo samples of one case, each run through the real engine (stc.reasoning.evaluate).

A sample changes three things the framework and the raters fix by judgment:

- band choices: each counted item's log10 likelihood ratio is drawn uniformly within the range
  of its band (stc.scoring.LEVELS), instead of the band's middle value;
- the shrinking tables: the source-kind factors, the reliability and credibility tables and the
  recency half-life (`SensitivityRanges`);
- optionally, each proof standard's `min_support`, moved at most one level on the verbal scale.

Nothing else is reimplemented: every sample is a `SampledCase` evaluated by the engine, so the
samples can never drift from the model. A measured item's band follows from the pooled
measured value on its quantity's anchored scale (stc.scoring.pool_measurements), so band draws
do not reach measured quantities.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import get_args

from pydantic import Field, model_validator

from stc.models.common import OutputModel
from stc.models.criteria import Framework, Parameters, SupportLevel
from stc.models.result import CriterionResult, Outcome, VerdictOutcome, VerdictResult
from stc.reasoning import Case, evaluate
from stc.scoring import band_values

OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
VERDICTS: tuple[VerdictOutcome, ...] = get_args(VerdictOutcome)
SUPPORT_LEVELS: tuple[SupportLevel, ...] = get_args(SupportLevel)

BandValues = tuple[float, float, float]
"""(least safe, middle, safest) signed log10 likelihood ratios before shrinking."""


class SensitivityRanges(OutputModel):
    """The ranges sampled. Each is documented in docs/methodology.md with its reason."""

    band_spread: float = Field(
        default=1.0,
        ge=0.0,
        le=1.0,
        description=(
            "Each counted item's log10 likelihood ratio is drawn uniformly from this share of its "
            "band's range, centred on the band's middle (1: the whole band; 0: the middle, as the "
            "engine uses)."
        ),
    )
    source_kind_factor: tuple[float, float] = Field(
        default=(0.5, 1.0),
        description=(
            "Each source kind's factor is its framework value times a uniform draw from this "
            "range, kept within [0, 1]."
        ),
    )
    reliability_exponent: tuple[float, float] = Field(
        default=(0.5, 2.0),
        description=(
            "The reliability table is raised to a power drawn log-uniformly from this range "
            "(keeps the order of grades; flattens or sharpens the scale)."
        ),
    )
    credibility_exponent: tuple[float, float] = Field(
        default=(0.5, 2.0), description="The same for the credibility table, drawn independently."
    )
    half_life_factor: tuple[float, float] = Field(
        default=(0.5, 2.0),
        description=(
            "The recency half-life is multiplied by a factor drawn log-uniformly from this range."
        ),
    )
    vary_standards: bool = Field(
        default=False,
        description=(
            "Move each proof standard's min_support one level down, keep it, or one level up "
            "(uniformly among the levels that exist)."
        ),
    )

    @model_validator(mode="after")
    def _ordered(self) -> SensitivityRanges:
        for name in (
            "source_kind_factor",
            "reliability_exponent",
            "credibility_exponent",
            "half_life_factor",
        ):
            lo, hi = getattr(self, name)
            if not 0.0 <= lo <= hi or (name != "source_kind_factor" and lo <= 0.0):
                raise ValueError(
                    f"{name}: expected 0 < low <= high (0 <= low for source_kind_factor), got "
                    f"({lo}, {hi})"
                )
        return self


SampledCase = Case
"""A case whose items may take sampled band values (`Case.band_values`)."""


@dataclass(frozen=True)
class Draw:
    """One sample: the framework's parameters, each standard's min_support, the band values."""

    parameters: Parameters
    min_support: dict[str, SupportLevel]
    band_values: dict[str, BandValues] = field(default_factory=dict)

    def framework(self, base: Framework) -> Framework:
        standards = [
            s.model_copy(update={"min_support": self.min_support[s.id]})
            for s in base.proof_standards
        ]
        return base.model_copy(update={"parameters": self.parameters, "proof_standards": standards})


def _log_uniform(rng: random.Random, bounds: tuple[float, float]) -> float:
    lo, hi = bounds
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def _step(rng: random.Random, level: SupportLevel) -> SupportLevel:
    at = SUPPORT_LEVELS.index(level)
    return SUPPORT_LEVELS[
        rng.choice([n for n in (at - 1, at, at + 1) if 0 <= n < len(SUPPORT_LEVELS)])
    ]


def draw(case: Case, ranges: SensitivityRanges, count: int, seed: int) -> list[Draw]:
    """`count` samples for `case`; the same seed gives the same samples."""
    rng = random.Random(seed)
    base = case.framework.parameters
    counted = [w for w in case.weighed.values() if not w.excluded and w.item.measure is None]
    out = []
    for _ in range(count):
        kinds = {
            k: min(1.0, max(0.0, v * rng.uniform(*ranges.source_kind_factor)))
            for k, v in sorted(base.source_kind.items())
        }
        rel = _log_uniform(rng, ranges.reliability_exponent)
        cred = _log_uniform(rng, ranges.credibility_exponent)
        half_life = max(1, round(base.half_life_days * _log_uniform(rng, ranges.half_life_factor)))
        params = base.model_copy(
            update={
                "source_kind": kinds,
                "reliability": {g: v**rel for g, v in base.reliability.items()},
                "credibility": {g: v**cred for g, v in base.credibility.items()},
                "half_life_days": half_life,
            }
        )
        support = {
            s.id: _step(rng, s.min_support) if ranges.vary_standards else s.min_support
            for s in case.framework.proof_standards
        }
        bands = {}
        for w in counted:  # in id order
            lo, mid, hi = band_values(w.band)
            u = rng.random()
            bands[w.item.id] = (lo, mid + ranges.band_spread * (u - 0.5) * (hi - lo), hi)
        out.append(Draw(params, support, bands))
    return out


def run(case: Case, sample: Draw) -> tuple[list[CriterionResult], VerdictResult]:
    """The engine's results for `case` under one sample."""
    sampled = SampledCase(
        framework=sample.framework(case.framework),
        vocabulary=case.vocabulary,
        country=case.country,
        items=case.items,
        sources=case.sources,
        profile=case.profile,
        as_of=case.as_of,
        known_by=case.known_by,
        band_values=sample.band_values,
    )
    return evaluate(sampled)


def sampled_outcomes(
    case: Case, samples: list[Draw]
) -> tuple[list[list[Outcome]], list[VerdictOutcome]]:
    """Per sample, every criterion's outcome (in framework order) and the verdict."""
    outcomes: list[list[Outcome]] = []
    verdicts: list[VerdictOutcome] = []
    for sample in samples:
        results, verdict = run(case, sample)
        outcomes.append([r.outcome for r in results])
        verdicts.append(verdict.outcome)
    return outcomes, verdicts
