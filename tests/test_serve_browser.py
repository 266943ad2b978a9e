"""`stc serve` end to end in a real headless Chromium, driven over the DevTools protocol: assess
with a profile and fetch the exhibit, change a what-if setting and see the page update, add a
source and an item with a mistake, see the error, fix it, preview, save and find the file on
disk valid; a draft kept in the browser survives a reload. Screenshots of each page go to
test-artifacts/serve-*.png."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import CLINIC_SOURCE, SHARED_SOURCE, run_stc, stop_server

AS_OF = "2026-06-30"


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class DevTools:
    """A minimal DevTools-protocol client over one page's websocket."""

    def __init__(self, ws_url: str) -> None:
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self.next_id = 0

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    def js(self, expression: str, awaited: bool = False) -> Any:
        done = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=awaited
        )
        if "exceptionDetails" in done:
            raise AssertionError(f"{expression[:80]}: {done['exceptionDetails']}")
        return done["result"].get("value")

    def wait(self, expression: str, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                if self.js(expression):
                    return
            except AssertionError:
                pass  # the page is between documents
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {expression}")

    def go(self, url: str) -> None:
        self.js("window.__stale = true")
        self.send("Page.navigate", url=url)
        self.wait("window.__stale === undefined && document.readyState === 'complete'")

    def click_and_wait(self, selector: str) -> None:
        self.js("window.__stale = true")
        self.js(f"document.querySelector({json.dumps(selector)}).click()")
        self.wait("window.__stale === undefined && document.readyState === 'complete'")

    def fill(self, values: dict[str, str]) -> None:
        script = """(values => {
            for (const [name, value] of Object.entries(values)) {
                const el = document.querySelector(`[name="${name}"]`);
                if (!el) { throw new Error('no field ' + name); }
                if (el.type === 'checkbox') { el.checked = !!value; } else { el.value = value; }
                el.dispatchEvent(new Event('input', {bubbles: true}));
            }
            return true;
        })"""
        self.js(f"{script}({json.dumps(values)})")

    def text(self) -> str:
        return str(self.js("document.body.innerText"))

    def shot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        assert path.stat().st_size > 10_000, path


@pytest.fixture
def served(workspace: Path) -> Iterator[tuple[str, Path]]:
    root = workspace
    proc = subprocess.Popen(
        [sys.executable, "-m", "stc", "serve", "--data", str(root), "--port", "0", "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    found = re.search(r"running at (http://\S+)", proc.stdout.readline())
    assert found, proc.stderr.read() if proc.stderr else ""
    try:
        yield found.group(1), root
    finally:
        stop_server(proc)


@pytest.fixture
def chrome(tmp_path: Path) -> Iterator[DevTools]:
    browser = _browser()
    if browser is None:
        pytest.skip("no Chromium on this machine (.ci/run installs Debian's chromium)")
    pytest.importorskip("websocket", reason="websocket-client is in the test extras")
    profile = tmp_path / "chrome-profile"
    proc = subprocess.Popen(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--remote-debugging-port=0",
            "--remote-allow-origins=*",
            "--window-size=1280,1500",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        end = time.monotonic() + 60
        while not port_file.is_file() or not port_file.read_text().strip():
            assert time.monotonic() < end and proc.poll() is None, "Chromium did not start"
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as r:
            pages = [t for t in json.load(r) if t["type"] == "page"]
        tools = DevTools(pages[0]["webSocketDebuggerUrl"])
        tools.send("Page.enable")
        tools.send(
            "Emulation.setDeviceMetricsOverride",
            width=1280,
            height=1500,
            deviceScaleFactor=1,
            mobile=False,
        )
        yield tools
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_the_whole_path_in_a_real_browser(
    served: tuple[str, Path], chrome: DevTools, artifacts: Path
) -> None:
    url, root = served
    shots = artifacts

    chrome.go(url)
    assert "Assess a country" in chrome.text()
    chrome.shot(shots / "serve-home.png")

    chrome.go(f"{url}assess?country=ecuador&profile=venezuelan-woman&as_of={AS_OF}")
    text = chrome.text()
    assert "Verdict:" in text and "Venezuelan woman" in text and "Exhibit (PDF)" in text
    chrome.shot(shots / "serve-assess.png")
    head = chrome.js(
        "fetch(document.querySelector('a[href^=\"/download/pdf\"]').href)"
        ".then(r => r.text()).then(t => t.slice(0, 5))",
        awaited=True,
    )
    assert head == "%PDF-", "the exhibit downloads from the page"

    # a what-if control updates the result without a button
    chrome.js("window.__stale = true")
    chrome.js(
        "const s = document.querySelector('select[name=standard]');"
        "s.value = 'clear-and-convincing';"
        "s.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    chrome.wait("window.__stale === undefined && document.readyState === 'complete'")
    assert "standard=clear-and-convincing" in str(chrome.js("location.search"))
    assert "standard=clear-and-convincing" in chrome.text()
    chrome.shot(shots / "serve-assess-whatif.png")

    chrome.go(f"{url}assess?country=ecuador&as_of={AS_OF}&profile=person")
    chrome.fill({"p_label": "Client A", "p_nationality": "VE", "p_age": "34"})
    chrome.click_and_wait("form.stc-form button[type=submit]")
    assert "Client A" in chrome.text()
    chrome.shot(shots / "serve-assess-person.png")

    chrome.go(f"{url}compare?as_of={AS_OF}&profile=honduran-man")
    assert "Ecuador" in chrome.text()
    chrome.shot(shots / "serve-compare.png")
    chrome.go(f"{url}sensitivity?country=ecuador&as_of={AS_OF}&samples=40")
    assert "40 samples" in chrome.text()
    chrome.shot(shots / "serve-sensitivity.png")
    chrome.go(f"{url}timeline?country=guatemala&as_of={AS_OF}")
    assert chrome.js("document.querySelectorAll('svg').length") >= 1
    chrome.shot(shots / "serve-timeline.png")

    # the evidence workspace: a clinic's unpublished declaration, then an item citing it
    chrome.go(f"{url}evidence/canada")
    chrome.shot(shots / "serve-evidence.png")
    chrome.go(f"{url}evidence/canada/source/new")
    chrome.fill({k: v for k, v in CLINIC_SOURCE.items() if k != "language"})
    chrome.shot(shots / "serve-source-form.png")
    chrome.click_and_wait("button[value=save]")
    assert "saved=clinic-declaration-2026" in str(chrome.js("location.search"))

    chrome.go(f"{url}evidence/canada/item/new")
    chrome.fill(
        {
            "id": "CAN-CLINIC-01",
            "finding": "A declarant says he was sent on to his country of origin "
            "without a hearing.",
            "indicators": "proc-access",
            "lr": "very-strong-against",
            "lr_reason": "being sent on without a hearing is much less expected if the procedure "
            "is open",
            "credibility": "2",
            "period_start": "2026-01-01",
            "period_end": "2026-31-02",  # the mistake: no such date
            "source": "clinic-declaration-2026",
            "locator": "¶ 4",
            "excerpt": "I was put on a plane without a hearing",
        }
    )
    chrome.click_and_wait("button[value=save]")
    assert chrome.js("document.querySelectorAll('.stc-field-error').length") >= 1
    error = chrome.js("document.querySelector('#e-period_end').innerText")
    assert "countries/canada/evidence.yaml:" in error and "period" in error
    assert chrome.js("document.querySelector('[name=finding]').value").startswith("A declarant")
    chrome.shot(shots / "serve-item-error.png")

    chrome.fill({"period_end": "2026-02-28"})
    chrome.click_and_wait("button[value=check]")
    assert "After saving" in chrome.text()
    assert chrome.js("document.querySelectorAll('tr.stc-changed').length") >= 1
    chrome.shot(shots / "serve-item-preview.png")
    chrome.click_and_wait("button[value=save]")
    assert "saved=CAN-CLINIC-01" in str(chrome.js("location.search"))
    chrome.shot(shots / "serve-item-saved.png")
    assert run_stc("validate", "--data", str(root)).code == 0, "the saved file is valid"
    assert "CAN-CLINIC-01" in (root / "countries/canada/evidence.yaml").read_text("utf-8")

    # a draft typed and left (a closed tab, a crash) is offered back
    chrome.go(f"{url}evidence/ecuador/item/new")
    chrome.fill({"finding": "Half-written finding, not saved"})
    chrome.go(f"{url}evidence/ecuador/item/new")
    assert chrome.js("document.querySelector('.stc-local-draft').hidden") is False
    chrome.js("document.querySelector('.stc-restore').click()")
    assert chrome.js("document.querySelector('[name=finding]').value") == (
        "Half-written finding, not saved"
    )
    chrome.shot(shots / "serve-draft.png")

    chrome.go(f"{url}no/such/page")
    assert "There is no such page here" in chrome.text()
    chrome.shot(shots / "serve-error.png")
    assert os.environ.get("STC_CACHE_DIR")  # the suite's own cache, never the user's


def test_class_mode_in_a_real_browser(
    served: tuple[str, Path], chrome: DevTools, artifacts: Path
) -> None:
    """A teacher makes an exercise, a student answers and hands in, the teacher sees the score,
    the notes, the class summary and the feedback; then a shared source is added."""
    url, root = served
    shots = artifacts

    chrome.go(f"{url}class")
    assert "Make an exercise" in chrome.text()
    chrome.fill(
        {
            "title": "Clinic seminar, week 3",
            "country": "ecuador",
            "as_of": AS_OF,
            "profile": "venezuelan-woman",
            "items": "10",
        }
    )
    chrome.js(
        "document.querySelector('input[name=criteria][value=full-and-fair-procedure]').click()"
    )
    chrome.shot(shots / "serve-class-new.png")
    chrome.click_and_wait("form.stc-class-new button[type=submit]")
    assert "The exercise is made" in chrome.text()
    link = str(chrome.js("document.querySelector('input.stc-link').value"))
    assert "/s/" in link
    chrome.shot(shots / "serve-class-teacher-empty.png")
    folder = next((root / "classes").iterdir())
    assert not [p for p in (folder / "student").iterdir() if "key" in p.name]

    chrome.go(link)
    text = chrome.text()
    assert "Finding 10" in text and "Hand in" in text and "The key" not in text
    chrome.fill(
        {
            "student": "Ana",
            "f1_band": "none",
            "f1_note": "says who Ecuador would take, not whether they can claim asylum",
            "f2_band": "weak-for",
            "f3_band": "moderate-against",
            "e1_outcome": "not-met",
            "e1_burden": "proponent",
            "e1_notes": "the safeguards decide it",
            "notes": "hard but fair",
        }
    )
    chrome.js("document.querySelector('input[name=e1_deciding][value=\"3\"]').click()")
    chrome.shot(shots / "serve-class-student.png")
    chrome.js("document.getElementById('finding-1').scrollIntoView()")
    chrome.shot(shots / "serve-class-student-answers.png")
    chrome.js("document.querySelector('[name=e1_outcome]').scrollIntoView()")
    chrome.shot(shots / "serve-class-student-element.png")
    chrome.click_and_wait("form.stc-answers button[type=submit]")
    text = chrome.text()
    assert "Handed in" in text and "Feedback for Ana" in text and "Score: " in text
    score = re.search(r"Score: (\d+/\d+)", text)
    assert score
    chrome.shot(shots / "serve-class-feedback.png")
    assert len(list((folder / "answers").glob("*.yaml"))) == 1

    chrome.go(f"{url}class/{folder.name}")
    text = chrome.text()
    assert "Ana" in text and score.group(1) in text and "hard but fair" in text
    assert "Class summary: 1 student" in text
    chrome.shot(shots / "serve-class-teacher.png")
    chrome.go(f"{url}class/{folder.name}/feedback/1")
    assert "Feedback for Ana" in chrome.text()

    # a student following a made-up path to the key gets nothing
    chrome.go(link + "/file/..%2Fteacher%2Fkey.yaml")
    assert "fingerprint" not in chrome.text()

    # the shared sources: an unpublished declaration, no address asked for
    chrome.go(f"{url}shared-sources")
    chrome.shot(shots / "serve-shared-sources.png")
    chrome.go(f"{url}shared-sources/new")
    chrome.fill({k: v for k, v in SHARED_SOURCE.items() if k != "interests"})
    chrome.click_and_wait("button[value=save]")
    assert chrome.js("document.querySelector('#e-read_at') !== null")
    chrome.shot(shots / "serve-shared-source-error.png")
    chrome.fill({"read_at": "the clinic's case file"})
    chrome.click_and_wait("button[value=save]")
    assert "saved=clinic-declaration-shared" in str(chrome.js("location.search"))
    chrome.shot(shots / "serve-shared-source-saved.png")
    assert run_stc("validate", "--data", str(root)).code == 0
