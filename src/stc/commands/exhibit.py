"""`stc exhibit`: the litigation exhibit as PDF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stc.commands.options import AsOfOpt, DataOpt, FrameworkOpt, ProfileOpt, SetOpt
from stc.commands.runtime import guarded, open_corpus, parse_date
from stc.forums import FORUM_IDS


def register(app: typer.Typer) -> None:
    @app.command()
    def exhibit(
        country: Annotated[str, typer.Argument(help="Country id, e.g. ecuador.")],
        output: Annotated[
            Path,
            typer.Option(
                "--output",
                "-o",
                help=(
                    "The PDF to write (atomically). Parts are written as NAME-part1.pdf, … "
                    "when the file would exceed the e-filing limit."
                ),
            ),
        ],
        profile: ProfileOpt = None,
        framework: FrameworkOpt = None,
        as_of: AsOfOpt = None,
        forum: Annotated[
            str,
            typer.Option(
                "--forum",
                help=f"Forum profile: {', '.join(FORUM_IDS)} (page labels and cover).",
            ),
        ] = FORUM_IDS[0],
        caption: Annotated[
            list[str] | None,
            typer.Option(
                "--caption",
                help=(
                    "A cover field as NAME=VALUE, e.g. --caption 'Respondent=J. Doe' "
                    "--caption 'A-number=A000-000-000'. Repeatable."
                ),
                show_default=False,
            ),
        ] = None,
        max_bytes: Annotated[
            int,
            typer.Option(
                "--max-bytes",
                help="Split into parts above this size (default: the 25 MB e-filing limit).",
            ),
        ] = 25_000_000,
        what_if: SetOpt = None,
        data: DataOpt = None,
    ) -> None:
        """Write the litigation exhibit for COUNTRY as PDF: cover, contents, element-by-element
        analysis with footnoted pinpoint citations, annotated index of sources, table of
        authorities, methodology and caveats."""

        def run() -> None:
            from stc.exhibit import check_forum, parse_caption, write_exhibit
            from stc.whatif import parse_settings

            written = write_exhibit(
                open_corpus(data),
                country,
                output,
                framework,
                profile,
                parse_date(as_of),
                check_forum(forum),
                parse_caption(caption or []),
                max_bytes,
                parse_settings(what_if),
            )
            for path in written:
                sys.stdout.write(f"wrote {path}\n")

        guarded(run)
