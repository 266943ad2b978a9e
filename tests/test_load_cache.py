"""The cache of validated files: a warm run gives the same bytes as a cold one, any change to a
file is seen, errors are never cached, a corrupt or foreign entry is ignored, entries are plain
JSON that runs no code when read, and every shipped file comes back from the cache as the very
model validation made."""

from __future__ import annotations

import json
import math
import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from conftest import REPO, run_stc
from stc import load_cache
from stc.models.common import StrictModel
from stc.models.country import Bibliography, Country, EvidenceFile
from stc.models.criteria import Framework
from stc.models.profile import Profile
from stc.models.reference import ReferenceCase
from stc.models.vocabulary import Vocabulary
from stc.yaml_reader import parse_yaml

AS_OF = "2025-04-15"


def _assess(data_root: Path, cache: Path, **extra: str) -> tuple[int, str, str]:
    result = run_stc(
        "assess",
        "testland",
        "--data",
        str(data_root),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        env={"STC_CACHE_DIR": str(cache), **extra},
    )
    return result.code, result.out, result.err


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob(f"*{load_cache.SUFFIX}"))


def test_warm_run_is_identical_to_cold_run(data_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = _assess(data_root, cache)
    assert cold[0] == 0, cold[2]
    stored = _entries(cache)
    assert len(stored) >= 4  # vocabulary, framework, and the country's three files
    mtimes = {p: p.stat().st_mtime_ns for p in stored}
    warm = _assess(data_root, cache)
    assert warm == cold
    assert {p: p.stat().st_mtime_ns for p in _entries(cache)} == mtimes, (
        "a warm run rewrites nothing"
    )


def test_a_changed_file_is_read_again(data_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = _assess(data_root, cache)
    country = data_root / "countries" / "testland" / "country.yaml"
    country.write_text(
        country.read_text(encoding="utf-8").replace("name: Testland", "name: Testland Renamed"),
        encoding="utf-8",
    )
    after = _assess(data_root, cache)
    assert after[0] == 0 and "Testland Renamed" in after[1] and "Testland Renamed" not in before[1]


def test_errors_are_never_cached(data_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    evidence = data_root / "countries" / "testland" / "evidence.yaml"
    evidence.write_text(evidence.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    for _ in range(2):
        code, _out, err = _assess(data_root, cache)
        assert code == 2 and "countries/testland/evidence.yaml:" in err and "unknown key" in err


def test_corrupt_entries_are_ignored_and_replaced(data_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = _assess(data_root, cache)
    for entry in _entries(cache):
        entry.write_bytes(b"not a pickle")
    again = _assess(data_root, cache)
    assert again == cold
    assert all(entry.read_bytes() != b"not a pickle" for entry in _entries(cache))


def test_cache_can_be_turned_off(data_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    result = _assess(data_root, cache, STC_NO_CACHE="1")
    assert result[0] == 0 and _entries(cache) == []


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_open_to_others_is_not_used(data_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (cache / load_cache.LAYOUT).mkdir(parents=True)
    (cache / load_cache.LAYOUT).chmod(0o777)
    result = _assess(data_root, cache)
    assert result[0] == 0 and _entries(cache) == []


def test_a_line_reported_after_a_warm_load_is_still_right(data_root: Path, tmp_path: Path) -> None:
    """Cross-file errors found after loading (a dangling source) still name the right line
    when the file's model came from the cache."""
    cache = tmp_path / "cache"
    assert _assess(data_root, cache)[0] == 0
    sources = data_root / "countries" / "testland" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace("id: test-un-2025-later", "id: test-un-2025-renamed"), encoding="utf-8"
    )
    code, _, err = _assess(data_root, cache)  # evidence.yaml unchanged: its model is a cache hit
    assert code == 2 and "countries/testland/evidence.yaml:" in err and "test-un-2025-later" in err
    evidence_lines = (
        (data_root / "countries" / "testland" / "evidence.yaml")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    line = int(err.split("countries/testland/evidence.yaml:", 1)[1].split(":", 1)[0])
    assert "source: test-un-2025-later" in evidence_lines[line - 1], (line, err)


def test_the_key_changes_with_the_bytes_the_model_and_the_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stale entry can never be read: new bytes, another model or other reading code give a
    new key."""
    key = load_cache._key(b"schema_version: 1\n", Profile)
    assert key != load_cache._key(b"schema_version: 1 \n", Profile)
    assert key != load_cache._key(b"schema_version: 1\n", Country)
    monkeypatch.setattr(load_cache, "code_fingerprint", lambda: "another version of the models")
    assert key != load_cache._key(b"schema_version: 1\n", Profile)


class _RunsCode:
    """Unpickling this creates `marker`: what a hostile entry could do under pickle."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.marker), "w"))


def test_an_entry_that_would_run_code_under_pickle_is_ignored(
    data_root: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    cold = _assess(data_root, cache)
    assert cold[0] == 0, cold[2]
    marker = tmp_path / "ran"
    payload = pickle.dumps(_RunsCode(marker))
    pickle.loads(payload)  # the payload does run code when unpickled...
    assert marker.exists()
    marker.unlink()
    for entry in _entries(cache):
        entry.write_bytes(payload)
    warm = _assess(data_root, cache)
    assert warm == cold
    assert not marker.exists(), "...but the cache never runs it"
    assert all(entry.read_bytes() != payload for entry in _entries(cache)), "it is replaced"


def test_entries_are_plain_json(data_root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _assess(data_root, cache)[0] == 0
    entries = [json.loads(entry.read_bytes()) for entry in _entries(cache)]
    stored = [e for e in entries if set(e) == {"model", "data"}]
    scalars = [e for e in entries if set(e) == {"scalar", "value"}]
    assert stored and len(stored) + len(scalars) == len(entries)
    # each framework's `comparator`, read to find the default framework
    assert len(scalars) == len(list((data_root / "criteria").glob("*.yaml"))) - 1
    assert all(e["scalar"] == "comparator" and type(e["value"]) is bool for e in scalars)
    models = {e["model"] for e in stored}
    assert {"stc.models.country.Country", "stc.models.country.EvidenceFile"} <= models
    country = next(e["data"] for e in stored if e["model"] == "stc.models.country.Country")
    assert country["id"] == "testland" and country["name"] == "Testland"


def test_an_entry_of_another_model_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STC_CACHE_DIR", str(tmp_path / "cache"))
    source = REPO / "countries" / "ecuador" / "sources.yaml"
    fresh, _ = load_cache.load_validated(source, "sources.yaml", Bibliography)
    (entry,) = _entries(tmp_path / "cache")
    other = REPO / "countries" / "ecuador" / "country.yaml"
    load_cache.load_validated(other, "country.yaml", Country)
    country_entry = next(e for e in _entries(tmp_path / "cache") if e != entry)
    entry.write_bytes(country_entry.read_bytes())  # a Country where a Bibliography belongs
    again, doc = load_cache.load_validated(source, "sources.yaml", Bibliography)
    _same(again, fresh)
    assert doc.data is not None, "read from the source"


def _shipped_files() -> list[tuple[Path, type[BaseModel]]]:
    per_country: dict[str, type[BaseModel]] = {
        "country.yaml": Country,
        "sources.yaml": Bibliography,
        "evidence.yaml": EvidenceFile,
    }
    files: list[tuple[Path, type[BaseModel]]] = [
        (REPO / "criteria" / "vocabulary.yaml", Vocabulary),
        (REPO / "countries" / "sources.yaml", Bibliography),
    ]
    files += [(p, Framework) for p in sorted((REPO / "criteria").glob("*.yaml"))]
    files = [f for f in files if f != (REPO / "criteria" / "vocabulary.yaml", Framework)]
    files += [(p, Profile) for p in sorted((REPO / "profiles").glob("*.yaml"))]
    for folder in sorted((REPO / "countries").iterdir()):
        files += [(folder / n, m) for n, m in per_country.items() if (folder / n).is_file()]
    for folder in sorted((REPO / "reference").iterdir()):
        files += [(folder / n, m) for n, m in per_country.items() if (folder / n).is_file()]
        files.append((folder / "case.yaml", ReferenceCase))
    return files


def _same(a: Any, b: Any, where: str = "") -> None:
    """Equal, and alike in every way equality does not look at: types, field order, fields set."""
    assert type(a) is type(b), (where, type(a), type(b))
    if isinstance(a, BaseModel):
        assert list(a.__dict__) == list(b.__dict__), where
        assert a.model_fields_set == b.model_fields_set, where
        assert a.__pydantic_extra__ == b.__pydantic_extra__, where
        assert a.__pydantic_private__ == b.__pydantic_private__, where
        for name, value in a.__dict__.items():
            _same(value, b.__dict__[name], f"{where}.{name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for (k, x), (j, y) in zip(a.items(), b.items(), strict=True):
            _same(k, j, f"{where} key")
            _same(x, y, f"{where}[{k!r}]")
    else:
        assert a == b or (a != a and b != b), (where, a, b)


@pytest.mark.parametrize(
    ("path", "model"),
    _shipped_files(),
    ids=lambda v: "/".join(v.parts[-2:]) if isinstance(v, Path) else v.__name__,
)
def test_every_shipped_file_comes_back_as_validation_made_it(
    path: Path, model: type[BaseModel], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STC_CACHE_DIR", str(tmp_path / "cache"))
    validated = model.model_validate(parse_yaml(path.read_bytes(), path.name).data)
    cold, cold_doc = load_cache.load_validated(path, path.name, model)
    assert len(_entries(tmp_path / "cache")) == 1, "stored"
    warm, warm_doc = load_cache.load_validated(path, path.name, model)
    assert cold_doc.data is not None and warm_doc.data is None, "the second load is a cache hit"
    _same(cold, validated)
    _same(warm, validated)
    assert warm.model_dump_json() == validated.model_dump_json()


def test_a_value_json_cannot_carry_is_not_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """JSON has no infinity: the file is read from its source every time instead."""
    monkeypatch.setenv("STC_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "evidence.yaml"
    path.write_text(
        "schema_version: 2\nitems:\n  - id: e1\n    finding: A measured finding.\n"
        "    indicators: [proc-access]\n    measure: {quantity: q, value: .inf}\n"
        "    credibility: 2\n    period: {start: 2020-01-01, end: 2020-02-01}\n"
        "    source: s1\n    locator: p. 1\n    excerpt: a few words\n",
        encoding="utf-8",
    )
    for _ in range(2):
        loaded, doc = load_cache.load_validated(path, "evidence.yaml", EvidenceFile)
        measure = loaded.items[0].measure
        assert measure is not None and math.isinf(measure.value) and doc.data is not None
    assert _entries(tmp_path / "cache") == []


class _WithASet(StrictModel):
    schema_version: int
    tags: set[str]


def test_a_model_the_cache_cannot_rebuild_is_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STC_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "tags.yaml"
    path.write_text("schema_version: 1\ntags: [a, b]\n", encoding="utf-8")
    for _ in range(2):
        loaded, _ = load_cache.load_validated(path, "tags.yaml", _WithASet)
        assert loaded.tags == {"a", "b"}
    assert _entries(tmp_path / "cache") == []


def _comparator(path: Path) -> Any:
    return load_cache.load_top_level_scalar(path, path.name, "comparator")


def test_a_top_level_value_comes_from_the_cache_until_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default framework is found from each framework's `comparator`: a warm run takes the
    value from the cache without parsing the file, and sees any change to the file."""
    monkeypatch.setenv("STC_CACHE_DIR", str(tmp_path / "cache"))
    framework = tmp_path / "f.yaml"
    framework.write_text("schema_version: 2\ncomparator: false\ncriteria: []\n", "utf-8")
    assert _comparator(framework) is False
    (entry,) = _entries(tmp_path / "cache")
    assert json.loads(entry.read_bytes()) == {"scalar": "comparator", "value": False}

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(load_cache, "read_top_level_scalar", no_parsing)
    assert _comparator(framework) is False
    monkeypatch.undo()
    monkeypatch.setenv("STC_CACHE_DIR", str(tmp_path / "cache"))
    framework.write_text("schema_version: 2\ncomparator: true\ncriteria: []\n", "utf-8")
    assert _comparator(framework) is True


def test_a_corrupt_or_foreign_scalar_entry_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STC_CACHE_DIR", str(tmp_path / "cache"))
    framework = tmp_path / "f.yaml"
    framework.write_text("schema_version: 2\ncomparator: false\n", "utf-8")
    assert _comparator(framework) is False
    (entry,) = _entries(tmp_path / "cache")
    for wrong in (
        b"not json",
        b'{"scalar": "comparator", "value": [true]}',  # not a plain value
        b'{"scalar": "title", "value": true}',  # another key's
        b'{"scalar": "comparator", "value": true, "more": 1}',
    ):
        entry.write_bytes(wrong)
        assert _comparator(framework) is False, wrong


def test_a_top_level_value_json_cannot_hold_as_read_is_not_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A date (or any value other than text, an integer, a boolean or None) is read afresh."""
    monkeypatch.setenv("STC_CACHE_DIR", str(tmp_path / "cache"))
    dated = tmp_path / "d.yaml"
    dated.write_text("comparator: 2024-01-02\n", "utf-8")
    assert str(_comparator(dated)) == "2024-01-02"
    assert _entries(tmp_path / "cache") == []


def test_a_warm_run_does_not_import_the_yaml_parser(data_root: Path, tmp_path: Path) -> None:
    """When every file the command reads is in the cache, PyYAML is never imported (issue 13's
    speed: importing it is a sixth of the dependencies' import time)."""
    import subprocess
    import sys

    cache = tmp_path / "cache"
    assert _assess(data_root, cache)[0] == 0
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('YAML ' + str('yaml' in sys.modules)))\n"
        "sys.argv = ['stc', *sys.argv[1:]]\n"
        "from stc.cli import main\n"
        "main()\n"
    )
    args = ["assess", "testland", "--data", str(data_root), "--as-of", AS_OF, "--format", "json"]
    runs = {}
    for label, extra in (("warm", {"STC_CACHE_DIR": str(cache)}), ("cold", {"STC_NO_CACHE": "1"})):
        ran = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            env={**os.environ, **extra},
            check=False,
        )
        assert ran.returncode == 0, ran.stderr
        runs[label] = ran.stderr.rsplit("YAML ", 1)[1]
    assert runs == {"warm": "False", "cold": "True"}
