"""The cache of validated files: a warm run gives the same bytes as a cold one, any change to a
file is seen, errors are never cached, and a corrupt or foreign entry is ignored."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_stc

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
    return sorted(cache.rglob("*.pickle"))


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
        code, out, err = _assess(data_root, cache)
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
    (cache / "v1").mkdir(parents=True)
    (cache / "v1").chmod(0o777)
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
    """A stale entry can never be read: new bytes, another model or other reading code give a new key."""
    from stc import load_cache
    from stc.models.country import Country
    from stc.models.profile import Profile

    key = load_cache._key(b"schema_version: 1\n", Profile)
    assert key != load_cache._key(b"schema_version: 1 \n", Profile)
    assert key != load_cache._key(b"schema_version: 1\n", Country)
    monkeypatch.setattr(load_cache, "code_fingerprint", lambda: "another version of the models")
    assert key != load_cache._key(b"schema_version: 1\n", Profile)
