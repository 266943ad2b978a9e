"""What an exercise is graded against.

The engine assesses the country twice: on the full record, and on the findings the worksheet
shows (the *set*). The key's answers are those of the set, since that is what the students
read; the full record's outcome is reported beside them for discussion.

Each finding has a recorded band (its likelihood ratio on the verbal scale, rated as if its
source were reliable). A band within one step of it is accepted; a finding a reasonable reader
could place either way (stc.exercise.roles.arguable) accepts any band from weak against safety
to weak for it. A finding *decides* an element when taking it out of the set changes the
element's outcome, or when it is among the findings that establish a defeater."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from stc.corpus import Corpus
from stc.errors import UsageError
from stc.exercise.model import ExerciseKey, KeyElement
from stc.exercise.roles import arguable
from stc.models.country import EvidenceItem
from stc.models.criteria import Criterion
from stc.models.result import (
    Assessment,
    CriterionResult,
    IndicatorResult,
    ItemResult,
    Outcome,
    SourceUse,
)
from stc.reasoning import Case

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class ExerciseSpec:
    country: str
    framework: str | None
    as_of: dt.date
    profile: str | None
    criteria: list[str]
    items: int = 12
    pick: list[str] | None = None


@dataclass
class Finding:
    number: int
    item: EvidenceItem
    result: ItemResult  # as weighed on the full record
    arguable: str | None  # why a reasonable reader could place it either way

    @property
    def band(self) -> str:
        return self.result.band


@dataclass
class Issue:
    letter: str
    result: IndicatorResult  # on the set
    full: IndicatorResult | None  # on the full record
    findings: list[int]


@dataclass
class ElementKey:
    number: int
    criterion: Criterion
    result: CriterionResult  # on the set
    full: CriterionResult  # on the full record
    issues: list[Issue]
    findings: list[int]
    deciding: dict[int, str] = field(default_factory=dict)  # finding number -> why
    marked_defeaters: dict[str, list[int]] = field(default_factory=dict)  # id -> findings


@dataclass
class Study:
    key: ExerciseKey
    full: Assessment
    findings: list[Finding]
    elements: list[ElementKey]
    sources: dict[str, SourceUse]
    defeater_titles: dict[str, str]
    defeater_questions: dict[str, str]
    standards: dict[str, str]  # id -> title
    later: set[str]  # items dated after the exercise date

    def finding(self, item_id: str) -> Finding:
        return next(f for f in self.findings if f.item.id == item_id)


def shown_items(result: CriterionResult, later: set[str]) -> dict[str, ItemResult]:
    """The items bearing on a criterion on the full record, in id order, without those dated
    after the exercise date."""
    shown: dict[str, ItemResult] = {}
    for ind in result.indicators:
        for item in [*ind.items, *ind.excluded]:
            if item.id not in later:
                shown.setdefault(item.id, item)
    return dict(sorted(shown.items()))


def full_assessment(corpus: Corpus, spec: ExerciseSpec) -> tuple[Assessment, set[str]]:
    from stc.assessment import assess

    result = assess(corpus, spec.country, spec.framework, spec.profile, spec.as_of)
    by_id = {c.id: c for c in result.criteria}
    for cid in spec.criteria:
        if cid not in by_id:
            raise UsageError(f"unknown criterion {cid!r}; known: {', '.join(by_id)}")
        if by_id[cid].kind != "evidence":
            weighed = ", ".join(c.id for c in result.criteria if c.kind == "evidence")
            raise UsageError(
                f"{cid!r} is decided from the record, not by weighing evidence, so it has no "
                f"findings to rate; choose an element decided on evidence: {weighed}"
            )
    bundle = corpus.assessed_country(spec.country, spec.profile)
    dates = {s.id: s.date for s in result.sources}
    later = {
        i.id
        for i in bundle.evidence.model.items
        if i.period.start > spec.as_of or dates.get(i.source, spec.as_of) > spec.as_of
    }
    return result, later


def exercise_code(key: dict[str, object]) -> str:
    digest = hashlib.sha256(json.dumps(key, sort_keys=True, default=str).encode()).hexdigest()
    return f"{key['country']}-{key['as_of']}-{digest[:8]}"


def make_key(
    spec: ExerciseSpec,
    full: Assessment,
    sets: dict[str, list[str]],
    selection: str,
) -> ExerciseKey:
    findings = sorted({i for ids in sets.values() for i in ids})
    body: dict[str, object] = {
        "country": full.country.id,
        "framework": full.framework.id,
        "as_of": full.as_of.isoformat(),
        "profile": spec.profile,
        "findings": findings,
        "elements": {c: sets[c] for c in spec.criteria},
    }
    return ExerciseKey(
        schema_version=2,
        exercise=exercise_code(body),
        country=full.country.id,
        framework=full.framework.id,
        as_of=full.as_of,
        profile=spec.profile,
        fingerprint=full.fingerprint,
        findings=findings,
        elements=[KeyElement(criterion=c, items=sorted(sets[c])) for c in spec.criteria],
        selection=selection,
    )


def study(corpus: Corpus, key: ExerciseKey, full: Assessment | None = None) -> Study:
    """Everything the worksheet, the key and the checker need, from the key alone."""
    from stc.assessment import build_case

    spec = ExerciseSpec(
        key.country, key.framework, key.as_of, key.profile, [e.criterion for e in key.elements]
    )
    full_result, later = full_assessment(corpus, spec)
    full = full or full_result
    bundle = corpus.assessed_country(key.country, key.profile)
    items = {i.id: i for i in bundle.evidence.model.items}
    full_by_id = {c.id: c for c in full.criteria}
    unknown = [i for i in key.findings if i not in items]
    if unknown:
        raise UsageError(
            f"the key names evidence {unknown[0]!r}, which is not in {full.country.title}'s "
            "evidence file: the data have changed since the exercise was made"
        )
    shown: dict[str, ItemResult] = {}
    for el in key.elements:
        for item_id, item in shown_items(full_by_id[el.criterion], later).items():
            shown.setdefault(item_id, item)
    missing = [i for i in key.findings if i not in shown]
    if missing:
        raise UsageError(
            f"evidence {missing[0]!r} does not bear on the exercise's elements on "
            f"{key.as_of.isoformat()}"
        )
    findings = [
        Finding(n, items[i], shown[i], arguable(shown[i]))
        for n, i in enumerate(key.findings, start=1)
    ]
    number = {f.item.id: f.number for f in findings}
    base = build_case(corpus, key.country, key.framework, key.profile, key.as_of)
    on_set = _evaluate(base, set(key.findings))
    framework = corpus.framework(key.framework).model
    criteria = {c.id: c for c in framework.criteria}
    elements = []
    for n, el in enumerate(key.elements, start=1):
        result = on_set[el.criterion]
        full_issues = {i.id: i for i in full_by_id[el.criterion].indicators}
        issues = []
        for k, ind in enumerate(result.indicators):
            bearing = sorted(number[i.id] for i in [*ind.items, *ind.excluded] if i.id in number)
            issues.append(Issue(LETTERS[k], ind, full_issues.get(ind.id), bearing))
        mine = sorted(number[i] for i in el.items)
        element = ElementKey(
            n, criteria[el.criterion], result, full_by_id[el.criterion], issues, mine
        )
        _deciding(base, key, element, number)
        elements.append(element)
    vocabulary = corpus.vocabulary.model
    return Study(
        key,
        full,
        findings,
        elements,
        {s.id: s for s in full.sources},
        {d.id: d.title for d in vocabulary.defeaters},
        {d.id: d.question for d in vocabulary.defeaters},
        {s.id: s.title for s in framework.proof_standards},
        later,
    )


def _subset(base: Case, keep: set[str]) -> Case:
    return Case(
        base.framework,
        base.vocabulary,
        base.country,
        [i for i in base.items if i.id in keep],
        base.sources,
        base.profile,
        base.as_of,
        base.known_by,
        personal=base.personal,
    )


def _evaluate(base: Case, keep: set[str]) -> dict[str, CriterionResult]:
    from stc.reasoning import evaluate as run

    results, _ = run(_subset(base, keep))
    return {r.id: r for r in results}


def _deciding(base: Case, key: ExerciseKey, el: ElementKey, number: dict[str, int]) -> None:
    from stc.render.words import OUTCOME_LABEL

    c = el.result
    for d in c.defeaters:
        marking = [number[i] for i in d.items if i in number]
        if marking:
            el.marked_defeaters[d.id] = sorted(marking)
        if d.established:
            for m in marking:
                el.deciding[m] = f"it establishes the defeater “{d.title.lower()}”"
    everything = set(key.findings)
    for m in el.findings:
        item_id = key.findings[m - 1]
        outcome: Outcome = _evaluate(base, everything - {item_id})[c.id].outcome
        if outcome != c.outcome:
            why = (
                f"taking it out of the set changes the outcome from {OUTCOME_LABEL[c.outcome]} "
                f"to {OUTCOME_LABEL[outcome]}"
            )
            el.deciding[m] = f"{el.deciding[m]}; {why}" if m in el.deciding else why
    el.deciding = dict(sorted(el.deciding.items()))
