"""The student worksheet, the teacher's answer key and the blank answers file.

The worksheet shows what a student needs to decide each element (the fact pattern, the
agreement status, the evidence, the proof-standard options) and nothing the engine concluded:
no outcome, score, confidence, weight or direction. Evidence is listed by id."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from stc.corpus import Corpus
from stc.exercise.analysis import ElementStudy, ExerciseSpec, Study, study
from stc.exercise.document import (
    Block,
    Bullets,
    Document,
    Entry,
    Heading,
    Para,
    Table,
    to_markdown,
    to_pdf,
)
from stc.models.profile import Profile
from stc.models.result import ItemResult

FILES = (
    "worksheet.md",
    "worksheet.pdf",
    "answer-key.md",
    "answer-key.pdf",
    "answers-template.yaml",
)
OUTCOME_OPTIONS = ("met", "not-met", "insufficient", "not-decidable")
NO_STANDARD_TEXT = (
    "none: the element is a question of fact or is reserved to an official; no proof standard "
    "is applied to a body of evidence"
)


@dataclass(frozen=True)
class Exercise:
    study: Study
    worksheet: Document
    answer_key: Document
    template: str


def build_exercise(corpus: Corpus, spec: ExerciseSpec) -> Exercise:
    s = study(corpus, spec)
    profile = corpus.profile(spec.profile).model if spec.profile else None
    vocabulary = corpus.vocabulary.model
    groups = {g.id: g.title for g in vocabulary.groups}
    questions = {i.id: i.question for i in vocabulary.indicators}
    return Exercise(
        s,
        _worksheet(s, profile, groups, questions),
        _answer_key(s),
        answers_template(s, spec.profile),
    )


def write_exercise(corpus: Corpus, spec: ExerciseSpec, folder: Path) -> list[Path]:
    from stc.output import write_atomic

    ex = build_exercise(corpus, spec)
    folder.mkdir(parents=True, exist_ok=True)
    payloads = {
        "worksheet.md": to_markdown(ex.worksheet).encode("utf-8"),
        "worksheet.pdf": to_pdf(ex.worksheet),
        "answer-key.md": to_markdown(ex.answer_key).encode("utf-8"),
        "answer-key.pdf": to_pdf(ex.answer_key),
        "answers-template.yaml": ex.template.encode("utf-8"),
    }
    written = []
    for name in FILES:
        write_atomic(folder / name, payloads[name])
        written.append(folder / name)
    return written


# ---------------------------------------------------------------------------- shared pieces


def _subtitle(s: Study) -> str:
    a = s.assessment
    who = a.profile.title if a.profile else "no applicant profile"
    return f"{a.country.title} · {a.framework.title} · as of {a.as_of.isoformat()} · {who}"


def _exercise_table(s: Study) -> Table:
    a = s.assessment
    rows = [
        ["Country", f"{a.country.title} ({a.country.id})"],
        ["Framework", f"{a.framework.title} ({a.framework.id})"],
        ["As of", a.as_of.isoformat()],
        ["Applicant profile", f"{a.profile.title} ({a.profile.id})" if a.profile else "none"],
        ["Elements", ", ".join(el.result.id for el in s.elements)],
    ]
    return Table(header=["Exercise", ""], rows=rows)


def _agreements(s: Study) -> list[Block]:
    a = s.assessment
    blocks: list[Block] = [Heading(level=1, text="Agreement status")]
    if not a.agreements:
        return [
            *blocks,
            Para(text=f"No agreement between {a.country.title} and another state is recorded."),
        ]
    rows = [
        [
            ag.title,
            ", ".join(ag.partners),
            ag.status,
            ag.since.isoformat() if ag.since else "not stated",
            ag.statutory_basis,
            "yes" if ag.terms_public else "no",
        ]
        for ag in a.agreements
    ]
    blocks.append(Para(text=f"The recorded status of each agreement on {a.as_of.isoformat()}:"))
    blocks.append(
        Table(
            header=[
                "Agreement",
                "Partner",
                "Status",
                "Since",
                "Agreement under the statute",
                "Terms public",
            ],
            rows=rows,
        )
    )
    return blocks


def _source_line(s: Study, item: ItemResult) -> str:
    src = next((u for u in s.assessment.sources if u.id == item.source), None)
    if src is None:
        return item.source
    return f"{src.title} ({src.publisher}, {src.date.isoformat()}) [{src.id}]"


# ---------------------------------------------------------------------------- worksheet


def _fact_pattern(s: Study, profile: Profile | None, groups: dict[str, str]) -> list[Block]:
    a = s.assessment
    blocks: list[Block] = [Heading(level=1, text="Fact pattern")]
    if profile is None:
        blocks.append(
            Para(
                text=f"No applicant is described: the question is whether {a.country.title} "
                f"meets the country-level conditions on {a.as_of.isoformat()}. Elements "
                "about the person cannot be decided without one."
            )
        )
        return blocks
    blocks.append(
        Para(
            text=f"The applicant (a hypothetical person, not a real case): {profile.label}."
            + (f" {profile.description}" if profile.description else "")
        )
    )
    facts = [
        "Nationality: " + ("stateless" if profile.stateless else ", ".join(profile.nationality)),
        "Last habitual residence: " + (profile.last_habitual_residence or "not stated"),
        "Age: " + (str(profile.age) if profile.age is not None else "not stated"),
        "Unaccompanied child: "
        + {True: "yes", False: "no", None: "not stated"}[profile.unaccompanied_child],
        "Groups the evidence may single out: "
        + (", ".join(groups.get(g, g) for g in profile.groups) or "none stated"),
        "Arrival in the United States: "
        + (profile.arrival_date.isoformat() if profile.arrival_date else "date not stated"),
        "Route: the profile states no route; the question is whether the applicant may be "
        f"removed to {a.country.title} under {a.framework.title} instead of having an "
        "asylum claim heard in the United States.",
    ]
    blocks.append(Bullets(items=facts))
    blocks.append(
        Para(
            text=f"Country: {a.country.title} ({a.country.iso2}). Date of the exercise: "
            f"{a.as_of.isoformat()}; evidence dated later is not part of the record."
        )
    )
    return blocks


def _element_questions(el: ElementStudy, number: int, questions: dict[str, str]) -> list[Block]:
    c = el.result
    blocks: list[Block] = [Heading(level=2, text=f"Element {number}: {c.title} [{c.id}]")]
    blocks.append(
        Para(
            text=f"Part of the framework: {c.part}. Level: "
            f"{'the country' if c.level == 'country' else 'the person'}."
        )
    )
    if c.statutory_wording:
        blocks.append(Para(text=f"Wording of the law: “{c.statutory_wording.strip()}”"))
    if c.citations:
        blocks.append(Para(text="Authority: " + "; ".join(c.citations)))
    if c.indicators:
        blocks.append(Para(text="What the evidence is asked:"))
        blocks.append(
            Bullets(
                items=[
                    f"{ind.title}: {questions.get(ind.id, '')}".rstrip(": ") for ind in c.indicators
                ]
            )
        )
    if el.shown:
        blocks.append(
            Para(
                text="Evidence bearing on this element (see the Evidence section): "
                + ", ".join(el.shown)
            )
        )
    else:
        blocks.append(
            Para(
                text="No evidence item bears on this element; decide it from the fact pattern, "
                "the agreement status and the law."
            )
        )
    blocks.append(Para(text="Questions:"))
    blocks.append(
        Bullets(
            numbered=True,
            items=[
                "Outcome: on this record, is the element met, not met, left open for "
                "insufficient evidence, or not for the tool to decide at all? Say why.",
                "Evidence: which items decide the element, and on which side? List the "
                "ids that show it is met and the ids that show it is not. Which count "
                "most, and why (reliability of the source, its interest, how recent, how "
                "direct)? Which items do not count for this applicant, and why?",
                "Standard and burden: which proof standard applies (or none), and who "
                "bears the burden: the proponent (whoever says the element is met), the "
                "opponent, or no one? Who is that party in the proceeding?",
                "Who decides: is this a condition the statute states, an individual "
                "screening under the regulation, or a determination the law reserves to "
                "an official (the Attorney General)?",
            ],
        )
    )
    return blocks


def _evidence(s: Study, groups: dict[str, str]) -> list[Block]:
    items: dict[str, ItemResult] = {}
    for el in s.elements:
        for item_id, item in el.shown.items():
            items.setdefault(item_id, item)
    blocks: list[Block] = [Heading(level=1, text="Evidence")]
    if not items:
        return [*blocks, Para(text="No evidence item bears on the elements of this exercise.")]
    blocks.append(
        Para(
            text="Findings are in the tool's words; excerpts are verbatim. Items are listed by "
            "id; the order says nothing about their importance."
        )
    )
    for item_id in sorted(items):
        item = items[item_id]
        lines = [
            f"Source: {_source_line(s, item)}",
            f"Pinpoint: {item.locator}",
            f"Finding: {item.finding}",
            f"Excerpt: “{item.excerpt}”",
        ]
        if item.groups:
            lines.append("Specific to: " + ", ".join(groups.get(g, g) for g in item.groups))
        blocks.append(Entry(head=item_id, lines=lines))
    return blocks


def _standards(s: Study) -> list[Block]:
    rows = [[sid, title] for sid, title in s.standards.items()] + [["none", NO_STANDARD_TEXT]]
    return [
        Heading(level=1, text="Proof standards"),
        Para(text="Choose one for each element, in the answers file by its id:"),
        Table(header=["id", "standard"], rows=rows),
        Para(
            text="Burden (answers file): proponent (whoever says the element is met must prove "
            "it), opponent (whoever says it is not met must prove that), or none."
        ),
    ]


def _worksheet(
    s: Study, profile: Profile | None, groups: dict[str, str], questions: dict[str, str]
) -> Document:
    blocks: list[Block] = [
        _exercise_table(s),
        Para(
            text="Work from this worksheet only. For each element, answer the questions, then "
            "record your answers in answers.yaml (a copy of answers-template.yaml): "
            "outcome, the evidence ids on each side, the proof standard and the burden. "
            "Check them with: stc exercise check answers.yaml"
        ),
    ]
    blocks += _fact_pattern(s, profile, groups)
    blocks += _agreements(s)
    blocks.append(Heading(level=1, text="Elements and questions"))
    for n, el in enumerate(s.elements, start=1):
        blocks += _element_questions(el, n, questions)
    blocks += _standards(s)
    blocks += _evidence(s, groups)
    return Document(
        title="Worksheet: safe third country",
        subtitle=_subtitle(s),
        tool_version=s.assessment.tool_version,
        blocks=blocks,
    )


# ---------------------------------------------------------------------------- answer key


def _element_key(s: Study, el: ElementStudy, number: int) -> list[Block]:
    from stc.render.words import OUTCOME_LABEL, signed

    c = el.result
    blocks: list[Block] = [Heading(level=2, text=f"Element {number}: {c.title} [{c.id}]")]
    rows = [
        ["Outcome", f"{OUTCOME_LABEL[c.outcome]} ({c.outcome})"],
        [
            "Kind",
            {
                "evidence": "weighed evidence",
                "fact": "a question of fact",
                "discretion": "a discretionary determination",
            }[c.kind],
        ],
        ["Score", signed(c.score)],
        ["Confidence", c.confidence or "—"],
        ["Proof standard", f"{c.standard_title} ({c.standard})" if c.standard else "none"],
        [
            "Burden",
            f"{c.burden.borne_by}: {c.burden.party} (verification {c.burden.verification})"
            if c.burden
            else "none",
        ],
    ]
    if c.reserved_to:
        rows.append(["Reserved to", c.reserved_to.strip()])
    blocks.append(Table(header=["Answer", ""], rows=rows))
    blocks.append(Para(text="The engine's reasons:"))
    blocks.append(Bullets(items=list(c.reasons)))
    if el.decisive:
        blocks.append(
            Para(
                text="Decisive evidence (the largest weights on each side, and any item whose "
                "removal alone changes the outcome):"
            )
        )
        blocks.append(
            Table(
                header=["Item", "Side", "Weight", "Why decisive"],
                rows=[
                    [d.item.id, d.item.direction, f"{d.item.weight:.3f}", "; ".join(d.reasons)]
                    for d in el.decisive
                ],
            )
        )
    if el.shown:
        blocks.append(Para(text="Every item shown for this element:"))
        rows = []
        for item_id, item in el.shown.items():
            counted = el.counted.get(item_id)
            rows.append(
                [
                    item_id,
                    item.direction,
                    f"{counted.weight:.3f}" if counted else "—",
                    "counted" if counted else f"not counted: {item.excluded or 'no weight'}",
                ]
            )
        blocks.append(Table(header=["Item", "Direction", "Weight", "Counted"], rows=rows))
    return blocks


def _answer_key(s: Study) -> Document:
    from stc.render.words import VERDICT_LABEL

    a = s.assessment
    blocks: list[Block] = [
        _exercise_table(s),
        Para(
            text="For the teacher. The answers are the engine's assessment of the recorded "
            f"evidence under its stated model (input fingerprint {a.fingerprint}); they "
            "are not a legal determination. Where the law reserves a question to an "
            "official, the key says so."
        ),
        Heading(level=1, text="Overall verdict of the engine"),
        Para(text=f"{VERDICT_LABEL[a.verdict.outcome]} ({a.verdict.outcome})", strong=True),
        Bullets(items=list(a.verdict.reasons)),
        Heading(level=1, text="Elements"),
    ]
    for n, el in enumerate(s.elements, start=1):
        blocks += _element_key(s, el, n)
    return Document(
        title="Answer key: safe third country",
        subtitle=_subtitle(s),
        tool_version=a.tool_version,
        blocks=blocks,
    )


# ---------------------------------------------------------------------------- answers file


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def answers_template(s: Study, profile_ref: str | None) -> str:
    a = s.assessment
    standards = " | ".join([*s.standards, "none"])
    lines = [
        "# stc exercise answers (schema_version 1). Fill in each element, then run:",
        "#   stc exercise check answers.yaml",
        "# Do not change the exercise: block; the checker recomputes the assessment from it.",
        "schema_version: 1",
        'student: ""',
        "exercise:",
        f"  country: {_q(a.country.id)}",
        f"  framework: {_q(a.framework.id)}",
        f"  as_of: {a.as_of.isoformat()}",
        f"  profile: {_q(profile_ref) if profile_ref else 'null'}",
        "  criteria: [" + ", ".join(_q(el.result.id) for el in s.elements) + "]",
        f"  fingerprint: {_q(a.fingerprint)}",
        "answers:",
    ]
    for el in s.elements:
        lines += [
            f"  - criterion: {_q(el.result.id)}",
            f"    # outcome: {' | '.join(OUTCOME_OPTIONS)}",
            "    outcome: null",
            f"    # standard: {standards}",
            "    standard: null",
            "    # burden: proponent | opponent | none",
            "    burden: null",
            "    # evidence ids (from the worksheet) showing the element is met",
            "    supports: []",
            "    # evidence ids showing the element is not met",
            "    undermines: []",
            '    notes: ""',
        ]
    return "\n".join(lines) + "\n"
