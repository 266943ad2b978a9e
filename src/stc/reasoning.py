"""Proof standards, outcomes and the verdict tree. No country or criterion is named here:
everything comes from the framework file, the country folder and the profile."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stc.agreements import state_at
from stc.citations import format_citation
from stc.facts import FACT_RULES, NEEDS_PROFILE
from stc.models.common import Confidence
from stc.models.country import Country, EvidenceItem, Source
from stc.models.criteria import Burden, Criterion, Framework, ProofStandard
from stc.models.profile import Profile
from stc.models.result import (
    AgreementStatus,
    BurdenResult,
    CaveatResult,
    CriterionResult,
    IndicatorResult,
    ItemResult,
    Outcome,
    VerdictResult,
)
from stc.models.vocabulary import Vocabulary
from stc.scoring import DIGITS, Weighed, at_least, balance, grade, weigh


def apply_standard(
    score: float,
    confidence: Confidence,
    total_weight: float,
    standard: ProofStandard,
    burden: Burden,
    min_weight: float,
) -> tuple[Outcome, list[str]]:
    """Outcome of one body of evidence under a proof standard and a burden.

    The burden-bearer's side of the balance is the score (burden on the proponent of the
    criterion) or its negative (burden on the opponent); it must exceed the threshold.
    Thin or low-confidence evidence is `insufficient`, never a pass."""
    if total_weight < min_weight:
        return "insufficient", [f"Evidence too thin: total weight {total_weight:.2f} is below the minimum {min_weight:g}."]
    if not at_least(confidence, standard.min_confidence):
        return "insufficient", [f"Confidence is {confidence}; {standard.title} needs at least {standard.min_confidence}."]
    side = score if burden.borne_by == "proponent" else -score
    established = side > standard.threshold
    if burden.borne_by == "proponent":
        verb = "reaches" if established else "does not reach"
        text = f"Score {score:+.2f}: the evidence of safety {verb} {standard.title} (needs above {standard.threshold:+.2f}); burden on {burden.party}."
        return ("met" if established else "not-met"), [text]
    verb = "reaches" if established else "does not reach"
    text = f"Score {score:+.2f}: the evidence of danger {verb} {standard.title} (needs below {-standard.threshold:+.2f}); burden on {burden.party}."
    return ("not-met" if established else "met"), [text]


def _item_result(w: Weighed) -> ItemResult:
    item = w.item
    return ItemResult(
        id=item.id,
        source=item.source,
        direction=item.direction,
        weight=round(w.weight, DIGITS),
        factors=w.factors,
        groups=list(item.groups),
        excluded=w.excluded,
        locator=item.locator,
        finding=item.finding,
        excerpt=item.excerpt,
    )


def _by_weight(pool: list[Weighed]) -> list[Weighed]:
    return sorted(pool, key=lambda w: (-w.weight, w.item.id))


@dataclass
class Case:
    """Everything one assessment reads."""

    framework: Framework
    vocabulary: Vocabulary
    country: Country
    items: list[EvidenceItem]
    sources: dict[str, Source]
    profile: Profile | None
    as_of: dt.date

    def __post_init__(self) -> None:
        groups = frozenset(self.profile.groups) if self.profile else None
        params = self.framework.parameters
        self.weighed = {
            item.id: weigh(item, self.sources[item.source], params, self.as_of, groups)
            for item in sorted(self.items, key=lambda i: i.id)
        }
        self.indicator_titles = {i.id: i.title for i in self.vocabulary.indicators}
        self.standards = {s.id: s for s in self.framework.proof_standards}
        self._pools: dict[str, list[Weighed]] = {}
        self._item_results: dict[str, ItemResult] = {}
        for w in self.weighed.values():  # in id order, as the items were weighed
            for indicator_id in dict.fromkeys(w.item.indicators):
                self._pools.setdefault(indicator_id, []).append(w)

    def pool(self, indicator_id: str) -> list[Weighed]:
        """The weighed items bearing on one indicator, in id order."""
        return list(self._pools.get(indicator_id, ()))

    def item_result(self, w: Weighed) -> ItemResult:
        """One item as reported; made once per item (results are immutable) however many
        indicators and criteria show it."""
        found = self._item_results.get(w.item.id)
        if found is None:
            found = self._item_results[w.item.id] = _item_result(w)
        return found


def _indicator(case: Case, crit: Criterion, use_id: str, weight: float) -> IndicatorResult:
    params = case.framework.parameters
    pool = case.pool(use_id)
    counted = [w for w in pool if not w.excluded]
    support = sum(w.support for w in counted)
    undermine = sum(w.undermine for w in counted)
    score = balance(support, undermine, params.prior)
    g = grade(counted, params)
    assert crit.standard is not None and crit.burden is not None
    outcome, reasons = apply_standard(score, g.confidence, support + undermine, case.standards[crit.standard], crit.burden, params.min_weight)
    return IndicatorResult(
        id=use_id,
        title=case.indicator_titles[use_id],
        weight=weight,
        score=round(score, DIGITS),
        confidence=g.confidence,
        downgrades=g.downgrades,
        outcome=outcome,
        reasons=reasons,
        support_weight=round(support, DIGITS),
        undermine_weight=round(undermine, DIGITS),
        items=[case.item_result(w) for w in _by_weight([w for w in counted if w.weight > 0])],
        excluded=[case.item_result(w) for w in sorted(pool, key=lambda w: w.item.id) if w.excluded],
    )


def _combine(rule: str, n: int | None, outcomes: list[Outcome]) -> Outcome:
    met = outcomes.count("met")
    not_met = outcomes.count("not-met")
    need = {"all": len(outcomes), "any": 1, "at-least": n or 1}[rule]
    if met >= need:
        return "met"
    if not_met > len(outcomes) - need:
        return "not-met"
    return "insufficient"


@dataclass(frozen=True)
class Partial:
    outcome: Outcome
    score: float | None
    confidence: Confidence | None
    downgrades: list[str]
    reasons: list[str]
    indicators: list[IndicatorResult]


def _evidence_criterion(case: Case, crit: Criterion) -> Partial:
    params = case.framework.parameters
    assert crit.combine is not None and crit.standard is not None and crit.burden is not None
    indicators = [_indicator(case, crit, use.id, use.weight) for use in crit.indicators]
    with_evidence = [r for r in indicators if r.support_weight + r.undermine_weight > 0]
    total_w = sum(r.weight for r in with_evidence)
    score = sum(r.weight * r.score for r in with_evidence) / total_w if total_w else 0.0
    pooled = {w.item.id: w for use in crit.indicators for w in case.pool(use.id) if not w.excluded}
    thin = [r.id for r in indicators if r.outcome == "insufficient" and r.support_weight + r.undermine_weight < params.min_weight]
    extra = [f"indirectness: {len(thin)} of {len(indicators)} indicators lack evidence ({', '.join(thin)})"] if thin else []
    g = grade(list(pooled.values()), params, extra)
    pooled_weight = sum(w.support + w.undermine for w in pooled.values())
    standard = case.standards[crit.standard]
    if crit.combine.rule == "weighted":
        outcome, reasons = apply_standard(score, g.confidence, pooled_weight, standard, crit.burden, params.min_weight)
        reasons = reasons + [f"The score is the weighted mean of the {len(with_evidence)} of {len(indicators)} indicator scores that have evidence."]
    else:
        outcome = _combine(crit.combine.rule, crit.combine.n, [r.outcome for r in indicators])
        label = {"all": "every indicator", "any": "any indicator", "at-least": f"at least {crit.combine.n} indicators"}[crit.combine.rule]
        tally = ", ".join(f"{r.id}: {r.outcome}" for r in indicators)
        reasons = [f"The criterion needs {label} to be met under {standard.title} ({tally})."]
    return Partial(outcome, round(score, DIGITS), g.confidence, g.downgrades, reasons, indicators)


def _criterion(case: Case, crit: Criterion) -> CriterionResult:
    eff = crit.effective
    in_effect = (eff.start is None or eff.start <= case.as_of) and (eff.end is None or case.as_of <= eff.end)
    if not in_effect:
        span = f"{eff.start or '…'} to {eff.end or '…'}"
        part = Partial("not-decidable", None, None, [], [f"Not in effect on {case.as_of.isoformat()} (in effect {span})."], [])
    elif crit.kind == "discretion":
        who = (crit.reserved_to or "an official").strip().rstrip(".")
        part = Partial("not-decidable", None, None, [], [f"A discretionary decision the tool does not decide. Reserved to: {who}."], [])
    elif crit.kind == "fact":
        assert crit.fact is not None
        if crit.fact.test in NEEDS_PROFILE and case.profile is None:
            part = Partial("not-decidable", None, None, [], ["A fact about the person: give a profile (--profile) to decide it."], [])
        else:
            found = FACT_RULES[crit.fact.test](crit.fact, case.country, case.profile, case.as_of)
            part = Partial(found.outcome, None, found.confidence, [], found.reasons, [])
    else:
        part = _evidence_criterion(case, crit)
        if crit.level == "person" and case.profile is None:
            part = Partial(
                "not-decidable",
                part.score,
                part.confidence,
                part.downgrades,
                ["An individual screening: give a profile (--profile) to decide it. The scores shown weigh only evidence that applies to everyone."],
                part.indicators,
            )
    reasons = list(part.reasons)
    if crit.reserved_to and crit.kind != "discretion":
        reasons.append(f"An evidence assessment, not a legal finding. Reserved to: {crit.reserved_to.strip().rstrip('.')}.")
    evidence = sorted({i.id for ind in part.indicators for i in ind.items})
    standard = case.standards.get(crit.standard) if crit.standard else None
    return CriterionResult(
        id=crit.id,
        title=crit.title,
        part=crit.part,
        level=crit.level,
        kind=crit.kind,
        mandatory=crit.mandatory,
        outcome=part.outcome,
        score=part.score,
        confidence=part.confidence,
        downgrades=part.downgrades,
        standard=crit.standard,
        standard_title=standard.title if standard else None,
        burden=BurdenResult(borne_by=crit.burden.borne_by, party=crit.burden.party, verification=crit.burden.verification) if crit.burden else None,
        reasons=reasons,
        statutory_wording=crit.statutory_wording,
        rule=crit.rule,
        citations=[format_citation(c) for c in crit.citations],
        verification=crit.verification,
        unverified=crit.unverified,
        reserved_to=crit.reserved_to,
        evidence=evidence,
        indicators=part.indicators,
    )


def deciding_criteria(results: list[CriterionResult], with_profile: bool) -> list[CriterionResult]:
    """The criteria that decide the verdict: mandatory, not discretionary, in effect, and
    person-level ones only when a profile is given."""
    return [
        r
        for r in results
        if r.mandatory and r.kind != "discretion" and (r.level == "country" or with_profile) and not r.reasons[0].startswith("Not in effect")
    ]


def verdict(results: list[CriterionResult], with_profile: bool, comparator: bool, framework_title: str) -> VerdictResult:
    """`qualifies` only if every deciding criterion is met; `does-not-qualify` if any is not met."""
    deciding = deciding_criteria(results, with_profile)
    scope = "the country-level and person-level criteria" if with_profile else "the country-level criteria (no profile given)"
    head = f"Under {framework_title} (a comparator framework, not US law)" if comparator else "Under this framework"
    failed = [r for r in deciding if r.outcome == "not-met"]
    if failed:
        return VerdictResult(
            outcome="does-not-qualify",
            reasons=[f"{head}, {len(failed)} of the {len(deciding)} deciding criteria, {scope}, {'is' if len(failed) == 1 else 'are'} not met."]
            + [f"{r.id}: {r.reasons[0]}" for r in failed],
            decided_by=[r.id for r in failed],
        )
    open_ = [r for r in deciding if r.outcome != "met"] or ([] if deciding else [r for r in results if r.mandatory])  # nothing deciding (e.g. no criterion in effect): undetermined, never a vacuous "qualifies"
    if open_:
        return VerdictResult(
            outcome="undetermined",
            reasons=[
                f"{head}, no deciding criterion ({scope}) is found not met, but {len(open_)} of the {len(deciding)} cannot be decided on this evidence."
                if deciding
                else f"{head}, no criterion decides the verdict on this date ({scope}), so it is left open."
            ]
            + [f"{r.id}: {r.outcome}: {r.reasons[0]}" for r in open_],
            decided_by=[r.id for r in open_],
        )
    return VerdictResult(
        outcome="qualifies",
        reasons=[f"{head}, all {len(deciding)} deciding criteria, {scope}, are met."],
        decided_by=[r.id for r in deciding],
    )


def evaluate(case: Case) -> tuple[list[CriterionResult], VerdictResult]:
    results = [_criterion(case, crit) for crit in case.framework.criteria]
    return results, verdict(results, case.profile is not None, case.framework.comparator, case.framework.title)


def agreement_statuses(country: Country, as_of: dt.date) -> list[AgreementStatus]:
    out = []
    for agreement in country.agreements:
        s = state_at(agreement, as_of)
        out.append(
            AgreementStatus(
                id=agreement.id,
                title=agreement.title,
                partner=agreement.partner,
                statutory_basis=agreement.statutory_basis,
                status=s.status,
                since=s.since,
                terms_public=agreement.scope.terms_public,
            )
        )
    return out


def caveats(framework: Framework) -> list[CaveatResult]:
    return [CaveatResult(id=c.id, title=c.title, text=c.text, citations=[format_citation(x) for x in c.citations]) for c in framework.caveats]
