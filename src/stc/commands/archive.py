"""`stc archive fetch|verify|list`: a local copy of every cited document, and each excerpt
checked against the text it quotes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stc.commands.options import ArchiveOpt, DataOpt, ListFormat, OutOpt, command_group
from stc.commands.runtime import guarded, guarded_exit, open_corpus, show

DEFAULT_ARCHIVE = Path("stc-archive")
CountryArg = Annotated[
    str | None,
    typer.Argument(help="Country id, e.g. ecuador. Default: every country.", show_default=False),
]


def register(app: typer.Typer) -> None:
    sub = command_group(
        "archive",
        (
            "A local archive of the cited documents: download them (fetch), check every "
            "excerpt against the archived text (verify), show what is archived (list)."
        ),
    )

    @sub.command("fetch")
    def fetch(
        country: CountryArg = None,
        archive: ArchiveOpt = DEFAULT_ARCHIVE,
        refresh: Annotated[
            bool,
            typer.Option("--refresh", help="Download again sources already archived."),
        ] = False,
        timeout: Annotated[
            float,
            typer.Option("--timeout", min=1, help="Seconds to wait for a server to answer."),
        ] = 30.0,
        max_size: Annotated[
            int,
            typer.Option("--max-size", min=1, help="Largest document to download, in megabytes."),
        ] = 50,
        jobs: Annotated[
            int, typer.Option("--jobs", "-j", min=1, max=16, help="Downloads at a time.")
        ] = 4,
        data: DataOpt = None,
    ) -> None:
        """Download each cited source of COUNTRY (default: every country) into the archive:
        from the publisher's address (url), else, or if that fails, from the copy it was read
        at (read_at) when that is an http(s) address. Each document is stored with its SHA-256,
        retrieval time and content type; sources already archived are skipped unless
        --refresh. Failures are listed at the end. Exit 0 if every download worked, 1 if some
        failed, 2 on bad input."""

        def run() -> int:
            from stc.archive import Archive
            from stc.archive.cited import cited_sources
            from stc.archive.fetch import FetchSettings, fetch_sources
            from stc.render.archive_view import fetch_progress, fetch_summary

            store = Archive(archive)
            sources = cited_sources(open_corpus(data), country)
            settings = FetchSettings(timeout=timeout, max_bytes=max_size * 1024 * 1024, jobs=jobs)
            with fetch_progress(len(sources)) as advance:
                outcomes = []
                for outcome in fetch_sources(store, sources, refresh=refresh, settings=settings):
                    outcomes.append(outcome)
                    advance(outcome)
            lines, failed = fetch_summary(outcomes, store.directory)
            sys.stdout.write("".join(line + "\n" for line in lines))
            return 1 if failed else 0

        guarded_exit(run)

    @sub.command("verify")
    def verify(
        country: CountryArg = None,
        archive: ArchiveOpt = DEFAULT_ARCHIVE,
        fmt: Annotated[
            ListFormat,
            typer.Option("--format", help="table or json (stc.archive-check.v1)."),
        ] = ListFormat.table,
        output: OutOpt = None,
        data: DataOpt = None,
    ) -> None:
        """Check every excerpt of COUNTRY's evidence (default: every country) against the text
        of its archived source, tolerating differences of case, white space, quotation marks,
        dashes and marked omissions (…). The table lists the items whose excerpt was not found
        and those whose source is not archived; json gives every item. Exit 0 if every
        archived source contains its excerpts, 1 if some excerpt was not found or a document
        could not be read, 2 on bad input."""

        def run() -> int:
            from stc.archive import Archive
            from stc.archive.cited import quoted_excerpts
            from stc.archive.verify import check_excerpts

            store = Archive(archive)
            report = check_excerpts(store, quoted_excerpts(open_corpus(data), country), country)
            if fmt is ListFormat.json:
                from stc.output import emit
                from stc.render.json_out import to_json

                emit(to_json(report), output)
            else:
                from stc.render.archive_view import verify_table

                show(verify_table(report), output)
            return 1 if report.not_found or report.unreadable else 0

        guarded_exit(run)

    @sub.command("list")
    def list_(
        archive: ArchiveOpt = DEFAULT_ARCHIVE,
        fmt: Annotated[
            ListFormat,
            typer.Option("--format", help="table or json (the manifest itself)."),
        ] = ListFormat.table,
        output: OutOpt = None,
    ) -> None:
        """Show what the archive holds: each source's document, its type and size, when and
        from where it was downloaded."""

        def run() -> None:
            from stc.archive import Archive

            store = Archive(archive)
            if fmt is ListFormat.json:
                from stc.archive.store import manifest_json
                from stc.output import emit

                emit(manifest_json(store.manifest), output)
            else:
                from stc.render.archive_view import archive_table

                show([archive_table(store)], output)

        guarded(run)

    app.add_typer(sub, name="archive")
