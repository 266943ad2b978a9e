"""`stc init`: copy the shipped data into a folder the user owns."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stc.commands.runtime import guarded


def register(app: typer.Typer) -> None:
    @app.command()
    def init(
        folder: Annotated[
            Path, typer.Argument(help="The folder to create (or an empty one) for your own data.")
        ],
        force: Annotated[
            bool,
            typer.Option(
                "--force",
                help=(
                    "Copy into a folder that is not empty. A file that already exists with other "
                    "content is backed up to .stc-backups/ first, and named."
                ),
            ),
        ] = False,
    ) -> None:
        """Copy the data shipped with stc (criteria, countries, profiles) into FOLDER, to add
        your own evidence and use it with --data FOLDER (or `stc serve --data FOLDER`)."""

        def run() -> None:
            from stc.init_data import init_workspace

            report = init_workspace(folder, force)
            for shown, backup in report.replaced:
                sys.stdout.write(f"replaced {shown} (the previous file is in {backup})\n")
            sys.stdout.write(
                f"{folder}: {len(report.copied)} file(s) copied, {len(report.replaced)} "
                f"replaced, {len(report.unchanged)} already the same.\n"
                f"Use it with: stc serve --data {folder}   (or any command with --data {folder})\n"
            )

        guarded(run)
