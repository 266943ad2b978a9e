"""`stc sources`: a country's bibliography as cited, or as CSL-JSON or RIS for Zotero."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from stc.commands.options import DataOpt, OutOpt, SourcesFormat
from stc.commands.runtime import guarded, open_corpus, show


def register(app: typer.Typer) -> None:
    @app.command()
    def sources(
        country: Annotated[str, typer.Argument(help="Country id, e.g. ecuador.")],
        fmt: Annotated[
            SourcesFormat,
            typer.Option(
                "--format",
                help=(
                    "table; json (stc.sources.v1); csl-json or ris, citations to import into "
                    "Zotero or another reference manager."
                ),
            ),
        ] = SourcesFormat.table,
        archive: Annotated[
            Path | None,
            typer.Option(
                "--archive",
                help=(
                    "For csl-json and ris: take each source's accessed date from this archive "
                    "(the day it was downloaded by `stc archive fetch`)."
                ),
                show_default=False,
            ),
        ] = None,
        output: OutOpt = None,
        data: DataOpt = None,
    ) -> None:
        """List COUNTRY's bibliography: reliability grade, kind, family, interests, and how
        many items cite each source. With --format csl-json or ris, the same sources as
        citations: type, title, author, publisher, the date only where the document states it
        (an inferred date is said so in the note), the publisher's address, the accessed date,
        language, and the copy read in the note."""

        def run() -> None:
            from stc.output import emit

            bundle = open_corpus(data).country(country)
            if fmt in (SourcesFormat.csl_json, SourcesFormat.ris):
                from stc.archive.cited import country_sources
                from stc.bibliography_export import csl_json, ris

                retrieved = _retrieval_dates(archive)
                chosen = country_sources(bundle)
                export = csl_json if fmt is SourcesFormat.csl_json else ris
                emit(export(chosen, retrieved), output)
                return
            from stc.render.tables import source_rows, sources_table

            rows = source_rows(bundle)
            if fmt is SourcesFormat.json:
                from stc.models.listing import SourceList
                from stc.render.json_out import to_json

                emit(to_json(SourceList(country=country, sources=rows)), output)
            else:
                show([sources_table(country, rows)], output)

        guarded(run)


def _retrieval_dates(archive: Path | None) -> dict[str, dt.date]:

    if archive is None:
        return {}
    from stc.archive import Archive
    from stc.errors import UsageError

    if not archive.is_dir():
        raise UsageError(f"--archive {archive}: no such folder")
    return {
        doc.source_id: dt.date.fromisoformat(doc.retrieved[:10])
        for doc in Archive(archive).documents()
    }
