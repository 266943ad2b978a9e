"""One self-contained, accessible, printable HTML file (no network requests)."""

from __future__ import annotations

from stc.render.exhibit_model import ExhibitDoc


def render_html(doc: ExhibitDoc) -> str:
    from stc.render.citation_meta import citation_meta
    from stc.render.templating import template_env

    meta = citation_meta(doc.title, doc.as_of)
    return template_env().get_template("report.html").render(d=doc, meta=meta)
