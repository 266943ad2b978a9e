"""`stc site`: write a static, self-contained web site (heat map, country and criterion pages)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from stc.commands.options import AsOfOpt, DataOpt, FrameworkOpt, ProfileOpt
from stc.commands.runtime import as_of_date, guarded, open_corpus


def register(app: typer.Typer) -> None:
    @app.command()
    def site(
        out: Annotated[
            Path,
            typer.Option(
                "--output",
                "-o",
                help=(
                    "Folder to write. Replaced as a whole if it was written by `stc site` "
                    "or is empty; any other existing folder is refused."
                ),
                show_default=False,
            ),
        ],
        as_of: AsOfOpt = None,
        profile: ProfileOpt = None,
        framework: FrameworkOpt = None,
        data: DataOpt = None,
    ) -> None:
        """Write a static web site for every country: index.html (the heat map), one page per
        country (verdict tree, agreement timeline, evidence, sources) and one per criterion (the
        law beside the encoded rule). Inline CSS and relative links only: open index.html from
        disk or publish the folder on any static host. The same inputs give byte-identical
        files."""

        def run() -> None:
            import sys

            from stc.site import build_site, write_site

            started = time.monotonic()
            when = as_of_date(as_of)
            pages = build_site(open_corpus(data), when, framework_id=framework, profile=profile)
            write_site(pages, out)
            sys.stderr.write(
                f"Wrote {len(pages.pages)} pages ({pages.size:,} bytes) to {out} "
                f"in {time.monotonic() - started:.1f} s; open {out / 'index.html'}\n"
            )

        guarded(run)
