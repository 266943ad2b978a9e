"""Options and formats shared by the commands: defined once, used by every command module."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help=(
            "Data folder (criteria/, countries/, profiles/). "
            "Default: $STC_DATA, else the data shipped with stc."
        ),
        show_default=False,
    ),
]
FrameworkOpt = Annotated[
    str | None,
    typer.Option(
        "--framework",
        "-f",
        help="Framework id (a file in criteria/). Default: the US statute.",
        show_default=False,
    ),
]
ProfileOpt = Annotated[
    str | None,
    typer.Option(
        "--profile",
        "-p",
        help="Applicant profile: a YAML file or a profile id from profiles/.",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help=(
            "The date whose situation is assessed (YYYY-MM-DD): the law and agreements in force "
            "then, evidence about periods up to then. Default: today."
        ),
        show_default=False,
    ),
]
KnownByOpt = Annotated[
    str | None,
    typer.Option(
        "--known-by",
        help=(
            "Take evidence published up to this date (YYYY-MM-DD), e.g. to assess 2020 on "
            "everything published since. Default: the as-of date."
        ),
        show_default=False,
    ),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help=(
            "What-if: change a model setting for this run, recorded in the report. Repeatable. "
            "standard=ID, standard.CRITERION=ID, burden=proponent|opponent, burden.CRITERION=…, "
            "min_support.STANDARD=LEVEL, defeater_support=LEVEL, half_life_days=N, "
            "interest_discount=X, "
            "source_kind.KIND=X, reliability.GRADE=X, credibility.N=X, exclude_kinds=KIND,KIND."
        ),
        show_default=False,
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of standard output.",
        show_default=False,
    ),
]


def command_group(name: str, help: str) -> typer.Typer:
    """A command with subcommands (`stc archive fetch`, …), set up as the `stc` app itself is:
    help when called bare, no shell-completion options, plain errors and help text."""
    return typer.Typer(
        name=name,
        help=help,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )


class AssessFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


class CompareFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"
    html = "html"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


ArchiveOpt = Annotated[
    Path,
    typer.Option(
        "--archive",
        help=(
            "The archive folder: downloaded documents and manifest.json (created when first "
            "needed). Default: ./stc-archive."
        ),
        show_default=False,
    ),
]


class SourcesFormat(StrEnum):
    table = "table"
    json = "json"
    csl_json = "csl-json"
    ris = "ris"
