"""What-if settings (`--set`): applied, validated, recorded in every report, refused when wrong."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from conftest import run_stc
from stc.assessment import assess
from stc.corpus import Corpus
from stc.errors import UsageError
from stc.models.common import CONFIDENCE_ORDER
from stc.whatif import apply_settings, parse_settings

LEVEL_ORDER = ["weak", "moderate", "moderately-strong", "strong", "very-strong"]

AS_OF = "2025-04-15"
WHEN = dt.date(2025, 4, 15)


def _criterion(result, cid):  # type: ignore[no-untyped-def]
    return next(c for c in result.criteria if c.id == cid)


def test_no_settings_is_the_baseline(data_root: Path) -> None:
    corpus = Corpus(data_root)
    base = assess(corpus, "testland", None, None, WHEN)
    same = assess(corpus, "testland", None, None, WHEN, {})
    assert base == same and base.settings == {}


def test_settings_are_recorded_and_change_the_weights(data_root: Path) -> None:
    corpus = Corpus(data_root)
    base = assess(corpus, "testland", None, None, WHEN)
    changed = assess(corpus, "testland", None, None, WHEN, parse_settings(["half_life_days=30"]))
    assert changed.settings == {"half_life_days": "30"}
    before = {i.id: i.weight for c in base.criteria for ind in c.indicators for i in ind.items}
    after = {i.id: i.weight for c in changed.criteria for ind in c.indicators for i in ind.items}
    assert before.keys() == after.keys()
    assert all(after[k] <= before[k] for k in before) and any(after[k] < before[k] for k in before)


def test_excluded_source_kinds_are_recorded_not_weighed(data_root: Path) -> None:
    corpus = Corpus(data_root)
    bundle = corpus.country("testland")
    kinds = {e.source.kind for e in bundle.sources.values()}
    kind = sorted(kinds)[0]
    result = assess(corpus, "testland", None, None, WHEN, {"exclude_kinds": kind})
    excluded = [
        i
        for c in result.criteria
        for ind in c.indicators
        for i in ind.excluded
        if i.excluded and "what-if" in i.excluded
    ]
    counted_sources = {i.source for c in result.criteria for ind in c.indicators for i in ind.items}
    assert excluded, "items of the excluded kind are listed as excluded"
    assert all(bundle.sources[s].source.kind != kind for s in counted_sources)


def test_stricter_standard_never_easier_by_setting(data_root: Path) -> None:
    corpus = Corpus(data_root)
    standards = [
        s.id
        for s in sorted(
            corpus.framework().model.proof_standards,
            key=lambda s: (
                LEVEL_ORDER.index(s.min_support),
                CONFIDENCE_ORDER.index(s.min_confidence),
            ),
        )
    ]
    for cid in ("life-freedom-not-threatened", "full-and-fair-procedure"):
        met_so_far = True
        for sid in standards:
            res = assess(corpus, "testland", None, None, WHEN, {f"standard.{cid}": sid})
            outcome = _criterion(res, cid).outcome
            if not met_so_far:
                assert outcome != "met", (cid, sid)
            met_so_far = outcome == "met"


def test_burden_flip_changes_who_must_prove(data_root: Path) -> None:
    corpus = Corpus(data_root)
    cid = "full-and-fair-procedure"
    for side in ("proponent", "opponent"):
        res = assess(corpus, "testland", None, None, WHEN, {f"burden.{cid}": side})
        crit = _criterion(res, cid)
        assert crit.burden is not None and crit.burden.borne_by == side
        assert "what-if" in crit.burden.party


@pytest.mark.parametrize(
    "setting, message",
    [
        ("half_life_days", "KEY=VALUE"),
        ("nonsense=1", "not a setting"),
        ("half_life_days=abc", "whole number"),
        ("half_life_days=-5", "not valid"),
        ("standard=no-such-standard", "unknown proof standard"),
        ("standard.no-such-criterion=preponderance", "no evidence criterion"),
        ("burden=applicant", "'proponent' or 'opponent'"),
        ("reliability.Z=0.5", "not a level"),
        ("source_kind.no-such-kind=0.5", "not valid"),
        ("min_support.preponderance=huge", "a strength of support is one of"),
        ("exclude_kinds=no-such-kind", "not valid"),
    ],
)
def test_bad_settings_exit_2(data_root: Path, setting: str, message: str) -> None:
    result = run_stc(
        "assess", "testland", "--data", str(data_root), "--as-of", AS_OF, "--set", setting
    )
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err


def test_a_setting_given_twice_is_refused() -> None:
    with pytest.raises(UsageError, match="given twice"):
        parse_settings(["half_life_days=1", "half_life_days=2"])


def test_settings_never_change_the_loaded_framework(data_root: Path) -> None:
    corpus = Corpus(data_root)
    fw = corpus.framework().model
    snapshot = fw.model_dump_json()
    changed = apply_settings(fw, {"standard": "clear-and-convincing", "source_kind.press": "0.2"})
    assert changed != fw and fw.model_dump_json() == snapshot


def test_reports_say_they_are_what_if(data_root: Path) -> None:
    args = ("--data", str(data_root), "--as-of", AS_OF, "--set", "half_life_days=400")
    js = json.loads(run_stc("assess", "testland", *args, "--format", "json").out)
    assert js["settings"] == {"half_life_days": "400"}
    md = run_stc("assess", "testland", *args, "--format", "markdown").out
    assert "**What-if settings.**" in md and "`half_life_days=400`" in md
    table = run_stc("assess", "testland", *args).out
    assert "What-if settings" in table
    html = run_stc("assess", "testland", *args, "--format", "html").out
    assert "What-if settings" in html and "half_life_days=400" in html
    cmp = run_stc("compare", *args, "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(cmp)))
    assert rows and all(r["settings"] == "half_life_days=400" for r in rows)
    cmp_md = run_stc("compare", *args, "--format", "markdown").out
    assert "What-if settings" in cmp_md
