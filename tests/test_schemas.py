"""The committed JSON Schemas are the models' own export, and data files validate against them."""

from __future__ import annotations

import json

from conftest import REPO, run_stc
from stc.schemas import schema_texts


def test_committed_schemas_match_a_fresh_export(tmp_path):
    result = run_stc("schema", "-o", str(tmp_path))
    assert result.code == 0, result.err
    fresh = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.schema.json")}
    committed = {
        p.name: p.read_text(encoding="utf-8") for p in (REPO / "schemas").glob("*.schema.json")
    }
    assert fresh == committed, (
        "schemas/ is stale: run `stc schema -o schemas` and commit the result"
    )
    assert set(fresh) == set(schema_texts())


# Formats whose meaning changed with the likelihood-ratio model are at version 2.
SCHEMA_VERSIONS = {
    "vocabulary": 2,
    "framework": 2,
    "evidence": 2,
    "country": 1,
    "sources": 1,
    "profile": 1,
    "reference": 1,
    "archive-manifest": 1,
}


def test_every_schema_carries_schema_version_and_forbids_unknown_keys():
    for name, text in schema_texts().items():
        schema = json.loads(text)
        if name.startswith(
            ("assessment", "comparison", "source-list", "archive-check", "packet")
        ):  # outputs
            assert schema["properties"]["format"]["const"].startswith("stc.")
            continue
        assert (
            schema["properties"]["schema_version"]["const"] == SCHEMA_VERSIONS[name.split(".")[0]]
        ), name
        assert schema.get("additionalProperties") is False, name


def test_data_files_point_editors_at_their_schema():
    for path in (
        list((REPO / "countries").rglob("*.yaml"))
        + list((REPO / "profiles").glob("*.yaml"))
        + list((REPO / "criteria").glob("*.yaml"))
        + list((REPO / "reference").rglob("*.yaml"))
    ):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), (path, target)
