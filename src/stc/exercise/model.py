"""The two files an exercise is checked with (schema_version 2):

- the **key** (`teacher/key.yaml`, written by `stc exercise new`, never given to students): what
  the exercise is (country, framework, as-of date, profile, elements) and which findings it
  shows, in their order; the checker recomputes every expected answer from it;
- the **answers** a student fills in (`student/answers.yaml`): a band on the verbal scale for
  each finding, and for each element the defeaters seen, a conclusion per issue, the outcome,
  the burden, the deciding findings and notes. Findings, elements and issues are referred to
  by number and letter as on the worksheet, never by the data's ids."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from stc.models.common import Band, IsoDate, Slug, StrictModel

if TYPE_CHECKING:
    from stc.yaml_reader import YamlDocument

OutcomeAnswer = Literal["met", "not-met", "insufficient"]
BurdenAnswer = Literal["proponent", "opponent", "none"]


class KeyElement(StrictModel):
    criterion: Slug
    items: list[Slug] = Field(min_length=1, description="The findings shown for it, by item id.")


class ExerciseKey(StrictModel):
    """What the exercise is; written by `stc exercise new`, kept by the teacher."""

    schema_version: Literal[2]
    exercise: str = Field(description="The exercise's code; the answers file repeats it.")
    country: Slug
    framework: Slug
    as_of: IsoDate
    profile: str | None = Field(
        default=None, description="Profile id in the data folder's profiles/, or a YAML file."
    )
    fingerprint: str = Field(description="The assessment's input fingerprint when it was made.")
    findings: list[Slug] = Field(
        min_length=1, description="Item ids in worksheet order: Finding 1 is the first."
    )
    elements: list[KeyElement] = Field(min_length=1)
    selection: str = Field(description="How the findings were chosen, in words.")


class FindingAnswer(StrictModel):
    finding: int = Field(ge=1, description="The finding's number on the worksheet.")
    band: Band | None = Field(
        default=None, description="How diagnostic it is: a verbal-scale band."
    )
    note: str | None = None


class IssueAnswer(StrictModel):
    issue: str = Field(description="The issue's letter on the worksheet (A, B, ...).")
    conclusion: Band | None = Field(
        default=None, description="What the findings on this issue show together: a band."
    )


class ElementAnswer(StrictModel):
    element: int = Field(ge=1, description="The element's number on the worksheet.")
    defeaters: list[Slug] = Field(
        default_factory=list, description="The defeaters the findings establish, by name."
    )
    issues: list[IssueAnswer] = Field(default_factory=list)
    outcome: OutcomeAnswer | None = None
    burden: BurdenAnswer | None = None
    deciding: list[int] = Field(
        default_factory=list, description="Numbers of the findings that decide the outcome."
    )
    notes: str | None = None


class Answers(StrictModel):
    schema_version: Literal[2]
    student: str | None = None
    exercise: str = Field(description="The exercise's code, as printed on the worksheet.")
    findings: list[FindingAnswer] = Field(default_factory=list)
    elements: list[ElementAnswer] = Field(default_factory=list)
    notes: str | None = None

    @model_validator(mode="after")
    def _once_each(self) -> Answers:
        for label, numbers in (
            ("finding", [f.finding for f in self.findings]),
            ("element", [e.element for e in self.elements]),
        ):
            seen: set[int] = set()
            for n in numbers:
                if n in seen:
                    raise ValueError(f"{label} {n} is answered twice")
                seen.add(n)
        return self


def load_key(path: Path) -> ExerciseKey:
    from stc.model_errors import validate
    from stc.yaml_reader import read_yaml

    return validate(read_yaml(path, str(path)), ExerciseKey)


def load_answers(path: Path, key: ExerciseKey) -> tuple[Answers, YamlDocument]:
    """Read and validate an answers file against its key; DataErrors name file and line."""
    from stc.errors import DataError, DataErrors
    from stc.model_errors import validate
    from stc.yaml_reader import read_yaml

    doc = read_yaml(path, str(path))
    answers = validate(doc, Answers)
    errors = []

    def err(where: tuple[str | int, ...], obj: str, fld: str, message: str) -> None:
        errors.append(DataError(doc.display, doc.line(where), obj, fld, message))

    if answers.exercise != key.exercise:
        err(
            ("exercise",),
            "Answers",
            "exercise",
            f"this answers file is for exercise {answers.exercise!r}, but the key is for "
            f"{key.exercise!r}; check it against its own key",
        )
    for n, f in enumerate(answers.findings):
        if f.finding > len(key.findings):
            err(
                ("findings", n, "finding"),
                f"FindingAnswer(finding={f.finding})",
                "finding",
                f"the worksheet has findings 1 to {len(key.findings)}",
            )
    for n, e in enumerate(answers.elements):
        if e.element > len(key.elements):
            err(
                ("elements", n, "element"),
                f"ElementAnswer(element={e.element})",
                "element",
                f"the worksheet has elements 1 to {len(key.elements)}",
            )
        for m, number in enumerate(e.deciding):
            if not 1 <= number <= len(key.findings):
                err(
                    ("elements", n, "deciding", m),
                    f"ElementAnswer(element={e.element})",
                    f"deciding[{m}]",
                    f"the worksheet has findings 1 to {len(key.findings)}",
                )
    if errors:
        raise DataErrors(errors)
    return answers, doc
