"""`stc explain`: the derivation of each criterion, statute beside rule, item by item."""

from __future__ import annotations

from typing import Annotated

import typer

from stc.commands.options import (
    AsOfOpt,
    DataOpt,
    FrameworkOpt,
    KnownByOpt,
    OutOpt,
    ProfileOpt,
    SetOpt,
)
from stc.commands.runtime import guarded, open_corpus, parse_date


def register(app: typer.Typer) -> None:
    @app.command()
    def explain(
        country: Annotated[str, typer.Argument(help="Country id, e.g. ecuador.")],
        criterion: Annotated[
            str | None, typer.Argument(help="One criterion id; default: all.", show_default=False)
        ] = None,
        profile: ProfileOpt = None,
        framework: FrameworkOpt = None,
        as_of: AsOfOpt = None,
        known_by: KnownByOpt = None,
        output: OutOpt = None,
        what_if: SetOpt = None,
        data: DataOpt = None,
    ) -> None:
        """Show the derivation: statute wording beside each encoded rule, every indicator,
        every item with its weight factors."""

        def run() -> None:
            from stc.assessment import assess as run_assessment
            from stc.errors import UsageError
            from stc.output import emit
            from stc.render.explain import render_explanation
            from stc.whatif import parse_settings

            result = run_assessment(
                open_corpus(data),
                country,
                framework,
                profile,
                parse_date(as_of),
                parse_settings(what_if),
                parse_date(known_by, "--known-by"),
            )
            ids = [c.id for c in result.criteria]
            if criterion is not None and criterion not in ids:
                raise UsageError(f"unknown criterion {criterion!r}; known: {', '.join(ids)}")
            emit(render_explanation(result, criterion), output)

        guarded(run)
