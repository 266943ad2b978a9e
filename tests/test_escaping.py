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
from stc.render.exhibit_model import ExhibitDoc, build_exhibit
from stc.render.html import render_html
from stc.render.markdown import esc

SPECIALS = "#$*_@<>[]\\`{}()|~&!=+-.:;/'\"%^"
hostile = st.text(alphabet=st.sampled_from(list(SPECIALS) + list("abcXYZ019 ")), min_size=1, max_size=40).map(str.strip).filter(lambda s: len(s) > 0)


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
    elements = list(doc.elements)
    first = elements[4]
    ind = first.indicators[1]
    ref = ind.adverse[0].model_copy(update={"finding": text})
    ind = ind.model_copy(update={"adverse": [ref] + list(ind.adverse[1:])})
    elements[4] = first.model_copy(update={"title": text, "indicators": [first.indicators[0], ind] + list(first.indicators[2:])})
    return doc.model_copy(update={"country": text, "elements": elements, "caption": [doc.caption[0].model_copy(update={"cells": ["Field", text]})] if doc.caption else []})


def _norm(s: str) -> str:
    """Without white space: PDF text extraction guesses spaces between glyphs."""
    return re.sub(r"\s+", "", s)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=hostile)
def test_typst_renders_data_literally(base_doc: ExhibitDoc, text: str) -> None:
    from pypdf import PdfReader

    from stc.render.pdf import render_pdf

    pdf = render_pdf(_with(base_doc, text))
    extracted = _norm(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages[:2]))
    assert _norm(text) in extracted


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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
