"""Check a student's answers against the engine: recompute the exercise's assessment, compare
each element's outcome, cited evidence, proof standard and burden, and explain each
difference."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from stc.corpus import Corpus
from stc.errors import DataError, DataErrors, UsageError
from stc.exercise.analysis import ElementStudy, ExerciseSpec, Study, study
from stc.exercise.model import NO_STANDARD, Answers, CriterionAnswer
from stc.yaml_reader import YamlDocument

SIDE_LABEL = {
    "supports": "support (the element is met)",
    "undermines": "undermining (the element is not met)",
}


@dataclass(frozen=True)
class Note:
    kind: str  # wrong outcome, missed decisive evidence, wrong side, unknown id, ...
    text: str


@dataclass
class ElementFeedback:
    criterion: str
    title: str
    right: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    points: dict[str, tuple[int, int]] = field(default_factory=dict)  # part -> (got, of)

    @property
    def score(self) -> tuple[int, int]:
        return sum(p[0] for p in self.points.values()), sum(p[1] for p in self.points.values())


@dataclass
class Feedback:
    study: Study
    student: str | None
    warnings: list[str]
    elements: list[ElementFeedback]

    @property
    def score(self) -> tuple[int, int]:
        return sum(e.score[0] for e in self.elements), sum(e.score[1] for e in self.elements)


def _key_errors(corpus: Corpus, answers: Answers, doc: YamlDocument) -> list[DataError]:
    key = answers.exercise
    errors = []

    def err(path: tuple[str | int, ...], fld: str, message: str) -> None:
        errors.append(DataError(doc.display, doc.line(path), "ExerciseKey", fld, message))

    if key.country not in corpus.country_ids():
        err(
            ("exercise", "country"),
            "country",
            f"unknown country {key.country!r} in this data folder (known: "
            f"{', '.join(corpus.country_ids())})",
        )
    if key.framework not in corpus.framework_ids():
        err(
            ("exercise", "framework"),
            "framework",
            f"unknown framework {key.framework!r} (known: {', '.join(corpus.framework_ids())})",
        )
    elif not errors:
        known = [c.id for c in corpus.framework(key.framework).model.criteria]
        for n, cid in enumerate(key.criteria):
            if cid not in known:
                err(
                    ("exercise", "criteria", n),
                    f"criteria[{n}]",
                    f"unknown criterion {cid!r} (known: {', '.join(known)})",
                )
    if key.profile is not None:
        try:
            corpus.profile(key.profile)
        except UsageError as exc:
            err(("exercise", "profile"), "profile", str(exc))
    return errors


def check_answers(corpus: Corpus, path: Path) -> Feedback:
    from stc.exercise.model import load_answers

    answers, doc = load_answers(path)
    errors = _key_errors(corpus, answers, doc)
    if errors:
        raise DataErrors(errors)
    key = answers.exercise
    s = study(
        corpus, ExerciseSpec(key.country, key.framework, key.as_of, key.profile, list(key.criteria))
    )
    warnings = []
    if key.fingerprint and key.fingerprint != s.assessment.fingerprint:
        warnings.append(
            "The data have changed since the worksheet was made (input fingerprint "
            "differs); the engine's answers below are computed on the current data."
        )
    given = {a.criterion: a for a in answers.answers}
    elements = [_compare(s, el, given.get(el.result.id)) for el in s.elements]
    return Feedback(s, answers.student, warnings, elements)


def _expected_standard(el: ElementStudy) -> str:
    return el.result.standard or NO_STANDARD


def _compare(s: Study, el: ElementStudy, answer: CriterionAnswer | None) -> ElementFeedback:
    c = el.result
    fb = ElementFeedback(c.id, c.title)
    if answer is None:
        answer = CriterionAnswer(criterion=c.id)
        fb.notes.append(Note("unanswered", "No answer was given for this element."))
    _outcome(el, answer, fb)
    _standard(s, el, answer, fb)
    _burden(el, answer, fb)
    _evidence(s, el, answer, fb)
    return fb


def _outcome(el: ElementStudy, answer: CriterionAnswer, fb: ElementFeedback) -> None:
    c = el.result
    if answer.outcome == c.outcome:
        fb.right.append(f"outcome: {c.outcome}")
        fb.points["outcome"] = (1, 1)
        return
    fb.points["outcome"] = (0, 1)
    said = f"you answered {answer.outcome}" if answer.outcome else "you gave no outcome"
    fb.notes.append(
        Note(
            "wrong outcome",
            f"{said}; the engine finds {c.outcome}. Its reasons: " + " ".join(c.reasons),
        )
    )


def _standard(s: Study, el: ElementStudy, answer: CriterionAnswer, fb: ElementFeedback) -> None:
    c = el.result
    expected = _expected_standard(el)
    if answer.standard == expected:
        fb.right.append(f"standard: {expected}")
        fb.points["standard"] = (1, 1)
        return
    fb.points["standard"] = (0, 1)
    if c.standard is None:
        how = {
            "fact": "a question of fact, decided from the record without weighing evidence",
            "discretion": "a discretionary determination the tool does not make",
        }.get(c.kind, "not decided under a proof standard")
        right = f"this element is {how}; no proof standard applies (answer: none)"
    else:
        right = f"this element is decided under {c.standard_title} ({c.standard})"
    if answer.standard is None:
        fb.notes.append(Note("standard misapplied", f"you named no standard; {right}."))
    elif answer.standard != NO_STANDARD and answer.standard not in s.standards:
        fb.notes.append(
            Note(
                "standard misapplied",
                f"{answer.standard!r} is not a proof standard of this framework (choose "
                f"from: {', '.join([*s.standards, NO_STANDARD])}); {right}.",
            )
        )
    else:
        shown = (
            f"{s.standards[answer.standard]} ({answer.standard})"
            if answer.standard in s.standards
            else "no standard"
        )
        fb.notes.append(Note("standard misapplied", f"you applied {shown}; {right}."))


def _burden(el: ElementStudy, answer: CriterionAnswer, fb: ElementFeedback) -> None:
    b = el.result.burden
    expected = b.borne_by if b else "none"
    if answer.burden == expected:
        fb.right.append(f"burden: {expected}")
        fb.points["burden"] = (1, 1)
        return
    fb.points["burden"] = (0, 1)
    right = (
        f"it lies on the {b.borne_by}: {b.party} (verification of that allocation: "
        f"{b.verification})"
        if b
        else "no burden is allocated for this element (answer: none)"
    )
    said = (
        (
            "you said no one bears a burden"
            if answer.burden == "none"
            else f"you put the burden on the {answer.burden}"
        )
        if answer.burden
        else "you did not say who bears the burden"
    )
    fb.notes.append(Note("burden misplaced", f"{said}; {right}."))


def _evidence(s: Study, el: ElementStudy, answer: CriterionAnswer, fb: ElementFeedback) -> None:
    country = s.assessment.country.title
    cited: dict[str, set[str]] = {}
    for side in ("supports", "undermines"):
        for item_id in getattr(answer, side):
            cited.setdefault(item_id, set()).add(side)
    penalties = 0
    for item_id in sorted(cited):
        for side in sorted(cited[item_id]):
            if item_id not in s.country_items:
                penalties += 1
                fb.notes.append(
                    Note(
                        "unknown id",
                        f"{item_id!r} (cited under {side}) is not an evidence item of {country}.",
                    )
                )
            elif item_id not in el.shown:
                penalties += 1
                fb.notes.append(
                    Note(
                        "unknown id",
                        f"{item_id} (cited under {side}) is not among the evidence for "
                        "this element on the worksheet.",
                    )
                )
            elif item_id not in el.counted:
                reason = el.shown[item_id].excluded or "it carries no weight"
                fb.notes.append(
                    Note(
                        "not counted",
                        f"{item_id} (cited under {side}) does not count for this element: "
                        f"{reason}.",
                    )
                )
            else:
                item = el.counted[item_id]
                if item.direction != "mixed" and item.direction != side:
                    penalties += 1
                    fb.notes.append(
                        Note(
                            "wrong side",
                            f"{item_id} is {SIDE_LABEL[item.direction]} evidence, but you "
                            f"cited it as {SIDE_LABEL[side]}. Finding: {item.finding}",
                        )
                    )
    if not el.decisive:
        return
    hits = 0
    for d in el.decisive:
        sides = cited.get(d.item.id, set())
        if sides & set(d.sides):
            hits += 1
            continue
        if sides:
            continue  # cited, but on the wrong side: already explained above
        where = " or ".join(d.sides)
        fb.notes.append(
            Note(
                "missed decisive evidence",
                f"{d.item.id} ({d.item.direction}, weight {d.item.weight:.3f}): "
                f"{'; '.join(d.reasons)}. Cite it under {where}. Finding: {d.item.finding}",
            )
        )
    if hits:
        off = f"; {penalties} off for citations on the wrong side or unknown" if penalties else ""
        fb.right.append(f"decisive evidence cited on its side: {hits} of {len(el.decisive)}{off}")
    fb.points["evidence"] = (max(0, hits - penalties), len(el.decisive))


def render_feedback(fb: Feedback, source: str) -> str:
    a = fb.study.assessment
    lines = [
        f"Exercise check: {source}",
        f"{a.country.title} · {a.framework.id} · as of {a.as_of.isoformat()} · profile: "
        f"{a.profile.id if a.profile else 'none'}",
    ]
    if fb.student:
        lines.append(f"Student: {fb.student}")
    lines += [f"warning: {w}" for w in fb.warnings]
    for el in fb.elements:
        lines += ["", f"== {el.title} [{el.criterion}]"]
        lines += [f"  ok  {r}" for r in el.right]
        for note in el.notes:
            lines.append(f"  --  {note.kind}: {note.text}")
        if not el.notes:
            lines.append("  ok  no differences from the engine's answer")
        got, of = el.score
        parts = ", ".join(f"{k} {g}/{o}" for k, (g, o) in el.points.items())
        lines.append(f"  Score: {got}/{of} ({parts})")
    got, of = fb.score
    lines += ["", f"Total: {got}/{of}"]
    return "\n".join(lines) + "\n"
