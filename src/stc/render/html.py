"""One self-contained, accessible, printable HTML file (no network requests)."""

from __future__ import annotations

from stc.render.exhibit_model import ExhibitDoc


def render_html(doc: ExhibitDoc) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("stc.render", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("report.html").render(d=doc)
