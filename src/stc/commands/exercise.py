"""`stc exercise new`, `check` and `summary`: worksheets, keys, feedback, class summaries."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stc.commands.options import DataOpt, FrameworkOpt, command_group
from stc.commands.runtime import as_of_date, guarded, open_corpus

KEY_OPTION = typer.Option(
    "--key",
    "-k",
    help="The exercise's key (teacher/key.yaml, written by stc exercise new).",
)
DATA_OPTION = typer.Option(
    "--data",
    help=(
        "Data folder the exercise was made from. "
        "Default: $STC_DATA, else the data shipped with stc."
    ),
    show_default=False,
)


def register(app: typer.Typer) -> None:
    sub = command_group(
        "exercise",
        (
            "Classroom exercises: a worksheet of chosen findings for students, the key in a "
            "separate folder for the teacher, feedback on each student's reasoning and a class "
            "summary."
        ),
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
                    "Folder to write into (created if missing): student/ gets the worksheet "
                    "(.md, .pdf) and answers.yaml; teacher/ gets the key (.md, .pdf, key.yaml) "
                    "and notes.md. Nothing of the key is written under student/."
                ),
            ),
        ],
        criterion: Annotated[
            list[str],
            typer.Option(
                "--criterion",
                "-c",
                help=(
                    "An element decided on evidence (criterion id) to set; repeatable. One "
                    "element fits a 50-minute class."
                ),
            ),
        ],
        items: Annotated[
            int,
            typer.Option(
                "--items",
                "-n",
                help=(
                    "How many findings to show per element (6 to 25): one deciding finding, "
                    "red herrings, arguable findings and the rest balanced across both sides."
                ),
            ),
        ] = 12,
        pick: Annotated[
            str | None,
            typer.Option(
                "--pick",
                help=(
                    "Show exactly these findings instead (evidence ids, comma-separated); "
                    "overrides --items."
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
        framework: FrameworkOpt = None,
        data: DataOpt = None,
    ) -> None:
        """Write a worksheet of chosen findings for students to rate on the verbal scale, with
        questions on defeaters, conclusions, outcome and burden; and, in a separate folder, the
        key and the teacher's notes."""

        def run() -> None:
            from stc.exercise.analysis import ExerciseSpec
            from stc.exercise.worksheet import write_exercise

            when = as_of_date(as_of)
            chosen = [p.strip() for p in pick.split(",") if p.strip()] if pick else None
            spec = ExerciseSpec(
                country,
                framework,
                when,
                profile,
                list(dict.fromkeys(criterion)),
                items,
                chosen,
            )
            for path in write_exercise(open_corpus(data), spec, output):
                sys.stdout.write(f"wrote {path}\n")

        guarded(run)

    @sub.command("check")
    def check(
        answers: Annotated[
            Path,
            typer.Argument(help="A student's answers file (a filled-in student/answers.yaml)."),
        ],
        key: Annotated[Path, KEY_OPTION],
        data: Annotated[Path | None, DATA_OPTION] = None,
    ) -> None:
        """Feedback on one student's answers: each finding's band, the defeaters, each issue's
        conclusion, the outcome, the burden and the deciding findings, compared with the key,
        each difference with its reason and authority; the student's notes beside the score.
        Exit 0 whenever the check ran."""

        def run() -> None:
            from stc.exercise.check import check_files

            sys.stdout.write(check_files(open_corpus(data), key, [answers])[0])

        guarded(run)

    @sub.command("summary")
    def summary(
        answers: Annotated[
            list[Path],
            typer.Argument(help="The class's answers files."),
        ],
        key: Annotated[Path, KEY_OPTION],
        data: Annotated[Path | None, DATA_OPTION] = None,
    ) -> None:
        """The class summary for the teacher: each student's score with their notes, the spread
        of scores, and the parts most students misread, with the key's answer and its reason."""

        def run() -> None:
            from stc.exercise.check import summarise_files

            sys.stdout.write(summarise_files(open_corpus(data), key, answers))

        guarded(run)

    app.add_typer(sub, name="exercise")
