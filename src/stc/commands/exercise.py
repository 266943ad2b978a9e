"""`stc exercise new` and `stc exercise check`: classroom worksheets, answer keys, feedback."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stc.commands.runtime import as_of_date, guarded, open_corpus


def register(app: typer.Typer) -> None:
    sub = typer.Typer(
        name="exercise",
        help=(
            "Classroom exercises: a student worksheet and answer key from one assessment, "
            "and feedback on a student's answers."
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )

    @sub.command("new")
    def new(
        country: Annotated[
            str, typer.Argument(help="Country id (a folder in countries/), e.g. ecuador.")
        ],
        output: Annotated[
            Path,
            typer.Option(
                "--output",
                "-o",
                help=(
                    "Folder to write worksheet.md/.pdf, answer-key.md/.pdf and "
                    "answers-template.yaml into (created if missing)."
                ),
            ),
        ],
        criterion: Annotated[
            list[str] | None,
            typer.Option(
                "--criterion",
                "-c",
                help=(
                    "An element (criterion id) to set; repeatable. "
                    "Default: every criterion of the framework."
                ),
                show_default=False,
            ),
        ] = None,
        profile: Annotated[
            str | None,
            typer.Option(
                "--profile",
                "-p",
                help=(
                    "Applicant profile for the fact pattern: "
                    "a profile id from profiles/ or a YAML file."
                ),
                show_default=False,
            ),
        ] = None,
        as_of: Annotated[
            str | None,
            typer.Option(
                "--as-of",
                help=(
                    "The exercise's date (YYYY-MM-DD); later evidence is left out. Default: today."
                ),
                show_default=False,
            ),
        ] = None,
        framework: Annotated[
            str | None,
            typer.Option(
                "--framework",
                "-f",
                help="Framework id (a file in criteria/). Default: the US statute.",
                show_default=False,
            ),
        ] = None,
        data: Annotated[
            Path | None,
            typer.Option(
                "--data",
                help=(
                    "Data folder (criteria/, countries/, profiles/). "
                    "Default: $STC_DATA, else the data shipped with stc."
                ),
                show_default=False,
            ),
        ] = None,
    ) -> None:
        """Write a worksheet (fact pattern, agreement status, evidence without the tool's weights
        or outcomes, questions per element), its answer key and a blank answers file."""

        def run() -> None:

            from stc.exercise.analysis import ExerciseSpec
            from stc.exercise.worksheet import write_exercise

            when = as_of_date(as_of)
            spec = ExerciseSpec(
                country,
                framework,
                when,
                profile,
                list(dict.fromkeys(criterion)) if criterion else None,
            )
            for path in write_exercise(open_corpus(data), spec, output):
                sys.stdout.write(f"wrote {path}\n")

        guarded(run)

    @sub.command("check")
    def check(
        answers: Annotated[
            Path,
            typer.Argument(help="The student's answers file (a filled-in answers-template.yaml)."),
        ],
        data: Annotated[
            Path | None,
            typer.Option(
                "--data",
                help=(
                    "Data folder the exercise was made from. "
                    "Default: $STC_DATA, else the data shipped with stc."
                ),
                show_default=False,
            ),
        ] = None,
    ) -> None:
        """Compare a student's answers with the engine's and explain each difference: outcome,
        decisive evidence, side, standard, burden; a score per element. Exit 0 whenever the check
        ran."""

        def run() -> None:
            from stc.exercise.check import check_answers, render_feedback

            feedback = check_answers(open_corpus(data), answers)
            sys.stdout.write(render_feedback(feedback, str(answers)))

        guarded(run)

    app.add_typer(sub, name="exercise")
