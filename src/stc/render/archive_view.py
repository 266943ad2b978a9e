"""What `stc archive` shows in a terminal: download progress, the fetch summary, the table of
excerpts not found, the archive's contents."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table

if TYPE_CHECKING:
    from stc.archive.fetch import Outcome
    from stc.archive.store import Archive
    from stc.models.archive_check import ArchiveCheck

_STATUS_WORDS = {
    "not-found": "excerpt not found in the archived text",
    "not-archived": "source not archived",
    "unreadable": "archived document could not be read",
}


@contextlib.contextmanager
def fetch_progress(total: int) -> Iterator[Callable[[Outcome], None]]:
    """A progress bar on standard error (shown only on a terminal); yields the function to call
    as each source finishes."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True, highlight=False)
    with Progress(
        TextColumn("fetching"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("", total=total)

        def advance(outcome: Outcome) -> None:
            progress.update(task, advance=1, description=f"{outcome.source_id}: {outcome.status}")

        yield advance


def fetch_summary(outcomes: Sequence[Outcome], directory: Path) -> tuple[list[str], bool]:
    """The lines printed after a fetch, and whether any download failed."""
    count = dict.fromkeys(("fetched", "skipped", "failed", "no-address"), 0)
    for outcome in outcomes:
        count[outcome.status] += 1
    copies = sum(
        1 for o in outcomes if o.status == "fetched" and o.document and not o.document.original
    )
    lines = [
        f"archive {directory}: {count['fetched']} downloaded"
        + (f" ({copies} from the copy read, not the publisher)" if copies else "")
        + f", {count['skipped']} already archived, {count['failed']} failed, "
        f"{count['no-address']} without an address to download."
    ]
    failed = sorted((o for o in outcomes if o.status == "failed"), key=lambda o: o.source_id)
    if failed:
        lines.append("")
        lines.append("Failed:")
        for outcome in failed:
            lines.append(f"  {outcome.source_id} ({outcome.country})")
            lines += [f"    {reason}" for reason in outcome.reasons]
    missing = sorted((o for o in outcomes if o.status == "no-address"), key=lambda o: o.source_id)
    if missing:
        lines.append("")
        lines.append("No http(s) address to download (unpublished, or read_at is not an address):")
        lines += [f"  {o.source_id} ({o.country})" for o in missing]
    return lines, bool(failed)


def verify_table(report: ArchiveCheck) -> list[Table]:
    problems = [c for c in report.checks if c.status != "found"]
    scope = report.country or "every country"
    table = Table(title=f"Excerpts checked against the archive · {scope}")
    for heading in ("Country", "Item", "Source", "Locator", "Problem"):
        table.add_column(heading, overflow="fold")
    for check in problems:
        table.add_row(
            check.country, check.item, check.source, check.locator, _STATUS_WORDS[check.status]
        )
    total = len(report.checks)
    table.caption = (
        f"{report.found} of {total} excerpts found in their archived source; "
        f"{report.not_found} not found; {report.not_archived} with no archived source"
        + (
            f"; {report.unreadable} in documents that could not be read"
            if report.unreadable
            else ""
        )
        + "."
    )
    return [table]


def archive_table(archive: Archive) -> Table:
    table = Table(title=f"Archive {archive.directory} · {len(archive)} documents")
    for heading in ("Source", "Type", "Bytes", "Retrieved", "From", "Address"):
        table.add_column(heading, overflow="fold")
    for doc in archive.documents():
        size = doc.path.stat().st_size if doc.path.is_file() else None
        table.add_row(
            doc.source_id,
            doc.content_type,
            f"{size:,}" if size is not None else "missing",
            doc.retrieved,
            "publisher" if doc.original else "copy read",
            doc.fetched_from,
        )
    return table
