"""`stc serve` and `stc init`: the pages, downloads byte-identical to the command line, evidence
editing that validates as `stc validate` does and loses nothing, and the safety checks (host,
origin, CSRF, paths, escaping, error pages). The end-to-end path runs in headless Chromium
driven over the DevTools protocol (tests/test_serve_browser.py)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import CLINIC_SOURCE, FIXTURES, REPO, new_workspace, run_stc, stop_server
from stc.serve.app import Config, build_app
from stc.serve.workspace import Workspace

AS_OF = "2026-06-30"
HOSTILE = '<script>alert("pwned")</script> & <b>bold</b>'
COMMENT = "# a comment the clinic wrote by hand: keep me\n"


def _item(excerpt: str) -> dict[str, str]:
    return {
        "id": "CAN-CLINIC-01",
        "finding": "A declarant says he was sent on to his country of origin without a hearing.",
        "indicators": "proc-access",
        "lr": "very-strong-against",
        "lr_reason": (
            "being sent on without a hearing is much less expected where the procedure is open"
        ),
        "credibility": "2",
        "period_start": "2026-01-01",
        "period_end": "2026-02-28",
        "source": "clinic-declaration-2026",
        "locator": "¶ 4",
        "excerpt": excerpt,
        "verification": "V1",
        "about": "general",
    }


def _client(root: Path, editable: bool = True) -> TestClient:
    app = build_app(Config(Workspace(root, editable), frozenset({"testserver"})))
    return TestClient(app, raise_server_exceptions=False)


def _token(page: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
    assert found, "every POST form carries its CSRF token"
    return found.group(1)


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found
    return found.group(1)


def _post_entry(
    client: TestClient, country: str, kind: str, values: dict[str, str], action: str, path: str
) -> tuple[int, str, str]:
    form = client.get(path)
    assert form.status_code == 200, form.text
    data = {
        **values,
        "csrf": _token(form.text),
        "index": _hidden(form.text, "index"),
        "base": _hidden(form.text, "base"),
        "original_id": _hidden(form.text, "original_id"),
        "action": action,
    }
    r = client.post(f"/evidence/{country}/{kind}", data=data, follow_redirects=False)
    return r.status_code, r.text, r.headers.get("location", "")


# ------------------------------------------------------------------------------ stc init


def test_init_copies_refuses_a_non_empty_folder_and_backs_up_with_force(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    done = run_stc("init", str(target))
    assert done.code == 0, done.err
    for part in ("criteria/vocabulary.yaml", "countries/ecuador/evidence.yaml", "profiles"):
        assert (target / part).exists()
    assert run_stc("validate", "--data", str(target)).code == 0
    again = run_stc("init", str(target))
    assert again.code == 2 and "not empty" in again.err and "Traceback" not in again.err
    mine = target / "countries" / "ecuador" / "evidence.yaml"
    mine.write_text(mine.read_text(encoding="utf-8") + COMMENT, encoding="utf-8")
    forced = run_stc("init", str(target), "--force")
    assert forced.code == 0, forced.err
    assert "replaced countries/ecuador/evidence.yaml" in forced.out, "never overwrites silently"
    backups = list((target / ".stc-backups" / "countries" / "ecuador").glob("evidence.yaml.*"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8").endswith(COMMENT)
    assert mine.read_bytes() == (REPO / "countries" / "ecuador" / "evidence.yaml").read_bytes()


# ------------------------------------------------------------------------------ assess


def test_assess_with_a_profile_and_downloads_byte_identical_to_the_cli(
    workspace: Path, tmp_path: Path
) -> None:
    client = _client(workspace)
    query = f"country=ecuador&profile=venezuelan-woman&as_of={AS_OF}"
    page = client.get(f"/assess?{query}")
    assert page.status_code == 200
    assert "Applicant profile" in page.text or "Venezuelan woman" in page.text
    assert 'href="/download/pdf?' in page.text and "Verdict:" in page.text
    common = ["--profile", "venezuelan-woman", "--as-of", AS_OF, "--data", str(workspace)]
    for fmt, args in (
        ("json", ["assess", "ecuador", "--format", "json"]),
        ("markdown", ["assess", "ecuador", "--format", "markdown"]),
        ("html", ["assess", "ecuador", "--format", "html"]),
        ("csv", ["compare", "ecuador", "--format", "csv"]),
        ("pdf", ["exhibit", "ecuador"]),
    ):
        out = tmp_path / f"cli.{fmt}"
        done = run_stc(*args, *common, "-o", str(out))
        assert done.code == 0, done.err
        got = client.get(f"/download/{fmt}?{query}")
        assert got.status_code == 200, got.text[:500]
        assert "attachment" in got.headers["content-disposition"]
        assert got.content == out.read_bytes(), f"{fmt}: the download differs from the CLI's file"


def test_what_if_settings_are_form_controls_and_recorded(workspace: Path) -> None:
    client = _client(workspace)
    plain = client.get(f"/assess?country=ecuador&as_of={AS_OF}").text
    page = client.get(
        f"/assess?country=ecuador&as_of={AS_OF}&standard=clear-and-convincing"
        "&exclude_kinds=press&half_life_days=365"
    )
    assert page.status_code == 200
    assert "standard=clear-and-convincing" in page.text and "exclude_kinds=press" in page.text
    assert "standard=clear-and-convincing" not in plain
    assert '<option value="clear-and-convincing" selected>' in page.text, "the control keeps it"
    bad = client.get(f"/assess?country=ecuador&as_of={AS_OF}&half_life_days=soon")
    assert bad.status_code == 400
    assert "--set half_life_days=soon: expected a whole number" in bad.text, "the CLI's words"
    assert 'value="soon"' in bad.text, "the form is shown again, filled"


def test_a_person_described_in_the_form(workspace: Path) -> None:
    client = _client(workspace)
    base = f"/assess?country=ecuador&as_of={AS_OF}&profile=person&p_label=Client+A"
    page = client.get(base + "&p_nationality=VE&p_residence=CO&p_age=34&p_groups=women")
    assert page.status_code == 200, page.text[-2000:]
    assert "Client A" in page.text
    unprofiled = client.get(f"/assess?country=ecuador&as_of={AS_OF}").text
    assert unprofiled.count("not-decidable") > page.text.count("not-decidable")
    bad = client.get(base + "&p_nationality=VE&p_age=200")
    assert bad.status_code == 400
    assert "age" in bad.text and "less than or equal to 130" in bad.text
    assert str(Path(os.sep, "tmp")) + os.sep not in re.sub(r"Data: [^<]*", "", bad.text), (
        "no scratch path shown"
    )
    assert 'value="200"' in bad.text


def test_compare_sensitivity_and_timeline_pages(workspace: Path) -> None:
    client = _client(workspace)
    heat = client.get(f"/compare?as_of={AS_OF}&profile=honduran-man")
    assert heat.status_code == 200 and 'class="country-row"' in heat.text
    assert 'data-country="ecuador"' in heat.text and "applicant profile: Honduran man" in heat.text
    every = client.get(f"/compare?as_of={AS_OF}&frameworks=all")
    assert every.status_code == 200 and every.text.count("<table") > heat.text.count("<table")
    sens = client.get(f"/sensitivity?country=ecuador&as_of={AS_OF}&samples=30")
    assert sens.status_code == 200 and "30 samples, seed 0" in sens.text
    line = client.get(f"/timeline?country=guatemala&as_of={AS_OF}")
    assert line.status_code == 200 and "<svg" in line.text
    late = client.get(f"/timeline?country=guatemala&as_of={AS_OF}&from=2027-01-01")
    assert late.status_code == 400 and "is after the as-of date" in late.text


# ------------------------------------------------------------------------------ editing


def test_add_an_item_with_a_mistake_fix_it_save_and_see_the_outcome_change(
    workspace: Path, tmp_path: Path
) -> None:
    evidence = workspace / "countries" / "canada" / "evidence.yaml"
    sources = workspace / "countries" / "canada" / "sources.yaml"
    evidence.write_text(COMMENT + evidence.read_text(encoding="utf-8"), encoding="utf-8")
    before = evidence.read_text(encoding="utf-8")
    client = _client(workspace)
    status, _, where = _post_entry(
        client, "canada", "source", CLINIC_SOURCE, "save", "/evidence/canada/source/new"
    )
    assert status == 303 and where.startswith("/evidence/canada?saved=clinic-declaration-2026")
    assert "unpublished: true" in sources.read_text(encoding="utf-8")
    outcome_before = client.get(f"/assess?country=canada&as_of={AS_OF}").text

    too_long = " ".join(["word"] * 30)
    status, page, _ = _post_entry(
        client, "canada", "item", _item(too_long), "save", "/evidence/canada/item/new"
    )
    assert status == 400, "a mistake is not saved"
    assert evidence.read_text(encoding="utf-8") == before
    shown = re.search(r'<div class="stc-field-error" id="e-excerpt"><code>([^<]+)</code>', page)
    assert shown, "the error is beside the excerpt field"
    assert too_long in page and "A declarant says" in page, "nothing typed is lost"
    # the same words as the command line, for the same file
    copy = tmp_path / "copy"
    shutil.copytree(workspace, copy)
    from stc.serve.editing import splice
    from stc.serve.forms import ITEM_FORM, entry_from_form

    target = copy / "countries" / "canada" / "evidence.yaml"
    proposed = splice(before, "items", entry_from_form(ITEM_FORM, _item(too_long)), None).text
    target.write_text(proposed, encoding="utf-8")
    cli = run_stc("validate", "--data", str(copy))
    assert cli.code == 2
    import html

    assert html.unescape(shown.group(1)) in cli.err.splitlines()

    fixed = _item("sent back within days")
    status, page, _ = _post_entry(
        client, "canada", "item", fixed, "check", "/evidence/canada/item/new"
    )
    assert status == 200 and "After saving" in page
    assert '<tr class="stc-changed">' in page, "the preview shows the outcome change"
    assert "+- id: CAN-CLINIC-01" in page, "the diff shows the new entry"
    assert evidence.read_text(encoding="utf-8") == before, "a preview writes nothing"
    status, _, where = _post_entry(
        client, "canada", "item", fixed, "save", "/evidence/canada/item/new"
    )
    assert status == 303 and "saved=CAN-CLINIC-01" in where
    after = evidence.read_text(encoding="utf-8")
    assert after.startswith(COMMENT), "comments are kept"
    added = re.search(r"^- id: CAN-CLINIC-01\n(?:  .*\n)+", after, re.M)
    assert added and after.replace(added.group(0), "") == before, "untouched lines keep their bytes"
    backups = list((workspace / ".stc-backups" / "countries" / "canada").glob("evidence.yaml.*"))
    assert [b.read_text(encoding="utf-8") for b in backups] == [before]
    assert run_stc("validate", "--data", str(workspace)).code == 0, "the file on disk is valid"
    outcome_after = client.get(f"/assess?country=canada&as_of={AS_OF}").text
    verdict = re.compile(r'Verdict: <strong class="([a-z-]+)"')
    assert "CAN-CLINIC-01" in outcome_after and "CAN-CLINIC-01" not in outcome_before
    assert verdict.search(outcome_after) and verdict.search(outcome_before)
    assert not list((workspace / ".stc-drafts").glob("*")), "the saved draft is removed"


def test_edit_an_item_changes_only_its_lines(workspace: Path) -> None:
    evidence = workspace / "countries" / "ecuador" / "evidence.yaml"
    before = evidence.read_text(encoding="utf-8").splitlines(True)
    client = _client(workspace)
    form = client.get("/evidence/ecuador/item/edit/ECU-S02")
    assert form.status_code == 200 and "no eligibility criteria" in form.text
    values = {
        name: _hidden(form.text, name) if f'name="{name}" value=' in form.text else ""
        for name in ("id", "indicators", "data", "period_start", "period_end", "locator")
    }
    values.update(
        finding="Edited finding.",
        lr="weak-against",
        lr_reason="edited reason",
        credibility="1",
        source="cgrs-2026-03-25-ecuador-aca",
        excerpt="They do not offer information on eligibility criteria",
        about="general",
        verification="V1",
    )
    status, page, _ = _post_entry(
        client, "ecuador", "item", values, "save", "/evidence/ecuador/item/edit/ECU-S02"
    )
    assert status == 303, page[-3000:]
    after = evidence.read_text(encoding="utf-8").splitlines(True)
    changed = [n for n, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
    start = next(n for n, line in enumerate(before) if line == "- id: ECU-S02\n")
    end = next(n for n, line in enumerate(before) if n > start and line.startswith("- id:"))
    assert changed and all(start <= n < end for n in changed[:3])
    assert after[-(len(before) - end) :] == before[end:], "every later line is untouched"


def test_a_file_changed_elsewhere_is_not_overwritten(workspace: Path) -> None:
    client = _client(workspace)
    form = client.get("/evidence/canada/source/new")
    evidence = workspace / "countries" / "canada" / "sources.yaml"
    evidence.write_text(evidence.read_text(encoding="utf-8") + COMMENT, encoding="utf-8")
    data = {
        **CLINIC_SOURCE,
        "csrf": _token(form.text),
        "index": "",
        "base": _hidden(form.text, "base"),
        "action": "save",
    }
    r = client.post("/evidence/canada/source", data=data, follow_redirects=False)
    assert r.status_code == 409 and "changed by someone else" in r.text
    assert "Example Law Clinic" in r.text, "the form keeps what was typed"
    assert evidence.read_text(encoding="utf-8").endswith(COMMENT)
    drafts = list((workspace / ".stc-drafts").glob("*.json"))
    assert drafts and "Example Law Clinic" in drafts[0].read_text(encoding="utf-8")
    restored = client.get("/evidence/canada/source/new?draft=1")
    assert 'value="Example Law Clinic"' in restored.text, "a server-side draft can be restored"


def test_the_shipped_data_is_read_only(workspace: Path) -> None:
    client = _client(workspace, editable=False)
    assert client.get("/evidence/ecuador/item/new").status_code == 403
    page = client.get("/evidence")
    assert "stc init" in page.text


# ------------------------------------------------------------------------------ safety


def test_cross_site_requests_are_refused(workspace: Path) -> None:
    client = _client(workspace)
    form = client.get("/evidence/canada/source/new")
    data = {**CLINIC_SOURCE, "csrf": _token(form.text), "index": "", "action": "save"}
    data["base"] = _hidden(form.text, "base")
    sources = workspace / "countries" / "canada" / "sources.yaml"
    before = sources.read_bytes()
    no_token = {k: v for k, v in data.items() if k != "csrf"}
    assert client.post("/evidence/canada/source", data=no_token).status_code == 403
    wrong = {**data, "csrf": "0" * 64}
    assert client.post("/evidence/canada/source", data=wrong).status_code == 403
    other = client.post(
        "/evidence/canada/source", data=data, headers={"Origin": "https://evil.example"}
    )
    assert other.status_code == 403 and "another site" in other.text
    null = client.post("/evidence/canada/source", data=data, headers={"Origin": "null"})
    assert null.status_code == 403
    stranger = TestClient(client.app, raise_server_exceptions=False)  # no session cookie
    assert stranger.post("/evidence/canada/source", data=data).status_code == 403
    rebound = client.get("/", headers={"Host": "attacker.example:8765"})
    assert rebound.status_code == 400
    assert sources.read_bytes() == before, "nothing was written"
    page = client.get("/")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    "path",
    [
        "/evidence/..%2F..%2Fetc/item/new",
        "/evidence/%2Fetc/item/new",
        "/evidence/%2e%2e/item/new",
        "/evidence/ecuador/item/edit/..%2F..%2Fcriteria%2Fvocabulary",
        "/assess?country=..%2F..%2Fetc",
        "/assess?country=ecuador&profile=%2Fetc%2Fpasswd",
        "/assess?country=ecuador&profile=..%2F..%2Fcriteria%2Fvocabulary",
        "/assess?country=ecuador&framework=..%2Fvocabulary",
        "/static/..%2Fapp.py",
        "/static/%2e%2e%2fapp.py",
        "/download/..%2F..%2Fetc%2Fpasswd?country=ecuador",
    ],
)
def test_traversal_is_refused(workspace: Path, path: str) -> None:
    client = _client(workspace)
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "root:" not in r.text and "Traceback" not in r.text


def test_a_link_out_of_the_workspace_is_neither_read_nor_written(
    workspace: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(FIXTURES / "testland", outside / "testland")
    (workspace / "countries" / "elsewhere").symlink_to(outside / "testland")
    linked = workspace / "countries" / "canada" / "evidence.yaml"
    real = tmp_path / "outside-evidence.yaml"
    shutil.copy(linked, real)
    linked.unlink()
    linked.symlink_to(real)
    client = _client(workspace)
    assert "elsewhere" not in client.get("/evidence").text
    assert client.get("/evidence/elsewhere").status_code == 404
    assert client.get("/evidence/elsewhere/item/new").status_code == 404
    assert client.get("/assess?country=elsewhere").status_code == 404
    assert client.get("/evidence/canada/item/new").status_code == 404, "a linked file is refused"
    form = client.get("/evidence/canada/source/new")
    r = client.post(
        "/evidence/elsewhere/item",
        data={**_item("x"), "csrf": _token(form.text), "index": "", "base": "", "action": "save"},
    )
    assert r.status_code == 404
    assert real.read_bytes() == (REPO / "countries" / "canada" / "evidence.yaml").read_bytes()


def test_error_pages_never_show_a_traceback(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _client(workspace)
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "There is no such page here" in missing.text
    wrong_method = client.get("/evidence/canada/item")
    assert wrong_method.status_code == 405 and "<h1>Not allowed</h1>" in wrong_method.text
    bad_date = client.get("/assess?country=ecuador&as_of=2026-13-40")
    assert bad_date.status_code == 400 and "--as-of '2026-13-40': not a calendar date" in (
        bad_date.text.replace("&#39;", "'")
    )
    unknown = client.get("/evidence/ecuador/item/edit/NO-SUCH")
    assert unknown.status_code == 404

    def boom(*args: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("stc.serve.app.read_query", boom)
    crash = client.get("/assess?country=ecuador")
    assert crash.status_code == 500 and "Something went wrong" in crash.text
    assert "secret internal detail" not in crash.text and "Traceback" not in crash.text


# ------------------------------------------------------------------------------ escaping


def _hostile_workspace(root: Path) -> Path:
    (root / "countries").mkdir(parents=True)
    shutil.copytree(REPO / "criteria", root / "criteria")
    shutil.copytree(REPO / "profiles", root / "profiles")
    shutil.copytree(FIXTURES / "testland", root / "countries" / "testland")
    quoted = HOSTILE.replace("'", "''")
    country = root / "countries" / "testland" / "country.yaml"
    text = country.read_text(encoding="utf-8")
    country.write_text(re.sub(r"^name: .*$", f"name: '{quoted}'", text, flags=re.M), "utf-8")
    evidence = root / "countries" / "testland" / "evidence.yaml"
    text = evidence.read_text(encoding="utf-8")
    evidence.write_text(
        re.sub(r"^    finding: .*$", f"    finding: '{quoted}'", text, count=1, flags=re.M), "utf-8"
    )
    sources = root / "countries" / "testland" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        re.sub(r"^    title: .*$", f"    title: '{quoted}'", text, count=1, flags=re.M), "utf-8"
    )
    profile = root / "profiles" / "honduran-man.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(re.sub(r"^label: .*$", f"label: '{quoted}'", text, flags=re.M), "utf-8")
    return root


def test_every_page_escapes_hostile_text(tmp_path: Path) -> None:
    root = _hostile_workspace(tmp_path / "hostile")
    assert run_stc("validate", "--data", str(root)).code == 0
    client = _client(root)
    folder = root / "countries" / "testland"
    item = re.search(r"^ *- id: (\S+)", (folder / "evidence.yaml").read_text(), re.M)
    source = re.search(r"^ *- id: (\S+)", (folder / "sources.yaml").read_text(), re.M)
    assert item and source
    q = "country=testland&as_of=2025-04-15&profile=honduran-man"
    pages = [
        "/",
        "/assess",
        f"/assess?{q}",
        f"/assess?{q.replace('honduran-man', 'person')}&p_label={HOSTILE}&p_nationality=HN",
        f"/assess?country=testland&as_of=2025-04-15&more={HOSTILE}",
        "/compare?as_of=2025-04-15&profile=honduran-man",
        f"/sensitivity?{q}&samples=10",
        f"/timeline?{q}",
        "/evidence",
        "/evidence/testland",
        f"/evidence/testland/item/edit/{item.group(1)}",
        f"/evidence/testland/source/edit/{source.group(1)}",
        f"/evidence/testland/item/edit/{HOSTILE}",
        f"/no-such-page/{HOSTILE}",
    ]
    seen_escaped = 0
    for path in pages:
        r = client.get(path)
        assert r.status_code in (200, 400, 404), (path, r.status_code)
        assert '<script>alert("pwned")' not in r.text and "<b>bold" not in r.text, path
        seen_escaped += "&lt;script&gt;alert(" in r.text
    assert seen_escaped >= 10, "the hostile text is shown, escaped, on most pages"
    form = client.get(f"/evidence/testland/item/edit/{item.group(1)}")
    values = {"id": "T-1", "finding": HOSTILE, "excerpt": HOSTILE, "indicators": HOSTILE}
    r = client.post(
        "/evidence/testland/item",
        data={**values, "csrf": _token(form.text), "index": "", "base": "", "action": "check"},
    )
    assert r.status_code == 400 and '<script>alert("pwned")' not in r.text


# ------------------------------------------------------------------------------ the command


def _start(*args: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "stc", "serve", "--port", "0", "--no-browser", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    found = re.search(r"running at (http://\S+)", first)
    if not found:
        proc.kill()
        raise AssertionError(first + proc.stderr.read() if proc.stderr else first)
    return proc, found.group(1)


def test_serve_binds_the_loopback_and_answers_only_its_own_address(workspace: Path) -> None:
    import urllib.error
    import urllib.request

    proc, url = _start("--data", str(workspace))
    try:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + f"assess?country=ecuador&as_of={AS_OF}") as r:
            assert r.status == 200 and b"Verdict:" in r.read()
        port = url.rstrip("/").rsplit(":", 1)[1]
        req = urllib.request.Request(url, headers={"Host": f"rebound.example:{port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(req)
        assert refused.value.code == 400
    finally:
        err = stop_server(proc)
    assert "Traceback" not in err and "WARNING" not in err


def test_serve_on_another_address_says_so_loudly(workspace: Path) -> None:
    proc, url = _start("--data", str(workspace), "--host", "0.0.0.0")
    err = stop_server(proc)
    assert url.startswith("http://0.0.0.0:")
    assert "WARNING: stc is listening on 0.0.0.0" in err


def test_serve_with_a_bad_data_folder_exits_2(tmp_path: Path) -> None:
    done = run_stc("serve", "--data", str(tmp_path), "--no-browser", "--port", "0")
    assert done.code == 2 and "not a stc data folder" in done.err and "Traceback" not in done.err


def test_other_commands_do_not_import_the_web_stack() -> None:
    code = (
        "import sys, stc.cli; stc.cli.app; "  # the whole app, every command registered
        "assert not any(m.split('.')[0] in ('starlette', 'uvicorn', 'multipart') "
        "for m in sys.modules), sorted(sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_today_is_the_default_date(workspace: Path) -> None:
    page = _client(workspace).get("/assess").text
    assert f'name="as_of" value="{dt.date.today().isoformat()}"' in page


SPECIALS = "#$*_@<>[]\\`{}()|~&!=+-.:;/'\"%^"


@pytest.fixture(scope="module")
def shared_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return _client(new_workspace(tmp_path_factory.mktemp("hostile-forms") / "workspace"))


def test_whatever_is_typed_into_a_form_comes_back_escaped(shared_client: TestClient) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    texts = st.text(alphabet=st.sampled_from([*SPECIALS, *"abcXYZ019 \n"]), max_size=30)
    form = shared_client.get("/evidence/canada/item/new").text
    token, base = _token(form), _hidden(form, "base")

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(text=texts, field=st.sampled_from(["id", "finding", "excerpt", "source", "lr"]))
    def check(text: str, field: str) -> None:
        typed = "<stcx>" + text
        person = shared_client.get(
            "/assess",
            params={
                "country": "ecuador",
                "profile": "person",
                "p_label": typed,
                "p_nationality": typed,
                "more": typed,
            },
        )
        assert "<stcx>" not in person.text
        values = {**_item("sent back"), field: typed}
        r = shared_client.post(
            "/evidence/canada/item",
            data={**values, "csrf": token, "index": "", "base": base, "action": "check"},
        )
        assert r.status_code in (200, 400)
        assert "<stcx>" not in r.text and "&lt;stcx&gt;" in r.text

    check()
