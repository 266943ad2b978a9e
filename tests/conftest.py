"""Shared fixtures: the shipped data, a fictional test country, and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile as _tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = REPO / "test-artifacts"

# The suite never reads or fills the user's cache of validated files: every run starts cold,
# in a folder of its own (tests/test_load_cache.py tests the cache itself).
os.environ["STC_CACHE_DIR"] = _tempfile.mkdtemp(prefix="stc-test-cache-")
os.environ.pop("STC_NO_CACHE", None)


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_stc(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run the real command line in a child process, as a user would."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "stc", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=120,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A data folder with the shipped criteria and profiles and the fictional Testland."""
    root = tmp_path / "data"
    (root / "countries").mkdir(parents=True)
    shutil.copytree(REPO / "criteria", root / "criteria")
    shutil.copytree(REPO / "profiles", root / "profiles")
    shutil.copytree(FIXTURES / "testland", root / "countries" / "testland")
    return root


# A law clinic's unpublished declaration, as the evidence editor's source form takes it
# (tests/test_serve.py posts it, tests/test_serve_browser.py types it into a real browser).
CLINIC_SOURCE = {
    "id": "clinic-declaration-2026",
    "title": "Declaration of a returned asylum seeker",
    "publisher": "Example Law Clinic",
    "date": "2026-03-01",
    "date_basis": "stated",
    "kind": "ngo",
    "read_at": "the clinic's case file",
    "unpublished": "yes",
    "reliability": "C",
    "reliability_reason": "a first-hand account, not independently checked",
    "family": "example-law-clinic",
    "interests": "litigant",
    "language": "en",
}

# The same declaration as a shared source, without its "read at" (the form must ask for it: a
# source needs an address or a place where it was read).
SHARED_SOURCE = {
    **{k: v for k, v in CLINIC_SOURCE.items() if k not in ("read_at", "language")},
    "id": "clinic-declaration-shared",
}


def stop_server(proc: subprocess.Popen[str]) -> str:
    """Stop a running `stc serve` as a user does (Ctrl-C), killing it if it hangs; its stderr."""
    import signal

    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return err or ""


def new_workspace(root: Path) -> Path:
    """A workspace folder as `stc init` makes it, from this checkout's data."""
    from stc.init_data import init_workspace

    init_workspace(root, force=False, source=REPO)
    return root


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return new_workspace(tmp_path / "workspace")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
