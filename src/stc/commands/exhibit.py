"""`stc exhibit`: the litigation exhibit as PDF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stc.commands.options import ArchiveOpt, AsOfOpt, DataOpt, FrameworkOpt, ProfileOpt, SetOpt
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
                    "A FILE.pdf: the exhibit document alone (parts NAME-part1.pdf, … above "
                    "the size limit). A directory (DIR/): the filing packet, its files, "
                    "packet.json and README.txt (docs/exhibits.md)."
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
        max_mb: Annotated[
            float,
            typer.Option(
                "--max-mb",
                help="Split files into ordered parts above this size in MB (10^6 bytes).",
            ),
        ] = 25.0,
        max_bytes: Annotated[
            int | None,
            typer.Option(
                "--max-bytes",
                help="The same limit as an exact number of bytes; overrides --max-mb.",
                show_default=False,
            ),
        ] = None,
        archive: ArchiveOpt = Path("stc-archive"),
        stamp_prefix: Annotated[
            str,
            typer.Option(
                "--stamp-prefix",
                help="Packet: page stamps read PREFIX-000001, … consecutively across it.",
            ),
        ] = "STC",
        pdf_standard: Annotated[
            str | None,
            typer.Option(
                "--pdf-standard",
                help="Write PDF/A: a-2b, a-2u, a-2a, a-3b, a-3u, a-3a or a-4.",
                show_default=False,
            ),
        ] = None,
        short: Annotated[
            bool,
            typer.Option(
                "--short",
                help=(
                    "The short form to file with an expert declaration: conclusions and "
                    "evidence with citations, without the model's internals."
                ),
            ),
        ] = False,
        what_if: SetOpt = None,
        data: DataOpt = None,
    ) -> None:
        """Write the litigation exhibit for COUNTRY as PDF: cover, contents, element-by-element
        analysis with footnoted pinpoint citations, annotated index of sources, table of
        authorities, methodology and caveats. Given a directory, write the filing packet: caption
        page, exhibit list, the analysis, every cited source from the archive behind its tab with
        the cited passages marked, translations, certificate forms, page stamps."""

        def run() -> None:
            from stc.exhibit import (
                check_forum,
                check_pdf_standard,
                check_stamp_prefix,
                is_packet_output,
                parse_caption,
                size_limit,
                write_exhibit,
                write_packet,
            )
            from stc.packet.assemble import PacketOptions
            from stc.whatif import parse_settings

            limit = size_limit(max_mb, max_bytes)
            standard = check_pdf_standard(pdf_standard)
            chosen_forum = check_forum(forum)
            fields = parse_caption(caption or [])
            corpus = open_corpus(data)
            date = parse_date(as_of)
            settings = parse_settings(what_if)
            if is_packet_output(output):
                written = write_packet(
                    corpus,
                    country,
                    output,
                    framework,
                    profile,
                    date,
                    settings,
                    PacketOptions(
                        forum=chosen_forum,
                        caption=fields,
                        archive_dir=archive,
                        stamp_prefix=check_stamp_prefix(stamp_prefix),
                        max_bytes=limit,
                        pdf_standard=standard,
                        short=short,
                    ),
                )
            else:
                written = write_exhibit(
                    corpus,
                    country,
                    output,
                    framework,
                    profile,
                    date,
                    chosen_forum,
                    fields,
                    limit,
                    settings,
                    standard,
                    short=short,
                )
            for path in written:
                sys.stdout.write(f"wrote {path}\n")

        guarded(run)
