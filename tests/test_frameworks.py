"""The comparator frameworks (UNHCR, EU, Canada, Article 3 ECHR): they load, are marked as
comparators, run, and never displace the US statute as the default."""

from __future__ import annotations

import json

import pytest

from conftest import REPO, run_stc
from stc.corpus import Corpus
from stc.references import citation_errors

US = "us-ina-208a2a"
COMPARATORS = (
    "unhcr-transfer-2013-2018",
    "eu-apd-2013-art38",
    "eu-apr-2024-art57-59",
    "canada-irpa-s102",
    "echr-art3-transfer",
)
AS_OF = "2026-12-01"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(REPO)


def test_every_comparator_file_is_present(corpus: Corpus) -> None:
    assert set(COMPARATORS) | {US} <= set(corpus.framework_ids())


@pytest.mark.parametrize("fid", COMPARATORS)
def test_comparator_loads_and_validates(corpus: Corpus, fid: str) -> None:
    loaded = corpus.framework(fid)  # schema, references and vocabulary checks; raises on error
    assert loaded.model.id == fid
    assert citation_errors(loaded.model, loaded.doc) == []


@pytest.mark.parametrize("fid", COMPARATORS)
def test_comparator_is_marked_as_comparator(corpus: Corpus, fid: str) -> None:
    fw = corpus.framework(fid).model
    assert fw.comparator is True
    assert "comparator-not-us-law" in {c.id for c in fw.caveats}
    assert "not US law" in fw.summary or "never a result under INA" in fw.summary


@pytest.mark.parametrize("fid", COMPARATORS)
def test_comparator_keeps_the_us_model_parameters(corpus: Corpus, fid: str) -> None:
    assert corpus.framework(fid).model.parameters == corpus.framework(US).model.parameters


@pytest.mark.parametrize("fid", COMPARATORS)
def test_unverified_elements_are_explained(corpus: Corpus, fid: str) -> None:
    for crit in corpus.framework(fid).model.criteria:
        if crit.verification != "V1":
            assert crit.unverified, (
                f"{fid}: {crit.id} is {crit.verification} but says nothing about what is unverified"
            )


@pytest.mark.parametrize("fid", COMPARATORS)
def test_assess_ecuador_runs_under_each_comparator(fid: str) -> None:
    result = run_stc(
        "assess",
        "ecuador",
        "--data",
        str(REPO),
        "--framework",
        fid,
        "--as-of",
        AS_OF,
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["framework"]["id"] == fid
    assert doc["framework"]["comparator"] is True
    assert doc["verdict"]["outcome"] in {"qualifies", "does-not-qualify", "undetermined"}
    assert "not US law" in doc["verdict"]["reasons"][0]
    ids = {c["id"] for c in doc["criteria"]}
    assert ids == {c.id for c in Corpus(REPO).framework(fid).model.criteria}


def test_us_statute_remains_the_default(corpus: Corpus) -> None:
    assert corpus.default_framework_id() == US
    result = run_stc("assess", "ecuador", "--data", str(REPO), "--as-of", AS_OF, "--format", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["framework"]["id"] == US
    assert doc["framework"]["comparator"] is False


def test_eu_instruments_do_not_overlap_in_time(corpus: Corpus) -> None:
    """The Directive's criteria stop where the Regulation's start (12 June 2026, per the brief)."""
    apd = corpus.framework("eu-apd-2013-art38").model
    apr = corpus.framework("eu-apr-2024-art57-59").model
    assert {str(c.effective.end) for c in apd.criteria} == {"2026-06-11"}
    assert {str(c.effective.start) for c in apr.criteria} == {"2026-06-12"}


def test_a_framework_not_in_effect_never_qualifies() -> None:
    """Every Directive criterion is out of effect on the as-of date: the verdict must not be a
    vacuous 'qualifies'."""
    result = run_stc(
        "assess",
        "ecuador",
        "--data",
        str(REPO),
        "--framework",
        "eu-apd-2013-art38",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["verdict"]["outcome"] == "undetermined"
    assert all(c["outcome"] == "not-decidable" for c in doc["criteria"])


def test_an_outcome_decided_by_the_burden_says_so_in_every_comparison_format() -> None:
    """Canada under Article 3: access is undecided on the evidence, so the onward-refoulement
    criterion is met by the burden; the table, the CSV and the JSON all say so."""
    args = ("compare", "canada", "-f", "echr-art3-transfer", "--as-of", "2026-12-01")
    md = run_stc(*args, "--format", "markdown").out
    row = next(line for line in md.splitlines() if "onward removal" in line)
    assert "met by the burden" in row
    csv_lines = run_stc(*args, "--format", "csv").out.splitlines()
    header = csv_lines[0].split(",")
    col = header.index("decided_by_burden")
    line = next(x for x in csv_lines if ",no-real-risk-of-onward-refoulement,," in x)
    assert line.split(",")[col] == "true"
    js = json.loads(run_stc(*args, "--format", "json").out)
    cell = js["rows"][0]["criteria"]["no-real-risk-of-onward-refoulement"]
    assert cell["outcome"] == "met" and cell["decided_by_burden"] is True
    report = run_stc(
        "assess",
        "canada",
        "-f",
        "echr-art3-transfer",
        "--as-of",
        "2026-12-01",
        "--format",
        "markdown",
    ).out
    assert "onward removal without an adequate examination of the claim — MET (BY THE BURDEN)" in (
        report
    )
    us = json.loads(run_stc("compare", "canada", "--as-of", "2026-12-01", "--format", "json").out)
    assert not any(c["decided_by_burden"] for c in us["rows"][0]["criteria"].values())
