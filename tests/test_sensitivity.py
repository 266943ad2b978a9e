"""Robustness analysis: samples run the real engine (zero-width ranges reproduce it exactly),
band draws stay within their bands and reach the scores, parameters stay within their ranges,
decisive items really flip outcomes, families are coded apart, the command is deterministic."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_stc
from stc.analysis.sampling import SUPPORT_LEVELS, Draw, SampledCase, draw, run, sampled_outcomes
from stc.analysis.sensitivity import SOURCE_FAMILIES, SensitivityRanges, analyse
from stc.assessment import assess, build_case
from stc.corpus import Corpus
from stc.reasoning import Case, evaluate
from stc.scoring import band_values

WHEN = dt.date(2025, 4, 15)
SHIPPED_WHEN = dt.date(2026, 12, 1)
ZERO = SensitivityRanges(
    band_spread=0.0,
    source_kind_factor=(1.0, 1.0),
    reliability_exponent=(1.0, 1.0),
    credibility_exponent=(1.0, 1.0),
    half_life_factor=(1.0, 1.0),
)


@pytest.mark.parametrize(
    ("country", "profile"),
    [
        ("testland", None),
        ("testland", "venezuelan-woman"),
        ("ecuador", None),
        ("canada", "venezuelan-woman"),
    ],
)
def test_zero_width_samples_reproduce_the_engine_exactly(
    data_root: Path, country: str, profile: str | None
) -> None:
    corpus = Corpus(data_root if country == "testland" else REPO)
    when = WHEN if country == "testland" else SHIPPED_WHEN
    case = build_case(corpus, country, None, profile, when, {})
    results, verdict = evaluate(case)
    for sample in draw(case, ZERO, 3, seed=5):
        res, ver = run(case, sample)
        assert res == results and ver == verdict  # every field, scores included
    outcomes, verdicts = sampled_outcomes(case, draw(case, ZERO, 20, seed=6))
    assert all(row == [r.outcome for r in results] for row in outcomes)
    assert set(verdicts) == {verdict.outcome}


def test_zero_width_analysis_keeps_every_outcome(data_root: Path) -> None:
    result = analyse(Corpus(data_root), "testland", None, None, WHEN, samples=30, ranges=ZERO)
    assert result.verdict_kept == 1.0
    assert all(
        c.kept == 1.0 and [o.outcome for o in c.outcomes] == [c.baseline] for c in result.criteria
    )


def test_band_draws_stay_within_each_band_and_cover_it() -> None:
    case = build_case(Corpus(REPO), "ecuador", None, None, SHIPPED_WHEN, {})
    samples = draw(case, SensitivityRanges(), 300, seed=1)
    counted = [w for w in case.weighed.values() if not w.excluded and w.item.measure is None]
    assert counted
    for w in counted:
        lo, mid, hi = band_values(w.band)
        drawn = [s.band_values[w.item.id] for s in samples]
        assert all(d[0] == lo and d[2] == hi and lo <= d[1] <= hi for d in drawn), w.item.id
        middles = [d[1] for d in drawn]
        width = hi - lo
        assert min(middles) < lo + 0.1 * width and max(middles) > hi - 0.1 * width, w.item.id
    half = draw(case, SensitivityRanges(band_spread=0.5), 100, seed=1)
    for w in counted:
        lo, mid, hi = band_values(w.band)
        assert all(abs(s.band_values[w.item.id][1] - mid) <= 0.25 * (hi - lo) + 1e-12 for s in half)


def test_band_values_reach_the_scores(data_root: Path) -> None:
    """Every item at the safest (least safe) end of its band gives each element without
    measurements the safest (least safe) end of the score range the engine reports."""
    case = build_case(Corpus(data_root), "testland", None, None, WHEN, {})
    results, _ = evaluate(case)
    base = Draw(
        case.framework.parameters, {s.id: s.min_support for s in case.framework.proof_standards}
    )
    checked = 0
    for end in (0, 2):
        ends = {
            k: (band_values(w.band)[end],) * 3 for k, w in case.weighed.items() if not w.excluded
        }
        shifted, _ = run(case, Draw(base.parameters, base.min_support, ends))
        for r, s in zip(results, shifted, strict=True):
            for ind, moved in zip(r.indicators, s.indicators, strict=True):
                if ind.items and not ind.measurements:
                    assert moved.score == ind.score_range[0 if end == 0 else 1], (r.id, ind.id, end)
                    checked += 1
    assert checked > 2
    plain = SampledCase(
        framework=case.framework,
        vocabulary=case.vocabulary,
        country=case.country,
        items=case.items,
        sources=case.sources,
        profile=None,
        as_of=WHEN,
    )
    assert evaluate(plain) == evaluate(case)


def test_parameters_stay_within_their_ranges() -> None:
    case = build_case(Corpus(REPO), "ecuador", None, None, SHIPPED_WHEN, {})
    ranges = SensitivityRanges(vary_standards=True)
    base = case.framework.parameters
    samples = draw(case, ranges, 200, seed=2)
    for s in samples:
        p = s.parameters
        for k, v in base.source_kind.items():
            assert min(1.0, v * 0.5) - 1e-12 <= p.source_kind[k] <= min(1.0, v) + 1e-12
        order = sorted(base.reliability, key=lambda g: base.reliability[g])
        assert [p.reliability[g] for g in order] == sorted(p.reliability[g] for g in order)
        for g, v in base.reliability.items():
            assert v**2.0 - 1e-12 <= p.reliability[g] <= v**0.5 + 1e-12
        for n, v in base.credibility.items():
            assert v**2.0 - 1e-12 <= p.credibility[n] <= v**0.5 + 1e-12
        assert base.half_life_days * 0.5 - 1 <= p.half_life_days <= base.half_life_days * 2.0 + 1
        fw = s.framework(case.framework)
        for std, orig in zip(fw.proof_standards, case.framework.proof_standards, strict=True):
            assert (
                abs(SUPPORT_LEVELS.index(std.min_support) - SUPPORT_LEVELS.index(orig.min_support))
                <= 1
            )
    assert len({s.parameters.half_life_days for s in samples}) > 50
    assert any(
        s.min_support != {x.id: x.min_support for x in case.framework.proof_standards}
        for s in samples
    )
    assert all(
        s.min_support == {x.id: x.min_support for x in case.framework.proof_standards}
        for s in draw(case, SensitivityRanges(), 50, seed=2)
    )


def test_a_sample_is_the_engine_on_the_sampled_framework() -> None:
    """With band choices fixed at the middle, a sample's results are those of a plain Case built
    on the sample's framework, and the perturbation does move some outcome across samples."""
    case = build_case(Corpus(REPO), "ecuador", None, None, SHIPPED_WHEN, {})
    ranges = SensitivityRanges(band_spread=0.0, vary_standards=True)
    samples = draw(case, ranges, 40, seed=3)
    for s in samples[:5]:
        plain = Case(
            framework=s.framework(case.framework),
            vocabulary=case.vocabulary,
            country=case.country,
            items=case.items,
            sources=case.sources,
            profile=None,
            as_of=SHIPPED_WHEN,
        )
        assert run(case, s) == evaluate(plain)
    outcomes, _ = sampled_outcomes(case, samples)
    assert len({tuple(row) for row in outcomes}) > 1


def test_outcomes_without_evidence_never_move(data_root: Path) -> None:
    result = analyse(
        Corpus(data_root),
        "testland",
        None,
        None,
        WHEN,
        samples=100,
        ranges=SensitivityRanges(vary_standards=True),
    )
    base = assess(Corpus(data_root), "testland", None, None, WHEN)
    for c, r in zip(result.criteria, base.criteria, strict=True):
        assert c.baseline == r.outcome
        if r.kind != "evidence" or r.outcome == "not-decidable":
            assert c.kept == 1.0 and [o.outcome for o in c.outcomes] == [r.outcome], c.id
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
    return {
        c.id: c.outcome for c in assess(Corpus(root), country, None, None, SHIPPED_WHEN).criteria
    }


@pytest.mark.parametrize("country", Corpus(REPO).country_ids())
def test_decisive_items_really_flip_and_others_do_not(shipped_root: Path, country: str) -> None:
    """Each reported decisive item, deleted from a copy of the evidence file, changes exactly the
    outcomes reported; a spread of other counted items, deleted the same way, changes nothing."""
    corpus = Corpus(shipped_root)
    result = analyse(corpus, country, None, None, SHIPPED_WHEN, samples=5)
    base = {c.id: c.baseline for c in result.criteria}
    decisive = {d.id for d in result.decisive}
    counted = sorted(
        {
            i.id
            for c in assess(corpus, country, None, None, SHIPPED_WHEN).criteria
            for ind in c.indicators
            for i in ind.items
        }
    )
    assert decisive <= set(counted)
    others = [i for i in counted if i not in decisive][::10]
    for item_id in sorted(decisive) + others:
        copy = _without(shipped_root, country, item_id)
        changed = {
            cid: outcome
            for cid, outcome in _outcomes(copy, country).items()
            if outcome != base[cid]
        }
        shutil.rmtree(copy)
        if item_id in decisive:
            flips = next(d for d in result.decisive if d.id == item_id).flips
            assert changed and changed == {f.criterion: f.without for f in flips}, item_id
        else:
            assert changed == {}, item_id


def test_the_shipped_corpus_has_decisive_items_to_check(shipped_root: Path) -> None:
    """Keeps the test above from passing vacuously: some shipped country has decisive items."""
    corpus = Corpus(shipped_root)
    found = {
        c: [d.id for d in analyse(corpus, c, None, None, SHIPPED_WHEN, samples=1).decisive]
        for c in corpus.country_ids()
    }
    assert any(found.values()), found


@pytest.mark.parametrize(
    ("root", "country", "when"),
    [("fixture", "testland", WHEN), ("shipped", "ecuador", SHIPPED_WHEN)],
)
def test_families_use_only_their_own_sources(
    data_root: Path, root: str, country: str, when: dt.date
) -> None:
    corpus = Corpus(data_root if root == "fixture" else REPO)
    result = analyse(corpus, country, None, None, when, samples=1)
    case = build_case(corpus, country, None, None, when, {})
    counted = [w for w in case.weighed.values() if not w.excluded]
    assert result.by_family and {f.family for f in result.by_family} <= set(SOURCE_FAMILIES)
    assert {f.family for f in result.by_family} == {
        name
        for name, kinds in SOURCE_FAMILIES.items()
        if any(w.source.kind in kinds for w in counted)
    }
    for view in result.by_family:
        assert view.items == sum(1 for w in counted if w.source.kind in view.kinds) > 0
        only = ",".join(
            sorted({k for ks in SOURCE_FAMILIES.values() for k in ks} - set(view.kinds))
        )
        direct = assess(corpus, country, None, None, when, {"exclude_kinds": only})
        used = {i.source for c in direct.criteria for ind in c.indicators for i in ind.items}
        assert {case.sources[s].kind for s in used} <= set(view.kinds), view.family
        assert view.verdict == direct.verdict.outcome
        assert view.criteria == {c.id: c.outcome for c in direct.criteria}


def test_cli_is_deterministic_and_reports_what_it_did(data_root: Path) -> None:
    args = (
        "sensitivity",
        "testland",
        "--data",
        str(data_root),
        "--as-of",
        WHEN.isoformat(),
        "-n",
        "40",
        "--seed",
        "7",
    )
    first = run_stc(*args, "--format", "json")
    second = run_stc(*args, "--format", "json")
    assert first.code == 0, first.err
    assert first.out == second.out
    doc = json.loads(first.out)
    assert doc["format"] == "stc.sensitivity.v2" and doc["samples"] == 40 and doc["seed"] == 7
    assert doc["ranges"]["band_spread"] == 1.0 and doc["ranges"]["vary_standards"] is False
    direct = analyse(Corpus(data_root), "testland", None, None, WHEN, samples=40, seed=7)
    assert doc["criteria"] == [c.model_dump(mode="json") for c in direct.criteria]
    varied = json.loads(run_stc(*args, "--vary-standards", "--format", "json").out)
    assert varied["ranges"]["vary_standards"] is True
    md = run_stc(*args, "--format", "markdown")
    assert (
        md.code == 0
        and "## Decisive evidence" in md.out
        and "## Each family of sources alone" in md.out
    )
    table = run_stc(*args)
    assert table.code == 0 and "Stability of each outcome" in table.out


def test_cli_refuses_bad_input(data_root: Path) -> None:
    zero = run_stc("sensitivity", "testland", "--data", str(data_root), "-n", "0")
    assert zero.code == 2 and "Traceback" not in zero.err
    unknown = run_stc("sensitivity", "nowhere", "--data", str(data_root))
    assert unknown.code == 2 and "Traceback" not in unknown.err


def test_ranges_are_validated() -> None:
    with pytest.raises(ValueError):
        SensitivityRanges(half_life_factor=(2.0, 0.5))
    with pytest.raises(ValueError):
        SensitivityRanges(reliability_exponent=(0.0, 1.0))
    with pytest.raises(ValueError):
        SensitivityRanges(band_spread=1.5)
