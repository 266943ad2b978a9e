"""The installed package carries the shipped data, so `stc` works from any directory."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO


def test_wheel_contains_the_data_folder(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("stc-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for rel in (
        "criteria/vocabulary.yaml",
        "criteria/us-ina-208a2a.yaml",
        "countries/ecuador/evidence.yaml",
        "countries/canada/country.yaml",
        "profiles/venezuelan-woman.yaml",
    ):
        assert f"stc/data/{rel}" in names, rel
    assert "stc/cli.py" in names
