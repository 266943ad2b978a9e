"""The changelog rule: every change that moves a golden output comes with a version bump and a
CHANGELOG.md entry. Each released section records the fingerprint of tests/golden/ that its
version produces; the current version's fingerprint must match the goldens as they are, so
regenerating goldens without a new version and entry fails here."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from stc import __version__

REPO = Path(__file__).resolve().parent.parent
SECTION = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?$", re.M)
FINGERPRINT = re.compile(r"^Golden outputs: `(?P<hash>[0-9a-f]{16})`$", re.M)


def golden_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted((REPO / "tests" / "golden").iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def sections() -> list[tuple[str, str | None, str]]:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    found = list(SECTION.finditer(text))
    return [
        (
            m["version"],
            m["date"],
            text[m.end() : found[i + 1].start() if i + 1 < len(found) else len(text)],
        )
        for i, m in enumerate(found)
    ]


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def test_changelog_has_an_unreleased_section_then_released_versions_newest_first() -> None:
    parts = sections()
    assert parts[0][0] == "Unreleased", "CHANGELOG.md must start with an [Unreleased] section"
    released = [v for v, _, _ in parts[1:]]
    assert released == sorted(released, key=_key, reverse=True) and len(set(released)) == len(
        released
    )
    assert all(date for _, date, _ in parts[1:]), "every released section carries its date"


def test_the_current_version_has_an_entry_recording_the_goldens_it_produces() -> None:
    parts = {v: body for v, _, body in sections()}
    assert __version__ in parts, f"CHANGELOG.md has no section for version {__version__}"
    recorded = FINGERPRINT.search(parts[__version__])
    assert recorded, f"the {__version__} section does not record its golden outputs' fingerprint"
    assert recorded["hash"] == golden_fingerprint(), (
        f"golden outputs changed (fingerprint {golden_fingerprint()}) "
        f"but version {__version__} records {recorded['hash']}: "
        "bump the version in src/stc/__init__.py and add a CHANGELOG.md section saying what moved"
    )


def test_each_released_version_records_a_distinct_fingerprint() -> None:
    hashes = [m["hash"] for _, _, body in sections()[1:] if (m := FINGERPRINT.search(body))]
    assert len(hashes) == len(set(hashes)), (
        "two versions record the same golden fingerprint: a released entry was edited in place"
    )
