"""An assessment in each output format the `assess` command offers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from stc.corpus import Corpus
    from stc.models.result import Assessment

AssessmentFormat = Literal["json", "markdown", "html", "text"]


def render_assessment(
    result: Assessment,
    fmt: AssessmentFormat,
    corpus: Corpus,
    framework: str | None = None,
    settings: dict[str, str] | None = None,
    profile: str | None = None,
) -> str:
    """json (stc.assessment.v2), markdown, html (the exhibit's analysis as one self-contained
    page) or text (the terminal tree, plain, 120 columns). `profile` is the profile the
    assessment was made for (its file or id), whose own evidence the html exhibit cites."""
    if fmt == "json":
        from stc.render.json_out import to_json

        return to_json(result)
    if fmt == "markdown":
        from stc.render.markdown import render_markdown

        return render_markdown(result)
    if fmt == "html":
        from stc.render.exhibit_model import build_exhibit
        from stc.render.html import render_html
        from stc.whatif import apply_settings

        model = apply_settings(corpus.framework(framework).model, settings or {})
        return render_html(
            build_exhibit(result, corpus.assessed_country(result.country.id, profile), model)
        )
    from stc.render.plain_text import off_screen
    from stc.render.terminal import render_terminal

    return off_screen(lambda console: render_terminal(result, console), width=120)
