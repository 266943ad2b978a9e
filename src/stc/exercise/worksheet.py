"""The files of an exercise, in two folders:

- `student/`: the worksheet (Markdown and PDF) and a blank answers file. The worksheet shows
  the fact pattern, each element with its rule and issues, the defeaters to look for, and the
  chosen findings numbered in id order; nothing the engine concluded and no band.
- `teacher/`: the key (Markdown and PDF, and `key.yaml` for `stc exercise check`) and the
  teacher's notes (how the findings were chosen, a 50-minute plan).

Nothing of the key is ever written under `student/`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from stc.corpus import Corpus
from stc.exercise.analysis import (
    ElementKey,
    ExerciseSpec,
    Finding,
    Study,
    full_assessment,
    make_key,
    shown_items,
    study,
)
from stc.exercise.document import Block, Bullets, Document, Entry, Heading, Para, Table
from stc.exercise.labels import plain, source_line
from stc.exercise.model import ExerciseKey
from stc.exercise.roles import BANDS, band_words, group_specific, issue_band, red_herring
from stc.exercise.selection import Chosen, picked, select
from stc.models.criteria import AllOf, Node, Pool
from stc.models.profile import Profile
from stc.models.result import CriterionResult

STUDENT_FILES = ("worksheet.md", "worksheet.pdf", "answers.yaml")
TEACHER_FILES = ("key.md", "key.pdf", "key.yaml", "notes.md")
SCALE_ROWS = [
    ["none", "about 1", "no support either way"],
    ["weak-for / weak-against", "2 to 10", "weak support for / against safety"],
    ["moderate-for / -against", "10 to 100", "moderate support"],
    ["moderately-strong-for / -against", "100 to 1,000", "moderately strong support"],
    ["strong-for / -against", "1,000 to 10,000", "strong support"],
    ["very-strong-for / -against", "10,000 to 1,000,000", "very strong support"],
]
LESSON_PLAN = [
    "0–5 min: the fact pattern and the element's rule; what a likelihood ratio asks (is this "
    "finding more to be expected if the country is safe, or if it is not?).",
    "5–25 min: students rate each finding on the verbal scale, alone or in pairs, with a "
    "one-line reason in the note.",
    "25–35 min: for each element, the defeaters, a conclusion per issue, the outcome under the "
    "standard and the burden, and the findings that decide it.",
    "35–40 min: collect the answers files; run stc exercise check on each and stc exercise "
    "summary on all of them.",
    "40–50 min: discuss the findings most students misread (the summary lists them first), "
    "then the arguable findings: there the key accepts either side, and the discussion is "
    "about why.",
]


@dataclass(frozen=True)
class Exercise:
    study: Study
    chosen: dict[str, list[Chosen]]
    worksheet: Document
    key: Document
    notes: Document
    template: str
    key_yaml: str


def build_exercise(corpus: Corpus, spec: ExerciseSpec) -> Exercise:
    full, later = full_assessment(corpus, spec)
    framework = corpus.framework(full.framework.id).model
    criteria = {c.id: c for c in framework.criteria}
    by_id = {c.id: c for c in full.criteria}
    chosen: dict[str, list[Chosen]] = {}
    for cid in spec.criteria:
        shown = shown_items(by_id[cid], later)
        if spec.pick:
            chosen[cid] = picked(by_id[cid], shown, spec.pick)
        else:
            chosen[cid] = select(by_id[cid], criteria[cid], shown, spec.items)
    if spec.pick:
        known = {c.item_id for cs in chosen.values() for c in cs}
        stray = [i for i in spec.pick if i not in known]
        if stray:
            from stc.errors import UsageError

            raise UsageError(
                f"evidence {stray[0]!r} does not bear on the chosen elements on "
                f"{spec.as_of.isoformat()}"
            )
        how = "picked by the teacher (--pick)"
    else:
        how = (
            f"chosen by stc's selection rule, about {spec.items} findings per element: one "
            "deciding finding, red herrings, arguable findings, and the rest alternating sides "
            "(the teaching guide, How the findings are chosen)"
        )
    key = make_key(spec, full, {c: [x.item_id for x in cs] for c, cs in chosen.items()}, how)
    s = study(corpus, key, full)
    profile = corpus.profile(spec.profile).model if spec.profile else None
    vocabulary = corpus.vocabulary.model
    groups = {g.id: g.title for g in vocabulary.groups}
    questions = {i.id: i.question for i in vocabulary.indicators}
    return Exercise(
        s,
        chosen,
        _worksheet(s, profile, groups, questions),
        _key(s),
        _notes(s, chosen),
        answers_template(s),
        key_yaml(s),
    )


def worksheet_for(corpus: Corpus, key: ExerciseKey) -> tuple[Study, Document]:
    """The study and the students' worksheet of an exercise already made, from its key: the
    same worksheet `write_exercise` wrote (on the data as they are now)."""
    s = study(corpus, key)
    profile = corpus.profile(key.profile).model if key.profile else None
    vocabulary = corpus.vocabulary.model
    groups = {g.id: g.title for g in vocabulary.groups}
    questions = {i.id: i.question for i in vocabulary.indicators}
    return s, _worksheet(s, profile, groups, questions)


def write_exercise(corpus: Corpus, spec: ExerciseSpec, folder: Path) -> list[Path]:
    from stc.exercise.document import to_markdown, to_pdf
    from stc.output import write_atomic

    ex = build_exercise(corpus, spec)
    student, teacher = folder / "student", folder / "teacher"
    student.mkdir(parents=True, exist_ok=True)
    teacher.mkdir(parents=True, exist_ok=True)
    payloads = {
        student / "worksheet.md": to_markdown(ex.worksheet).encode("utf-8"),
        student / "worksheet.pdf": to_pdf(ex.worksheet),
        student / "answers.yaml": ex.template.encode("utf-8"),
        teacher / "key.md": to_markdown(ex.key).encode("utf-8"),
        teacher / "key.pdf": to_pdf(ex.key),
        teacher / "key.yaml": ex.key_yaml.encode("utf-8"),
        teacher / "notes.md": to_markdown(ex.notes).encode("utf-8"),
    }
    for path, data in payloads.items():
        write_atomic(path, data)
    return list(payloads)


# ---------------------------------------------------------------------------- shared pieces


def _subtitle(s: Study) -> str:
    a = s.full
    who = a.profile.title if a.profile else "no applicant profile"
    return f"{a.country.title} · {a.framework.title} · as of {a.as_of.isoformat()} · {who}"


def issue_titles(el: ElementKey) -> dict[str, str]:
    return {i.letter: i.result.title for i in el.issues}


def rule_in_letters(node: Node, letter_of: dict[str, str], nested: bool = False) -> str:
    """The element's combination rule with its issues named by letter (as the worksheet
    lists them): "every one of: A, B, and either C or D"."""
    if isinstance(node, str):
        return letter_of.get(node, node)
    if isinstance(node, Pool):
        return letter_of.get(node.pool[0], "+".join(node.pool))
    words = [
        rule_in_letters(p, letter_of, nested=True)
        for p in (node.all_of if isinstance(node, AllOf) else node.any_of)
    ]
    if len(words) == 1:
        return words[0]
    if isinstance(node, AllOf):
        text = ", ".join(words[:-1]) + " and " + words[-1]
        text = f"every one of {text}" if not nested else f"({text})"
        return text
    text = "either " + " or ".join(words)
    return f"({text})" if nested else text


def letters_of(el: ElementKey) -> dict[str, str]:
    out = {}
    for issue in el.issues:
        for ind in issue.result.id.split("+"):
            out[ind] = issue.letter
    return out


# ---------------------------------------------------------------------------- worksheet


def _fact_pattern(s: Study, profile: Profile | None, groups: dict[str, str]) -> list[Block]:
    a = s.full
    blocks: list[Block] = [Heading(level=1, text="Fact pattern")]
    if profile is None:
        blocks.append(
            Para(
                text=f"No applicant is described: the question is whether {a.country.title} "
                f"meets the country-level conditions on {a.as_of.isoformat()}."
            )
        )
    else:
        facts = [
            "Nationality: "
            + ("stateless" if profile.stateless else ", ".join(profile.nationality)),
            "Age: " + (str(profile.age) if profile.age is not None else "not stated"),
            "Groups the evidence may single out: "
            + (", ".join(groups.get(g, g) for g in profile.groups) or "none stated"),
        ]
        blocks.append(
            Para(
                text=f"The applicant (a hypothetical person, not a real case): {profile.label}."
                + (f" {profile.description}" if profile.description else "")
            )
        )
        blocks.append(Bullets(items=facts))
    statuses = "; ".join(
        f"{ag.title}: {ag.status}" + (f" since {ag.since.isoformat()}" if ag.since else "")
        for ag in a.agreements
    )
    blocks.append(
        Para(
            text=f"The question: may the applicant be removed to {a.country.title} under the "
            f"bar instead of having an asylum claim heard in the United States? Date of the "
            f"exercise: {a.as_of.isoformat()}; findings dated later are not part of the record."
            + (f" Agreements on that date: {statuses}." if statuses else "")
        )
    )
    return blocks


def _element_section(s: Study, el: ElementKey, questions: dict[str, str]) -> list[Block]:
    c = el.result
    blocks: list[Block] = [Heading(level=1, text=f"Element {el.number}: {c.title}")]
    if c.statutory_wording:
        blocks.append(Para(text=f"Wording of the law: “{c.statutory_wording.strip()}”"))
    if c.citations:
        blocks.append(Para(text="Authority: " + "; ".join(c.citations)))
    rows = []
    for issue in el.issues:
        ids = issue.result.id.split("+")
        asks = " ".join(questions.get(i, "") for i in ids).strip()
        found = ", ".join(str(n) for n in issue.findings) or "none in this set"
        rows.append([issue.letter, f"{issue.result.title}. {asks}".strip(), found])
    blocks.append(Para(text="Its issues, and the findings bearing on each:"))
    blocks.append(Table(header=["Issue", "What the evidence is asked", "Findings"], rows=rows))
    assert el.criterion.combine is not None
    rule = rule_in_letters(el.criterion.combine, letters_of(el))
    blocks.append(
        Para(
            text=f"How the issues combine: the element is met only as the rule allows: {rule}. "
            "Under “every one of”, strength on one issue never makes up for failure on "
            "another; under “either … or”, one is enough. An issue with no finding in this "
            "set is undecided for want of evidence."
        )
    )
    blocks.append(
        Para(
            text=f"Proof standard: {c.standard_title}. Decide who bears the burden: the "
            "proponent (whoever says the element is met), or the opponent (whoever says it "
            "is not)."
        )
    )
    if el.criterion.defeaters:
        blocks.append(
            Para(
                text="Defeaters: facts that decide the element against safety whatever the "
                "balance of the rest, if reliable findings show them at least moderately "
                "strongly. Name any you see, by the name before the colon:"
            )
        )
        blocks.append(
            Bullets(
                items=[
                    f"{d.id}: {s.defeater_questions.get(d.id, s.defeater_titles.get(d.id, ''))}"
                    for d in el.criterion.defeaters
                ]
            )
        )
    blocks.append(Para(text="Questions:"))
    blocks.append(
        Bullets(
            numbered=True,
            items=[
                "Which defeaters, if any, do the findings establish? Which findings show them?",
                "For each issue: what do its findings show together, on the verbal scale? "
                "Findings from one source or reporting the same data count once.",
                "Outcome: met, not met, or insufficient (the evidence does not reach the "
                "standard either way)? Who bears the burden, and why?",
                "Which findings decide the outcome: without which would it change?",
            ],
        )
    )
    return blocks


def _findings(s: Study, groups: dict[str, str]) -> list[Block]:
    blocks: list[Block] = [
        Heading(level=1, text="Findings"),
        Para(
            text="Findings are in the tool's words; excerpts are the source's words. They are "
            "listed in a fixed order that says nothing about their importance. For each, ask: "
            "is it more to be expected if the country is safe, or if it is not, and by how "
            "much? Rate it as if its source were reliable."
        ),
    ]
    for f in s.findings:
        item = f.item
        lines = [
            f"Source: {source_line(s, f)}, {item.locator}",
            f"Finding: {item.finding}",
            f"Excerpt: “{item.excerpt}”",
        ]
        if item.excerpt_translation:
            lines.append(f"Translation (the project's): “{item.excerpt_translation}”")
        if item.groups:
            lines.append("Specific to: " + ", ".join(groups.get(g, g) for g in item.groups))
        if item.about == "transferees":
            lines.append("About: people transferred under an agreement")
        bears = [
            f"element {el.number}, issue {issue.letter}"
            for el in s.elements
            for issue in el.issues
            if f.number in issue.findings
        ]
        if bears:
            lines.append("Bears on: " + "; ".join(bears))
        blocks.append(Entry(head=f"Finding {f.number}", lines=lines))
    return blocks


def _worksheet(
    s: Study, profile: Profile | None, groups: dict[str, str], questions: dict[str, str]
) -> Document:
    blocks: list[Block] = [
        Para(
            text=f"Exercise {s.key.exercise}: {len(s.findings)} findings, "
            f"{len(s.elements)} element{'s' if len(s.elements) > 1 else ''}. Work from this "
            "worksheet only, and record your answers in answers.yaml.",
            strong=True,
        ),
        Para(
            text="What you do: (1) rate how diagnostic each finding is, on the verbal scale "
            "below, with a one-line reason in its note; (2) for each element, name the "
            "defeaters the findings establish, say what the findings on each issue show "
            "together, give the outcome under the proof standard and who bears the burden, and "
            "name the findings that decide it. Your reasons count: write them in the notes."
        ),
        Heading(level=1, text="The verbal scale"),
        Para(
            text="A finding's rating is its likelihood ratio: how much more to be expected it "
            "is if the country is safe for people transferred there than if it is not. A "
            "finding as likely either way has no diagnostic value, however alarming or "
            "reassuring it sounds."
        ),
        Table(header=["band", "likelihood ratio", "reads as"], rows=SCALE_ROWS),
    ]
    blocks += _fact_pattern(s, profile, groups)
    for el in s.elements:
        blocks += _element_section(s, el, questions)
    blocks += _findings(s, groups)
    return Document(
        title="Worksheet: safe third country",
        subtitle=_subtitle(s),
        tool_version=s.full.tool_version,
        blocks=blocks,
    )


# ---------------------------------------------------------------------------- key


def accepted_words(s: Study, f: Finding) -> str:
    from stc.exercise.grading import accepted

    others = [b for b in accepted(f) if b != f.band]
    return ", ".join(others) or "nothing else"


def _finding_key(s: Study, f: Finding) -> Entry:
    r = f.result
    lines = [
        f"Key: {band_words(f.band)}",
        f"Why: {r.lr_reason or 'no reason recorded'}",
        f"Also accepted: {accepted_words(s, f)}",
    ]
    if f.arguable:
        lines.append(f"Arguable: {f.arguable}")
    herring = red_herring(r)
    if herring:
        lines.append(f"Red herring: {herring}")
    if r.excluded:
        lines.append(
            "Not weighed by the engine: "
            + (
                "specific to a group the applicant is not in"
                if group_specific(r)
                else "rated none, so it carries no weight"
                if r.band == "none"
                else "left out on the exercise's settings"
            )
        )
    else:
        lines.append(
            f"Weighed by the engine at a log10 likelihood ratio of {r.value:+.2f} after its "
            "source's reliability, its credibility, its age and the critical questions"
        )
    for el in s.elements:
        if f.number in el.deciding:
            lines.append(f"Decides element {el.number}: {el.deciding[f.number]}")
    return Entry(head=f"Finding {f.number} ({f.item.id}): {source_line(s, f)}", lines=lines)


def _element_key(s: Study, el: ElementKey) -> list[Block]:
    from stc.render.words import OUTCOME_LABEL, verification

    c, full = el.result, el.full
    blocks: list[Block] = [Heading(level=2, text=f"Element {el.number}: {c.title}")]
    rows = [
        [
            issue.letter,
            issue.result.title,
            band_words(issue_band(issue.result.score)),
            issue.result.outcome,
            band_words(issue_band(issue.full.score)) if issue.full else "—",
        ]
        for issue in el.issues
    ]
    blocks.append(
        Table(header=["Issue", "", "Key (this set)", "Outcome", "Full record"], rows=rows)
    )
    blocks.append(Para(text="Defeaters:"))
    items = []
    for d in c.defeaters:
        marking = el.marked_defeaters.get(d.id, [])
        state = (
            "established"
            if d.established
            else (
                f"marked by findings {', '.join(map(str, marking))} but not established "
                f"(arguable: naming it is accepted)"
                if marking
                else "no finding shows it"
            )
        )
        items.append(plain(f"{d.title}: {state}. Authority: {'; '.join(d.citations)}"))
    blocks.append(Bullets(items=items or ["none declared for this element"]))
    b = c.burden
    burden = (
        f"on the {b.borne_by} ({b.party}); how the allocation was checked: "
        f"{verification(b.verification)}"
        + (
            " — so any answer is accepted and the feedback says why"
            if b.verification in ("not-seen", "V3-weak")
            else ""
        )
        if b
        else "none"
    )
    blocks.append(
        Table(
            header=["Answer", ""],
            rows=[
                ["Outcome on this set", f"{OUTCOME_LABEL[c.outcome]} ({c.outcome})"],
                ["Outcome on the full record", f"{OUTCOME_LABEL[full.outcome]} ({full.outcome})"],
                ["Standard", c.standard_title or "none"],
                ["Burden", burden],
                [
                    "Deciding findings",
                    "; ".join(f"{n}: {why}" for n, why in el.deciding.items())
                    or "no single finding decides it on this set",
                ],
            ],
        )
    )
    blocks.append(Para(text="The engine's reasons on this set:"))
    blocks.append(Bullets(items=[plain(r) for r in c.reasons]))
    return blocks


def _key(s: Study) -> Document:
    from stc.render.words import VERIFICATION_LEGEND

    blocks: list[Block] = [
        Para(
            text=f"For the teacher only. Exercise {s.key.exercise}; input fingerprint "
            f"{s.key.fingerprint}.",
            strong=True,
        ),
        Para(
            text="The key is the engine's reading of the findings on the worksheet under its "
            "stated model, not a legal determination; where the law reserves a question to an "
            "official, the element's reasons say so. A band within one step of the key's is "
            "accepted; an arguable finding accepts any band from weak against safety to weak "
            "for it."
        ),
        Para(text=VERIFICATION_LEGEND),
        Heading(level=1, text="Findings"),
    ]
    blocks += [_finding_key(s, f) for f in s.findings]
    blocks.append(Heading(level=1, text="Elements"))
    for el in s.elements:
        blocks += _element_key(s, el)
    return Document(
        title="Answer key: safe third country",
        subtitle=_subtitle(s),
        tool_version=s.full.tool_version,
        blocks=blocks,
    )


def _record_balance(result: CriterionResult, shown_for: int, shown_against: int) -> str:
    """How the whole record for an element divides, so a teacher can see when a set is
    one-sided because the record is."""
    on_record = {
        side: len({i.id for ind in result.indicators for i in ind.items if i.band.endswith(side)})
        for side in ("-for", "-against")
    }
    n_for = on_record["-for"]
    text = (
        f"The whole record for this element holds {n_for} "
        f"finding{'' if n_for == 1 else 's'} for safety and {on_record['-against']} against."
    )
    for side, shown, other in (
        ("for", shown_for, "-against"),
        ("against", shown_against, "-for"),
    ):
        mine = on_record[f"-{side}"]
        if shown == mine and mine < on_record[other]:
            text += (
                f" Every finding {side} safety on the record is shown: the set cannot be more "
                "balanced than the record itself, and that imbalance is part of the lesson."
            )
    return text


def _notes(s: Study, chosen: dict[str, list[Chosen]]) -> Document:
    number = {f.item.id: f.number for f in s.findings}
    blocks: list[Block] = [
        Para(text=f"Exercise {s.key.exercise}. The findings were {s.key.selection}."),
        Heading(level=1, text="Why each finding is on the worksheet"),
    ]
    for el in s.elements:
        blocks.append(Heading(level=2, text=f"Element {el.number}: {el.result.title}"))
        blocks.append(
            Table(
                header=["Finding", "Item", "Why chosen"],
                rows=[
                    [str(number[c.item_id]), c.item_id, c.why]
                    for c in sorted(chosen[el.criterion.id], key=lambda c: number[c.item_id])
                ],
            )
        )
        sides = {
            side: sum(1 for n in el.findings if s.findings[n - 1].band.endswith(side))
            for side in ("-for", "-against")
        }
        blocks.append(
            Para(
                text=f"{len(el.findings)} findings: {sides['-for']} for safety, "
                f"{sides['-against']} against, "
                f"{len(el.findings) - sides['-for'] - sides['-against']} rated none; deciding "
                "findings on this set: "
                + (", ".join(map(str, el.deciding)) or "none (no single finding decides it)")
                + "."
            )
        )
        blocks.append(Para(text=_record_balance(el.result, sides["-for"], sides["-against"])))
    blocks += [
        Heading(level=1, text="A 50-minute class"),
        Bullets(items=LESSON_PLAN),
        Heading(level=1, text="Checking the answers"),
        Para(
            text="Keep this folder from the students. Check one answers file with "
            "stc exercise check ANSWERS --key key.yaml, and a class with "
            "stc exercise summary ANSWERS... --key key.yaml."
        ),
    ]
    return Document(
        title="Teacher's notes: safe third country",
        subtitle=_subtitle(s),
        tool_version=s.full.tool_version,
        blocks=blocks,
    )


# ---------------------------------------------------------------------------- answers and key


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def answers_template(s: Study) -> str:
    lines = [
        "# stc exercise answers (schema_version 2). Fill in, then hand in.",
        f"# Bands: {', '.join(BANDS)}",
        "schema_version: 2",
        'student: ""',
        f"exercise: {_q(s.key.exercise)}",
        "findings:",
    ]
    for f in s.findings:
        lines += [
            f"  - finding: {f.number}",
            "    band: null",
            '    note: ""',
        ]
    lines.append("elements:")
    for el in s.elements:
        names = ", ".join(d.id for d in el.criterion.defeaters) or "none declared"
        lines += [
            f"  - element: {el.number}  # {el.result.title}",
            f"    # defeaters you see established, by name ({names})",
            "    defeaters: []",
            "    # what the findings on each issue show together: a band",
            "    issues:",
        ]
        for issue in el.issues:
            lines += [
                f"      - issue: {issue.letter}  # {issue.result.title}",
                "        conclusion: null",
            ]
        lines += [
            "    # outcome: met | not-met | insufficient",
            "    outcome: null",
            "    # burden: proponent | opponent",
            "    burden: null",
            "    # numbers of the findings that decide the outcome",
            "    deciding: []",
            '    notes: ""',
        ]
    lines.append('notes: ""')
    return "\n".join(lines) + "\n"


def key_yaml(s: Study) -> str:
    k = s.key
    lines = [
        "# stc exercise key (schema_version 2). For the teacher: never give it to students.",
        "# stc exercise check ANSWERS --key key.yaml recomputes every answer from it.",
        "schema_version: 2",
        f"exercise: {_q(k.exercise)}",
        f"country: {_q(k.country)}",
        f"framework: {_q(k.framework)}",
        f"as_of: {k.as_of.isoformat()}",
        f"profile: {_q(k.profile) if k.profile else 'null'}",
        f"fingerprint: {_q(k.fingerprint)}",
        "findings: [" + ", ".join(_q(i) for i in k.findings) + "]",
        "elements:",
    ]
    for el in k.elements:
        lines += [
            f"  - criterion: {_q(el.criterion)}",
            "    items: [" + ", ".join(_q(i) for i in el.items) + "]",
        ]
    lines.append(f"selection: {_q(k.selection)}")
    return "\n".join(lines) + "\n"
