"""Classroom exercises: curated sets of findings, the student's and the teacher's folders, grading
that rewards reasoning (one-step bands, arguable findings, unverified burdens), notes beside the
score, the class summary, and the three exercises of docs/teaching.md run as written."""

from __future__ import annotations

import io
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from conftest import REPO, run_stc

AS_OF = "2026-12-01"
ECUADOR = ("ecuador", "full-and-fair-procedure", "venezuelan-woman")
STUDENT_FILES = {"worksheet.md", "worksheet.pdf", "answers.yaml"}
TEACHER_FILES = {"key.md", "key.pdf", "key.yaml", "notes.md"}


def _new(out: Path, country: str, criterion: str, profile: str, *extra: str) -> None:
    result = run_stc(
        "exercise",
        "new",
        country,
        "--data",
        str(REPO),
        "--criterion",
        criterion,
        "--profile",
        profile,
        "--as-of",
        AS_OF,
        "-o",
        str(out),
        *extra,
    )
    assert result.code == 0, result.err


@pytest.fixture(scope="module")
def ecuador(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ex") / "class1"
    _new(out, *ECUADOR)
    return out


def _study(folder: Path):  # type: ignore[no-untyped-def]
    from stc.corpus import Corpus
    from stc.exercise.analysis import study
    from stc.exercise.model import load_key

    return study(Corpus(REPO), load_key(folder / "teacher" / "key.yaml"))


def _answers(folder: Path, target: Path, **changes: Any) -> Path:
    """The blank answers file with findings and element answers filled in."""
    doc = yaml.safe_load((folder / "student" / "answers.yaml").read_text(encoding="utf-8"))
    bands: dict[int, str] = changes.pop("bands", {})
    notes: dict[int, str] = changes.pop("notes", {})
    for f in doc["findings"]:
        f["band"] = bands.get(f["finding"])
        f["note"] = notes.get(f["finding"], "")
    element = changes.pop("element", {})
    doc["elements"][0].update(element)
    doc.update(changes)
    target.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def _key_answers(s) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from stc.exercise.roles import issue_band

    el = s.elements[0]
    return {
        "bands": {f.number: f.band for f in s.findings},
        "element": {
            "defeaters": [d.id for d in el.result.defeaters if d.established],
            "issues": [
                {"issue": i.letter, "conclusion": issue_band(i.result.score)} for i in el.issues
            ],
            "outcome": el.result.outcome,
            "burden": el.result.burden.borne_by,
            "deciding": sorted(el.deciding),
        },
    }


def _check(answers: Path, folder: Path) -> str:
    result = run_stc(
        "exercise",
        "check",
        str(answers),
        "--key",
        str(folder / "teacher" / "key.yaml"),
        "--data",
        str(REPO),
    )
    assert result.code == 0, result.err
    return result.out


def _score(out: str) -> tuple[int, int]:
    got, of = re.search(r"Score: (\d+)/(\d+)", out).groups()  # type: ignore[union-attr]
    return int(got), int(of)


def _mark(out: str, label: str) -> str:
    """The feedback block of one part: its label line and the indented lines under it."""
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(f"  {label}"))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line)
    return " ".join(x.strip() for x in block)


# ---------------------------------------------------------------------------- folders


def test_student_and_teacher_folders_are_separate(ecuador: Path) -> None:
    assert {p.name for p in (ecuador / "student").iterdir()} == STUDENT_FILES
    assert {p.name for p in (ecuador / "teacher").iterdir()} == TEACHER_FILES
    assert {p.name for p in ecuador.iterdir()} == {"student", "teacher"}
    s = _study(ecuador)
    sheet = (ecuador / "student" / "worksheet.md").read_text(encoding="utf-8")
    template = (ecuador / "student" / "answers.yaml").read_text(encoding="utf-8")
    pdf = _pdf_text(ecuador / "student" / "worksheet.pdf")
    for text in (sheet, template, pdf):
        for f in s.findings:
            assert f.item.id not in text  # no ids: nothing to look up in the key
        for word in ("Arguable", "red herring", "Key:", "NOT MET", "deciding findings on"):
            assert word not in text, word
    # the key and the notes hold what the students must not see
    key = (ecuador / "teacher" / "key.md").read_text(encoding="utf-8")
    assert all(f"({f.item.id})" in key for f in s.findings)
    assert "Arguable:" in key and "Red herring:" in key and "NOT MET" in key


def test_worksheet_fits_a_class(ecuador: Path) -> None:
    pages = len(PdfReader(io.BytesIO((ecuador / "student" / "worksheet.pdf").read_bytes())).pages)
    assert pages <= 6, pages
    sheet = (ecuador / "student" / "worksheet.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^- \*\*Finding \d+\*\*$", sheet, re.M)) == 12
    assert "the research" not in sheet and "title not recorded" not in sheet
    assert "every one of A, B, C, D and E" in sheet  # the combination rule, by issue letter
    assert "refoulement-of-transferees" in sheet  # the defeaters to look for


def test_markdown_is_byte_identical(ecuador: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    _new(again, *ECUADOR)
    for part in (
        "student/worksheet.md",
        "student/answers.yaml",
        "teacher/key.md",
        "teacher/key.yaml",
    ):
        assert (ecuador / part).read_bytes() == (again / part).read_bytes(), part


# ---------------------------------------------------------------------------- the set


def test_curated_set_composition(ecuador: Path) -> None:
    from stc.exercise.roles import red_herring, side

    s = _study(ecuador)
    assert len(s.findings) == 12
    sides = {side(f.band) for f in s.findings}
    assert {"for", "against"} <= sides
    assert s.elements[0].deciding, "a finding whose removal changes the outcome"
    assert any(red_herring(f.result) for f in s.findings)
    assert sum(1 for f in s.findings if f.arguable) >= 2
    # not just the heaviest items: the red herrings weigh nothing
    assert any(f.result.excluded for f in s.findings)
    notes = (ecuador / "teacher" / "notes.md").read_text(encoding="utf-8")
    assert "the deciding finding" in notes and "a red herring" in notes and "arguable" in notes


def test_items_and_pick(tmp_path: Path) -> None:
    _new(tmp_path / "eight", *ECUADOR, "--items", "8")
    assert len(_study(tmp_path / "eight").findings) == 8
    _new(tmp_path / "picked", *ECUADOR, "--pick", "ECU-S15,ECU-06,ECU-92")
    s = _study(tmp_path / "picked")
    assert [f.item.id for f in s.findings] == ["ECU-06", "ECU-92", "ECU-S15"]
    assert "picked by the teacher" in (tmp_path / "picked" / "teacher" / "notes.md").read_text()
    bad = run_stc(
        "exercise", "new", "ecuador", "--data", str(REPO), "-c", ECUADOR[1],
        "--pick", "ECU-S15,NOPE", "-o", str(tmp_path / "bad"),
    )  # fmt: skip
    assert bad.code == 2 and "NOPE" in bad.err and "Traceback" not in bad.err
    few = run_stc(
        "exercise", "new", "ecuador", "--data", str(REPO), "-c", ECUADOR[1],
        "--items", "3", "-o", str(tmp_path / "few"),
    )  # fmt: skip
    assert few.code == 2 and "--items" in few.err


def test_fact_criterion_and_unknown_criterion_exit_2(tmp_path: Path) -> None:
    for criterion, words in (("agreement-in-force", "not by weighing"), ("nope", "unknown")):
        result = run_stc(
            "exercise", "new", "ecuador", "--data", str(REPO), "-c", criterion,
            "-o", str(tmp_path / criterion),
        )  # fmt: skip
        assert result.code == 2 and words in result.err and "Traceback" not in result.err
        assert not (tmp_path / criterion).exists()


# ---------------------------------------------------------------------------- grading


def test_the_keys_own_answers_get_full_marks(ecuador: Path, tmp_path: Path) -> None:
    s = _study(ecuador)
    out = _check(_answers(ecuador, tmp_path / "key.yaml", **_key_answers(s)), ecuador)
    got, of = _score(out)
    assert got == of == len(s.findings) + 1 + len(s.elements[0].issues) + 3
    assert ": differs" not in out and ": missing" not in out


def test_arguable_finding_accepted_either_way(ecuador: Path, tmp_path: Path) -> None:
    s = _study(ecuador)
    f = next(f for f in s.findings if f.item.id == "ECU-06")  # "no documents … 180-day visa"
    assert f.arguable and f.band == "none"
    answers = _key_answers(s)
    for band in ("weak-for", "weak-against"):
        answers["bands"][f.number] = band
        out = _check(_answers(ecuador, tmp_path / f"{band}.yaml", **answers), ecuador)
        block = _mark(out, f"Finding {f.number} ")
        assert ": accepted" in block and "arguable" in block and "on balance" in block
        assert _score(out)[0] == _score(out)[1]


def test_unverified_burden_is_not_docked(ecuador: Path, tmp_path: Path) -> None:
    s = _study(ecuador)
    assert s.elements[0].result.burden.verification == "not-seen"
    answers = _key_answers(s)
    answers["element"]["burden"] = "opponent"
    out = _check(_answers(ecuador, tmp_path / "b.yaml", **answers), ecuador)
    block = _mark(out, "Element 1, burden")
    assert ": accepted" in block and "Not docked" in block and "not verified" in block
    assert "burden 1/1" in out


def test_one_step_band_accepted_two_steps_explained(ecuador: Path, tmp_path: Path) -> None:
    s = _study(ecuador)
    f = next(f for f in s.findings if f.band == "moderate-against" and not f.result.excluded)
    answers = _key_answers(s)
    answers["bands"][f.number] = "moderately-strong-against"
    out = _check(_answers(ecuador, tmp_path / "one.yaml", **answers), ecuador)
    block = _mark(out, f"Finding {f.number} ")
    assert ": accepted" in block and "within one step" in block
    answers["bands"][f.number] = "weak-for"
    out = _check(_answers(ecuador, tmp_path / "two.yaml", **answers), ecuador)
    block = _mark(out, f"Finding {f.number} ")
    assert ": differs" in block
    # never only "wrong": the key's band, its recorded reason and the rating guide's rule
    assert "The key: moderate support against safety" in block
    assert (f.result.lr_reason or "")[:30] in block and "rating guide" in block


def test_copying_the_heaviest_items_is_not_full_marks(ecuador: Path, tmp_path: Path) -> None:
    s = _study(ecuador)
    heaviest = sorted(
        (f for f in s.findings if not f.result.excluded), key=lambda f: -f.result.weight
    )[:3]
    out = _check(
        _answers(
            ecuador,
            tmp_path / "copy.yaml",
            bands={f.number: f.band for f in heaviest},
            element={
                "outcome": s.elements[0].result.outcome,
                "deciding": [f.number for f in heaviest],
            },
        ),
        ecuador,
    )
    got, of = _score(out)
    assert got <= of // 2, out
    assert "No band given. The key:" in out  # the skipped parts are explained, not just zero


def test_defeater_named_without_a_finding_is_explained(ecuador: Path, tmp_path: Path) -> None:
    answers = _key_answers(_study(ecuador))
    answers["element"]["defeaters"] = ["systemic-procedural-failure"]
    out = _check(_answers(ecuador, tmp_path / "d.yaml", **answers), ecuador)
    block = _mark(out, "Element 1, defeaters")
    assert ": differs" in block and "no finding on the worksheet shows it" in block
    assert "M.S.S. v Belgium and Greece" in block  # the defeater's authority


def test_notes_are_shown_beside_the_score(ecuador: Path, tmp_path: Path) -> None:
    answers = _key_answers(_study(ecuador))
    answers["element"]["notes"] = "The 24-hour track decides it."
    out = _check(
        _answers(
            ecuador,
            tmp_path / "n.yaml",
            notes={3: "a court fixed it"},
            student="Ana",
            **answers,
        ),
        ecuador,
    )
    head = out.splitlines()[:6]
    assert any(line.startswith("Score:") for line in head)
    assert "Student's notes on element 1: “The 24-hour track decides it.”" in head
    assert "Student's note: “a court fixed it”" in _mark(out, "Finding 3 ")
    assert out.startswith("Feedback for Ana")


def test_class_summary_counts(ecuador: Path, tmp_path: Path) -> None:
    s = _study(ecuador)
    red = next(f for f in s.findings if f.band == "none" and not f.arguable)
    paths = []
    for n, band in enumerate(["moderate-for", "strong-for", "none"]):
        answers = _key_answers(s)
        answers["bands"][red.number] = band
        paths.append(str(_answers(ecuador, tmp_path / f"s{n}.yaml", student=f"S{n}", **answers)))
    result = run_stc(
        "exercise", "summary", *paths, "--key", str(ecuador / "teacher" / "key.yaml"),
        "--data", str(REPO),
    )  # fmt: skip
    assert result.code == 0, result.err
    out = result.out
    _, of = _score(_check(Path(paths[2]), ecuador))
    assert f"Scores out of {of}: median {of - 1}, lowest {of - 1}, highest {of}" in out
    line = next(x for x in out.splitlines() if x.startswith(f"  Finding {red.number} "))
    assert "misread by 2 of 3 (moderate-for (1), strong-for (1))" in line
    # the most misread part comes first, with the key's reason
    misread = out.split("== Most misread")[1].splitlines()
    assert misread[1] == line and "The key: no support either way" in misread[2]


def test_answers_for_another_exercise_or_bad_band_exit_2(ecuador: Path, tmp_path: Path) -> None:
    template = (ecuador / "student" / "answers.yaml").read_text(encoding="utf-8")
    for name, text, words in (
        ("other", re.sub(r'exercise: "[^"]+"', 'exercise: "elsewhere"', template), "elsewhere"),
        ("band", template.replace("band: null", "band: maybe", 1), "band"),
        ("finding", template.replace("finding: 1\n", "finding: 99\n", 1), "findings 1 to 12"),
    ):
        bad = tmp_path / f"{name}.yaml"
        bad.write_text(text, encoding="utf-8")
        result = run_stc(
            "exercise", "check", str(bad), "--key", str(ecuador / "teacher" / "key.yaml"),
            "--data", str(REPO),
        )  # fmt: skip
        assert result.code == 2, (name, result.out)
        assert re.search(re.escape(str(bad)) + r":\d+: ", result.err), result.err
        assert words in result.err and "Traceback" not in result.err


def test_text_from_data_is_escaped_not_interpreted(tmp_path: Path) -> None:
    hostile = 'A *bold* <b>claim</b> #set page(width: 1pt) ] [ #panic("no") | pipe'
    profile = tmp_path / "hostile.yaml"
    profile.write_text(
        "schema_version: 1\nid: hostile\nlabel: Test person\n"
        f"description: {yaml.safe_dump(hostile).strip()}\nnationality: [VE]\nage: 30\n"
        "groups: [women]\n",
        encoding="utf-8",
    )
    out = tmp_path / "ex"
    _new(out, "ecuador", ECUADOR[1], str(profile), "--items", "6")
    md = (out / "student" / "worksheet.md").read_text(encoding="utf-8")
    assert r"\*bold\*" in md and r"\<b\>" in md and "<b>" not in md
    assert '#panic("no")' in _pdf_text(out / "student" / "worksheet.pdf").replace("\n", " ")


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


# ---------------------------------------------------------------------------- docs/teaching.md


def _doc_blocks() -> list[tuple[str, str]]:
    text = (REPO / "docs" / "teaching.md").read_text(encoding="utf-8")
    return re.findall(r"^```(\w+)\n(.*?)^```$", text, re.M | re.S)


def test_teaching_doc_exercises_run_as_written(tmp_path: Path) -> None:
    shutil.copytree(REPO / "docs" / "teaching", tmp_path / "docs" / "teaching")
    blocks = _doc_blocks()
    commands = [line for kind, body in blocks if kind == "sh" for line in body.splitlines() if line]
    news = [c for c in commands if c.startswith("stc exercise new ")]
    assert len(news) == 3
    assert len({shlex.split(c)[3] for c in news}) == 3  # three countries
    assert len({shlex.split(c)[shlex.split(c).index("--criterion") + 1] for c in news}) == 3
    outputs: list[str] = []
    for command in commands:
        args = shlex.split(command)
        assert args[:2] == ["stc", "exercise"], command
        result = run_stc(*args[1:], "--data", str(REPO), cwd=tmp_path)
        assert result.code == 0, (command, result.err)
        outputs.append(result.out)
        if args[2] == "new":
            folder = tmp_path / args[args.index("-o") + 1]
            assert {p.name for p in (folder / "student").iterdir()} == STUDENT_FILES
            assert {p.name for p in (folder / "teacher").iterdir()} == TEACHER_FILES
            key = yaml.safe_load((folder / "teacher" / "key.yaml").read_text())
            assert 6 <= len(key["findings"]) <= 12
        elif args[2] == "check":
            assert re.search(r"^Score: \d+/\d+", result.out, re.M)
            assert ": differs" in result.out or ": accepted" in result.out
        else:
            assert result.out.startswith("Class summary: 3 students")
    everything = "\n".join(outputs)
    lines = {line.rstrip() for line in everything.splitlines()}
    # every output excerpt in the doc is a verbatim excerpt of what the commands print
    for kind, body in blocks:
        if kind == "text":
            for line in body.splitlines():
                assert line.rstrip() in lines, line
    # and the worked example's answers file is the shipped one
    shipped = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((REPO / "docs" / "teaching").glob("*.yaml"))
    )
    for kind, body in blocks:
        if kind == "yaml":
            for line in body.splitlines():
                assert line in shipped, line


def test_notes_say_when_the_record_itself_is_one_sided(tmp_path: Path) -> None:
    out = tmp_path / "sv"
    r = run_stc(
        "exercise", "new", "el-salvador", "--criterion", "torture-screening",
        "--profile", "honduran-man", "--as-of", "2026-12-01", "--items", "10", "-o", str(out),
    )  # fmt: skip
    assert r.code == 0, r.err
    notes = (out / "teacher" / "notes.md").read_text(encoding="utf-8")
    m = re.search(
        r"The whole record for this element holds (\d+) findings? for safety and (\d+)", notes
    )
    assert m, notes
    n_for, n_against = int(m.group(1)), int(m.group(2))
    assert n_for < n_against
    assert "Every finding for safety on the record is shown" in notes
