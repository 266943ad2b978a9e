"""Every output a reader sees speaks plain English: no verification codes without words, no
research shorthand ("brief §", "the research", "seed", "title from URL slug"), no file paths.

Each output is rendered for every shipped country (assessment as terminal text, Markdown and
HTML, with and without a profile; the comparison; the bibliography; the dossier; the derivation;
the timeline; the site; the exhibit PDF for one country) and searched for a list of internal
words. A hit names the output and shows the words around it, so the data or template that
printed it can be mended."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from conftest import REPO, run_stc

AS_OF = "2026-12-01"

INTERNAL = [
    (re.compile(r"\bV[123]\b"), "a verification code"),
    (re.compile(r"V3-weak|NOT SEEN|not-seen"), "a verification code"),
    (re.compile(r"\bbrief §|\blegal brief\b|\b[Tt]he brief\b|brief's"), "the research brief"),
    (re.compile(r"\b[Tt]he research\b|research's|\bin the research\b"), "the research notes"),
    (re.compile(r"\bseed\b|seed copy|shared/seeds"), "a seed file"),
    (re.compile(r"URL slug|title not recorded|title truncated"), "a placeholder title"),
    (re.compile(r"\(date inferred\)|\(down one\)"), "a research marker"),
    (re.compile(r"(?<![/\w.-])[\w-]+\.(?:md|ya?ml|txt)\b"), "a file name"),
    (
        re.compile(
            r"(?<![\w.:/])/(?:work|tmp|home|root|usr|var)/|(?<![\w./-])"
            r"(?:shared|countries|criteria|profiles|docs)/[\w/-]+|\.\./"
        ),
        "a local path",
    ),
]


def _country_ids() -> list[str]:
    return sorted(p.name for p in (REPO / "countries").iterdir() if p.is_dir())


def _hits(text: str) -> Iterator[str]:
    flat = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
    for pattern, what in INTERNAL:
        for m in pattern.finditer(flat):
            yield f"{what}: …{flat[max(0, m.start() - 70) : m.end() + 50]}…"


def _check(name: str, text: str) -> list[str]:
    return [f"{name}: {h}" for h in _hits(text)]


@cache
def _corpus():  # type: ignore[no-untyped-def]
    from stc.corpus import Corpus

    return Corpus(REPO)


def _assessment_outputs(country: str, profile: str | None) -> dict[str, str]:
    import datetime as dt

    from stc.assessment import assess
    from stc.render.assessment_formats import render_assessment

    corpus = _corpus()
    result = assess(corpus, country, None, profile, dt.date.fromisoformat(AS_OF), {}, None)
    return {
        f"assess {country} {profile or ''} --format {fmt}": render_assessment(result, fmt, corpus)
        for fmt in ("text", "markdown", "html")
    }


@pytest.mark.parametrize("country", _country_ids())
def test_assessments_speak_plain_words(country: str) -> None:
    found: list[str] = []
    for profile in (None, "venezuelan-woman"):
        for name, text in _assessment_outputs(country, profile).items():
            found += _check(name, text)
    assert not found, "\n".join(found[:40]) + f"\n({len(found)} in all)"


def test_commands_speak_plain_words(tmp_path: Path) -> None:
    found: list[str] = []
    runs = [("compare", "--as-of", AS_OF), ("compare", "--as-of", AS_OF, "--format", "markdown")]
    for country in _country_ids():
        runs += [
            ("sources", country),
            ("dossier", country, "--as-of", AS_OF),
        ]
    for args in runs:
        r = run_stc(*args)
        assert r.code == 0, (args, r.err)
        found += _check("stc " + " ".join(args), r.out)
    for fmt in ("html",):
        out = tmp_path / f"compare.{fmt}"
        r = run_stc("compare", "--as-of", AS_OF, "--format", fmt, "-o", str(out))
        assert r.code == 0, r.err
        found += _check(f"compare --format {fmt}", out.read_text(encoding="utf-8"))
    assert not found, "\n".join(found[:40]) + f"\n({len(found)} in all)"


def test_site_pages_speak_plain_words(tmp_path: Path) -> None:
    site = tmp_path / "site"
    r = run_stc("site", "-o", str(site), "--as-of", AS_OF)
    assert r.code == 0, r.err
    found: list[str] = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        found += _check(str(page.relative_to(site)), page.read_text(encoding="utf-8"))
    assert not found, "\n".join(found[:40]) + f"\n({len(found)} in all)"


def test_exhibit_pdf_speaks_plain_words(tmp_path: Path) -> None:
    import pypdf

    out = tmp_path / "ecuador.pdf"
    r = run_stc(
        "exhibit", "ecuador", "--profile", "venezuelan-woman", "--as-of", AS_OF, "-o", str(out)
    )
    assert r.code == 0, r.err
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    found = _check("exhibit ecuador", text)
    assert not found, "\n".join(found[:40]) + f"\n({len(found)} in all)"


def test_the_checker_catches_what_it_looks_for() -> None:
    """The word list itself: each kind of internal note is caught, plain prose is not."""
    caught = [
        "read at shared/seeds/000_e5.txt",
        "verification V2",
        "(NOT SEEN, brief § 9 item 15)",
        "title from URL slug",
        "as the research gives it",
        "see docs/methodology.md",
        "/work/main/countries",
    ]
    for text in caught:
        assert list(_hits(text)), text
    plain = (
        "Read in the primary text. An Amnesty International brief, as summarised by an "
        "aggregator, reports 1,000 cases; 8 U.S.C. § 1158(a)(2)(A); https://example.org/a/b"
    )
    assert not list(_hits(plain))
