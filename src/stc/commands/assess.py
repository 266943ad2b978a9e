"""`stc assess`: one country's assessment, in the terminal or as a file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from stc.commands.options import (
    AsOfOpt,
    AssessFormat,
    DataOpt,
    FrameworkOpt,
    KnownByOpt,
    OutOpt,
    ProfileOpt,
    SetOpt,
)
from stc.commands.runtime import console, guarded, open_corpus, parse_date

if TYPE_CHECKING:
    from stc.render.assessment_formats import AssessmentFormat

RENDERED: dict[AssessFormat, AssessmentFormat] = {
    AssessFormat.table: "text",  # the terminal tree, as plain text in a file
    AssessFormat.json: "json",
    AssessFormat.markdown: "markdown",
    AssessFormat.html: "html",
}


def register(app: typer.Typer) -> None:
    @app.command()
    def assess(
        country: Annotated[
            str, typer.Argument(help="Country id (a folder in countries/), e.g. ecuador.")
        ],
        profile: ProfileOpt = None,
        framework: FrameworkOpt = None,
        as_of: AsOfOpt = None,
        known_by: KnownByOpt = None,
        fmt: Annotated[
            AssessFormat,
            typer.Option(
                "--format",
                help=(
                    "table (terminal), json (stc.assessment.v2), markdown "
                    "or html (one self-contained file)."
                ),
            ),
        ] = AssessFormat.table,
        output: OutOpt = None,
        what_if: SetOpt = None,
        data: DataOpt = None,
    ) -> None:
        """Assess COUNTRY: the verdict, each criterion's outcome with its reasons, evidence and
        citations."""

        def run() -> None:
            from stc.assessment import assess as run_assessment
            from stc.output import emit
            from stc.render.assessment_formats import render_assessment
            from stc.whatif import parse_settings

            corpus = open_corpus(data)
            settings = parse_settings(what_if)
            result = run_assessment(
                corpus,
                country,
                framework,
                profile,
                parse_date(as_of),
                settings,
                parse_date(known_by, "--known-by"),
            )
            if fmt is AssessFormat.table and output is None:
                from stc.render.terminal import render_terminal

                render_terminal(result, console())
                return
            chosen = RENDERED[fmt]
            emit(render_assessment(result, chosen, corpus, framework, settings, profile), output)

        guarded(run)
