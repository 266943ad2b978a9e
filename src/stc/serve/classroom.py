"""Class mode: exercises made by the teacher in the browser, answered by students in the browser.

Everything is done by the exercise library (stc.exercise), as `stc exercise new`, `check` and
`summary` do it; this module only keeps the folders and turns a student's form into the
answers file the library reads. Each exercise is a folder of the classes folder:

    <classes>/<exercise code>/student/    worksheet.md, worksheet.pdf, answers.yaml (as written
                                          by `stc exercise new`; the only files students get)
    <classes>/<exercise code>/teacher/    key.md, key.pdf, key.yaml, notes.md, and class.json
                                          (the title, the students' link token, settings)
    <classes>/<exercise code>/answers/    each answers file handed in, numbered

A student reaches an exercise only through its link token; student pages read only the
student/ folder and never load a key file's text into a page, except the feedback the library
writes when the teacher lets students see it."""

from __future__ import annotations

import datetime as dt
import hmac
import json
import re
import secrets
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import yaml

from stc.corpus import Corpus
from stc.exercise.document import Block, Entry, Heading
from stc.exercise.model import BurdenAnswer, OutcomeAnswer
from stc.exercise.roles import BANDS
from stc.exercise.worksheet import STUDENT_FILES
from stc.output import write_atomic
from stc.serve.security import Refused, inside

CLASS_FILE = "class.json"
ANSWERS = "answers"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_FOLDER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
OUTCOMES: tuple[str, ...] = get_args(OutcomeAnswer)
BURDENS: tuple[str, ...] = get_args(BurdenAnswer)


@dataclass(frozen=True)
class ClassInfo:
    id: str  # the folder's name: the exercise's code, with -2, -3 … for a second class
    folder: Path
    title: str
    token: str
    show_feedback: bool
    created: str

    @property
    def key_path(self) -> Path:
        return self.folder / "teacher" / "key.yaml"

    @property
    def answers(self) -> Path:
        return self.folder / ANSWERS


@dataclass(frozen=True)
class SheetElement:
    number: int
    title: str
    defeaters: list[tuple[str, str]]  # (name, the question it asks)
    issues: list[tuple[str, str]]  # (letter, title)


@dataclass(frozen=True)
class Sheet:
    """What a student sees: the worksheet, and the parts of the answer form. Built from the
    library's worksheet; it holds nothing of the key (no band, outcome or deciding finding)."""

    exercise: str
    title: str
    subtitle: str
    intro: list[Block]
    findings: list[Entry]
    elements: list[SheetElement]
    bands: tuple[str, ...] = BANDS
    outcomes: tuple[str, ...] = OUTCOMES
    burdens: tuple[str, ...] = BURDENS


def sheet_for(corpus: Corpus, info: ClassInfo) -> Sheet:
    from stc.exercise.model import load_key
    from stc.exercise.worksheet import worksheet_for

    study, document = worksheet_for(corpus, load_key(info.key_path))
    intro: list[Block] = []
    findings: list[Entry] = []
    for block in document.blocks:
        if isinstance(block, Entry) and block.head.startswith("Finding "):
            findings.append(block)
        elif not findings and not (isinstance(block, Heading) and block.text == "Findings"):
            intro.append(block)
    elements = [
        SheetElement(
            el.number,
            el.result.title,
            [
                (d.id, study.defeater_questions.get(d.id, study.defeater_titles.get(d.id, "")))
                for d in el.criterion.defeaters
            ],
            [(issue.letter, issue.result.title) for issue in el.issues],
        )
        for el in study.elements
    ]
    return Sheet(
        study.key.exercise, document.title, document.subtitle or "", intro, findings, elements
    )


def answers_from_form(sheet: Sheet, form: Any) -> dict[str, Any]:
    """The answers file (schema_version 2) for what the student chose and wrote. Values are
    kept as sent, so a value the form does not offer reaches the library's validator and is
    refused in its words."""

    def text(name: str) -> str:
        value = form.get(name, "")
        return value.replace("\r\n", "\n").strip() if isinstance(value, str) else ""

    def number(value: str) -> int | str:
        return int(value) if value.isdigit() else value

    findings = []
    for n in range(1, len(sheet.findings) + 1):
        entry: dict[str, Any] = {"finding": n, "band": text(f"f{n}_band") or None}
        if text(f"f{n}_note"):
            entry["note"] = text(f"f{n}_note")
        findings.append(entry)
    elements = []
    for el in sheet.elements:
        p = f"e{el.number}_"
        elements.append(
            {
                "element": el.number,
                "defeaters": [v for v in form.getlist(p + "defeaters") if isinstance(v, str)],
                "issues": [
                    {"issue": letter, "conclusion": text(f"{p}issue_{letter}") or None}
                    for letter, _ in el.issues
                ],
                "outcome": text(p + "outcome") or None,
                "burden": text(p + "burden") or None,
                "deciding": [number(v) for v in form.getlist(p + "deciding") if isinstance(v, str)],
                "notes": text(p + "notes") or None,
            }
        )
    return {
        "schema_version": 2,
        "student": text("student") or None,
        "exercise": sheet.exercise,
        "findings": findings,
        "elements": elements,
        "notes": text("notes") or None,
    }


def answers_yaml(answers: dict[str, Any]) -> str:
    head = "# stc exercise answers (schema_version 2), handed in through stc serve.\n"
    return head + yaml.safe_dump(answers, sort_keys=False, allow_unicode=True, width=100)


def form_values(answers: dict[str, Any]) -> dict[str, Any]:
    """The form's values for an answers dict (to show a refused form again, filled)."""
    values: dict[str, Any] = {"student": answers.get("student") or "", "notes": ""}
    values["notes"] = answers.get("notes") or ""
    for f in answers.get("findings", []):
        values[f"f{f['finding']}_band"] = f.get("band") or ""
        values[f"f{f['finding']}_note"] = f.get("note") or ""
    for e in answers.get("elements", []):
        p = f"e{e['element']}_"
        values[p + "defeaters"] = [str(d) for d in e.get("defeaters", [])]
        values[p + "deciding"] = [str(d) for d in e.get("deciding", [])]
        for i in e.get("issues", []):
            values[f"{p}issue_{i['issue']}"] = i.get("conclusion") or ""
        for name in ("outcome", "burden", "notes"):
            values[p + name] = e.get(name) or ""
    return values


@dataclass
class Classroom:
    """The classes folder (None: class mode is not available, e.g. on the installed data)."""

    root: Path | None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _sheets: dict[str, tuple[Corpus, Sheet]] = field(default_factory=dict)

    def folder(self) -> Path:
        if self.root is None:
            raise Refused(
                403,
                "Class mode needs a folder of your own to keep exercises and answers in. Start "
                "stc with your own data folder (stc init FOLDER, then stc serve --data FOLDER) "
                "or with stc serve --classes FOLDER.",
            )
        return self.root

    def _read(self, folder: Path) -> ClassInfo | None:
        meta = folder / "teacher" / CLASS_FILE
        if folder.is_symlink() or not meta.is_file():
            return None
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            return ClassInfo(
                folder.name,
                folder,
                str(data["title"]),
                str(data["token"]),
                bool(data.get("show_feedback", True)),
                str(data.get("created", "")),
            )
        except (ValueError, KeyError, TypeError):
            return None

    def exercises(self) -> list[ClassInfo]:
        if self.root is None or not self.root.is_dir():
            return []
        found = [self._read(p) for p in sorted(self.root.iterdir()) if _FOLDER.match(p.name)]
        return sorted((c for c in found if c), key=lambda c: (c.created, c.id), reverse=True)

    def get(self, class_id: str) -> ClassInfo:
        root = self.folder()
        if not _FOLDER.match(class_id):
            raise Refused(404, "There is no such exercise in the classes folder.")
        info = self._read(inside(root, class_id))
        if info is None:
            raise Refused(404, "There is no such exercise in the classes folder.")
        return info

    def by_token(self, token: str) -> ClassInfo:
        if _TOKEN.match(token):
            for info in self.exercises():
                if hmac.compare_digest(info.token, token):
                    return info
        raise Refused(
            404,
            "This exercise link is not known here. Check the link your teacher gave you.",
        )

    def create(self, corpus: Corpus, spec: Any, title: str, show_feedback: bool) -> ClassInfo:
        """Write the exercise with the library (as `stc exercise new -o`) into a new folder."""
        from stc.exercise.model import load_key
        from stc.exercise.worksheet import write_exercise

        root = self.folder()
        root.mkdir(parents=True, exist_ok=True)
        scratch = root / f".new-{secrets.token_hex(8)}"
        try:
            write_exercise(corpus, spec, scratch)
            key = load_key(scratch / "teacher" / "key.yaml")
            meta = {
                "title": title or f"Exercise {key.exercise}",
                "token": secrets.token_urlsafe(18),
                "show_feedback": show_feedback,
                "created": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
            }
            write_atomic(
                scratch / "teacher" / CLASS_FILE,
                json.dumps(meta, indent=1, ensure_ascii=False).encode("utf-8"),
            )
            (scratch / ANSWERS).mkdir()
            with self._lock:
                name, n = key.exercise, 1
                while (root / name).exists():
                    n += 1
                    name = f"{key.exercise}-{n}"
                scratch.rename(root / name)
        finally:
            if scratch.exists():
                shutil.rmtree(scratch)
        info = self._read(root / name)
        assert info is not None
        return info

    def sheet(self, corpus: Corpus, info: ClassInfo) -> Sheet:
        cached = self._sheets.get(info.id)
        if cached is not None and cached[0] is corpus:
            return cached[1]
        made = sheet_for(corpus, info)
        self._sheets[info.id] = (corpus, made)
        return made

    def student_file(self, info: ClassInfo, name: str) -> Path:
        """A file of the student folder; nothing else (the key is in another folder)."""
        if name not in STUDENT_FILES:
            raise Refused(404, "There is no such file for this exercise.")
        path = inside(info.folder, "student", name)
        if path.is_symlink() or not path.is_file():
            raise Refused(404, "There is no such file for this exercise.")
        return path

    def handed_in(self, info: ClassInfo) -> list[Path]:
        folder = info.answers
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("*.yaml") if p.is_file() and not p.is_symlink())

    def hand_in(self, info: ClassInfo, text: str, student: str) -> Path:
        slug = re.sub(r"[^a-z0-9]+", "-", student.lower()).strip("-")[:40] or "unnamed"
        info.answers.mkdir(exist_ok=True)
        with self._lock:
            n = len(self.handed_in(info)) + 1
            path = info.answers / f"{n:03d}-{slug}.yaml"
            while path.exists():
                n += 1
                path = info.answers / f"{n:03d}-{slug}.yaml"
            write_atomic(path, text.encode("utf-8"))
        return path

    def zip_student(self, info: ClassInfo) -> bytes:
        """The student folder as one file to hand out."""
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for name in STUDENT_FILES:
                path = self.student_file(info, name)
                z.writestr(f"{info.id}/{name}", path.read_bytes())
        return buffer.getvalue()


def submitted_label(path: Path) -> str:
    """How a handed-in file is named on a page: when it came, not where it is kept."""
    when = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"handed in {when}, no. {path.name.split('-', 1)[0].lstrip('0') or '0'}"
