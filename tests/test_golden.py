"""Golden assessments of the shipped countries, checked in and compared byte for byte.

After a deliberate change to data or engine, regenerate with
    STC_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
and review the diff like any other change: it shows exactly which outcomes moved."""

from __future__ import annotations

import json
import os

import pytest

from conftest import REPO, run_stc
from stc.corpus import Corpus, default_data_root

AS_OF = "2026-12-01"
GOLDEN = REPO / "tests" / "golden"
COUNTRIES = Corpus(default_data_root()).country_ids()


@pytest.mark.parametrize("country", COUNTRIES)
def test_golden_assessment(country: str) -> None:
    result = run_stc("assess", country, "--as-of", AS_OF, "--format", "json")
    assert result.code == 0, result.err
    path = GOLDEN / f"{country}.json"
    if os.environ.get("STC_UPDATE_GOLDEN"):
        path.write_text(result.out, encoding="utf-8")
    assert path.is_file(), f"no golden file for {country}: run with STC_UPDATE_GOLDEN=1"
    assert result.out == path.read_text(encoding="utf-8")


def test_every_shipped_country_has_a_golden_file() -> None:
    assert (
        sorted(p.stem for p in GOLDEN.glob("*.json") if p.stem not in ("testland", "comparison"))
        == COUNTRIES
    )


def test_golden_verdicts_follow_from_the_evidence() -> None:
    """Every evidence criterion's outcome is backed by the evidence ids it lists, and each id
    exists."""
    for country in COUNTRIES:
        doc = json.loads((GOLDEN / f"{country}.json").read_text(encoding="utf-8"))
        for crit in doc["criteria"]:
            if crit["kind"] == "evidence" and crit["outcome"] in ("met", "not-met"):
                assert crit["evidence"], (country, crit["id"])
                listed = {i["id"] for ind in crit["indicators"] for i in ind["items"]}
                assert set(crit["evidence"]) == listed


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("STC_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {name}: run with STC_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_golden_comparison_of_the_shipped_countries(fmt: str) -> None:
    """The published comparison (every country, criterion and indicator) is checked in byte for
    byte."""
    result = run_stc("compare", "--as-of", AS_OF, "--format", fmt)
    assert result.code == 0, result.err
    _golden(f"comparison.{fmt}", result.out)


def test_golden_comparison_agrees_with_the_golden_assessments() -> None:
    """Each verdict and criterion row of the comparison is the outcome of that country's golden
    assessment."""
    import csv
    import io

    rows = list(
        csv.DictReader(io.StringIO((GOLDEN / "comparison.csv").read_text(encoding="utf-8")))
    )
    assert sorted({r["country"] for r in rows}) == COUNTRIES
    for country in COUNTRIES:
        doc = json.loads((GOLDEN / f"{country}.json").read_text(encoding="utf-8"))
        mine = [r for r in rows if r["country"] == country]
        verdict = [r for r in mine if r["level"] == "verdict"]
        assert len(verdict) == 1 and verdict[0]["outcome"] == doc["verdict"]["outcome"]
        outcomes = {r["criterion"]: r["outcome"] for r in mine if r["level"] == "criterion"}
        assert outcomes == {c["id"]: c["outcome"] for c in doc["criteria"]}
