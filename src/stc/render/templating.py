"""The one Jinja2 environment for every HTML output (report, heat map, site): autoescaped and
strict, so any text from a data file is escaped and a missing value is an error, never an empty
cell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stc.render.words import signed, verification

if TYPE_CHECKING:
    from jinja2 import Environment


def number(value: float | None, places: int = 2) -> str:
    return "—" if value is None else f"{value:.{places}f}"


def template_env() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("stc.render", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = number
    env.filters["signed"] = signed
    env.filters["verification"] = verification
    return env
