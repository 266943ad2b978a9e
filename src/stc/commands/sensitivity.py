"""`stc sensitivity`: how robust one assessment is to the model's parameters and to single items."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from stc.commands.options import AsOfOpt, DataOpt, FrameworkOpt, OutOpt, ProfileOpt, SetOpt
from stc.commands.runtime import as_of_date, guarded, open_corpus, show


class SensitivityFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def register(app: typer.Typer) -> None:
    @app.command()
    def sensitivity(
        country: Annotated[str, typer.Argument(help="Country id, e.g. ecuador.")],
        samples: Annotated[
            int,
            typer.Option(
                "--samples",
                "-n",
                help="Monte Carlo samples of the band choices and the model's parameters.",
                min=1,
                max=100_000,
            ),
        ] = 200,
        seed: Annotated[
            int, typer.Option("--seed", help="Random seed; the same seed gives the same figures.")
        ] = 0,
        vary_standards: Annotated[
            bool,
            typer.Option(
                "--vary-standards",
                help=(
                    "Also move each proof standard's required support one level down or up "
                    "in the samples."
                ),
            ),
        ] = False,
        profile: ProfileOpt = None,
        framework: FrameworkOpt = None,
        as_of: AsOfOpt = None,
        fmt: Annotated[
            SensitivityFormat,
            typer.Option(
                "--format", help="table (terminal), json (stc.sensitivity.v2) or markdown."
            ),
        ] = SensitivityFormat.table,
        output: OutOpt = None,
        what_if: SetOpt = None,
        data: DataOpt = None,
    ) -> None:
        """Robustness of COUNTRY's assessment: per criterion, the share of samples (band choices
        and model parameters) that keep the outcome; the items whose removal alone changes an
        outcome; the outcome by each family of sources alone."""

        def run() -> None:

            from stc.analysis.sensitivity import SensitivityRanges, analyse, to_markdown
            from stc.output import emit
            from stc.whatif import parse_settings

            result = analyse(
                open_corpus(data),
                country,
                framework,
                profile,
                as_of_date(as_of),
                parse_settings(what_if),
                samples,
                seed,
                SensitivityRanges(vary_standards=vary_standards),
            )
            if fmt is SensitivityFormat.json:
                from stc.render.json_out import to_json

                emit(to_json(result), output)
            elif fmt is SensitivityFormat.markdown:
                emit(to_markdown(result), output)
            else:
                from stc.render.robustness import sensitivity_tables

                show(sensitivity_tables(result), output)

        guarded(run)
