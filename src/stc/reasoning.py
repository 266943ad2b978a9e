"""Proof standards, outcomes and the verdict tree. No country or criterion is named here:
everything comes from the framework file, the country folder and the profile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from stc.agreements import state_at
from stc.citations import format_citation
from stc.facts import FACT_RULES, NEEDS_PROFILE
from stc.models.common import CONFIDENCE_ORDER, Confidence, Direction
from stc.models.country import Country, EvidenceItem, Source
from stc.models.criteria import AllOf, Burden, Criterion, Framework, Node, Pool, ProofStandard
from stc.models.result import (
    AgreementStatus,
    BurdenResult,
    CaveatResult,
    CriterionResult,
    DefeaterResult,
    IndicatorResult,
    ItemResult,
    MeasurementResult,
    MeasureResult,
    Outcome,
    Undecided,
    VerdictResult,
)
from stc.models.vocabulary import Vocabulary
from stc.notices import comparator_notice
from stc.scoring import (
    DIGITS,
    LEVEL_WORDS,
    LEVELS,
    Body,
    Weighed,
    at_least,
    combine,
    grade,
    level_min,
    verbal,
    verbal_level,
    weigh,
)

if TYPE_CHECKING:
    from stc.models.profile import Profile

DIRECTION_OF_SIGN: dict[int, Direction] = {1: "supports", -1: "undermines", 0: "neutral"}
SAFETY_ORDER: dict[Outcome, int] = {"not-met": 0, "insufficient": 1, "not-decidable": 1, "met": 2}


def _smallest_level(gap: float) -> str | None:
    """The weakest band (at full reliability) whose middle value closes a gap, in words."""
    for key, (_, mid, _) in LEVELS.items():
        if key != "none" and mid >= gap:
            return LEVEL_WORDS[key]
    return None


def apply_standard(
    body: Body, standard: ProofStandard, burden: Burden, concerns_transferees: bool, topic: str
) -> tuple[Outcome, Undecided | None, list[str], Confidence, list[str], str | None]:
    """Outcome of one body of evidence under a proof standard and a burden.

    The burden-bearer's proposition (safety for the proponent, danger for the opponent) is
    established when the combined evidence supports it at least at the standard's strength,
    with at least the standard's confidence. It fails when the evidence supports the other
    side at that strength. In between the outcome is `insufficient`, saying whether the
    evidence is thin, balanced, or leans the burden-bearer's way without enough confidence."""
    need = level_min(standard.min_support)
    mid = body.total(1)
    sign = 1 if burden.borne_by == "proponent" else -1
    side = sign * mid
    what = "safety" if sign > 0 else "danger"
    win: Outcome = "met" if sign > 0 else "not-met"
    lose: Outcome = "not-met" if sign > 0 else "met"
    conf = grade(body, sign, need, concerns_transferees)
    words = LEVEL_WORDS[standard.min_support]
    party = burden.party[0].lower() + burden.party[1:]
    if not body.clusters:
        why = "no item with diagnostic value counts" if body.items else "no evidence is recorded"
        return (
            "insufficient",
            "thin",
            [f"Evidence too thin: {why}; the burden of showing {what} is on {party}."],
            "very-low",
            ["no weighed evidence"],
            f"One reliable finding with at least {words} support either way would decide it.",
        )
    if side >= need:
        if at_least(conf.confidence, standard.min_confidence):
            change = _smallest_level(side - need)
            return (
                win,
                None,
                [
                    f"That reaches {standard.title} ({words} support for {what} "
                    f"needed; burden on {party})."
                ],
                conf.confidence,
                conf.downgrades,
                (
                    f"A further reliable, independent finding against {what} of {change} "
                    "strength would leave it undecided."
                    if change
                    else "No single further finding would leave it undecided."
                ),
            )
        return (
            "insufficient",
            "low-confidence",
            [
                f"It leans toward {what}, but confidence is {conf.confidence}; a "
                f"decision either way under {standard.title} needs at least "
                f"{standard.min_confidence}."
            ],
            conf.confidence,
            conf.downgrades,
            "Corroboration from an independent, disinterested source would decide it.",
        )
    if side <= -need:
        other = "danger" if sign > 0 else "safety"
        oconf = grade(body, -sign, need, concerns_transferees)
        if not at_least(oconf.confidence, standard.min_confidence):
            return (
                "insufficient",
                "low-confidence",
                [
                    f"It leans toward {other}, but confidence is {oconf.confidence}; "
                    f"a decision either way under {standard.title} needs at least "
                    f"{standard.min_confidence}."
                ],
                oconf.confidence,
                oconf.downgrades,
                f"Corroboration from an independent, disinterested source showing {other} would "
                "decide it.",
            )
        change = _smallest_level(-need - side)
        return (
            lose,
            None,
            [
                f"The burden of showing {what} ({standard.title}, burden on {party}) "
                f"is not carried: the evidence favours {other}."
            ],
            oconf.confidence,
            oconf.downgrades,
            (
                f"A further reliable, independent finding for {what} of {change} strength would "
                "leave it undecided."
                if change
                else "No single further finding would leave it undecided."
            ),
        )
    support, against = body.side(1), body.side(-1)
    balanced = support >= need and -against >= need
    kind: Undecided = "balanced" if balanced else "thin"
    detail = (
        f"Evidence genuinely balanced: support for safety ({support:+.2f}) and against it "
        f"({against:+.2f}) each reach {words} strength and cancel out."
        if balanced
        else f"Evidence too thin: what is recorded gives less than {words} support either way."
    )
    change = _smallest_level(min(need - side, side + need))
    return (
        "insufficient",
        kind,
        [f"{detail} The burden of showing {what} is on {party}."],
        conf.confidence,
        conf.downgrades,
        (
            f"One further reliable finding of about {change} strength either way would decide it."
            if change
            else None
        ),
    )


def _item_result(w: Weighed, personal: bool = False) -> ItemResult:
    item = w.item
    return ItemResult(
        id=item.id,
        source=item.source,
        direction=DIRECTION_OF_SIGN[w.sign],
        band=w.band,
        lr_reason=item.lr_reason,
        value=round(w.value, DIGITS),
        weight=round(abs(w.value), DIGITS),
        factors=w.factors,
        groups=list(item.groups),
        about=item.about,
        measure=MeasureResult(quantity=item.measure.quantity, value=item.measure.value)
        if item.measure
        else None,
        establishes=list(item.establishes),
        cluster=w.cluster,
        excluded=w.excluded,
        locator=item.locator,
        finding=item.finding,
        excerpt=item.excerpt,
        excerpt_translation=item.excerpt_translation,
        personal=personal,
    )


def _by_weight(pool: list[Weighed]) -> list[Weighed]:
    return sorted(pool, key=lambda w: (-abs(w.value), w.item.id))


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
    known_by: dt.date | None = None
    band_values: Mapping[str, tuple[float, float, float]] | None = None
    """Item id -> band values to use instead of the band's own (sensitivity sampling only);
    excluded and measured items keep theirs."""
    personal: frozenset[str] = frozenset()
    """Ids of the items that are the person's own evidence (from the profile): they count only
    for the framework's person-level criteria, never for the country-level ones."""
    weighed: dict[str, Weighed] = field(init=False)

    def __post_init__(self) -> None:
        groups = frozenset(self.profile.groups) if self.profile else None
        params = self.framework.parameters
        known = self.known_by or self.as_of
        self.quantities = {q.id: q for q in self.vocabulary.quantities}
        self.weighed = {
            item.id: weigh(
                item, self.sources[item.source], params, self.as_of, known, groups, self.quantities
            )
            for item in sorted(self.items, key=lambda i: i.id)
        }
        given = self.band_values or {}
        for key, w in self.weighed.items():
            if key in given and not w.excluded and w.item.measure is None:
                self.weighed[key] = replace(w, given=given[key])
        self.indicator_titles = {i.id: i.title for i in self.vocabulary.indicators}
        self.same_for_transferees = frozenset(
            i.id for i in self.vocabulary.indicators if i.same_for_transferees
        )
        self.defeater_titles = {d.id: d.title for d in self.vocabulary.defeaters}
        self.standards = {s.id: s for s in self.framework.proof_standards}
        self._pools: dict[str, list[Weighed]] = {}
        self._item_results: dict[str, ItemResult] = {}
        for w in self.weighed.values():  # in id order, as the items were weighed
            for indicator_id in dict.fromkeys(w.item.indicators):
                self._pools.setdefault(indicator_id, []).append(w)

    def without(self, item_id: str) -> Case:
        """The same case with one item left out (leave-one-out analyses)."""
        return Case(
            self.framework,
            self.vocabulary,
            self.country,
            [i for i in self.items if i.id != item_id],
            self.sources,
            self.profile,
            self.as_of,
            self.known_by,
            self.band_values,
            self.personal,
        )

    def pool(self, indicator_id: str, crit: Criterion) -> list[Weighed]:
        """The weighed items bearing on one indicator for one criterion, in id order: the
        person's own items only where the criterion is about the person."""
        pool = self._pools.get(indicator_id, ())
        return [w for w in pool if self.counts_for(w, crit)]

    def counts_for(self, w: Weighed, crit: Criterion) -> bool:
        """The person's own evidence joins only person-level criteria (the individual
        screening); a country-level condition is decided on the country's evidence alone."""
        return crit.level == "person" or w.item.id not in self.personal

    def item_result(self, w: Weighed) -> ItemResult:
        found = self._item_results.get(w.item.id)
        if found is None:
            found = self._item_results[w.item.id] = _item_result(w, w.item.id in self.personal)
        return found


def _element(case: Case, crit: Criterion, ids: list[str]) -> IndicatorResult:
    seen: dict[str, Weighed] = {}
    for indicator_id in ids:
        for w in case.pool(indicator_id, crit):
            seen.setdefault(w.item.id, w)
    pool = sorted(seen.values(), key=lambda w: w.item.id)
    body = combine(pool, case.quantities)
    assert crit.standard is not None and crit.burden is not None
    titles = [case.indicator_titles[i] for i in ids]
    topic = " and ".join(t[0].lower() + t[1:] for t in titles)
    indirect = crit.population == "transferees" and any(
        i not in case.same_for_transferees for i in ids
    )
    outcome, undecided, reasons, confidence, downgrades, change = apply_standard(
        body, case.standards[crit.standard], crit.burden, indirect, topic
    )
    mid = body.total(1)
    return IndicatorResult(
        id="+".join(ids),
        title=" + ".join(titles),
        score=round(mid, DIGITS),
        score_range=(round(body.total(0), DIGITS), round(body.total(2), DIGITS)),
        strength=verbal_strength(mid),
        conclusion=verbal(mid, topic),
        confidence=confidence,
        downgrades=downgrades,
        outcome=outcome,
        undecided=undecided,
        reasons=reasons,
        would_change=change,
        support_weight=round(body.side(1), DIGITS),
        undermine_weight=round(body.side(-1), DIGITS),
        measurements=[
            MeasurementResult(
                quantity=m.quantity.id,
                title=m.quantity.title,
                unit=m.quantity.unit,
                pooled=m.pooled,
                band=m.band,
                items=m.items,
                unsafe_side=m.unsafe_side,
            )
            for m in body.measurements
        ],
        items=[case.item_result(w) for w in _by_weight([w for w in pool if not w.excluded])],
        excluded=[case.item_result(w) for w in pool if w.excluded],
    )


def verbal_strength(log_lr: float) -> str:
    size = verbal_level(log_lr)
    if size == "no":
        return "no support either way"
    return f"{size} support {'for' if log_lr > 0 else 'against'} safety"


@dataclass(frozen=True)
class Tree:
    outcome: Outcome
    score: float
    confidence: Confidence
    decisive: list[IndicatorResult]


def _walk(case: Case, crit: Criterion, node: Node, out: list[IndicatorResult]) -> Tree:
    """Three-valued combination: `all` is met only if every part is, not met if any part is
    not; `any` the reverse. Scores: the weakest part of an `all`, the strongest of an `any`."""
    if isinstance(node, (str, Pool)):
        element = _element(case, crit, [node] if isinstance(node, str) else list(node.pool))
        out.append(element)
        return Tree(element.outcome, element.score, element.confidence, [element])
    parts = [
        _walk(case, crit, p, out) for p in (node.all_of if isinstance(node, AllOf) else node.any_of)
    ]
    ranks = [SAFETY_ORDER[p.outcome] for p in parts]
    if isinstance(node, AllOf):
        rank, score = min(ranks), min(p.score for p in parts)
    else:
        rank, score = max(ranks), max(p.score for p in parts)
    by_rank: dict[int, Outcome] = {0: "not-met", 1: "insufficient", 2: "met"}
    outcome = by_rank[rank]
    deciding = [p for p in parts if SAFETY_ORDER[p.outcome] == rank]
    confidence = min((p.confidence for p in deciding), key=CONFIDENCE_ORDER.index)
    return Tree(outcome, score, confidence, [e for p in deciding for e in p.decisive])


@dataclass(frozen=True)
class Partial:
    outcome: Outcome
    score: float | None
    confidence: Confidence | None
    downgrades: list[str]
    reasons: list[str]
    indicators: list[IndicatorResult]
    conclusion: str | None = None
    defeaters: list[DefeaterResult] = field(default_factory=list)
    decided_by_burden: bool = False


def _defeaters(case: Case, crit: Criterion) -> list[DefeaterResult]:
    """A defeater is established when the items marking it, combined as any body of evidence
    is (dependent items once), show it at the framework's `defeater_support` strength."""
    need = level_min(case.framework.parameters.defeater_support)
    found = []
    for use in crit.defeaters:
        marking = [
            w
            for w in case.weighed.values()
            if use.id in w.item.establishes and w.sign < 0 and case.counts_for(w, crit)
        ]
        body = combine(marking, case.quantities)
        strength = -body.side(-1)
        found.append(
            DefeaterResult(
                id=use.id,
                title=case.defeater_titles[use.id],
                established=bool(body.clusters) and strength >= need,
                strength=round(strength, DIGITS),
                needed=need,
                items=sorted(w.item.id for w in body.counted),
                citations=[format_citation(c) for c in use.citations],
            )
        )
    return found


def describe_rule(node: Node, titles: Mapping[str, str], nested: bool = False) -> str:
    """The combination rule in words: "A, and either (B and C) or D". Under `all` strength in
    one part never makes up for failure in another; under `any` one part holding is enough."""
    if isinstance(node, str):
        return titles[node]
    if isinstance(node, Pool):
        return " + ".join(titles[i] for i in node.pool) + " (weighed together)"
    words = [
        describe_rule(p, titles, nested=True)
        for p in (node.all_of if isinstance(node, AllOf) else node.any_of)
    ]
    if len(words) == 1:
        return words[0]
    if isinstance(node, AllOf):
        text = (
            (", ".join(words[:-1]) + ", and " + words[-1])
            if not nested or len(words) > 2
            else " and ".join(words)
        )
        text = ("every one of: " + text) if not nested else text
    else:
        text = "either " + " or ".join(words)
    return f"({text})" if nested else text


def _evidence_criterion(case: Case, crit: Criterion) -> Partial:
    assert crit.combine is not None and crit.standard is not None
    elements: list[IndicatorResult] = []
    tree = _walk(case, crit, crit.combine, elements)
    defeaters = _defeaters(case, crit)
    established = [d for d in defeaters if d.established]
    standard = case.standards[crit.standard]
    downgrades = sorted({f"{e.title}: {d}" for e in tree.decisive for d in e.downgrades})
    if established:
        reasons = [
            f"Decided by a defeater: {d.title.lower()} is established "
            f"({verbal_strength(-d.strength)} from {', '.join(d.items)}; "
            f"{LEVEL_WORDS[case.framework.parameters.defeater_support]} needed). Authority: "
            f"{'; '.join(d.citations)}."
            for d in established
        ]
        reasons.append(
            "Whatever the balance of the other evidence, the criterion is not met while this "
            "fact stands."
        )
        return Partial(
            "not-met",
            round(tree.score, DIGITS),
            "moderate",
            downgrades,
            reasons,
            elements,
            reasons[0],
            defeaters,
        )
    parts = "; ".join(f"{e.title}: {e.outcome.replace('-', ' ')}" for e in elements)
    rule = describe_rule(crit.combine, case.indicator_titles)
    deciding = ", ".join(dict.fromkeys(e.title for e in tree.decisive))
    head = {
        "met": f"Met under {standard.title}. The rule: {rule}. It holds ({parts}).",
        "not-met": (
            f"Not met under {standard.title}. The rule: {rule}. It fails on {deciding} ({parts})."
        ),
        "insufficient": (
            f"Undecided under {standard.title}. The rule: {rule}. Nothing the rule needs fails, "
            f"but it turns on what this evidence leaves undecided: {deciding} ({parts})."
        ),
    }.get(tree.outcome, parts)
    weakest = min(tree.decisive, key=lambda e: e.score) if tree.decisive else None
    conclusion = f"{weakest.title}: {weakest.conclusion}" if weakest else None
    outcome, reasons, by_burden = tree.outcome, [head], False
    if outcome == "insufficient" and crit.burden is not None and crit.burden.resolves_undecided:
        outcome, by_burden = _burden_outcome(crit.burden), True
        reasons.append(_burden_reason(crit.burden, standard, outcome))
    return Partial(
        outcome,
        round(tree.score, DIGITS),
        tree.confidence,
        downgrades,
        reasons,
        elements,
        conclusion,
        defeaters,
        by_burden,
    )


def _burden_outcome(burden: Burden) -> Outcome:
    """The outcome of a question the evidence leaves undecided, where the framework's burden
    resolves it: against whoever bears the burden (the risk of non-persuasion)."""
    return "not-met" if burden.borne_by == "proponent" else "met"


def _burden_reason(burden: Burden, standard: ProofStandard, outcome: Outcome) -> str:
    claim = "met" if burden.borne_by == "proponent" else "not met"
    party = burden.party[0].lower() + burden.party[1:]
    result = "met" if outcome == "met" else "not met"
    return (
        "The evidence leaves the question undecided, and under this framework the party bearing "
        f"the burden loses an undecided question: {party} has not shown that the criterion is "
        f"{claim} ({standard.title[0].lower()}{standard.title[1:]}), so it is {result}. This "
        f"follows from the burden, not from evidence showing the criterion {result}."
    )


def _criterion(case: Case, crit: Criterion) -> CriterionResult:
    eff = crit.effective
    in_effect = (eff.start is None or eff.start <= case.as_of) and (
        eff.end is None or case.as_of <= eff.end
    )
    if not in_effect:
        span = f"{eff.start or '…'} to {eff.end or '…'}"
        part = Partial(
            "not-decidable",
            None,
            None,
            [],
            [f"Not in effect on {case.as_of.isoformat()} (in effect {span})."],
            [],
        )
    elif crit.kind == "discretion":
        who = (crit.reserved_to or "an official").strip().rstrip(".")
        part = Partial(
            "not-decidable",
            None,
            None,
            [],
            [f"A discretionary decision the tool does not decide. Reserved to: {who}."],
            [],
        )
    elif crit.kind == "fact":
        assert crit.fact is not None
        if crit.fact.test in NEEDS_PROFILE and case.profile is None:
            part = Partial(
                "not-decidable",
                None,
                None,
                [],
                ["A fact about the person: give a profile (--profile) to decide it."],
                [],
            )
        else:
            found = FACT_RULES[crit.fact.test](
                crit.fact, case.country, case.profile, case.as_of, case.framework.sending_states
            )
            part = Partial(found.outcome, None, found.confidence, [], found.reasons, [])
    else:
        part = _evidence_criterion(case, crit)
        if crit.level == "person" and case.profile is None:
            part = Partial(
                "not-decidable",
                part.score,
                part.confidence,
                part.downgrades,
                [
                    "An individual screening: give a profile (--profile) to decide it. The "
                    "scores shown weigh only evidence that applies to everyone."
                ],
                part.indicators,
                part.conclusion,
                part.defeaters,
            )
    reasons = list(part.reasons)
    if crit.reserved_to and crit.kind != "discretion":
        reasons.append(
            "An evidence assessment, not a legal finding. Reserved to: "
            f"{crit.reserved_to.strip().rstrip('.')}."
        )
    evidence = sorted({i.id for ind in part.indicators for i in ind.items})
    standard = case.standards.get(crit.standard) if crit.standard else None
    return CriterionResult(
        id=crit.id,
        title=crit.title,
        part=crit.part,
        level=crit.level,
        kind=crit.kind,
        mandatory=crit.mandatory,
        in_effect=in_effect,
        outcome=part.outcome,
        score=part.score,
        confidence=part.confidence,
        downgrades=part.downgrades,
        standard=crit.standard,
        standard_title=standard.title if standard else None,
        burden=BurdenResult(
            borne_by=crit.burden.borne_by,
            party=crit.burden.party,
            verification=crit.burden.verification,
        )
        if crit.burden
        else None,
        reasons=reasons,
        statutory_wording=crit.statutory_wording,
        rule=crit.rule,
        citations=[format_citation(c) for c in crit.citations],
        verification=crit.verification,
        unverified=crit.unverified,
        reserved_to=crit.reserved_to,
        conclusion=part.conclusion,
        decided_by_burden=part.decided_by_burden,
        defeaters=part.defeaters,
        evidence=evidence,
        indicators=part.indicators,
    )


def deciding_criteria(results: list[CriterionResult], with_profile: bool) -> list[CriterionResult]:
    """The criteria that decide the verdict: mandatory, not discretionary, in effect, and
    person-level ones only when a profile is given."""
    return [
        r
        for r in results
        if r.mandatory
        and r.in_effect
        and r.kind != "discretion"
        and (r.level == "country" or with_profile)
    ]


def verdict(
    results: list[CriterionResult], with_profile: bool, comparator: bool, framework_title: str
) -> VerdictResult:
    """`qualifies` only if every deciding criterion is met; `does-not-qualify` if any is not met."""
    deciding = deciding_criteria(results, with_profile)
    scope = (
        "the country-level and person-level criteria"
        if with_profile
        else "the country-level criteria (no profile given)"
    )
    head = (
        f"Under {framework_title}{comparator_notice(True)}"
        if comparator
        else "Under this framework"
    )
    failed = [r for r in deciding if r.outcome == "not-met"]
    if failed:
        return VerdictResult(
            outcome="does-not-qualify",
            reasons=[
                f"{head}, {len(failed)} of the {len(deciding)} deciding criteria, {scope}, "
                f"{'is' if len(failed) == 1 else 'are'} not met."
            ]
            + [f"{r.title}: {r.reasons[0]}" for r in failed],
            decided_by=[r.id for r in failed],
        )
    open_ = [r for r in deciding if r.outcome != "met"] or (
        [] if deciding else [r for r in results if r.mandatory]
    )  # nothing deciding (e.g. no criterion in effect): undetermined, never a vacuous "qualifies"
    if open_:
        return VerdictResult(
            outcome="undetermined",
            reasons=[
                f"{head}, no deciding criterion ({scope}) is found not met, but {len(open_)} of "
                f"the {len(deciding)} cannot be decided on this evidence."
                if deciding
                else (
                    f"{head}, no criterion decides the verdict on this date ({scope}), so it is "
                    "left open."
                )
            ]
            + [f"{r.title} ({r.outcome.replace('-', ' ')}): {r.reasons[0]}" for r in open_],
            decided_by=[r.id for r in open_],
        )
    return VerdictResult(
        outcome="qualifies",
        reasons=[f"{head}, all {len(deciding)} deciding criteria, {scope}, are met."],
        decided_by=[r.id for r in deciding],
    )


def evaluate(case: Case) -> tuple[list[CriterionResult], VerdictResult]:
    results = [_criterion(case, crit) for crit in case.framework.criteria]
    return results, verdict(
        results, case.profile is not None, case.framework.comparator, case.framework.title
    )


def agreement_statuses(country: Country, as_of: dt.date) -> list[AgreementStatus]:
    out = []
    for agreement in country.agreements:
        s = state_at(agreement, as_of)
        out.append(
            AgreementStatus(
                id=agreement.id,
                title=agreement.title,
                partners=list(agreement.partners),
                statutory_basis=agreement.statutory_basis,
                status=s.status,
                since=s.since,
                terms_public=agreement.scope.terms_public,
            )
        )
    return out


def caveats(framework: Framework) -> list[CaveatResult]:
    return [
        CaveatResult(
            id=c.id, title=c.title, text=c.text, citations=[format_citation(x) for x in c.citations]
        )
        for c in framework.caveats
    ]
