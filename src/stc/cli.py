"""The `stc` command line. This module only assembles the app: each command lives in its own
module under stc.commands, shares options (stc.commands.options) and runtime helpers
(stc.commands.runtime), and leaves the work to the library."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="stc",
    help=(
        'Assess whether a country meets the statutory requirements for a "safe third country" '
        "under INA § 208(a)(2)(A), 8 U.S.C. § 1158(a)(2)(A), with the reasons and citations "
        "shown.\n\nExit codes: 0 ok; 1 a check failed (validate --strict); 2 bad input or usage."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _register_commands() -> None:
    from stc.commands import register_all

    register_all(app)


_register_commands()


def main() -> None:
    app()
