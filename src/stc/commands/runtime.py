"""What every command body shares: turning bad input into exit code 2 with messages (never a
traceback), reading dates and the data folder, and printing to the terminal or a file."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from stc.corpus import Corpus

T = TypeVar("T")


def fail(lines: list[str]) -> None:
    for line in lines:
        sys.stderr.write(line + "\n")
    raise typer.Exit(2)


def guarded(action: Callable[[], T]) -> T:
    """Run a command body; bad input ends with exit 2 and messages, never a traceback."""
    from stc.errors import DataErrors, UsageError

    try:
        return action()
    except DataErrors as exc:
        fail([str(e) for e in exc.errors] + [f"{len(exc.errors)} error(s); nothing was written."])
    except UsageError as exc:
        fail([f"error: {exc}"])
    except OSError as exc:
        fail([f"error: {exc.filename or ''}: {exc.strerror}"])
    raise AssertionError("unreachable")


def guarded_exit(action: Callable[[], int]) -> None:
    """As `guarded`, for a command body that returns its exit code (0 ok, 1 a check failed)."""
    code = guarded(action)
    if code:
        raise typer.Exit(code)


def parse_date(value: str | None, option: str = "--as-of") -> dt.date | None:
    """A YYYY-MM-DD option value, or None when the option was not given."""
    from stc.errors import UsageError

    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise UsageError(f"{option} {value!r}: write the date as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r}: not a calendar date") from None


def as_of_date(value: str | None) -> dt.date:
    """The --as-of date; today when it is not given."""
    return parse_date(value) or dt.date.today()


def open_corpus(data: Path | None) -> Corpus:
    """The data folder, opened for one command's batch of work. The garbage collector is tuned
    here, after the command has made its imports and before any data is loaded, so the
    imported modules are frozen out of every later collection (stc.gc_tuning)."""
    from stc.corpus import Corpus, resolve_data_root
    from stc.gc_tuning import tune_gc_for_batch

    tune_gc_for_batch()
    return Corpus(resolve_data_root(data))


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def show(renderables: Sequence[RenderableType], output: Path | None, width: int = 160) -> None:
    """Print to the terminal, or write the same as plain text to `output` (atomically)."""
    if output is None:
        screen = console()
        for r in renderables:
            screen.print(r)
        return
    from stc.output import emit
    from stc.render.plain_text import renderables_text

    emit(renderables_text(renderables, width), output)
