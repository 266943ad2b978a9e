"""Many assessments of one country at once, for the robustness analysis.

The parameters that the Monte Carlo analysis varies (source-kind weights, the reliability
scale, the recency half-life, proof-standard thresholds) only change item weights and
thresholds. Everything else about a case (which items count, their directions, families,
interests, conflicts, the criteria's structure) is fixed, so it is compiled once into arrays
and the engine's rules (stc.scoring, stc.reasoning) are applied to all samples together with
numpy. A test checks, sample by sample, that this gives exactly the outcomes of the full
engine run with the same parameters (tests/test_sensitivity.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stc.models.common import CONFIDENCE_ORDER, Grade
from stc.models.criteria import Framework
from stc.scoring import DIGITS, interest_applies

if TYPE_CHECKING:
    import numpy as np

    from stc.models.result import CriterionResult
    from stc.reasoning import Case

OUTCOMES = ("met", "not-met", "insufficient", "not-decidable")
MET, NOT_MET, INSUFFICIENT, NOT_DECIDABLE = range(4)
VERDICTS = ("qualifies", "does-not-qualify", "undetermined")
GRADES: tuple[Grade, ...] = ("A", "B", "C", "D", "E", "F")


@dataclass(frozen=True)
class Samples:
    """Parameter draws: one row per sample."""

    source_kind: "np.ndarray"  # samples × kinds: the factor of each source kind
    kinds: tuple[str, ...]
    reliability: "np.ndarray"  # samples × 6: the factor of grades A–F
    half_life_days: "np.ndarray"  # samples, whole days
    thresholds: "np.ndarray"  # samples × standards
    standards: tuple[str, ...]

    @property
    def count(self) -> int:
        return int(self.half_life_days.shape[0])

    def framework(self, base: Framework, index: int) -> Framework:
        """The framework the full engine would use for sample `index` (for checking)."""
        data = base.model_dump()
        params = data["parameters"]
        params["source_kind"] = {k: float(self.source_kind[index, j]) for j, k in enumerate(self.kinds)}
        params["reliability"] = {g: float(self.reliability[index, j]) for j, g in enumerate(GRADES)}
        params["half_life_days"] = int(self.half_life_days[index])
        for standard in data["proof_standards"]:
            standard["threshold"] = float(self.thresholds[index, self.standards.index(standard["id"])])
        return Framework.model_validate(data)


@dataclass
class _Indicator:
    weight: float
    members: "np.ndarray"  # indices of counted items
    single_family: bool
    conflicts: bool


@dataclass
class _Criterion:
    index: int
    standard: int
    proponent: bool
    rule: str
    n: int | None
    indicators: list[_Indicator]
    pooled: "np.ndarray"
    pooled_single_family: bool
    pooled_conflicts: bool


@dataclass
class CompiledCase:
    """The fixed part of a case, as arrays over the items that count."""

    base: Framework
    item_ids: list[str]
    fixed: "np.ndarray"  # product of the factors not varied
    grade: "np.ndarray"  # index into GRADES
    kind: "np.ndarray"  # index into kinds
    age: "np.ndarray"  # days before the as-of date
    support: "np.ndarray"  # 1, 0.5 or 0
    undermine: "np.ndarray"
    interested: "np.ndarray"  # 1.0 where the interest discount applies
    kinds: tuple[str, ...]
    standards: tuple[str, ...]
    baseline: list[int]  # baseline outcome code per criterion
    evidence: list[_Criterion] = field(default_factory=list)
    deciding: list[int] = field(default_factory=list)
    vacuous_verdict: int | None = None


def _has_conflict(ids: set[str], case: "Case") -> bool:
    return any(o in ids for i in ids for o in case.weighed[i].item.conflicts_with)


def compile_case(case: "Case", results: list["CriterionResult"], with_profile: bool) -> CompiledCase:
    """Compile a case whose baseline results are `results` (from stc.reasoning.evaluate)."""
    import numpy as np

    from stc.reasoning import deciding_criteria

    params = case.framework.parameters
    counted = [w for w in case.weighed.values() if not w.excluded and w.weight > 0]
    kinds = tuple(sorted(set(params.source_kind) | {w.source.kind for w in counted}))
    standards = tuple(s.id for s in case.framework.proof_standards)
    position = {w.item.id: n for n, w in enumerate(counted)}
    fixed = []
    for w in counted:
        value = 1.0
        for name, factor in w.factors.items():
            if name not in ("reliability", "source_kind", "recency"):
                value *= factor
        fixed.append(value)
    ages = [max(0, (case.as_of - min(w.item.period.end, case.as_of)).days) for w in counted]
    compiled = CompiledCase(
        base=case.framework,
        item_ids=[w.item.id for w in counted],
        fixed=np.array(fixed),
        grade=np.array([GRADES.index(w.source.reliability) for w in counted], dtype=int),
        kind=np.array([kinds.index(w.source.kind) for w in counted], dtype=int),
        age=np.array(ages, dtype=float),
        support=np.array([{"supports": 1.0, "mixed": 0.5}.get(w.item.direction, 0.0) for w in counted]),
        undermine=np.array([{"undermines": 1.0, "mixed": 0.5}.get(w.item.direction, 0.0) for w in counted]),
        interested=np.array([1.0 if interest_applies(w.item, w.source) else 0.0 for w in counted]),
        kinds=kinds,
        standards=standards,
        baseline=[OUTCOMES.index(r.outcome) for r in results],
    )
    by_id = {r.id: n for n, r in enumerate(results)}
    for n, crit in enumerate(case.framework.criteria):
        result = results[n]
        evaluated = crit.kind == "evidence" and bool(result.indicators) and result.outcome != "not-decidable"
        if not evaluated:
            continue
        assert crit.standard is not None and crit.burden is not None and crit.combine is not None
        indicators = []
        pooled_ids: set[str] = set()
        for use in crit.indicators:
            ids = {w.item.id for w in case.pool(use.id) if w.item.id in position}
            pooled_ids |= ids
            indicators.append(
                _Indicator(
                    weight=use.weight,
                    members=np.array(sorted(position[i] for i in ids), dtype=int),
                    single_family=len({case.weighed[i].source.family for i in ids}) == 1,
                    conflicts=_has_conflict(ids, case),
                )
            )
        compiled.evidence.append(
            _Criterion(
                index=n,
                standard=standards.index(crit.standard),
                proponent=crit.burden.borne_by == "proponent",
                rule=crit.combine.rule,
                n=crit.combine.n,
                indicators=indicators,
                pooled=np.array(sorted(position[i] for i in pooled_ids), dtype=int),
                pooled_single_family=len({case.weighed[i].source.family for i in pooled_ids}) == 1,
                pooled_conflicts=_has_conflict(pooled_ids, case),
            )
        )
    deciding = deciding_criteria(results, with_profile)
    compiled.deciding = [by_id[r.id] for r in deciding]
    if not deciding:
        compiled.vacuous_verdict = VERDICTS.index("undetermined") if any(r.mandatory for r in results) else VERDICTS.index("qualifies")
    return compiled


def _round(values: "np.ndarray") -> "np.ndarray":
    """Python's round() to DIGITS places, element by element (numpy's rounding differs at ties)."""
    import numpy as np

    return np.array([round(float(v), DIGITS) for v in values.ravel()]).reshape(values.shape)


class _Engine:
    """The rules of stc.scoring.grade and stc.reasoning.apply_standard over arrays."""

    def __init__(self, case: CompiledCase, samples: Samples) -> None:
        import numpy as np

        self.np = np
        self.case = case
        self.params = case.base.parameters
        kind_cols = [samples.kinds.index(k) for k in case.kinds]
        rel = samples.reliability[:, case.grade]
        kind = samples.source_kind[:, kind_cols][:, case.kind]
        recency = np.power(0.5, case.age[None, :] / samples.half_life_days[:, None])
        self.weights = case.fixed[None, :] * rel * kind * recency
        self.thresholds = samples.thresholds[:, [samples.standards.index(s) for s in case.standards]]
        self.count = samples.count
        self.min_conf = [CONFIDENCE_ORDER.index(s.min_confidence) for s in case.base.proof_standards]

    def sums(self, members: "np.ndarray") -> tuple["np.ndarray", "np.ndarray", "np.ndarray", "np.ndarray", "np.ndarray"]:
        w = self.weights[:, members]
        sup = w @ self.case.support[members]
        und = w @ self.case.undermine[members]
        flag = self.case.interested[members]
        interested = w @ flag
        others_lean = w @ ((self.case.support[members] - self.case.undermine[members]) * (1.0 - flag))
        return sup, und, interested, w.sum(axis=1), others_lean

    def level(
        self,
        sup: "np.ndarray",
        und: "np.ndarray",
        interested: "np.ndarray",
        all_weight: "np.ndarray",
        others_lean: "np.ndarray",
        single_family: bool,
        conflicts: bool,
        extra: "np.ndarray | int" = 0,
    ) -> "np.ndarray":
        np = self.np
        cp = self.params.confidence
        total = sup + und
        safe_total = np.where(total > 0, total, 1.0)
        steps = np.where(total < cp.imprecision_weight[1], 2, np.where(total < cp.imprecision_weight[0], 1, 0))
        minority = np.minimum(sup, und) / safe_total
        steps = steps + np.where(minority >= cp.inconsistency_share[1], 2, np.where(minority >= cp.inconsistency_share[0], 1, 0))
        if cp.single_family and single_family:
            steps = steps + 1
        share = interested / np.where(all_weight > 0, all_weight, 1.0)
        steps = steps + ((share > cp.interested_share) & (others_lean * (sup - und) <= 0))
        if cp.conflicts and conflicts:
            steps = steps + 1
        steps = steps + extra
        level = np.maximum(0, len(CONFIDENCE_ORDER) - 1 - steps)
        return np.where(total > 0, level, 0)

    def standard(self, score: "np.ndarray", level: "np.ndarray", total: "np.ndarray", crit: _Criterion) -> "np.ndarray":
        np = self.np
        threshold = self.thresholds[:, crit.standard]
        side = score if crit.proponent else -score
        established = side > threshold
        decided = np.where(established, MET if crit.proponent else NOT_MET, NOT_MET if crit.proponent else MET)
        decided = np.where(level < self.min_conf[crit.standard], INSUFFICIENT, decided)
        return np.where(total < self.params.min_weight, INSUFFICIENT, decided)

    def criterion(self, crit: _Criterion) -> "np.ndarray":
        np = self.np
        prior = self.params.prior
        outcomes, scores, weights, thin = [], [], [], []
        for ind in crit.indicators:
            sup, und, interested, all_w, lean = self.sums(ind.members)
            total = sup + und
            score = (sup - und) / (total + prior)
            level = self.level(sup, und, interested, all_w, lean, ind.single_family, ind.conflicts)
            outcome = self.standard(score, level, total, crit)
            shown_total = _round(sup) + _round(und)
            outcomes.append(outcome)
            scores.append(np.where(shown_total > 0, _round(score), 0.0))
            weights.append(np.where(shown_total > 0, ind.weight, 0.0))
            thin.append((outcome == INSUFFICIENT) & (shown_total < self.params.min_weight))
        if crit.rule == "weighted":
            w = np.stack(weights, axis=1)
            s = np.stack(scores, axis=1)
            wsum = w.sum(axis=1)
            score = np.where(wsum > 0, (w * s).sum(axis=1) / np.where(wsum > 0, wsum, 1.0), 0.0)
            extra = np.any(np.stack(thin, axis=1), axis=1).astype(int)
            sup, und, interested, all_w, lean = self.sums(crit.pooled)
            level = self.level(sup, und, interested, all_w, lean, crit.pooled_single_family, crit.pooled_conflicts, extra)
            return self.standard(score, level, sup + und, crit)
        o = np.stack(outcomes, axis=1)
        met = (o == MET).sum(axis=1)
        not_met = (o == NOT_MET).sum(axis=1)
        total_n = o.shape[1]
        need = {"all": total_n, "any": 1, "at-least": crit.n or 1}[crit.rule]
        return np.where(met >= need, MET, np.where(not_met > total_n - need, NOT_MET, INSUFFICIENT))


def sampled_outcomes(case: CompiledCase, samples: Samples) -> tuple["np.ndarray", "np.ndarray"]:
    """Outcome codes (samples × criteria, indices into OUTCOMES) and verdict codes (samples,
    indices into VERDICTS)."""
    import numpy as np

    engine = _Engine(case, samples)
    outcomes = np.tile(np.array(case.baseline, dtype=int), (samples.count, 1))
    for crit in case.evidence:
        outcomes[:, crit.index] = engine.criterion(crit)
    if case.vacuous_verdict is not None:
        return outcomes, np.full(samples.count, case.vacuous_verdict, dtype=int)
    deciding = outcomes[:, case.deciding]
    failed = (deciding == NOT_MET).any(axis=1)
    open_ = (deciding != MET).any(axis=1)
    verdicts = np.where(failed, VERDICTS.index("does-not-qualify"), np.where(open_, VERDICTS.index("undetermined"), VERDICTS.index("qualifies")))
    return outcomes, verdicts


def draw(base: Framework, ranges: Any, count: int, seed: int) -> Samples:
    """Draw `count` parameter sets within `ranges` (a SensitivityRanges)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    params = base.parameters
    kinds = tuple(sorted(params.source_kind))
    base_kind = np.array([params.source_kind[k] for k in kinds])
    lo, hi = ranges.source_kind_factor
    source_kind = np.clip(base_kind[None, :] * rng.uniform(lo, hi, size=(count, len(kinds))), 0.0, 1.0)
    base_rel = np.array([params.reliability[g] for g in GRADES])
    lo, hi = ranges.reliability_exponent
    exponent = np.exp(rng.uniform(math.log(lo), math.log(hi), size=count))
    reliability = np.power(base_rel[None, :], exponent[:, None])
    lo, hi = ranges.half_life_factor
    half_life = np.maximum(1, np.rint(params.half_life_days * np.exp(rng.uniform(math.log(lo), math.log(hi), size=count))))
    standards = tuple(s.id for s in base.proof_standards)
    base_thr = np.array([s.threshold for s in base.proof_standards])
    lo, hi = ranges.threshold_shift
    thresholds = np.clip(base_thr[None, :] + rng.uniform(lo, hi, size=(count, len(standards))), 0.0, ranges.threshold_max)
    return Samples(source_kind, kinds, reliability, half_life.astype(float), thresholds, standards)
