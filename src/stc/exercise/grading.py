"""Grading a student's reasoning against the key, part by part, with the reason and the
authority for every difference.

What is accepted:
- a band within one step of the key's (two careful raters can differ by a band: methodology
  § 17); for an arguable finding any band from weak against safety to weak for it; for a
  finding specific to a group the applicant is not in, also `none`;
- an issue's conclusion within one step of the key's;
- a defeater that findings mark but do not establish (a reader who rates them stronger would
  see it);
- any burden, when the framework's allocation is not verified;
- deciding findings that include at least one the key names (any, when none decides alone).

Nothing is marked only "wrong": each difference says what the key holds and why."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from stc.exercise.analysis import ElementKey, Finding, Issue, Study
from stc.exercise.model import Answers, ElementAnswer
from stc.exercise.roles import BANDS, band_words, group_specific, issue_band, side, steps

Verdict = Literal["agrees", "accepted", "differs", "missing"]
UNVERIFIED = ("not-seen", "V3-weak")
ONE_STEP = (
    "within one step of the key's band: two careful raters can differ by a band, and the "
    "engine's range and its band-choices check allow for it (methodology § 17)"
)


@dataclass(frozen=True)
class Mark:
    part: tuple[str, int, str]  # (kind, element or finding number, issue letter or "")
    label: str
    verdict: Verdict
    text: str
    given: str | None = None
    note: str | None = None
    key: str = ""  # the key's answer and its reason, whatever the student answered

    @property
    def points(self) -> int:
        return 1 if self.verdict in ("agrees", "accepted") else 0


@dataclass
class Feedback:
    study: Study
    student: str | None
    source: str
    warnings: list[str]
    marks: list[Mark]
    element_notes: dict[int, str] = field(default_factory=dict)
    notes: str | None = None

    @property
    def score(self) -> tuple[int, int]:
        return sum(m.points for m in self.marks), len(self.marks)


def accepted(f: Finding) -> dict[str, str]:
    """Every band accepted for a finding, with the reason."""
    out = {f.band: "the key's band"}
    if f.arguable:
        for band in ("weak-against", "none", "weak-for"):
            out.setdefault(band, f"arguable: {f.arguable}")
    for band in BANDS:
        if steps(band, f.band) == 1:
            out.setdefault(band, ONE_STEP)
    if group_specific(f.result):
        out.setdefault(
            "none",
            "it is specific to a group the applicant is not in, so it does not count for this "
            "applicant and rating it none is a fair reading",
        )
    return dict(sorted(out.items(), key=lambda kv: BANDS.index(kv[0])))


def grade(study: Study, answers: Answers, source: str) -> Feedback:
    warnings = []
    if study.key.fingerprint != study.full.fingerprint:
        warnings.append(
            "The data have changed since the exercise was made; the key below is computed on "
            "the current data."
        )
    given = {f.finding: f for f in answers.findings}
    marks = []
    for f in study.findings:
        a = given.get(f.number)
        marks.append(_finding(study, f, a.band if a else None, a.note if a else None))
    by_element = {e.element: e for e in answers.elements}
    notes = {}
    for el in study.elements:
        answer = by_element.get(el.number) or ElementAnswer(element=el.number)
        if answer.notes and answer.notes.strip():
            notes[el.number] = answer.notes.strip()
        marks += _element(study, el, answer)
    blank = Answers(schema_version=2, exercise=study.key.exercise)
    keys = [m.text for m in _all_missing(study, blank)]
    marks = [
        replace(m, key=k[k.find("The key") :] if "The key" in k else k)
        for m, k in zip(marks, keys, strict=True)
    ]
    overall = answers.notes.strip() if answers.notes and answers.notes.strip() else None
    return Feedback(study, answers.student or None, source, warnings, marks, notes, overall)


def _all_missing(study: Study, blank: Answers) -> list[Mark]:
    """The marks of an empty answers file: each says what the key holds and why."""
    marks = [_finding(study, f, None, None) for f in study.findings]
    for el in study.elements:
        marks += _element(study, el, ElementAnswer(element=el.number))
    return marks


# ---------------------------------------------------------------------------- findings


def _finding(s: Study, f: Finding, band: str | None, note: str | None) -> Mark:
    from stc.exercise.labels import finding_label

    label = finding_label(s, f.number)
    note = note.strip() if note and note.strip() else None
    key = f"The key: {band_words(f.band)}, because {_reason(f)}."
    part = ("finding", f.number, "")
    if band is None:
        return Mark(part, label, "missing", f"No band given. {key}", None, note)
    ok = accepted(f)
    if band == f.band:
        extra = f" Arguable: {f.arguable}." if f.arguable else ""
        return Mark(part, label, "agrees", f"{band_words(band)}.{extra}", band, note)
    said = f"You rated it {band_words(band)}."
    if band in ok:
        return Mark(part, label, "accepted", f"{said} {key} Accepted: {ok[band]}.", band, note)
    return Mark(part, label, "differs", f"{said} {key} {_rule(f, band)}", band, note)


def _reason(f: Finding) -> str:
    reason = (f.result.lr_reason or "").strip().rstrip(".")
    if len(reason) > 1 and reason[0].isupper() and reason[1].islower():
        reason = reason[0].lower() + reason[1:]
    return reason or "its source says so in terms that fit one case far better than the other"


def _ratio(band: str) -> str:
    """What a band says, as a ratio: "10 to 100 times more to be expected if the country is
    not safe than if it is"."""
    from stc.scoring import LEVELS, level_of

    if band == "none":
        return "about as much to be expected either way"
    low, _, high = (10**v for v in LEVELS[level_of(band)])  # type: ignore[arg-type]
    which = "safe than if it is not" if band.endswith("-for") else "not safe than if it is"
    return f"{low:,.0f} to {high:,.0f} times more to be expected if the country is {which}"


def _rule(f: Finding, band: str) -> str:
    """The rating guide's rule that bears on the difference."""
    key = f.band
    on_paper = any("on-paper-only" in k for k in f.result.factors)
    if side(band) != side(key) and "none" not in (band, key):
        rule = (
            "The sign of a band is its direction: ask whether the finding is more to be "
            "expected if the country is safe or if it is not (rating guide, The question a "
            "rating answers)."
        )
    elif abs(BANDS.index(band) - 5) > abs(BANDS.index(key) - 5):
        rule = (
            f"You rated it stronger than the key: {_ratio(band)}, where the key's band means "
            f"{_ratio(key)}. A finding that would be reported about a "
            "safe country almost as often as about an unsafe one has little diagnostic value, "
            "however alarming or reassuring it sounds (rating guide, The question a rating "
            "answers; Heuer, Psychology of Intelligence Analysis, ch. 8)."
        )
    else:
        rule = (
            f"You rated it weaker than the key: {_ratio(band)}, where the key's band means "
            f"{_ratio(key)}. Rate a finding as if its source were reliable: "
            "the source's reliability, its credibility, its age and its interest are applied "
            "afterwards and only shrink it toward none (rating guide, The verbal scale)."
        )
        if not f.result.excluded:
            rule += (
                f" Here the engine does shrink it, to a log10 likelihood ratio of "
                f"{f.result.value:+.2f}."
            )
    if on_paper:
        rule += (
            " A statute, regulation or treaty on paper is rated none or weak-for: most unsafe "
            "systems also have the law on paper (rating guide, anchors; M.S.S.; Plaintiff M70)."
        )
    return rule


# ---------------------------------------------------------------------------- elements


def _element(s: Study, el: ElementKey, a: ElementAnswer) -> list[Mark]:
    marks = [_defeaters(s, el, a)]
    given = {i.issue.strip().upper(): i.conclusion for i in a.issues}
    marks += [_issue(s, el, issue, given.get(issue.letter)) for issue in el.issues]
    marks += [_outcome(el, a), _burden(el, a), _deciding(s, el, a)]
    return marks


def _strength(value: float) -> str:
    from stc.scoring import LEVEL_WORDS, level_name

    return f"{LEVEL_WORDS[level_name(value)]} support"


def _defeaters(s: Study, el: ElementKey, a: ElementAnswer) -> Mark:
    label = f"Element {el.number}, defeaters"
    part = ("defeaters", el.number, "")
    named = set(a.defeaters)
    by_id = {d.id: d for d in el.result.defeaters}
    key: list[str] = []
    texts: list[str] = []
    differs = False
    accepted_any = False
    for d in el.result.defeaters:
        marking = el.marked_defeaters.get(d.id, [])
        where = ", ".join(map(str, marking))
        authority = "; ".join(d.citations)
        if d.established:
            key.append(
                f"“{d.title}” is established: findings {where} show it at "
                f"{_strength(d.strength)} after their sources' reliability and age "
                f"({_strength(d.needed)} needed); while it stands the element is not met, "
                f"whatever the balance of the rest (methodology § 9; authority: {authority})."
            )
            if d.id not in named:
                differs = True
                texts.append(f"You did not name “{d.title}”.")
        elif marking:
            key.append(
                f"“{d.title}” is marked by findings {where}, but together they show it only at "
                f"{_strength(d.strength)} after their sources' reliability and age, and the "
                f"framework needs {_strength(d.needed)} (methodology § 9; authority: "
                f"{authority}). Naming it is arguable: a reader who rates those findings "
                "stronger would see it."
            )
            if d.id in named:
                accepted_any = True
                texts.append(f"You named “{d.title}”: accepted as arguable.")
        elif d.id in named:
            differs = True
            question = s.defeater_questions.get(d.id, d.title)
            texts.append(
                f"You named “{d.title}”, but no finding on the worksheet shows it ({question}). "
                "A defeater decides an element only on reliable findings that show it at "
                f"least at {_strength(d.needed)} (methodology § 9; authority: {authority})."
            )
    for name in sorted(named - set(by_id)):
        differs = True
        known = ", ".join(by_id) or "none"
        texts.append(f"“{name}” is not a defeater of this element (its defeaters: {known}).")
    if not key:
        key.append("no finding on the worksheet shows any of this element's defeaters.")
    if not named:
        texts.insert(0, "You named none.")
    verdict: Verdict = "differs" if differs else ("accepted" if accepted_any else "agrees")
    text = " ".join(texts) + " The key: " + " ".join(key)
    return Mark(part, label, verdict, text.strip(), ", ".join(sorted(named)) or "none")


def _issue(s: Study, el: ElementKey, issue: Issue, band: str | None) -> Mark:
    from stc.exercise.labels import finding_label

    label = f"Element {el.number}, issue {issue.letter} ({issue.result.title})"
    part = ("issue", el.number, issue.letter)
    key = issue_band(issue.result.score)
    if issue.findings:
        parts = "; ".join(
            f"{finding_label(s, n).split(' (')[0]} {s.findings[n - 1].band}" for n in issue.findings
        )
        why = (
            f"{issue.result.conclusion} Its findings: {parts}. Findings from one independent "
            "source or reporting the same data count once, at their strongest each way, and "
            "the rest add up; reliability and age shrink each one (methodology §§ 3–4)."
        )
    else:
        why = (
            "No finding in this set bears on it, so it is undecided for want of evidence "
            "(methodology § 7, thin)."
        )
    if band is None:
        return Mark(
            part, label, "missing", f"No conclusion given. The key: {band_words(key)}. {why}"
        )
    if band == key:
        return Mark(part, label, "agrees", f"{band_words(key)}.", band)
    if steps(band, key) <= 1:
        return Mark(
            part,
            label,
            "accepted",
            f"You concluded {band_words(band)}; the key: {band_words(key)}. Accepted: "
            f"{ONE_STEP}. {why}",
            band,
        )
    return Mark(
        part,
        label,
        "differs",
        f"You concluded {band_words(band)}; the key: {band_words(key)}. {why}",
        band,
    )


def _outcome(el: ElementKey, a: ElementAnswer) -> Mark:
    from stc.exercise.labels import plain
    from stc.render.words import OUTCOME_LABEL

    c = el.result
    reasons = plain(" ".join(c.reasons))
    label = f"Element {el.number}, outcome"
    part = ("outcome", el.number, "")
    key = f"The key: {OUTCOME_LABEL[c.outcome]} ({c.outcome}). {reasons}"
    if a.outcome is None:
        return Mark(part, label, "missing", f"No outcome given. {key}")
    if a.outcome == c.outcome:
        return Mark(part, label, "agrees", f"{OUTCOME_LABEL[c.outcome]}. {reasons}", a.outcome)
    return Mark(
        part,
        label,
        "differs",
        f"You answered {OUTCOME_LABEL[a.outcome]} ({a.outcome}). {key}",
        a.outcome,
    )


def _burden(el: ElementKey, a: ElementAnswer) -> Mark:
    from stc.render.words import verification

    b = el.result.burden
    label = f"Element {el.number}, burden"
    part = ("burden", el.number, "")
    if b is None:  # pragma: no cover - every evidence criterion has a burden
        return Mark(part, label, "agrees", "No burden is allocated for this element.", a.burden)
    note = " ".join((el.criterion.burden.note or "").split()) if el.criterion.burden else ""
    where = f"the framework puts the burden on the {b.borne_by}: {b.party}"
    checked = f"How that allocation was checked: {verification(b.verification)}."
    said = f"You put it on the {a.burden}." if a.burden else "You did not say."
    if b.verification in UNVERIFIED and a.burden is not None:
        verdict: Verdict = "agrees" if a.burden == b.borne_by else "accepted"
        return Mark(
            part,
            label,
            verdict,
            f"{said} Not docked. The key: {where}, but how that allocation was checked is "
            f"“{verification(b.verification)}”, so another answer can be argued. {note}".strip(),
            a.burden,
        )
    if a.burden == b.borne_by:
        return Mark(part, label, "agrees", f"The key: {where}. {checked}", a.burden)
    return Mark(
        part,
        label,
        "missing" if a.burden is None else "differs",
        f"{said} The key: {where}. {checked} {note}".strip(),
        a.burden,
    )


def _deciding(s: Study, el: ElementKey, a: ElementAnswer) -> Mark:
    from stc.exercise.labels import finding_label

    label = f"Element {el.number}, deciding findings"
    part = ("deciding", el.number, "")
    named = sorted(set(a.deciding))
    given = ", ".join(map(str, named)) or None
    if not el.deciding:
        return Mark(
            part,
            label,
            "agrees" if not named else "accepted",
            "The key: no single finding decides the outcome on this set: it rests on several "
            "together, so any answer is accepted. Take out any one finding and the outcome stands.",
            given,
        )
    key = "; ".join(f"{finding_label(s, n)}: {why}" for n, why in el.deciding.items())
    extra = [n for n in named if n not in el.deciding]
    beside = (
        f" Finding{'s' if len(extra) > 1 else ''} {', '.join(map(str, extra))} "
        f"{'do' if len(extra) > 1 else 'does'} not decide it alone: without "
        f"{'them' if len(extra) > 1 else 'it'} the outcome stands."
        if extra
        else ""
    )
    if not named:
        return Mark(part, label, "missing", f"None named. The key: {key}.", given)
    if set(named) & set(el.deciding):
        verdict: Verdict = "agrees" if set(named) == set(el.deciding) else "accepted"
        return Mark(part, label, verdict, f"The key: {key}.{beside}", given)
    return Mark(part, label, "differs", f"The key: {key}.{beside}", given)


# ---------------------------------------------------------------------------- text


def render(fb: Feedback) -> str:
    import textwrap

    a = fb.study.full
    got, of = fb.score
    head = [
        f"Feedback for {fb.student or 'an unnamed student'} ({fb.source})",
        f"Exercise {fb.study.key.exercise}: {a.country.title}, as of {a.as_of.isoformat()}, "
        f"{a.profile.title if a.profile else 'no applicant profile'}",
        f"Score: {got}/{of} ({_breakdown(fb)})",
    ]
    if fb.notes:
        head.append(f"Student's notes: “{fb.notes}”")
    for n, text in fb.element_notes.items():
        head.append(f"Student's notes on element {n}: “{text}”")
    head += [f"Warning: {w}" for w in fb.warnings]
    lines = head
    wrap = textwrap.TextWrapper(
        width=100, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False
    )
    section = None
    for m in fb.marks:
        title = "Findings" if m.part[0] == "finding" else f"Element {m.part[1]}"
        if title != section:
            section = title
            lines += ["", f"== {title}"]
        lines.append(f"  {m.label}: {m.verdict}")
        lines += wrap.wrap(m.text)
        if m.note:
            lines += wrap.wrap(f"Student's note: “{m.note}”")
    from stc.render.words import VERIFICATION_LEGEND

    lines += ["", *textwrap.wrap(VERIFICATION_LEGEND, width=100, break_on_hyphens=False)]
    return "\n".join(lines) + "\n"


def _breakdown(fb: Feedback) -> str:
    parts: dict[str, list[int]] = {}
    for m in fb.marks:
        name = "findings" if m.part[0] == "finding" else m.part[0].replace("issue", "issues")
        got = parts.setdefault(name, [0, 0])
        got[0] += m.points
        got[1] += 1
    return ", ".join(f"{k} {g}/{o}" for k, (g, o) in parts.items())
