"""`stc compare`: countries side by side under one framework or several."""

from __future__ import annotations

from typing import Annotated

import typer

from stc.commands.options import (
    AsOfOpt,
    CompareFormat,
    DataOpt,
    FrameworkOpt,
    KnownByOpt,
    OutOpt,
    ProfileOpt,
    SetOpt,
)
from stc.commands.runtime import as_of_date, guarded, open_corpus, parse_date, show


def register(app: typer.Typer) -> None:
    @app.command()
    def compare(
        countries: Annotated[
            list[str] | None,
            typer.Argument(
                help="Country ids; default: every country in the data folder.",
                show_default=False,
            ),
        ] = None,
        profile: ProfileOpt = None,
        framework: FrameworkOpt = None,
        frameworks: Annotated[
            str | None,
            typer.Option(
                "--frameworks",
                help=(
                    "Several frameworks side by side: 'all' (the US statute, then every "
                    "comparator) or ids separated by commas."
                ),
                show_default=False,
            ),
        ] = None,
        as_of: AsOfOpt = None,
        known_by: KnownByOpt = None,
        fmt: Annotated[
            CompareFormat,
            typer.Option(
                "--format",
                help=(
                    "table, csv (long form, see docs/codebook.md), json (stc.comparison.v1), "
                    "markdown (a publishable table) or html (a heat map)."
                ),
            ),
        ] = CompareFormat.table,
        output: OutOpt = None,
        what_if: SetOpt = None,
        data: DataOpt = None,
    ) -> None:
        """Compare countries side by side: the verdict and each criterion's and indicator's
        outcome, score and confidence."""

        def run() -> None:
            from stc.analysis.compare import compare as run_compare
            from stc.errors import UsageError
            from stc.output import emit
            from stc.whatif import parse_settings

            if framework and frameworks:
                raise UsageError("give --framework or --frameworks, not both")
            corpus = open_corpus(data)
            ids = countries or corpus.country_ids()
            if frameworks:
                wanted: list[str] | None = [f.strip() for f in frameworks.split(",") if f.strip()]
            else:
                wanted = [framework] if framework else None
            settings = parse_settings(what_if)
            when = as_of_date(as_of)
            known = parse_date(known_by, "--known-by")
            if fmt is CompareFormat.html:
                from stc.analysis.compare import comparison_heatmap

                emit(
                    comparison_heatmap(corpus, ids, wanted, when, profile, settings, known), output
                )
                return
            cmp = run_compare(corpus, ids, wanted, when, profile, settings, known)
            if fmt is CompareFormat.csv:
                from stc.analysis.compare import to_csv

                emit(to_csv(cmp), output)
            elif fmt is CompareFormat.markdown:
                from stc.analysis.compare import to_markdown

                emit(to_markdown(cmp), output)
            elif fmt is CompareFormat.json:
                from stc.render.json_out import to_json

                emit(to_json(cmp), output)
            else:
                from stc.render.tables import comparison_tables

                show(comparison_tables(cmp), output)

        guarded(run)
