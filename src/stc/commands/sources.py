"""`stc sources`: a country's bibliography as cited."""

from __future__ import annotations

from typing import Annotated

import typer

from stc.commands.options import DataOpt, ListFormat, OutOpt
from stc.commands.runtime import guarded, open_corpus, show


def register(app: typer.Typer) -> None:
    @app.command()
    def sources(
        country: Annotated[str, typer.Argument(help="Country id, e.g. ecuador.")],
        fmt: Annotated[
            ListFormat, typer.Option("--format", help="table or json (stc.sources.v1).")
        ] = ListFormat.table,
        output: OutOpt = None,
        data: DataOpt = None,
    ) -> None:
        """List COUNTRY's bibliography: reliability grade, kind, family, interests, and how
        many items cite each source."""

        def run() -> None:
            from stc.render.tables import source_rows, sources_table

            rows = source_rows(open_corpus(data).country(country))
            if fmt is ListFormat.json:
                from stc.models.listing import SourceList
                from stc.output import emit
                from stc.render.json_out import to_json

                emit(to_json(SourceList(country=country, sources=rows)), output)
            else:
                show([sources_table(country, rows)], output)

        guarded(run)
