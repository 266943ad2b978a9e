"""The commands, one module each.

Each module here defines `register(app: typer.Typer) -> None` and is listed in `MODULES`.
Modules are imported when the command line starts, so they import only typer and the
standard library at top level; everything heavier is imported inside the command body.
"""

from __future__ import annotations

import importlib

import typer

MODULES: tuple[str, ...] = (
    "assess",
    "explain",
    "compare",
    "validate",
    "sources",
    "archive",
    "exhibit",
    "dossier",
    "schema",
    "reference",
    "sensitivity",
    "site",
    "timeline",
    "exercise",
    "init",
    "serve",
)
"""In the order `stc --help` lists them."""


def register_all(app: typer.Typer) -> None:
    for name in MODULES:
        register_one(app, name)


def register_one(app: typer.Typer, name: str) -> None:
    """The command `name` (one of MODULES, the module's name and the command's)."""
    importlib.import_module(f"stc.commands.{name}").register(app)
