"""The answers file a student fills in (format `stc.exercise-answers`, schema_version 1).

It carries the exercise's key (country, framework, as-of date, profile, criteria) so that
`stc exercise check` can recompute the engine's assessment without any other input."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from stc.models.common import IsoDate, Slug, StrictModel

if TYPE_CHECKING:
    from stc.yaml_reader import YamlDocument

OutcomeAnswer = Literal["met", "not-met", "insufficient", "not-decidable"]
BurdenAnswer = Literal["proponent", "opponent", "none"]
NO_STANDARD = "none"


class ExerciseKey(StrictModel):
    """What the exercise is about; written by `stc exercise new`, not to be edited."""

    country: Slug
    framework: Slug
    as_of: IsoDate
    profile: str | None = Field(
        default=None, description="Profile id in the data folder's profiles/, or a YAML file."
    )
    criteria: list[Slug] = Field(min_length=1)
    fingerprint: str | None = Field(
        default=None, description="The assessment's input fingerprint when the worksheet was made."
    )


class CriterionAnswer(StrictModel):
    """A student's answer for one element."""

    criterion: Slug
    outcome: OutcomeAnswer | None = None
    standard: str | None = Field(
        default=None,
        description="A proof standard id, or 'none' for an element not decided by weighing "
        "evidence.",
    )
    burden: BurdenAnswer | None = Field(
        default=None,
        description="Who bears the burden: the proponent (who says the element is met), the "
        "opponent, or none.",
    )
    supports: list[str] = Field(
        default_factory=list, description="Evidence ids that show the element is met."
    )
    undermines: list[str] = Field(
        default_factory=list, description="Evidence ids that show the element is not met."
    )
    notes: str | None = None


class Answers(StrictModel):
    schema_version: Literal[1]
    student: str | None = None
    exercise: ExerciseKey
    answers: list[CriterionAnswer] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_answer_per_criterion(self) -> Answers:
        seen: set[str] = set()
        for answer in self.answers:
            if answer.criterion in seen:
                raise ValueError(f"criterion {answer.criterion!r} is answered twice")
            seen.add(answer.criterion)
        return self


def load_answers(path: Path) -> tuple[Answers, YamlDocument]:
    """Read and validate an answers file; DataErrors name file and line."""
    from stc.errors import DataError, DataErrors
    from stc.model_errors import validate
    from stc.yaml_reader import read_yaml

    doc = read_yaml(path, str(path))
    answers = validate(doc, Answers)
    errors = []
    for n, answer in enumerate(answers.answers):
        if answer.criterion not in answers.exercise.criteria:
            line = doc.line(("answers", n, "criterion"))
            errors.append(
                DataError(
                    doc.display,
                    line,
                    f"CriterionAnswer(criterion={answer.criterion!r})",
                    "criterion",
                    "not a criterion of this exercise (exercise.criteria: "
                    f"{', '.join(answers.exercise.criteria)})",
                )
            )
    if errors:
        raise DataErrors(errors)
    return answers, doc
