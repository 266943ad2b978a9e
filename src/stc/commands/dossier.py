"""`stc dossier`: the generated part of a country's documentation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stc.commands.options import AsOfOpt, DataOpt
from stc.commands.runtime import guarded, open_corpus, parse_date


def register(app: typer.Typer) -> None:
    @app.command()
    def dossier(
        country: Annotated[str, typer.Argument(help="Country id, e.g. ecuador.")],
        as_of: AsOfOpt = None,
        update: Annotated[
            Path | None,
            typer.Option(
                "--update",
                help=(
                    "Splice the generated section into this Markdown file (between its "
                    "generated markers) instead of printing it."
                ),
                show_default=False,
            ),
        ] = None,
        data: DataOpt = None,
    ) -> None:
        """The generated part of a country's documentation: assessment, agreement timeline,
        evidence at a glance, strongest evidence, gaps."""

        def run() -> None:
            from stc.output import emit, write_atomic
            from stc.render.dossier import country_dossier, splice

            title, text = country_dossier(open_corpus(data), country, parse_date(as_of))
            if update is None:
                emit(text, None)
                return
            old = update.read_text(encoding="utf-8") if update.is_file() else f"# {title}\n"
            write_atomic(update, splice(old, text).encode("utf-8"))

        guarded(run)
