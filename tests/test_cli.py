"""The command line as a user meets it: formats, files, options, environment."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from conftest import REPO, run_stc

AS_OF = "2025-04-15"


def assess_json(root: Path, *extra: str) -> dict:
    result = run_stc(
        "assess", "testland", "--data", str(root), "--as-of", AS_OF, "--format", "json", *extra
    )
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_json_document_has_the_promised_shape(data_root: Path) -> None:
    doc = assess_json(data_root)
    assert doc["format"] == "stc.assessment.v2"
    assert doc["verdict"]["outcome"] in {"qualifies", "does-not-qualify", "undetermined"}
    assert doc["as_of"] == AS_OF
    assert doc["fingerprint"].startswith("sha256:")
    for c in doc["criteria"]:
        assert {"id", "outcome", "score", "confidence", "evidence", "reasons", "citations"} <= set(
            c
        )
        assert c["outcome"] in {"met", "not-met", "insufficient", "not-decidable"}
    ids = [c["id"] for c in doc["criteria"]]
    assert "full-and-fair-procedure" in ids and "agreement-in-force" in ids


def test_golden_testland(data_root: Path) -> None:
    """The whole assessment of the fictional country, byte for byte."""
    result = run_stc(
        "assess", "testland", "--data", str(data_root), "--as-of", AS_OF, "--format", "json"
    )
    golden = REPO / "tests" / "golden" / "testland.json"
    if os.environ.get("STC_UPDATE_GOLDEN"):
        golden.write_text(result.out, encoding="utf-8")
    assert result.out == golden.read_text(encoding="utf-8")


def test_same_inputs_give_identical_json_and_markdown(data_root: Path) -> None:
    for fmt in ("json", "markdown"):
        a = run_stc(
            "assess",
            "testland",
            "--data",
            str(data_root),
            "--as-of",
            AS_OF,
            "--format",
            fmt,
            "--profile",
            "venezuelan-woman",
        )
        b = run_stc(
            "assess",
            "testland",
            "--data",
            str(data_root),
            "--as-of",
            AS_OF,
            "--format",
            fmt,
            "--profile",
            "venezuelan-woman",
        )
        assert a.code == 0 and a.out == b.out


@pytest.mark.parametrize(
    ("as_of", "status", "outcome"),
    [
        ("2024-01-01", "not yet concluded", "not-met"),
        ("2024-02-01", "concluded, not in force", "not-met"),
        ("2024-03-01", "in force", "met"),
        ("2025-07-01", "suspended", "not-met"),
        ("2025-10-01", "in force", "met"),
    ],
)
def test_agreement_gate_reads_the_timeline_at_the_as_of_date(
    data_root: Path, as_of: str, status: str, outcome: str
) -> None:
    result = run_stc(
        "assess", "testland", "--data", str(data_root), "--as-of", as_of, "--format", "json"
    )
    doc = json.loads(result.out)
    assert doc["agreements"][0]["status"] == status
    gate = next(c for c in doc["criteria"] if c["id"] == "agreement-in-force")
    assert gate["outcome"] == outcome
    if outcome == "not-met":
        assert doc["verdict"]["outcome"] == "does-not-qualify"
        assert "agreement-in-force" in doc["verdict"]["decided_by"]


def test_profile_decides_person_level_criteria(data_root: Path) -> None:
    without = {c["id"]: c for c in assess_json(data_root)["criteria"]}
    assert without["not-country-of-nationality"]["outcome"] == "not-decidable"
    assert without["torture-screening"]["outcome"] == "not-decidable"
    doc = assess_json(data_root, "--profile", "venezuelan-woman")
    crit = {c["id"]: c for c in doc["criteria"]}
    assert crit["not-country-of-nationality"]["outcome"] == "met"
    assert crit["within-agreement-scope"]["outcome"] == "met"  # Testland's fictional scope lists VE
    assert crit["public-interest-exception"]["outcome"] == "not-decidable"
    # group-specific evidence (T-06, women) counts only for the profile in that group
    nonstate = lambda c: next(i for i in c["indicators"] if i["id"] == "pers-nonstate-actors")  # noqa: E731
    assert "T-06" not in [
        i["id"] for i in nonstate(without["life-freedom-not-threatened"])["items"]
    ]
    assert "T-06" in [i["id"] for i in nonstate(crit["life-freedom-not-threatened"])["items"]]
    counted = next(
        i for i in nonstate(crit["life-freedom-not-threatened"])["items"] if i["id"] == "T-06"
    )
    assert counted["value"] < 0 and counted["excluded"] is None
    # it may share a dependence group with a stronger item, so the element never rises
    assert (
        nonstate(crit["life-freedom-not-threatened"])["score"]
        <= nonstate(without["life-freedom-not-threatened"])["score"]
    )


def test_unaccompanied_child_is_outside_the_bar(data_root: Path) -> None:
    doc = assess_json(data_root, "--profile", "unaccompanied-child")
    crit = {c["id"]: c for c in doc["criteria"]}
    assert crit["not-unaccompanied-child"]["outcome"] == "not-met"
    assert (
        crit["within-agreement-scope"]["outcome"] == "not-met"
    )  # GT is not in the fictional scope
    assert doc["verdict"]["outcome"] == "does-not-qualify"
    assert "not-unaccompanied-child" in doc["verdict"]["decided_by"]


def test_terminal_output_without_colour(data_root: Path) -> None:
    result = run_stc("assess", "testland", "--data", str(data_root), "--as-of", AS_OF)
    assert result.code == 0
    assert "\x1b[" not in result.out
    assert (
        "Verdict" in result.out
        and "An agreement with the receiving country is in force" in result.out
    )
    assert "Caveat" in result.out


def test_markdown_report(data_root: Path) -> None:
    result = run_stc(
        "assess", "testland", "--data", str(data_root), "--as-of", AS_OF, "--format", "markdown"
    )
    md = result.out
    assert md.startswith("# Testland under ")
    for heading in (
        "## Verdict",
        "## Criteria",
        "## Caveats",
        "## Sources",
        "## Statutory conditions",
    ):
        assert heading in md
    assert "Evidence against safety" in md and "**T-05**" in md


def test_output_file_is_written_atomically_and_kept_on_error(
    data_root: Path, tmp_path: Path
) -> None:
    outdir = tmp_path / "out"
    outdir.mkdir()
    out = outdir / "report.json"
    result = run_stc(
        "assess",
        "testland",
        "--data",
        str(data_root),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "-o",
        str(out),
    )
    assert result.code == 0 and result.out == ""
    good = out.read_bytes()
    assert json.loads(good)["format"] == "stc.assessment.v2"
    (data_root / "countries" / "testland" / "evidence.yaml").write_text(
        "schema_version: 1\nitems: [\n", encoding="utf-8"
    )
    result = run_stc(
        "assess",
        "testland",
        "--data",
        str(data_root),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "-o",
        str(out),
    )
    assert result.code == 2
    assert out.read_bytes() == good
    assert [p.name for p in outdir.iterdir()] == ["report.json"]  # no temporary file left behind


def test_stc_data_environment_variable(data_root: Path, tmp_path: Path) -> None:
    result = run_stc(
        "assess",
        "testland",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        env={"STC_DATA": str(data_root)},
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    result = run_stc("assess", "testland", env={"STC_DATA": str(tmp_path)})
    assert result.code == 2 and "not a stc data folder" in result.err


def test_shipped_data_works_from_any_directory(tmp_path: Path) -> None:
    result = run_stc("validate", cwd=tmp_path)
    assert result.code == 0, result.err
    result = run_stc("assess", "ecuador", "--format", "json", "--as-of", "2026-12-01", cwd=tmp_path)
    assert result.code == 0, result.err
    assert json.loads(result.out)["country"]["id"] == "ecuador"


def test_explain_shows_statute_beside_rule_and_weight_factors(data_root: Path) -> None:
    result = run_stc(
        "explain",
        "testland",
        "life-freedom-not-threatened",
        "--data",
        str(data_root),
        "--as-of",
        AS_OF,
    )
    assert result.code == 0
    assert 'statute says: "' in result.out and "encoded rule:" in result.out
    assert (
        "T-05: log10 LR" in result.out and "reliability 1" in result.out and "recency" in result.out
    )
    assert "full-and-fair-procedure" not in result.out
    bad = run_stc("explain", "testland", "no-such-criterion", "--data", str(data_root))
    assert bad.code == 2 and "unknown criterion" in bad.err


def test_compare_csv_and_json(data_root: Path) -> None:
    import shutil

    shutil.copytree(data_root / "countries" / "testland", data_root / "countries" / "otherland")
    text = (data_root / "countries" / "otherland" / "country.yaml").read_text(encoding="utf-8")
    (data_root / "countries" / "otherland" / "country.yaml").write_text(
        text.replace("id: testland", "id: otherland").replace(
            "name: Testland", "name: =HYPERLINK(1)"
        ),
        encoding="utf-8",
    )
    result = run_stc("compare", "--data", str(data_root), "--as-of", AS_OF, "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    verdicts = [r for r in rows if r["level"] == "verdict"]
    assert [r["country"] for r in verdicts] == ["otherland", "testland"]
    assert verdicts[0]["country_name"] == "'=HYPERLINK(1)"  # formula injection neutralised
    by_key = {(r["country"], r["level"], r["criterion"], r["indicator"]): r for r in rows}
    assert by_key[("testland", "criterion", "agreement-in-force", "")]["outcome"] == "met"
    assert float(by_key[("testland", "criterion", "life-freedom-not-threatened", "")]["score"]) < 0
    indicator_rows = [r for r in rows if r["level"] == "indicator" and r["country"] == "testland"]
    assert indicator_rows and all(
        r["criterion"] and r["indicator"] and r["confidence"] for r in indicator_rows
    )
    assert all(r["framework"] == "us-ina-208a2a" and r["comparator"] == "false" for r in rows)
    js = json.loads(
        run_stc(
            "compare", "testland", "--data", str(data_root), "--as-of", AS_OF, "--format", "json"
        ).out
    )
    assert js["format"] == "stc.comparison.v1" and js["rows"][0]["country"] == "testland"
    table = run_stc("compare", "--data", str(data_root), "--as-of", AS_OF)
    assert table.code == 0 and "Testland" in table.out
    md = run_stc("compare", "--data", str(data_root), "--as-of", AS_OF, "--format", "markdown").out
    assert md.startswith("# Comparison, as of 2025-04-15")
    assert "(`us-ina-208a2a`)" in md
    assert (
        "| Criterion | \\=HYPERLINK(1) | Testland |" in md
        and "| **Verdict** | **DOES NOT QUALIFY** | **DOES NOT QUALIFY** |" in md
    )
    assert (
        "| Access to a full and fair procedure for asylum or equivalent temporary protection "
        "| not met (-1.15, moderate) |" in md
    )
    # The note under the table describes the scores the model gives (log10 likelihood ratios,
    # unbounded), not the bounded balance score of the first releases.
    assert "log10 likelihood ratios" in md and "[−1, 1]" not in md


def test_sources_lists_use_counts(data_root: Path) -> None:
    result = run_stc("sources", "testland", "--data", str(data_root), "--format", "json")
    doc = json.loads(result.out)
    counts = {s["id"]: len(s["items"]) for s in doc["sources"]}
    assert counts == {
        "test-gov-2024": 3,
        "test-ngo-2025": 3,
        "test-un-2025": 4,
        "test-un-2025-later": 1,
    }


def test_validate_strict_fails_on_warnings(data_root: Path) -> None:
    ok = run_stc("validate", "--strict", "--data", str(data_root))
    assert ok.code == 0, ok.err
    sources = data_root / "countries" / "testland" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + """\
  - id: never-cited
    title: Unused
    publisher: Nobody
    date: 2020-01-01
    date_basis: stated
    kind: press
    url: https://example.org/unused
    reliability: C
    reliability_reason: test
    family: nobody
""",
        encoding="utf-8",
    )
    lax = run_stc("validate", "--data", str(data_root))
    assert lax.code == 0 and "never-cited" in lax.err
    strict = run_stc("validate", "--strict", "--data", str(data_root))
    assert strict.code == 1 and "not cited by any item" in strict.err


def test_a_source_two_countries_define_separately_is_flagged(data_root: Path) -> None:
    """A source cited by several countries is to be defined once, in countries/sources.yaml."""
    import shutil

    countries = data_root / "countries"
    shutil.copytree(countries / "testland", countries / "otherland")
    country = countries / "otherland" / "country.yaml"
    country.write_text(
        country.read_text(encoding="utf-8").replace("id: testland", "id: otherland"),
        encoding="utf-8",
    )
    sources = countries / "otherland" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    ids = [
        line.split(": ", 1)[1] for line in text.splitlines() if line.lstrip().startswith("- id: ")
    ]
    for ident in ids:  # distinct ids, same addresses: only the address gives the duplicate away
        text = text.replace(f"id: {ident}\n", f"id: other-{ident}\n")
    # one copy known only as a reprint read at another spelling of the same address
    text = text.replace(
        "    url: https://example.org/ngo\n",
        "    read_at: http://www.example.org/ngo/ (a reprint)\n",
    )
    sources.write_text(text, encoding="utf-8")
    for name in ("evidence.yaml", "country.yaml"):
        path = countries / "otherland" / name
        rewritten = path.read_text(encoding="utf-8")
        for ident in ids:
            rewritten = re.sub(
                rf"source: {re.escape(ident)}\b(?!-)", f"source: other-{ident}", rewritten
            )
        path.write_text(rewritten, encoding="utf-8")
    strict = run_stc("validate", "--strict", "--data", str(data_root))
    assert strict.code == 1
    flagged = [
        line
        for line in strict.err.splitlines()
        if "define it once in countries/sources.yaml" in line
    ]
    # countries are read in id order: the later one (testland) is flagged, naming the earlier
    assert len(flagged) == len(ids) and all(
        line.startswith("warning: countries/testland/sources.yaml:") for line in flagged
    )
    assert (
        "Source(id='test-gov-2024'): url: the same address as source "
        "'other-test-gov-2024' of otherland" in strict.err
    )
    assert (
        "Source(id='test-ngo-2025'): url: the same address as source "
        "'other-test-ngo-2025' of otherland" in strict.err
    )


def test_help_for_every_command() -> None:
    top = run_stc("--help")
    assert top.code == 0
    for command in ("assess", "explain", "compare", "validate", "sources", "schema"):
        assert command in top.out
        sub = run_stc(command, "--help")
        assert sub.code == 0 and "Usage:" in sub.out


def test_known_by_is_recorded_and_defaults_to_the_as_of_date(data_root: Path) -> None:
    plain = assess_json(data_root)
    assert plain["known_by"] == AS_OF
    later = assess_json(data_root, "--known-by", "2026-12-01")
    assert later["known_by"] == "2026-12-01" and later["as_of"] == AS_OF
    cmp = json.loads(
        run_stc(
            "compare",
            "--data",
            str(data_root),
            "--as-of",
            AS_OF,
            "--known-by",
            "2026-12-01",
            "--format",
            "json",
        ).out
    )
    assert cmp["known_by"] == "2026-12-01"
    bad = run_stc("assess", "testland", "--data", str(data_root), "--known-by", "yesterday")
    assert bad.code == 2 and "Traceback" not in bad.err
