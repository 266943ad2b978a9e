"""`stc sources --format csl-json|ris`: the bibliography as citations a reference manager
imports, checked field by field for real sources."""

from __future__ import annotations

import json

import pytest

from conftest import REPO, run_stc
from stc.archive import Archive


def _csl(*args: str) -> dict[str, dict]:
    result = run_stc("sources", "canada", "--format", "csl-json", *args)
    assert result.code == 0, result.err
    items = json.loads(result.out)
    return {item["id"]: item for item in items}


def _ris(*args: str) -> dict[str, dict[str, list[str]]]:
    result = run_stc("sources", "canada", "--format", "ris", *args)
    assert result.code == 0, result.err
    records: dict[str, dict[str, list[str]]] = {}
    for block in result.out.rstrip("\n").split("\n\n"):
        lines = block.splitlines()
        assert lines[0].startswith("TY  - ") and lines[-1] == "ER  - "
        tags: dict[str, list[str]] = {}
        for line in lines:
            assert line[2:6] == "  - ", line  # every line is TAG, two spaces, hyphen, space
            tags.setdefault(line[:2], []).append(line[6:])
        records[tags["ID"][0]] = tags
    return records


def test_csl_json_gives_a_court_decision_with_its_stated_date_and_the_copy_read():
    singh = _csl()["scc-1985-04-04-singh"]
    assert singh["type"] == "legal_case"
    assert singh["title"] == "Singh v. Minister of Employment and Immigration, [1985] 1 SCR 177"
    assert singh["authority"] == "Supreme Court of Canada" and "publisher" not in singh
    assert singh["issued"] == {"date-parts": [[1985, 4, 4]]}
    assert singh["URL"].startswith("https://decisions.scc-csc.ca/")
    assert singh["language"] == "en"
    assert "https://www.ssblaw.ca/singh-v/" in singh["note"]
    assert "accessed" not in singh  # no archive given, and the document is dated


def test_an_inferred_date_is_never_given_as_the_date_of_issue():
    items = _csl()
    backgrounder = items["ircc-2026-03-26-bill-c12-backgrounder"]
    assert "issued" not in backgrounder
    assert "2026-03-26" in backgrounder["note"] and "inferred, not stated" in backgrounder["note"]
    assert "URL" not in backgrounder  # no publisher's address recorded; the copy is in the note
    assert "el-balad.com" in backgrounder["note"]
    ris = _ris()["ircc-2026-03-26-bill-c12-backgrounder"]
    assert "PY" not in ris and "DA" not in ris
    assert "inferred, not stated" in ris["N1"][0]


def test_ris_gives_the_fields_zotero_reads():
    singh = _ris()["scc-1985-04-04-singh"]
    assert singh["TY"] == ["CASE"]
    assert singh["TI"] == ["Singh v. Minister of Employment and Immigration, [1985] 1 SCR 177"]
    assert singh["PB"] == ["Supreme Court of Canada"]
    assert singh["PY"] == ["1985"] and singh["DA"] == ["1985/04/04"]
    assert singh["UR"][0].startswith("https://decisions.scc-csc.ca/")
    assert singh["LA"] == ["en"]


def test_every_source_of_every_country_exports_and_types_follow_the_kind():
    kinds = {"RPRT", "CASE", "JOUR", "NEWS", "GEN"}
    for country in ("canada", "ecuador", "el-salvador", "guatemala", "honduras"):
        result = run_stc("sources", country, "--format", "ris")
        assert result.code == 0, result.err
        assert {line[6:] for line in result.out.splitlines() if line.startswith("TY")} <= kinds
        listed = json.loads(run_stc("sources", country, "--format", "json").out)["sources"]
        csl = json.loads(run_stc("sources", country, "--format", "csl-json").out)
        assert [i["id"] for i in csl] == [s["id"] for s in listed]


def test_accessed_dates_come_from_the_archive(tmp_path):
    archive = Archive(tmp_path / "arch")
    archive.add("scc-1985-04-04-singh", b"text", content_type="text/plain",
                fetched_from="https://www.ssblaw.ca/singh-v/", original=False,
                retrieved="2026-11-30T08:00:00Z")  # fmt: skip
    singh = _csl("--archive", str(tmp_path / "arch"))["scc-1985-04-04-singh"]
    assert singh["accessed"] == {"date-parts": [[2026, 11, 30]]}
    assert _ris("--archive", str(tmp_path / "arch"))["scc-1985-04-04-singh"]["Y2"] == ["2026/11/30"]


def test_output_is_byte_identical_between_runs():
    first = run_stc("sources", "ecuador", "--format", "csl-json").out
    assert first == run_stc("sources", "ecuador", "--format", "csl-json").out


@pytest.mark.parametrize(
    "args", [["--archive", str(REPO / "no-such-archive")], ["--format", "bib"]]
)
def test_bad_input_exits_2(args):
    result = run_stc("sources", "canada", "--format", "ris", *args)
    assert result.code == 2 and "Traceback" not in result.err
