"""Robustness analysis: the vectorised sampler agrees with the full engine sample by sample,
stable outcomes report 100 %, decisive items really flip outcomes, families are coded apart."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_stc
from stc.analysis.sampling import OUTCOMES, VERDICTS, compile_case, draw, sampled_outcomes
from stc.analysis.sensitivity import SOURCE_FAMILIES, SensitivityRanges, _case, analyse
from stc.assessment import assess
from stc.corpus import Corpus
from stc.reasoning import Case, evaluate

WHEN = dt.date(2025, 4, 15)
SHIPPED_WHEN = dt.date(2026, 12, 1)


def _check_against_engine(corpus: Corpus, country: str, profile: str | None, when: dt.date, count: int, seed: int) -> None:
    case = _case(corpus, country, None, profile, when, {})
    results, _ = evaluate(case)
    compiled = compile_case(case, results, profile is not None)
    samples = draw(case.framework, SensitivityRanges(), count, seed)
    outcomes, verdicts = sampled_outcomes(compiled, samples)
    for n in range(count):
        fw = samples.framework(case.framework, n)
        full = Case(framework=fw, vocabulary=case.vocabulary, country=case.country, items=case.items, sources=case.sources, profile=case.profile, as_of=when)
        res, ver = evaluate(full)
        assert [OUTCOMES[c] for c in outcomes[n]] == [r.outcome for r in res], (country, profile, n)
        assert VERDICTS[verdicts[n]] == ver.outcome, (country, profile, n)


def test_sampler_matches_full_engine_on_fixture(data_root: Path) -> None:
    corpus = Corpus(data_root)
    _check_against_engine(corpus, "testland", None, WHEN, 60, seed=1)
    _check_against_engine(corpus, "testland", "venezuelan-woman", WHEN, 60, seed=2)


@pytest.mark.parametrize("country", ["ecuador", "canada"])
def test_sampler_matches_full_engine_on_shipped_countries(country: str) -> None:
    corpus = Corpus(REPO)
    _check_against_engine(corpus, country, None, SHIPPED_WHEN, 40, seed=3)
    _check_against_engine(corpus, country, "venezuelan-woman", SHIPPED_WHEN, 40, seed=4)


def test_zero_width_ranges_keep_every_outcome(data_root: Path) -> None:
    ranges = SensitivityRanges(source_kind_factor=(1.0, 1.0), reliability_exponent=(1.0, 1.0), half_life_factor=(1.0, 1.0), threshold_shift=(0.0, 0.0))
    result = analyse(Corpus(data_root), "testland", None, None, WHEN, samples=200, ranges=ranges)
    assert result.verdict_kept == 1.0
    assert all(c.kept == 1.0 and [o.outcome for o in c.outcomes] == [c.baseline] for c in result.criteria)


def test_outcomes_without_evidence_never_move(data_root: Path) -> None:
    result = analyse(Corpus(data_root), "testland", None, None, WHEN, samples=500)
    base = assess(Corpus(data_root), "testland", None, None, WHEN)
    for c, r in zip(result.criteria, base.criteria):
        assert c.baseline == r.outcome
        if r.kind != "evidence" or r.outcome == "not-decidable":
            assert c.kept == 1.0, c.id
        assert abs(sum(o.share for o in c.outcomes) - 1.0) < 1e-3


def _without(data_root: Path, country: str, item_id: str) -> Path:
    """A copy of the data folder with one item deleted from the evidence file."""
    copy = data_root.parent / f"without-{item_id}"
    shutil.copytree(data_root, copy)
    path = copy / "countries" / country / "evidence.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["items"] = [i for i in doc["items"] if i["id"] != item_id]
    for item in doc["items"]:
        if item_id in item.get("conflicts_with", []):
            item["conflicts_with"].remove(item_id)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def shipped_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shipped") / "data"
    for name in ("criteria", "profiles", "countries"):
        shutil.copytree(REPO / name, root / name)
    return root


def _outcomes(root: Path, country: str) -> dict[str, str]:
    return {c.id: c.outcome for c in assess(Corpus(root), country, None, None, SHIPPED_WHEN).criteria}


@pytest.mark.parametrize("country", Corpus(REPO).country_ids())
def test_decisive_items_really_flip_and_others_do_not(shipped_root: Path, country: str) -> None:
    """Each reported decisive item, deleted from a copy of the evidence file, changes exactly the
    outcomes reported; a spread of other items, deleted the same way, changes nothing."""
    corpus = Corpus(shipped_root)
    result = analyse(corpus, country, None, None, SHIPPED_WHEN, samples=20)
    base = {c.id: c.baseline for c in result.criteria}
    decisive = {d.id for d in result.decisive}
    counted = sorted({i.id for c in assess(corpus, country, None, None, SHIPPED_WHEN).criteria for ind in c.indicators for i in ind.items})
    others = [i for i in counted if i not in decisive][::12]
    for item_id in sorted(decisive) + others:
        copy = _without(shipped_root, country, item_id)
        changed = {cid: outcome for cid, outcome in _outcomes(copy, country).items() if outcome != base[cid]}
        shutil.rmtree(copy)
        if item_id in decisive:
            flips = next(d for d in result.decisive if d.id == item_id).flips
            assert changed == {f.criterion: f.without for f in flips}, item_id
        else:
            assert changed == {}, item_id


def test_the_shipped_corpus_has_decisive_items_to_check(shipped_root: Path) -> None:
    """Keeps the test above from passing vacuously: some shipped country has decisive items."""
    corpus = Corpus(shipped_root)
    found = {c: [d.id for d in analyse(corpus, c, None, None, SHIPPED_WHEN, samples=20).decisive] for c in corpus.country_ids()}
    assert any(found.values()), found


def test_families_use_only_their_own_sources(data_root: Path) -> None:
    corpus = Corpus(data_root)
    result = analyse(corpus, "testland", None, None, WHEN, samples=10)
    bundle = corpus.country("testland")
    kinds = {e.source.kind for e in bundle.sources.values()}
    assert result.by_family and {f.family for f in result.by_family} <= set(SOURCE_FAMILIES)
    for view in result.by_family:
        assert set(view.kinds) & kinds and view.items > 0
        only = ",".join(sorted({k for ks in SOURCE_FAMILIES.values() for k in ks} - set(view.kinds)))
        direct = assess(corpus, "testland", None, None, WHEN, {"exclude_kinds": only})
        assert view.verdict == direct.verdict.outcome
        assert view.criteria == {c.id: c.outcome for c in direct.criteria}


def test_cli_is_deterministic_and_reports_what_it_did(data_root: Path) -> None:
    args = ("sensitivity", "testland", "--data", str(data_root), "--as-of", WHEN.isoformat(), "-n", "300", "--seed", "7")
    first = run_stc(*args, "--format", "json")
    second = run_stc(*args, "--format", "json")
    assert first.code == 0, first.err
    assert first.out == second.out
    doc = json.loads(first.out)
    assert doc["format"] == "stc.sensitivity.v1" and doc["samples"] == 300 and doc["seed"] == 7
    md = run_stc(*args, "--format", "markdown")
    assert md.code == 0 and "## Decisive evidence" in md.out and "## Each family of sources alone" in md.out
    table = run_stc(*args)
    assert table.code == 0 and "Stability of each outcome" in table.out


def test_cli_refuses_bad_input(data_root: Path) -> None:
    zero = run_stc("sensitivity", "testland", "--data", str(data_root), "-n", "0")
    assert zero.code == 2 and "Traceback" not in zero.err
    unknown = run_stc("sensitivity", "nowhere", "--data", str(data_root))
    assert unknown.code == 2 and "Traceback" not in unknown.err
