"""Text from data files is rendered literally in Typst (PDF), HTML and Markdown,
whatever characters it holds (hypothesis-generated strings)."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stc.assessment import assess
from stc.corpus import Corpus
from stc.render.exhibit_model import DefeaterBlock, ExhibitDoc, build_exhibit
from stc.render.html import render_html
from stc.render.markdown import esc

SPECIALS = "#$*_@<>[]\\`{}()|~&!=+-.:;/'\"%^"
hostile = (
    st.text(alphabet=st.sampled_from(list(SPECIALS) + list("abcXYZ019 ")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(lambda s: len(s) > 0)
)


@pytest.fixture(scope="module")
def base_doc(tmp_path_factory) -> ExhibitDoc:  # type: ignore[no-untyped-def]
    import shutil

    from conftest import FIXTURES, REPO

    root = tmp_path_factory.mktemp("esc") / "data"
    (root / "countries").mkdir(parents=True)
    shutil.copytree(REPO / "criteria", root / "criteria")
    shutil.copytree(REPO / "profiles", root / "profiles")
    shutil.copytree(FIXTURES / "testland", root / "countries" / "testland")
    corpus = Corpus(root)
    a = assess(corpus, "testland", as_of=dt.date(2025, 4, 15))
    return build_exhibit(a, corpus.country("testland"), corpus.framework().model, with_links=False)


def _with(doc: ExhibitDoc, text: str) -> ExhibitDoc:
    """`text` in every kind of field the new model renders: an element's title and conclusion,
    an element's conclusion and what would change it, an adverse item's finding and the reason
    for its band, an established defeater's title and authority, and the caption."""
    elements = list(doc.elements)
    n = next(n for n, e in enumerate(elements) if any(ind.adverse for ind in e.indicators))
    first = elements[n]
    k = next(k for k, ind in enumerate(first.indicators) if ind.adverse)
    ind = first.indicators[k]
    ref = ind.adverse[0].model_copy(update={"finding": text, "lr_reason": text})
    ind = ind.model_copy(
        update={"adverse": [ref, *list(ind.adverse[1:])], "conclusion": text, "would_change": text}
    )
    indicators = list(first.indicators)
    indicators[k] = ind
    defeater = DefeaterBlock(
        title=text,
        established=True,
        strength="2.50 log10 LR against safety",
        needed="2.00 log10 LR",
        items=[ref.item],
        authority=text,
    )
    elements[n] = first.model_copy(
        update={
            "title": text,
            "conclusion": text,
            "indicators": indicators,
            "defeaters": [defeater],
        }
    )
    return doc.model_copy(
        update={
            "country": text,
            "elements": elements,
            "caption": [doc.caption[0].model_copy(update={"cells": ["Field", text]})]
            if doc.caption
            else [],
        }
    )


def test_exhibit_doc_carries_the_new_model(base_doc: ExhibitDoc) -> None:
    """Items carry their band in words and a labelled log10 LR; neutral items are listed once,
    as of no diagnostic value; the old [-1, 1] score scale is gone."""
    refs = [
        r
        for e in base_doc.elements
        for ind in e.indicators
        for r in [*ind.supporting, *ind.adverse]
    ]
    assert refs and all(r.value.endswith("log10 LR") for r in refs)
    assert all(
        re.fullmatch(
            r"(weak|moderate|moderately strong|strong|very strong) support (for|against) safety",
            r.band,
        )
        for r in refs
    )
    assert all((r.direction == "supports") == r.band.endswith("for safety") for r in refs)
    for e in base_doc.elements:
        for ind in e.indicators:
            sides = {r.item for r in [*ind.supporting, *ind.adverse]}
            assert not sides & {r.item for r in ind.no_value}, "a neutral item is never on a side"
            assert all(
                r.band == "no diagnostic value" and r.direction == "neutral" for r in ind.no_value
            )
            assert (
                ind.score.endswith("log10 LR")
                and ind.strength
                and ind.conclusion.startswith("The recorded evidence is")
            )
    assert any(ind.no_value for e in base_doc.elements for ind in e.indicators), (
        "Testland has an item with band none"
    )
    assert any(
        ind.undecided == "evidence too thin" for e in base_doc.elements for ind in e.indicators
    )
    text = " ".join(" ".join(r.cells) for r in [*base_doc.methodology, *base_doc.standards])
    assert "log10" in text and "(−1, 1)" not in text and "[-1, 1]" not in text


def _norm(s: str) -> str:
    """Without white space: PDF text extraction guesses spaces between glyphs."""
    return re.sub(r"\s+", "", s)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=hostile)
def test_typst_renders_data_literally(base_doc: ExhibitDoc, text: str) -> None:
    from pypdf import PdfReader

    from stc.render.pdf import render_pdf

    pdf = render_pdf(_with(base_doc, text))
    extracted = _norm(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages[:2]))
    assert _norm(text) in extracted


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=hostile)
def test_html_renders_data_literally(base_doc: ExhibitDoc, text: str) -> None:
    import html.parser

    page = render_html(_with(base_doc, text))
    tags: list[str] = []
    chunks: list[str] = []

    class P(html.parser.HTMLParser):
        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            tags.append(tag)

        def handle_data(self, data):  # type: ignore[no-untyped-def]
            chunks.append(data)

    P(convert_charrefs=True).feed(page)
    assert text in "".join(chunks)
    baseline: list[str] = []

    class B(html.parser.HTMLParser):
        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            baseline.append(tag)

    B().feed(render_html(_with(base_doc, "plain")))
    assert sorted(set(tags)) == sorted(set(baseline))  # no tag came from the data


@settings(max_examples=200, deadline=None)
@given(text=hostile)
def test_markdown_escaping_is_literal_under_commonmark(text: str) -> None:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(f"- {esc(text)}\n")
    inner = re.sub(r"<[^>]+>", "", rendered)
    assert html.unescape(inner).strip() == " ".join(text.split())  # Markdown folds white space
