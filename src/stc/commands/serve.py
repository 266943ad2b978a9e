"""`stc serve`: the tool in a browser, on this computer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stc.commands.options import DataOpt
from stc.commands.runtime import guarded


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        data: DataOpt = None,
        host: Annotated[
            str,
            typer.Option(
                "--host",
                help=(
                    "Address to listen on. Default 127.0.0.1: only this computer can connect. "
                    "Any other address lets other machines use the server (and your data)."
                ),
            ),
        ] = "127.0.0.1",
        port: Annotated[
            int,
            typer.Option("--port", help="Port to listen on; 0 picks a free one.", min=0, max=65535),
        ] = 8765,
        classes: Annotated[
            Path | None,
            typer.Option(
                "--classes",
                help=(
                    "Folder for class mode's exercises and the answers students hand in "
                    "(created if missing). Default: classes/ in your own data folder; with the "
                    "data installed with stc, class mode needs this option."
                ),
                show_default=False,
            ),
        ] = None,
        no_browser: Annotated[
            bool,
            typer.Option("--no-browser", help="Do not open a browser window (for tests, servers)."),
        ] = False,
    ) -> None:
        """Open stc in your web browser at http://127.0.0.1:PORT: assess, compare, see how robust
        an outcome is and how it moved through time, add or correct evidence in a form that
        checks it as `stc validate` does (in your own data folder: see `stc init`), and run class
        exercises: students answer in the browser and get the feedback of `stc exercise check`."""

        def run() -> None:
            from stc.serve.runner import run_server

            run_server(data, host, port, open_browser=not no_browser, classes=classes)

        guarded(run)
