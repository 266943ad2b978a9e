"""`stc archive fetch`, `verify` and `list` against documents served by a local web server
(the test machines have no internet): the publisher's address, the fallback to the copy read,
a 404, a redirect, idempotence, excerpts found and missing, bad input."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import run_stc
from stc import __version__
from stc.archive import Archive
from stc.archive.cited import copy_address
from stc.archive.fetch import DownloadError, FetchSettings, download
from test_archive_core import make_pdf

NO_PROXY = {"no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost"}

GOV_PDF = make_pdf(
    [
        "Report of the Government of Testland. Article 3: the law incorporates the definition "
        "of a refugee.",
        "There were 500 pending cases at the end of the year.",
        "Under article 9, no person shall be returned to danger.",
    ]
)
NGO_HTML = (
    b"<html><head><title>NGO report</title></head><body><p>Claims are decided "
    b"<b>within\n15 days</b>.</p><p>We met deported asylum seekers in the capital.</p>"
    b"</body></html>"
)
UN_HTML = (
    "<html><body><p>¶12. There is a backlog of 5,000&nbsp;cases.</p>"
    "<p>¶20. Gangs control several districts — mostly in the north.</p>"
    "<p>¶25. “Violence against women” remains common.</p>"
    "<p>¶30. Torture in prisons was reported.</p></body></html>"
).encode()


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}
    hits: ClassVar[dict[str, int]] = {}
    agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        self.agents.append(self.headers.get("User-Agent", ""))
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        if status in (301, 302):
            self.send_header("Location", ctype)
            body = b""
        else:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.routes = {
        "/gov.pdf": (200, "application/pdf", GOV_PDF),
        "/copy/ngo": (200, "text/html; charset=utf-8", NGO_HTML),
        "/un-old": (301, "/un", b""),
        "/un": (200, "text/html", UN_HTML),
        "/big": (200, "text/plain", b"x" * 5000),
    }
    _Handler.hits = {}
    _Handler.agents = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def local_data(data_root: Path, server: str) -> Path:
    """Testland with its sources at the local server: the government's PDF at its address, the
    NGO's page gone (404) but read at a copy, the UN page moved (a redirect), the later UN
    report gone with no copy."""
    path = data_root / "countries" / "testland" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("https://example.org/gov", f"{server}/gov.pdf")
    text = text.replace(
        "url: https://example.org/ngo",
        f"url: {server}/ngo\n    read_at: {server}/copy/ngo (reprint)",
    )
    text = text.replace("https://example.org/un-later", f"{server}/gone")
    text = text.replace("https://example.org/un", f"{server}/un-old")
    path.write_text(text, encoding="utf-8")
    return data_root


def _stc(*args: str):  # type: ignore[no-untyped-def]
    return run_stc(*args, env=NO_PROXY)


def test_fetch_stores_originals_copies_and_redirects_and_reports_failures(local_data, tmp_path):
    archive_dir = tmp_path / "arch"
    result = _stc("archive", "fetch", "testland", "--archive", str(archive_dir),
                  "--data", str(local_data))  # fmt: skip
    assert result.code == 1, result.err  # the later UN report could not be downloaded
    assert "Traceback" not in result.err
    assert "3 downloaded (1 from the copy read, not the publisher)" in result.out
    assert "1 failed" in result.out
    assert "test-un-2025-later" in result.out and "HTTP 404" in result.out

    archive = Archive(archive_dir)
    assert archive.source_ids() == ["test-gov-2024", "test-ngo-2025", "test-un-2025"]
    gov = archive.get("test-gov-2024")
    assert gov is not None and gov.original and gov.content_type == "application/pdf"
    assert gov.path.read_bytes() == GOV_PDF
    ngo = archive.get("test-ngo-2025")
    assert ngo is not None and not ngo.original
    assert ngo.fetched_from.endswith("/copy/ngo") and ngo.content_type == "text/html"
    assert ngo.charset == "utf-8"
    un = archive.get("test-un-2025")
    assert un is not None and un.original and un.fetched_from.endswith("/un")  # redirect followed
    assert all(a == f"stc/{__version__} (safe-third-country assessment; source archive)"
               for a in _Handler.agents)  # fmt: skip

    # Fetching again downloads nothing already archived, and leaves the manifest as it was.
    manifest = (archive_dir / "manifest.json").read_bytes()
    hits = dict(_Handler.hits)
    again = _stc("archive", "fetch", "testland", "--archive", str(archive_dir),
                 "--data", str(local_data))  # fmt: skip
    assert again.code == 1
    assert "0 downloaded, 3 already archived, 1 failed" in again.out
    assert (archive_dir / "manifest.json").read_bytes() == manifest
    new_hits = {p: n - hits.get(p, 0) for p, n in _Handler.hits.items()}
    assert {p: n for p, n in new_hits.items() if n} == {"/gone": 1}

    # --refresh downloads them again.
    fresh = _stc("archive", "fetch", "testland", "--archive", str(archive_dir), "--refresh",
                 "--data", str(local_data))  # fmt: skip
    assert "3 downloaded" in fresh.out
    assert _Handler.hits["/gov.pdf"] == 2


def test_verify_finds_excerpts_and_lists_the_missing_and_unarchived(local_data, tmp_path):
    archive_dir = tmp_path / "arch"
    _stc("archive", "fetch", "--archive", str(archive_dir), "--data", str(local_data))
    result = _stc("archive", "verify", "testland", "--archive", str(archive_dir),
                  "--format", "json", "--data", str(local_data))  # fmt: skip
    assert result.code == 1, result.err  # T-10's excerpt is not in the NGO's page
    report = json.loads(result.out)
    assert report["format"] == "stc.archive-check.v1"
    status = {c["item"]: c["status"] for c in report["checks"]}
    assert status.pop("T-10") == "not-found"
    assert status.pop("T-11") == "not-archived"
    assert set(status.values()) == {"found"}
    pages = {c["item"]: c["page"] for c in report["checks"]}
    assert (pages["T-01"], pages["T-04"], pages["T-09"]) == (1, 2, 3)
    assert pages["T-02"] is None
    assert (report["found"], report["not_found"], report["not_archived"]) == (9, 1, 1)

    table = _stc("archive", "verify", "testland", "--archive", str(archive_dir),
                 "--data", str(local_data))  # fmt: skip
    assert table.code == 1
    assert "T-10" in table.out and "police were" not in table.out
    assert "excerpt not found in the archived text" in table.out
    assert "T-11" in table.out and "source not archived" in table.out
    assert "T-01" not in table.out  # found items are not listed
    assert "9 of 11 excerpts found" in table.out


def test_verify_passes_when_every_archived_excerpt_is_found(local_data, tmp_path):
    archive = Archive(tmp_path / "arch")
    archive.add("test-ngo-2025", NGO_HTML + b"<p>Police were implicated.</p>",
                content_type="text/html", fetched_from="http://x", original=True,
                retrieved="2026-01-01T00:00:00Z")  # fmt: skip
    result = _stc("archive", "verify", "--archive", str(tmp_path / "arch"),
                  "--data", str(local_data))  # fmt: skip
    assert result.code == 0, result.out + result.err
    assert "3 of 11 excerpts found" in result.out


def test_list_shows_the_archive_and_json_is_the_manifest(local_data, tmp_path):
    archive_dir = tmp_path / "arch"
    _stc("archive", "fetch", "--archive", str(archive_dir), "--data", str(local_data))
    table = _stc("archive", "list", "--archive", str(archive_dir))
    assert table.code == 0
    assert "test-gov-2024" in table.out and "application/pdf" in table.out
    assert "copy read" in table.out and "publisher" in table.out
    as_json = _stc("archive", "list", "--archive", str(archive_dir), "--format", "json")
    assert as_json.out == (archive_dir / "manifest.json").read_text(encoding="utf-8")


def test_download_caps_size_and_names_the_failure(server, monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    with pytest.raises(DownloadError, match="size cap"):
        download(f"{server}/big", FetchSettings(max_bytes=1000))
    assert len(download(f"{server}/big", FetchSettings(max_bytes=5000)).data) == 5000
    with pytest.raises(DownloadError, match="HTTP 404"):
        download(f"{server}/nothing", FetchSettings())
    with pytest.raises(DownloadError, match="could not connect"):
        download("http://127.0.0.1:9/", FetchSettings(timeout=2))


def test_copy_address_takes_a_leading_http_address_only():
    assert copy_address("https://a.org/x (reprint)") == "https://a.org/x"
    assert copy_address("http://a.org/x, also elsewhere") == "http://a.org/x"
    assert copy_address("University library copy; seen at https://a.org") is None
    assert copy_address(None) is None


@pytest.mark.parametrize(
    "args",
    [
        ["archive", "fetch", "nowhere"],
        ["archive", "verify", "nowhere"],
        ["archive", "fetch", "--timeout", "0"],
        ["archive", "verify", "--format", "xml"],
    ],
)
def test_bad_input_exits_2(local_data, tmp_path, args):
    result = _stc(*args, "--archive", str(tmp_path / "a"), "--data", str(local_data))
    assert result.code == 2
    assert "Traceback" not in result.err
    assert not (tmp_path / "a").exists()


def test_an_archive_that_is_a_file_or_a_corrupt_manifest_exits_2(local_data, tmp_path):
    afile = tmp_path / "file"
    afile.write_text("x", encoding="utf-8")
    result = _stc("archive", "list", "--archive", str(afile))
    assert result.code == 2 and "must be a folder" in result.err
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "manifest.json").write_text("{not json", encoding="utf-8")
    result = _stc("archive", "verify", "--archive", str(tmp_path / "bad"),
                  "--data", str(local_data))  # fmt: skip
    assert result.code == 2 and "manifest.json" in result.err
    assert "Traceback" not in result.err
