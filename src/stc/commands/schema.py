"""`stc schema`: JSON Schema for every data format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stc.commands.runtime import guarded


def register(app: typer.Typer) -> None:
    @app.command()
    def schema(
        output: Annotated[
            Path | None,
            typer.Option(
                "--output",
                "-o",
                help=(
                    "Folder to write one <format>.schema.json per data format; default: print "
                    "them as one JSON object."
                ),
                show_default=False,
            ),
        ] = None,
    ) -> None:
        """Write JSON Schema for every data format (for editor completion and outside
        validators)."""

        def run() -> None:
            from stc.output import emit, write_atomic
            from stc.schemas import all_schemas_json, schema_texts

            if output is None:
                emit(all_schemas_json(), None)
                return
            texts = schema_texts()
            output.mkdir(parents=True, exist_ok=True)
            for name, text in texts.items():
                write_atomic(output / name, text.encode("utf-8"))
            sys.stdout.write(f"wrote {len(texts)} schemas to {output}\n")

        guarded(run)
