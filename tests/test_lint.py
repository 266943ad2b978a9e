"""Lint and format: `ruff check` and `ruff format --check` pass on the whole code base, with
the configuration in pyproject.toml, so that CI enforces them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = ["src", "tests", "benchmarks"]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert exe, "ruff is not installed: it is in the test extras (pip install -e '.[test]')"
    return subprocess.run(
        [exe, *args, *TARGETS], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_ruff_check_passes() -> None:
    result = _ruff("check", "--no-cache")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr


def test_ruff_format_check_passes() -> None:
    result = _ruff("format", "--check", "--no-cache")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr
