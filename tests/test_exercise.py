"""Classroom exercises: worksheet without the engine's answers, answer key with them, and the
checker's feedback on right, partly right and wrong answers."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import run_stc

AS_OF = "2025-10-01"
CRITERION = "life-freedom-not-threatened"
PROFILE = "venezuelan-woman"


def _new(data_root: Path, out: Path, *extra: str) -> None:
    result = run_stc(
        "exercise",
        "new",
        "testland",
        "--data",
        str(data_root),
        "--as-of",
        AS_OF,
        "--profile",
        PROFILE,
        "-o",
        str(out),
        *extra,
    )
    assert result.code == 0, result.err


@pytest.fixture
def exercise(data_root: Path, tmp_path: Path) -> Path:
    out = tmp_path / "ex"
    _new(data_root, out, "--criterion", CRITERION, "--criterion", "full-and-fair-procedure")
    return out


def _study(data_root: Path):  # type: ignore[no-untyped-def]
    from stc.corpus import Corpus
    from stc.exercise.analysis import ExerciseSpec, study

    spec = ExerciseSpec(
        "testland",
        None,
        dt.date.fromisoformat(AS_OF),
        PROFILE,
        [CRITERION, "full-and-fair-procedure"],
    )
    return study(Corpus(data_root), spec)


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def _fill(exercise: Path, target: Path, per_criterion: dict[str, dict]) -> Path:
    doc = yaml.safe_load((exercise / "answers-template.yaml").read_text(encoding="utf-8"))
    for answer in doc["answers"]:
        answer.update(per_criterion.get(answer["criterion"], {}))
    target.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def _right(data_root: Path) -> dict[str, dict]:
    out = {}
    for el in _study(data_root).elements:
        c = el.result
        supports = sorted(
            i for i, item in el.counted.items() if item.direction in ("supports", "mixed")
        )
        undermines = sorted(i for i, item in el.counted.items() if item.direction == "undermines")
        out[c.id] = {
            "outcome": c.outcome,
            "standard": c.standard or "none",
            "burden": c.burden.borne_by if c.burden else "none",
            "supports": supports,
            "undermines": undermines,
        }
    return out


def test_files_written(exercise: Path) -> None:
    names = sorted(p.name for p in exercise.iterdir())
    assert names == [
        "answer-key.md",
        "answer-key.pdf",
        "answers-template.yaml",
        "worksheet.md",
        "worksheet.pdf",
    ]


def test_worksheet_hides_the_engines_answers(exercise: Path, data_root: Path) -> None:
    text = (exercise / "worksheet.md").read_text(encoding="utf-8")
    s = _study(data_root)
    # the evidence and the facts are there
    for el in s.elements:
        assert el.result.id in text
        for item_id in el.shown:
            assert f"**{item_id}**" in text
    assert "Nationality: VE" in text and "Age: 34" in text
    assert "in force" in text  # the agreement status facts
    assert "preponderance" in text and "clear-and-convincing" in text  # the options
    # the engine's conclusions are not
    for word in (
        "weight",
        "score",
        "confidence",
        "NOT MET",
        "INSUFFICIENT EVIDENCE",
        "undermines",
        "supports",
        "decisive",
    ):
        assert word not in text.lower() if word.islower() else word not in text, word
    for el in s.elements:
        for reason in el.result.reasons:
            assert reason[:40] not in text
        for item in el.counted.values():
            assert f"{item.weight:.3f}" not in text
    # listed by id, not by weight
    ids = re.findall(r"^- \*\*([A-Z0-9-]+)\*\*$", text, re.M)
    assert ids == sorted(ids) and ids


def test_answer_key_has_the_engines_answers(exercise: Path, data_root: Path) -> None:
    key = (exercise / "answer-key.md").read_text(encoding="utf-8")
    for el in _study(data_root).elements:
        c = el.result
        assert f"({c.outcome})" in key
        assert c.standard_title and c.standard_title in key
        assert c.burden and c.burden.party in key
        for d in el.decisive:
            assert d.item.id in key and f"{d.item.weight:.3f}" in key
    assert "Decisive evidence" in key and "NOT MET" in key


def test_pdfs_read_back(exercise: Path) -> None:
    sheet = _pdf_text(exercise / "worksheet.pdf")
    assert "Worksheet" in sheet and "Fact pattern" in sheet and "T-05" in sheet
    assert "NOT MET" not in sheet
    key = _pdf_text(exercise / "answer-key.pdf")
    assert "Answer key" in key and "NOT MET" in key and "Decisive evidence" in key


def test_markdown_is_byte_identical(exercise: Path, data_root: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    _new(data_root, again, "--criterion", CRITERION, "--criterion", "full-and-fair-procedure")
    for name in ("worksheet.md", "answer-key.md", "answers-template.yaml"):
        assert (exercise / name).read_bytes() == (again / name).read_bytes(), name


def test_blank_template_is_a_valid_answers_file(exercise: Path, data_root: Path) -> None:
    result = run_stc(
        "exercise", "check", str(exercise / "answers-template.yaml"), "--data", str(data_root)
    )
    assert result.code == 0, result.err
    assert "wrong outcome: you gave no outcome" in result.out
    assert "Total: 0/" in result.out


def test_right_answers_get_full_marks(exercise: Path, data_root: Path, tmp_path: Path) -> None:
    answers = _fill(exercise, tmp_path / "right.yaml", _right(data_root))
    result = run_stc("exercise", "check", str(answers), "--data", str(data_root))
    assert result.code == 0, result.err
    assert " -- " not in result.out and "  --  " not in result.out, result.out
    got, of = map(int, re.search(r"Total: (\d+)/(\d+)", result.out).groups())
    assert got == of > 0
    assert result.out.count("no differences from the engine's answer") == 2


def test_partly_right_answers(exercise: Path, data_root: Path, tmp_path: Path) -> None:
    right = _right(data_root)
    partly = dict(right)
    partly[CRITERION] = {
        **right[CRITERION],
        "undermines": right[CRITERION]["undermines"][:1],
        "supports": [],
    }
    answers = _fill(exercise, tmp_path / "partly.yaml", partly)
    result = run_stc("exercise", "check", str(answers), "--data", str(data_root))
    assert result.code == 0, result.err
    assert "missed decisive evidence" in result.out
    assert "wrong outcome" not in result.out and "standard misapplied" not in result.out
    got, of = map(int, re.search(r"Total: (\d+)/(\d+)", result.out).groups())
    assert 0 < got < of


def test_wrong_answers_get_each_kind_of_feedback(
    exercise: Path, data_root: Path, tmp_path: Path
) -> None:
    s = _study(data_root)
    el = next(e for e in s.elements if e.result.id == CRITERION)
    against = next(i for i, item in el.counted.items() if item.direction == "undermines")
    wrong = {
        CRITERION: {
            "outcome": "met" if el.result.outcome != "met" else "not-met",
            "standard": "beyond-reasonable-doubt",
            "burden": "opponent",
            "supports": [against, "NO-SUCH-ITEM"],
            "undermines": [],
        }
    }
    answers = _fill(exercise, tmp_path / "wrong.yaml", wrong)
    result = run_stc("exercise", "check", str(answers), "--data", str(data_root))
    assert result.code == 0, result.err
    out = result.out
    for kind in (
        "wrong outcome",
        "missed decisive evidence",
        "wrong side",
        "unknown id",
        "standard misapplied",
        "burden misplaced",
    ):
        assert f"--  {kind}:" in out, kind
    assert el.result.reasons[0] in out  # the engine's reasons explain the wrong outcome
    assert f"{against} is undermining" in out
    assert re.search(
        r"Score: \d+/\d+ \(outcome 0/1, standard 0/1, burden 0/1, evidence 0/\d+\)", out
    )


def test_removal_that_flips_the_outcome_is_decisive(data_root: Path) -> None:
    el = next(e for e in _study(data_root).elements if e.result.id == CRITERION)
    assert el.flips, "some item's removal alone changes the outcome"
    for item_id, outcome in el.flips.items():
        assert outcome != el.result.outcome
        assert any(
            d.item.id == item_id and any("removing it alone" in r for r in d.reasons)
            for d in el.decisive
        )


@pytest.mark.parametrize(
    ("edit", "line"),
    [
        (lambda t: t.replace("outcome: null", "outcome: maybe", 1), None),
        (lambda t: t.replace('country: "testland"', 'country: "atlantis"'), 'country: "atlantis"'),
        (
            lambda t: t.replace(
                '  - criterion: "life-freedom-not-threatened"', '  - criterion: "no-such-criterion"'
            ),
            "no-such-criterion",
        ),
        (lambda t: t.replace("answers:", "answers: [", 1), "answers: ["),
        (lambda t: t.replace('student: ""', 'studnet: "x"'), "studnet"),
    ],
)
def test_bad_answers_file_exits_2_with_file_and_line(
    exercise: Path, data_root: Path, tmp_path: Path, edit, line
) -> None:  # type: ignore[no-untyped-def]
    text = edit((exercise / "answers-template.yaml").read_text(encoding="utf-8"))
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run_stc("exercise", "check", str(bad), "--data", str(data_root))
    assert result.code == 2
    assert "Traceback" not in result.err
    match = re.search(re.escape(str(bad)) + r":(\d+): ", result.err)
    assert match, result.err
    if line is not None:
        lines = text.splitlines()
        n = int(match.group(1))
        assert line in lines[n - 1] or line in "\n".join(lines[max(0, n - 2) : n + 1]), (
            n,
            result.err,
        )


def test_unknown_country_or_criterion_for_new_is_exit_2(data_root: Path, tmp_path: Path) -> None:
    result = run_stc(
        "exercise", "new", "atlantis", "--data", str(data_root), "-o", str(tmp_path / "x")
    )
    assert result.code == 2 and "Traceback" not in result.err
    result = run_stc(
        "exercise",
        "new",
        "testland",
        "--data",
        str(data_root),
        "--criterion",
        "nope",
        "-o",
        str(tmp_path / "y"),
    )
    assert result.code == 2 and "unknown criterion" in result.err
    assert not (tmp_path / "y").exists()


def test_text_from_data_is_escaped_not_interpreted(data_root: Path, tmp_path: Path) -> None:
    hostile = 'A *bold* <b>claim</b> #set page(width: 1pt) ] [ #panic("no") | pipe'
    profile = tmp_path / "hostile.yaml"
    profile.write_text(
        "schema_version: 1\nid: hostile\nlabel: Test person\n"
        f"description: {json_quote(hostile)}\nnationality: [VE]\nage: 30\ngroups: [women]\n",
        encoding="utf-8",
    )
    out = tmp_path / "ex"
    result = run_stc(
        "exercise",
        "new",
        "testland",
        "--data",
        str(data_root),
        "--as-of",
        AS_OF,
        "--profile",
        str(profile),
        "-o",
        str(out),
        "--criterion",
        CRITERION,
    )
    assert result.code == 0, result.err
    md = (out / "worksheet.md").read_text(encoding="utf-8")
    assert r"\*bold\*" in md and r"\<b\>" in md and "<b>" not in md
    sheet = _pdf_text(out / "worksheet.pdf")
    assert '#panic("no")' in sheet.replace("\n", " ")
    check = run_stc(
        "exercise", "check", str(out / "answers-template.yaml"), "--data", str(data_root)
    )
    assert check.code == 0, check.err


def json_quote(text: str) -> str:
    import json

    return json.dumps(text)
