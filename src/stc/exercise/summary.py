"""The class summary for the teacher: the score of each student with their notes, the spread
of scores, and the parts most students misread, with the key's answer and its reason.

A part is *misread* when a student's answer differs from the key's or is missing; answers
the key accepts (one step off, arguable) are not misread, but the summary counts them too,
since they are what the class discussion is about."""

from __future__ import annotations

import statistics
import textwrap
from collections import Counter
from dataclasses import dataclass

from stc.exercise.grading import Feedback, Mark

TOP = 5


@dataclass(frozen=True)
class PartTally:
    part: tuple[str, int, str]
    label: str
    misread: int  # answered, and not accepted
    blank: int
    accepted: int  # accepted although not the key's answer
    answers: Counter[str]
    key: str


def tally(feedbacks: list[Feedback]) -> list[PartTally]:
    """Every part, most misread first (then in worksheet order)."""
    order: list[tuple[str, int, str]] = []
    marks: dict[tuple[str, int, str], list[Mark]] = {}
    for fb in feedbacks:
        for m in fb.marks:
            if m.part not in marks:
                order.append(m.part)
            marks.setdefault(m.part, []).append(m)
    out = []
    for part in order:
        ms = marks[part]
        wrong = [m for m in ms if m.verdict == "differs"]
        out.append(
            PartTally(
                part,
                ms[0].label,
                len(wrong),
                sum(1 for m in ms if m.verdict == "missing"),
                sum(1 for m in ms if m.verdict == "accepted"),
                Counter(m.given or "no answer" for m in wrong),
                ms[0].key,
            )
        )
    return sorted(out, key=lambda t: (-t.misread, -t.blank, order.index(t.part)))


def render_summary(feedbacks: list[Feedback]) -> str:
    wrap = textwrap.TextWrapper(
        width=100, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False
    )
    first = feedbacks[0]
    a = first.study.full
    scores = [fb.score for fb in feedbacks]
    of = scores[0][1]
    got = [g for g, _ in scores]
    lines = [
        f"Class summary: {len(feedbacks)} student{'s' if len(feedbacks) > 1 else ''}, "
        f"exercise {first.study.key.exercise} ({a.country.title}, as of {a.as_of.isoformat()})",
        f"Scores out of {of}: median {statistics.median(got):g}, lowest {min(got)}, "
        f"highest {max(got)}",
        "",
        "== Students",
    ]
    for fb in sorted(feedbacks, key=lambda f: (-f.score[0], f.student or "", f.source)):
        lines.append(f"  {fb.student or fb.source}: {fb.score[0]}/{of}")
        if fb.notes:
            lines += wrap.wrap(f"Notes: “{fb.notes}”")
        for n, text in fb.element_notes.items():
            lines += wrap.wrap(f"Notes on element {n}: “{text}”")
    tallies = tally(feedbacks)
    misread = [t for t in tallies if t.misread]
    lines += ["", f"== Most misread (of {len(tallies)} parts, {len(misread)} misread by someone)"]
    if not misread:
        lines.append("  No part was misread.")
    for t in misread[:TOP]:
        given = ", ".join(f"{ans} ({n})" for ans, n in sorted(t.answers.items()))
        blank = f"; {t.blank} left it blank" if t.blank else ""
        lines.append(f"  {t.label}: misread by {t.misread} of {len(feedbacks)} ({given}){blank}")
        lines += wrap.wrap(t.key)
    blanks = [t for t in tallies if t.blank and not t.misread]
    if blanks:
        lines += ["", "== Left blank (not misread by anyone who answered)"]
        lines += [f"  {t.label}: {t.blank} of {len(feedbacks)}" for t in blanks]
    debated = [t for t in tallies if t.accepted]
    if debated:
        lines += ["", "== Accepted although not the key's answer (to discuss)"]
        lines += [
            f"  {t.label}: {t.accepted} of {len(feedbacks)}"
            for t in sorted(debated, key=lambda t: -t.accepted)[:TOP]
        ]
    return "\n".join(lines) + "\n"
