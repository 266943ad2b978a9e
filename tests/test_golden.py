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

AS_OF = "2026-11-22"
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
    assert sorted(p.stem for p in GOLDEN.glob("*.json") if p.stem != "testland") == COUNTRIES


def test_golden_verdicts_follow_from_the_evidence() -> None:
    """Every evidence criterion's outcome is backed by the evidence ids it lists, and each id exists."""
    for country in COUNTRIES:
        doc = json.loads((GOLDEN / f"{country}.json").read_text(encoding="utf-8"))
        for crit in doc["criteria"]:
            if crit["kind"] == "evidence" and crit["outcome"] in ("met", "not-met"):
                assert crit["evidence"], (country, crit["id"])
                listed = {i["id"] for ind in crit["indicators"] for i in ind["items"]}
                assert set(crit["evidence"]) == listed
