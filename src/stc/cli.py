"""The `stc` command line. This module only assembles the app: each command lives in its own
module under stc.commands, shares options (stc.commands.options) and runtime helpers
(stc.commands.runtime), and leaves the work to the library.

A run builds only the command it runs: `stc assess …` registers the assess module alone, so that
typer does not build the fifteen other commands' parsers first (about 20 ms of CPU, a twentieth
of the run). `stc`, `stc --help` and anything that is not a command name get the whole app, as
does `stc.cli.app`, which the CLI reference is generated from.

A run does not load pydantic plugins (see `without_pydantic_plugins`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer

HELP = (
    'Assess whether a country meets the statutory requirements for a "safe third country" '
    "under INA § 208(a)(2)(A), 8 U.S.C. § 1158(a)(2)(A), with the reasons and citations "
    "shown.\n\nExit codes: 0 ok; 1 a check failed (validate --strict); 2 bad input or usage."
)


def build_app(only: str | None = None) -> typer.Typer:
    """The app with every command; with `only` (a command's name), the app with that command
    alone, which parses, helps and fails exactly as the whole app does for `stc ONLY …`."""
    from stc.commands import MODULES, register_all, register_one

    app = typer.Typer(
        name="stc",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    if only is None or only not in MODULES:
        register_all(app)
        return app
    register_one(app, only)
    if not app.registered_groups:
        # one command and no callback would make typer run it as the app itself (`stc COUNTRY`);
        # an empty callback keeps `stc ONLY` a subcommand, as it is in the whole app
        app.callback()(_no_options)
    return app


def _no_options() -> None:
    pass


def __getattr__(name: str) -> Any:
    """`stc.cli.app`: the whole app, built when first asked for."""
    if name == "app":
        whole = build_app()
        globals()["app"] = whole
        return whole
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


PLUGINS_ENV = "PYDANTIC_DISABLE_PLUGINS"


@contextmanager
def without_pydantic_plugins() -> Iterator[None]:
    """Pydantic plugins off while a command runs, unless the user has set PLUGINS_ENV.

    Before building its first validator, pydantic looks for plugins in the metadata of every
    installed distribution (importlib.metadata.entry_points), which cost a `stc assess` run
    about a tenth of its time; stc's validation and outputs need none (typer turns them off
    the same way for its own parameters). Setting PYDANTIC_DISABLE_PLUGINS to anything, even
    to nothing, leaves pydantic's own handling of it in force: `PYDANTIC_DISABLE_PLUGINS=`
    loads every plugin."""
    if PLUGINS_ENV in os.environ:
        yield
        return
    os.environ[PLUGINS_ENV] = "__all__"
    try:
        yield
    finally:
        os.environ.pop(PLUGINS_ENV, None)


def main() -> None:
    args = sys.argv[1:]
    with without_pydantic_plugins():
        build_app(args[0] if args else None)()
