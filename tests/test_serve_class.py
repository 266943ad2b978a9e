"""`stc serve` class mode and the shared sources: a teacher makes an exercise in the browser
(the files are those `stc exercise new` writes), a student answers in a form and gets the
feedback `stc exercise check` gives, the teacher sees scores, notes and the class summary of
`stc exercise summary`; the key never reaches a student page (traversal attempts included).
The shared countries/sources.yaml is edited with the same checks, diff, backup and atomic
write as a country's files; an unpublished source asks for what the Source model requires."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import REPO, SHARED_SOURCE, run_stc, stop_server
from stc.init_data import init_workspace
from stc.serve.app import Config, build_app
from stc.serve.workspace import Workspace

AS_OF = "2026-06-30"
CRITERION = "full-and-fair-procedure"
HOSTILE = '<script>alert("pwned")</script> & <b>bold</b>'
COMMENT = "# a comment the clinic wrote by hand: keep me\n"


def _client(root: Path, **config: object) -> TestClient:
    cfg = Config(Workspace(root, True), frozenset({"testserver"}), **config)  # type: ignore[arg-type]
    return TestClient(build_app(cfg), raise_server_exceptions=False)


def _token(page: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
    assert found, "every POST form carries its CSRF token"
    return found.group(1)


def _pre(page: str, cls: str) -> str:
    found = re.search(rf'<pre class="stc-pre {cls}">(.*?)</pre>', page, re.S)
    assert found, f"no {cls} on the page"
    return html.unescape(found.group(1))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, TestClient, str, str]:
    """A workspace with one exercise made through the teacher's form: (root, client, the
    exercise's folder name, the students' link path)."""
    root = tmp_path_factory.mktemp("class") / "workspace"
    init_workspace(root, force=False, source=REPO)
    client = _client(root, classes=root / "classes")
    page = client.get("/class")
    assert page.status_code == 200 and "Make an exercise" in page.text
    r = client.post(
        "/class/new",
        data={
            "csrf": _token(page.text),
            "title": "Clinic seminar, week 3",
            "country": "ecuador",
            "as_of": AS_OF,
            "profile": "venezuelan-woman",
            "criteria": [CRITERION],
            "items": "12",
            "show_feedback": "yes",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text[-2000:]
    cid = r.headers["location"].split("/class/")[1].split("?")[0]
    teacher = client.get(r.headers["location"])
    assert teacher.status_code == 200 and "The exercise is made" in teacher.text
    link = re.search(r'value="http://testserver(/s/[A-Za-z0-9_-]+)"', teacher.text)
    assert link, "the teacher is given the students' link"
    return root, client, cid, link.group(1)


def _answers(page: str, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "csrf": _token(page),
        "student": "Ana",
        "f1_band": "none",
        "f1_note": "selection criteria say nothing of access",
        "f2_band": "strong-for",
        "e1_issue_A": "weak-for",
        "e1_outcome": "not-met",
        "e1_burden": "proponent",
        "e1_deciding": ["11", "3"],
        "e1_notes": "the safeguards decide it",
        "notes": "hard but fair",
    }
    data.update(extra)
    return data


# ------------------------------------------------------------------------------ the teacher


def test_the_exercise_is_the_librarys_and_the_student_folder_holds_no_key(
    made: tuple[Path, TestClient, str, str], tmp_path: Path
) -> None:
    root, client, cid, _ = made
    folder = root / "classes" / cid
    assert sorted(p.name for p in (folder / "student").iterdir()) == [
        "answers.yaml",
        "worksheet.md",
        "worksheet.pdf",
    ]
    assert (folder / "teacher" / "key.yaml").is_file() and (
        folder / "teacher" / "key.pdf"
    ).is_file()
    assert not list((folder / "student").rglob("key*")), "nothing of the key under student/"
    cli = tmp_path / "cli"
    done = run_stc(
        "exercise",
        "new",
        "ecuador",
        "-c",
        CRITERION,
        "--profile",
        "venezuelan-woman",
        "--as-of",
        AS_OF,
        "--data",
        str(root),
        "-o",
        str(cli),
    )
    assert done.code == 0, done.err
    for part in ("student/worksheet.md", "student/answers.yaml", "teacher/key.md"):
        assert (folder / part).read_bytes() == (cli / part).read_bytes(), part
    assert (
        cid == re.search(r'^exercise: "([^"]+)"', (cli / "teacher/key.yaml").read_text(), re.M)[1]
    )  # type: ignore[index]
    got = client.get(f"/class/{cid}/file/student.zip")
    assert got.status_code == 200 and got.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(got.content)).namelist()
    assert sorted(names) == [f"{cid}/answers.yaml", f"{cid}/worksheet.md", f"{cid}/worksheet.pdf"]
    key_pdf = client.get(f"/class/{cid}/teacher/key.pdf")
    assert (
        key_pdf.status_code == 200 and key_pdf.content == (folder / "teacher/key.pdf").read_bytes()
    )
    assert client.get(f"/class/{cid}/teacher/key.yaml").status_code == 404
    assert client.get(f"/class/{cid}/teacher/..%2Fstudent%2Fanswers.yaml").status_code == 404
    listing = client.get("/class")
    assert "Clinic seminar, week 3" in listing.text and f'href="/class/{cid}"' in listing.text


def test_a_student_hands_in_and_gets_the_feedback_of_exercise_check(
    made: tuple[Path, TestClient, str, str],
) -> None:
    root, client, cid, link = made
    student = TestClient(client.app, raise_server_exceptions=False)  # another browser
    sheet = student.get(link)
    assert sheet.status_code == 200
    assert "Finding 12" in sheet.text and 'name="f12_band"' in sheet.text
    assert 'name="e1_issue_E"' in sheet.text and 'value="systemic-procedural-failure"' in sheet.text
    done = student.post(link, data=_answers(sheet.text))
    assert done.status_code == 200, done.text[-2000:]
    shown = _pre(done.text, "stc-feedback")
    saved = sorted((root / "classes" / cid / "answers").glob("*.yaml"))
    assert [p.name for p in saved] == ["001-ana.yaml"]
    key = root / "classes" / cid / "teacher" / "key.yaml"
    cli = run_stc("exercise", "check", str(saved[0]), "--key", str(key), "--data", str(root))
    assert cli.code == 0, cli.err
    first, _, rest = cli.out.partition("\n")
    assert first == f"Feedback for Ana ({saved[0]})"
    assert shown.startswith("Feedback for Ana (handed in ") and shown.endswith(rest)
    assert "Score: " in shown and "Student's notes: “hard but fair”" in shown
    assert str(root) not in done.text.replace(f"Data: {root}", ""), "no server path is shown"

    ben = student.get(link)
    second = _answers(ben.text, student="Ben", f1_band="strong-against", notes="")
    assert student.post(link, data=second).status_code == 200
    saved = sorted((root / "classes" / cid / "answers").glob("*.yaml"))
    teacher = client.get(f"/class/{cid}")
    assert "Answers handed in (2)" in teacher.text
    row = re.search(r"<tr><td>Ana</td><td>(\d+)/(\d+)</td>\s*<td>(.*?)</td>", teacher.text, re.S)
    assert (
        row and "hard but fair" in row[3] and "On element 1: “the safeguards decide it”" in row[3]
    )
    assert f"Score: {row[1]}/{row[2]}" in shown, "the teacher sees the score the student saw"
    summary = run_stc(
        "exercise", "summary", *map(str, saved), "--key", str(key), "--data", str(root)
    )
    assert summary.code == 0, summary.err
    assert _pre(teacher.text, "stc-summary") == summary.out, "the class summary is the library's"
    one = client.get(f"/class/{cid}/feedback/2")
    assert one.status_code == 200 and _pre(one.text, "stc-feedback").startswith("Feedback for Ben")
    assert client.get(f"/class/{cid}/feedback/9").status_code == 404


def test_a_wrong_answer_is_refused_in_the_librarys_words_and_nothing_is_lost(
    made: tuple[Path, TestClient, str, str],
) -> None:
    root, client, cid, link = made
    answers = root / "classes" / cid / "answers"
    before = sorted(answers.iterdir())
    sheet = client.get(link)
    r = client.post(
        link, data=_answers(sheet.text, f3_band="purple", e1_deciding=["40"], student="Cy")
    )
    assert r.status_code == 400
    text = html.unescape(r.text)
    assert "Not handed in" in text and "findings[2].band" in text and "(got 'purple')" in text
    assert 'value="purple" selected' in r.text and 'value="Cy"' in r.text, "the form comes back"
    assert "answers-" not in text and "/tmp" not in text.replace(f"Data: {root}", "")
    r = client.post(link, data=_answers(sheet.text, e1_deciding=["40"]))
    assert r.status_code == 400 and "the worksheet has findings 1 to 12" in r.text
    assert sorted(answers.iterdir()) == before, "nothing was handed in"


def test_the_key_is_never_reachable_from_student_pages(
    made: tuple[Path, TestClient, str, str],
) -> None:
    root, client, cid, link = made
    folder = root / "classes" / cid
    key_text = (folder / "teacher" / "key.yaml").read_text(encoding="utf-8")
    fingerprint = re.search(r'^fingerprint: "([^"]+)"', key_text, re.M)
    assert fingerprint
    from stc.corpus import Corpus

    items = {i.id: i for i in Corpus(root).country("ecuador").evidence.model.items}
    ids = re.search(r"^findings: \[(.*)\]$", key_text, re.M)
    assert ids
    reasons = [items[i.strip('" ')].lr_reason for i in ids[1].split(",")]
    student = TestClient(client.app, raise_server_exceptions=False)
    pages = [student.get(link).text]
    pages += [student.get(f"{link}/file/{n}").text for n in ("worksheet.md", "answers.yaml")]
    for text in pages:
        assert fingerprint[1] not in text and "The key" not in text and "key.yaml" not in text
        for reason in reasons:
            assert reason and reason not in text and html.escape(reason) not in text, reason
    token = link.rsplit("/", 1)[1]
    for path in (
        f"{link}/file/key.yaml",
        f"{link}/file/..%2Fteacher%2Fkey.yaml",
        f"{link}/file/%2e%2e%2fteacher%2fkey.md",
        f"{link}/file/..%2F..%2F{cid}%2Fteacher%2Fkey.pdf",
        f"{link}/file/notes.md",
        f"/s/..%2F{cid}%2Fteacher/file/key.yaml",
        f"/s/{token}%2F..%2F..%2Fteacher/file/key.yaml",
        f"/s/{token}/..%2Fteacher%2Fkey.yaml",
        "/s/not-a-token-of-this-server/file/worksheet.md",
        f"/class/{cid}/file/key.yaml",
        f"/class/{cid}/file/..%2Fteacher%2Fkey.yaml",
        f"/class/..%2F{cid}%2Fteacher/file/worksheet.md",
        f"/class/{cid}%2F..%2F..%2F..%2Fcriteria/file/worksheet.md",
    ):
        r = student.get(path)
        assert r.status_code == 404, (path, r.status_code)
        assert fingerprint[1] not in r.text and "Traceback" not in r.text, path


def test_with_others_connected_the_teachers_pages_need_the_teachers_link(
    made: tuple[Path, TestClient, str, str],
) -> None:
    root, _, cid, link = made
    guarded = _client(root, classes=root / "classes", teacher_token="t" * 32)
    for path in (
        "/class",
        f"/class/{cid}",
        f"/class/{cid}/feedback/1",
        f"/class/{cid}/teacher/key.pdf",
    ):
        r = guarded.get(path)
        assert r.status_code == 403 and "teacher’s link" in r.text.replace("&#39;", "’"), path
    assert guarded.get(f"/class/{cid}/file/student.zip").status_code == 403
    assert guarded.get(link).status_code == 200, "the students' link still works"
    wrong = guarded.get("/class?teacher=" + "x" * 32, follow_redirects=False)
    assert wrong.status_code == 403
    opened = guarded.get("/class?teacher=" + "t" * 32, follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/class"
    assert guarded.get(f"/class/{cid}").status_code == 200, "the teacher's cookie opens them"


def test_class_forms_refuse_cross_site_posts_and_bad_requests(
    made: tuple[Path, TestClient, str, str],
) -> None:
    root, client, cid, link = made
    answers = root / "classes" / cid / "answers"
    before = sorted(answers.iterdir())
    classes = sorted((root / "classes").iterdir())
    page = client.get(link).text
    data = _answers(page)
    no_token = {k: v for k, v in data.items() if k != "csrf"}
    assert client.post(link, data=no_token).status_code == 403
    assert client.post(link, data={**data, "csrf": "0" * 64}).status_code == 403
    evil = client.post(link, data=data, headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403 and "another site" in evil.text
    new = {"country": "ecuador", "criteria": [CRITERION]}
    assert client.post("/class/new", data=new).status_code == 403
    home = client.get("/class").text
    empty = client.post("/class/new", data={"csrf": _token(home), "country": "ecuador"})
    assert empty.status_code == 400 and "choose a country and at least one element" in empty.text
    record = client.post(
        "/class/new",
        data={"csrf": _token(home), "country": "ecuador", "criteria": ["agreement-in-force"]},
    )
    assert record.status_code == 400
    assert "is decided from the record, not by weighing evidence" in html.unescape(record.text)
    few = client.post(
        "/class/new",
        data={"csrf": _token(home), "country": "ecuador", "criteria": [CRITERION], "items": "3"},
    )
    assert few.status_code == 400 and "give a whole number from 6 to 25" in few.text
    assert sorted(answers.iterdir()) == before and sorted((root / "classes").iterdir()) == classes
    assert client.get("/s/AAAAAAAAAAAAAAAAAAAAAAAA").status_code == 404
    assert client.get("/class/no-such-exercise").status_code == 404


def test_class_pages_escape_what_teachers_and_students_type(tmp_path: Path) -> None:
    root = tmp_path / "workspace"
    init_workspace(root, force=False, source=REPO)
    client = _client(root, classes=root / "classes")
    home = client.get("/class").text
    form = {
        "csrf": _token(home),
        "title": HOSTILE,
        "country": "ecuador",
        "as_of": AS_OF,
        "criteria": [CRITERION],
        "items": "6",
    }
    r = client.post("/class/new", data={**form, "pick": HOSTILE})
    assert r.status_code == 400 and '<script>alert("pwned")' not in r.text
    assert "&lt;script&gt;" in r.text, "the form comes back with the title, escaped"
    r = client.post("/class/new", data=form, follow_redirects=False)
    assert r.status_code == 303
    cid = r.headers["location"].split("/class/")[1].split("?")[0]
    teacher = client.get(f"/class/{cid}").text
    link = re.search(r'value="http://testserver(/s/[A-Za-z0-9_-]+)"', teacher)
    assert link
    sheet = client.get(link[1]).text
    done = client.post(
        link[1],
        data=_answers(sheet, student=HOSTILE, notes=HOSTILE, f1_note=HOSTILE, e1_deciding=["3"]),
    )
    assert done.status_code == 200
    pages = [
        sheet,
        done.text,
        client.get("/class").text,
        client.get(f"/class/{cid}").text,
        client.get(f"/class/{cid}/feedback/1").text,
    ]
    for text in pages:
        assert '<script>alert("pwned")' not in text and "<b>bold" not in text
    assert all("&lt;script&gt;" in text for text in pages[1:])
    assert "stc-feedback" not in done.text and "Your teacher will go through" in done.text, (
        "without the teacher's leave, the student gets a receipt, not the feedback"
    )


def test_class_mode_needs_a_folder_of_ones_own(tmp_path: Path) -> None:
    root = tmp_path / "workspace"
    init_workspace(root, force=False, source=REPO)
    client = _client(root)  # no classes folder: the installed data
    page = client.get("/class")
    assert page.status_code == 200 and "stc serve --classes" in page.text
    token = _token(client.get("/shared-sources/new").text)
    r = client.post("/class/new", data={"csrf": token, "country": "ecuador"})
    assert r.status_code == 403 and "folder of your own" in r.text


def test_serve_prints_where_classes_are_kept_and_the_teachers_link(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = tmp_path / "workspace"
    init_workspace(root, force=False, source=REPO)
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "stc", "serve", "--data", str(root), "--port", "0"),
            *("--no-browser", "--host", "0.0.0.0", "--classes", str(tmp_path / "my-classes")),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    lines = [proc.stdout.readline() for _ in range(5)]
    stop_server(proc)
    assert f"class exercises are kept in: {tmp_path / 'my-classes'}\n" in lines
    assert any(re.search(r"teacher's pages .*class\?teacher=[A-Za-z0-9_-]{24,}", x) for x in lines)
    bad = run_stc(
        "serve",
        "--data",
        str(root),
        "--no-browser",
        "--port",
        "0",
        "--classes",
        str(root / "criteria" / "vocabulary.yaml"),
    )
    assert bad.code == 2 and "is not a folder" in bad.err and "Traceback" not in bad.err


# ------------------------------------------------------------------------------ shared sources


def _post_shared(
    client: TestClient, values: dict[str, str], action: str, path: str = "/shared-sources/new"
) -> tuple[int, str, str]:
    form = client.get(path)
    assert form.status_code == 200, form.text
    hidden = dict(re.findall(r'name="(index|base|original_id)" value="([^"]*)"', form.text))
    r = client.post(
        "/shared-sources",
        data={**values, **hidden, "csrf": _token(form.text), "action": action},
        follow_redirects=False,
    )
    return r.status_code, r.text, r.headers.get("location", "")


def test_a_shared_source_is_added_with_the_same_checks_diff_and_backup(tmp_path: Path) -> None:
    root = tmp_path / "workspace"
    init_workspace(root, force=False, source=REPO)
    shared = root / "countries" / "sources.yaml"
    shared.write_text(COMMENT + shared.read_text(encoding="utf-8"), encoding="utf-8")
    before = shared.read_text(encoding="utf-8")
    client = _client(root)
    listing = client.get("/shared-sources")
    assert listing.status_code == 200 and 'href="/shared-sources/new"' in listing.text
    assert 'href="/shared-sources"' in client.get("/evidence").text

    # an unpublished declaration: no address asked for, but the model wants to know where it is
    status, page, _ = _post_shared(client, SHARED_SOURCE, "save")
    assert status == 400 and shared.read_text(encoding="utf-8") == before
    beside = re.search(r'id="e-read_at"><code>([^<]+)</code>', page)
    assert beside, "the error is beside the Read at field"
    words = html.unescape(beside[1])
    assert words.startswith("error: countries/sources.yaml:") and "read_at" in words
    assert 'id="e-url"' not in page, "no address is demanded of an unpublished source"
    assert "Example Law Clinic" in page, "nothing typed is lost"

    fixed = {**SHARED_SOURCE, "read_at": "the clinic's case file"}
    status, page, _ = _post_shared(client, fixed, "check")
    assert status == 200 and "+- id: clinic-declaration-shared" in page
    assert "No country’s evidence cites this source yet." in page
    assert shared.read_text(encoding="utf-8") == before, "a preview writes nothing"
    status, _, where = _post_shared(client, fixed, "save")
    assert status == 303 and where.startswith("/shared-sources?saved=clinic-declaration-shared")
    after = shared.read_text(encoding="utf-8")
    assert after.startswith(COMMENT) and after.startswith(before)
    assert "unpublished: true" in after and "url:" not in after[len(before) :]
    backups = list((root / ".stc-backups" / "countries").glob("sources.yaml.*"))
    assert [b.read_text(encoding="utf-8") for b in backups] == [before]
    assert run_stc("validate", "--data", str(root)).code == 0, "the file on disk is valid"
    assert "clinic-declaration-shared" in client.get("/shared-sources").text

    # a duplicate id across the shared and a country's sources: the validator's words
    dup = {**fixed, "id": "cgrs-2026-03-25-ecuador-aca"}
    status, page, _ = _post_shared(client, dup, "check")
    assert status == 400 and "cgrs-2026-03-25-ecuador-aca" in page


def test_editing_a_shared_source_changes_only_its_lines_and_previews_each_country(
    tmp_path: Path,
) -> None:
    root = tmp_path / "workspace"
    init_workspace(root, force=False, source=REPO)
    shared = root / "countries" / "sources.yaml"
    before = shared.read_text(encoding="utf-8")
    sid = "cbs-2025-12-23-aca-pretermission"
    client = _client(root)
    form = client.get(f"/shared-sources/edit/{sid}")
    assert form.status_code == 200
    values = {
        name: html.unescape(v)
        for name, v in re.findall(r'<input id="f-(\w+)" name="\w+" value="([^"]*)"', form.text)
    }
    values.update(
        {
            name: html.unescape(v)
            for name, v in re.findall(
                r'<textarea id="f-(\w+)" name="\w+" rows="3">(.*?)</textarea>', form.text, re.S
            )
        }
    )
    values.update(date_basis="stated", kind="press", reliability="C")
    status, page, _ = _post_shared(client, values, "check", f"/shared-sources/edit/{sid}")
    assert status == 200, page[-3000:]
    for country in ("Ecuador", "Guatemala", "Honduras"):
        assert f"<td>{country}: Verdict</td>" in page, country
    status, _, where = _post_shared(client, values, "save", f"/shared-sources/edit/{sid}")
    assert status == 303 and f"saved={sid}" in where
    old, new = before.splitlines(True), shared.read_text(encoding="utf-8").splitlines(True)
    start = old.index(f"- id: {sid}\n")
    end = next(n for n, line in enumerate(old) if n > start and line.startswith("- id:"))
    assert new[:start] == old[:start] and new[-(len(old) - end) :] == old[end:], (
        "every other line keeps its bytes"
    )
    assert "  reliability: C\n" in new[start : len(new) - (len(old) - end)]
    assert run_stc("validate", "--data", str(root)).code == 0


def test_the_shared_sources_are_safe_too(tmp_path: Path) -> None:
    root = tmp_path / "workspace"
    init_workspace(root, force=False, source=REPO)
    shared = root / "countries" / "sources.yaml"
    before = shared.read_bytes()
    client = _client(root)
    for path in (
        "/shared-sources/edit/..%2F..%2Fcriteria%2Fvocabulary",
        "/shared-sources/edit/no-such-source",
        "/shared-sources/..%2Fecuador%2Fevidence.yaml",
    ):
        r = client.get(path)
        assert r.status_code == 404 and "Traceback" not in r.text, path
    form = client.get("/shared-sources/new").text
    data = {**SHARED_SOURCE, "read_at": "x", "action": "save", "index": "", "base": ""}
    assert client.post("/shared-sources", data=data).status_code == 403
    evil = client.post(
        "/shared-sources",
        data={**data, "csrf": _token(form)},
        headers={"Origin": "https://evil.example"},
    )
    assert evil.status_code == 403
    hostile = client.post(
        "/shared-sources",
        data={**data, "csrf": _token(form), "title": HOSTILE, "action": "check"},
    )
    assert hostile.status_code in (200, 400) and '<script>alert("pwned")' not in hostile.text
    assert shared.read_bytes() == before
    read_only = TestClient(
        build_app(Config(Workspace(root, False), frozenset({"testserver"}))),
        raise_server_exceptions=False,
    )
    assert read_only.get("/shared-sources/new").status_code == 403
    assert read_only.get("/shared-sources").status_code == 200
    shared.unlink()
    shared.symlink_to(tmp_path / "elsewhere.yaml")
    (tmp_path / "elsewhere.yaml").write_bytes(before)
    assert client.get("/shared-sources/new").status_code == 404, "a linked file is refused"
