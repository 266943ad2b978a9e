"""The pages of class mode.

Teacher's pages (`/class…`): make an exercise (the form of `stc exercise new`), hand students a
link or the student folder as one file, see each student's score with their notes and the class
summary (`stc exercise summary`), open each student's feedback (`stc exercise check`). When the
server listens beyond this computer, they open only with the teacher's link that `stc serve`
prints.

Student's pages (`/s/TOKEN…`): the worksheet with an answer form, the student folder's files,
and after handing in the library's feedback (if the teacher allows it) or a receipt. They read
nothing but the student folder, the exercise's worksheet and the student's own feedback."""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from stc.errors import DataErrors, UsageError
from stc.serve.classroom import (
    ClassInfo,
    Classroom,
    answers_from_form,
    answers_yaml,
    form_values,
    submitted_label,
)
from stc.serve.security import Refused, inside
from stc.serve.workspace import Workspace

TEACHER_COOKIE = "stc_teacher"
MEDIA = {
    "worksheet.md": "text/markdown; charset=utf-8",
    "worksheet.pdf": "application/pdf",
    "answers.yaml": "application/yaml; charset=utf-8",
}
TEACHER_MEDIA = {
    "key.pdf": "application/pdf",
    "key.md": "text/markdown; charset=utf-8",
    "notes.md": "text/markdown; charset=utf-8",
}
Render = Callable[..., tuple[str, int]]
Page = Callable[[Callable[[Request], Awaitable[Any]]], Callable[[Request], Awaitable[Response]]]


def _lines(exc: Exception, hide: dict[str, str]) -> list[str]:
    lines = (
        [f"error: {e}" for e in exc.errors] if isinstance(exc, DataErrors) else [f"error: {exc}"]
    )
    for path, words in hide.items():
        lines = [line.replace(path, words) for line in lines]
    return lines


def routes(
    ws: Workspace,
    classroom: Classroom,
    scratch: Path,
    teacher_token: str | None,
    render: Render,
    page: Page,
) -> list[Route]:
    def teacher(request: Request) -> Response | None:
        """None when the teacher may see the page; a redirect that sets the teacher's cookie
        when the teacher's link was followed; a refusal otherwise."""
        if teacher_token is None:
            return None
        given = request.query_params.get("teacher", "")
        if given and hmac.compare_digest(given, teacher_token):
            response = RedirectResponse(request.url.path, status_code=303)
            response.set_cookie(
                TEACHER_COOKIE, teacher_token, httponly=True, samesite="strict", path="/"
            )
            return response
        cookie = request.cookies.get(TEACHER_COOKIE, "")
        if cookie and hmac.compare_digest(cookie, teacher_token):
            return None
        raise Refused(
            403,
            "The teacher's pages open only with the teacher's link that stc printed when it "
            "started. Students use the link of their exercise.",
        )

    def choices() -> dict[str, Any]:
        corpus = ws.corpus()
        default = corpus.default_framework_id()
        order = sorted(corpus.framework_ids(), key=lambda f: (f != default, f))
        criteria = [
            (
                corpus.framework(fid).model.title,
                [
                    (c.id, c.title)
                    for c in corpus.framework(fid).model.criteria
                    if c.kind == "evidence"
                ],
            )
            for fid in order
        ]
        return {
            "countries": [(c, corpus.country(c).country.model.name) for c in ws.country_ids()],
            "frameworks": [(f, corpus.framework(f).model.title) for f in corpus.framework_ids()],
            "profiles": [(p, corpus.profile(p).model.label) for p in corpus.profile_ids()],
            "criteria": criteria,
        }

    def new_values(form: Any = None) -> dict[str, Any]:
        get = (lambda n, d="": str(form.get(n, d))) if form is not None else (lambda n, d="": d)
        return {
            "title": get("title"),
            "country": get("country"),
            "framework": get("framework"),
            "profile": get("profile"),
            "as_of": get("as_of", dt.date.today().isoformat()),
            "criteria": [str(v) for v in form.getlist("criteria")] if form is not None else [],
            "items": get("items", "12"),
            "pick": get("pick"),
            "show_feedback": get("show_feedback") if form is not None else "yes",
        }

    def class_home_page(
        request: Request, values: dict[str, Any], errors: list[str], status: int = 200
    ) -> tuple[str, int]:
        return render(
            request,
            "class_home.html",
            status,
            title="Class",
            classes=classroom.exercises(),
            available=classroom.root is not None,
            values=values,
            errors=errors,
            **choices(),
        )

    async def class_home(request: Request) -> Response | tuple[str, int]:
        gate = teacher(request)
        if gate is not None:
            return gate
        return class_home_page(request, new_values(), [])

    async def class_create(request: Request) -> Response | tuple[str, int]:
        from stc.commands.runtime import parse_date
        from stc.exercise.analysis import ExerciseSpec

        teacher(request)
        classroom.folder()
        form = await request.form()
        values = new_values(form)
        try:
            if values["country"]:
                ws.country(values["country"])
            if not values["country"] or not values["criteria"]:
                raise UsageError("choose a country and at least one element to set")
            items = values["items"].strip() or "12"
            if not items.isdigit() or not 6 <= int(items) <= 25:
                raise UsageError(f"--items {items!r}: give a whole number from 6 to 25")
            pick = [p.strip() for p in re.split(r"[,\s]+", values["pick"]) if p.strip()]
            spec = ExerciseSpec(
                values["country"],
                values["framework"] or None,
                parse_date(values["as_of"].strip() or None, "--as-of") or dt.date.today(),
                values["profile"] or None,
                list(dict.fromkeys(values["criteria"])),
                int(items),
                pick or None,
            )
            info = classroom.create(
                ws.corpus(), spec, values["title"].strip(), bool(values["show_feedback"])
            )
        except (DataErrors, UsageError, ValueError) as exc:
            return class_home_page(request, values, _lines(exc, {}), 400)
        return RedirectResponse(f"/class/{info.id}?made=1", status_code=303)

    def graded(info: ClassInfo) -> tuple[list[Any], list[Path], list[str]]:
        from stc.exercise.check import feedbacks

        paths = classroom.handed_in(info)
        if not paths:
            return [], [], []
        names = [submitted_label(p) for p in paths]
        try:
            return feedbacks(ws.corpus(), info.key_path, paths, names), paths, []
        except (DataErrors, UsageError) as exc:
            return [], paths, _lines(exc, {str(info.folder) + "/": ""})

    async def class_page(request: Request) -> Response | tuple[str, int]:
        from stc.exercise.summary import render_summary

        gate = teacher(request)
        if gate is not None:
            return gate
        info = classroom.get(request.path_params["cid"])
        fbs, paths, errors = graded(info)
        rows = [
            {
                "n": n,
                "student": fb.student or "(no name given)",
                "when": fb.source,
                "score": fb.score,
                "notes": fb.notes,
                "element_notes": fb.element_notes,
            }
            for n, fb in enumerate(fbs, start=1)
        ]
        link = str(request.base_url).rstrip("/") + f"/s/{info.token}"
        return render(
            request,
            "class_teacher.html",
            title=info.title,
            info=info,
            link=link,
            rows=rows,
            handed=len(paths),
            summary=render_summary(fbs) if fbs else "",
            errors=errors,
            made=bool(request.query_params.get("made")),
        )

    async def class_feedback(request: Request) -> Response | tuple[str, int]:
        from stc.exercise.grading import render as render_feedback

        gate = teacher(request)
        if gate is not None:
            return gate
        info = classroom.get(request.path_params["cid"])
        fbs, _, errors = graded(info)
        n = request.path_params["n"]
        if errors:
            return render(request, "error.html", 400, title="Bad request", lines=errors)
        if not n.isdigit() or not 1 <= int(n) <= len(fbs):
            raise Refused(404, "There is no such answers file for this exercise.")
        fb = fbs[int(n) - 1]
        return render(
            request,
            "class_feedback.html",
            title=f"Feedback for {fb.student or 'an unnamed student'}",
            info=info,
            feedback=render_feedback(fb),
            back=f"/class/{info.id}",
        )

    async def class_file(request: Request) -> Response:
        gate = teacher(request)
        if gate is not None:
            return gate
        info = classroom.get(request.path_params["cid"])
        name = request.path_params["name"]
        if name == "student.zip":
            body, media = classroom.zip_student(info), "application/zip"
            filename = f"{info.id}-student.zip"
        else:
            body, media = classroom.student_file(info, name).read_bytes(), MEDIA[name]
            filename = name
        return Response(
            body,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    async def teacher_file(request: Request) -> Response:
        """The key (PDF, Markdown) and the teacher's notes: on the teacher's pages only."""
        gate = teacher(request)
        if gate is not None:
            return gate
        info = classroom.get(request.path_params["cid"])
        name = request.path_params["name"]
        if name not in TEACHER_MEDIA:
            raise Refused(404, "There is no such file for this exercise.")
        path = inside(info.folder, "teacher", name)
        if path.is_symlink() or not path.is_file():
            raise Refused(404, "There is no such file for this exercise.")
        return Response(
            path.read_bytes(),
            media_type=TEACHER_MEDIA[name],
            headers={"Content-Disposition": f'attachment; filename="{info.id}-{name}"'},
        )

    # -- students -----------------------------------------------------------------------

    def student_page(
        request: Request,
        info: ClassInfo,
        values: dict[str, Any],
        errors: list[str],
        status: int = 200,
    ) -> tuple[str, int]:
        sheet = classroom.sheet(ws.corpus(), info)
        return render(
            request,
            "class_student.html",
            status,
            title=sheet.title,
            info=info,
            sheet=sheet,
            values=values,
            errors=errors,
            nav="/s/",
        )

    async def student_get(request: Request) -> tuple[str, int]:
        info = classroom.by_token(request.path_params["token"])
        return student_page(request, info, {}, [])

    async def student_post(request: Request) -> Response | tuple[str, int]:
        from stc.exercise.check import feedbacks
        from stc.exercise.grading import render as render_feedback
        from stc.exercise.model import load_answers, load_key
        from stc.output import write_atomic

        info = classroom.by_token(request.path_params["token"])
        sheet = classroom.sheet(ws.corpus(), info)
        form = await request.form()
        answers = answers_from_form(sheet, form)
        text = answers_yaml(answers)
        trial = scratch / f"answers-{secrets.token_hex(8)}.yaml"
        write_atomic(trial, text.encode("utf-8"))
        try:
            load_answers(trial, load_key(info.key_path))
        except (DataErrors, UsageError) as exc:
            lines = _lines(exc, {str(trial): "your answers"})
            return student_page(request, info, form_values(answers), lines, 400)
        finally:
            trial.unlink(missing_ok=True)
        saved = classroom.hand_in(info, text, answers.get("student") or "")
        label = submitted_label(saved)
        shown = ""
        if info.show_feedback:
            fb = feedbacks(ws.corpus(), info.key_path, [saved], [label])[0]
            shown = render_feedback(fb)
        return render(
            request,
            "class_handed_in.html",
            title="Handed in",
            info=info,
            student=answers.get("student") or "",
            label=label,
            feedback=shown,
            nav="/s/",
        )

    async def student_file(request: Request) -> Response:
        info = classroom.by_token(request.path_params["token"])
        name = request.path_params["name"]
        path = classroom.student_file(info, name)
        return Response(
            path.read_bytes(),
            media_type=MEDIA[name],
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    return [
        Route("/class", page(class_home)),
        Route("/class/new", page(class_create), methods=["POST"]),
        Route("/class/{cid}", page(class_page)),
        Route("/class/{cid}/feedback/{n}", page(class_feedback)),
        Route("/class/{cid}/file/{name}", page(class_file)),
        Route("/class/{cid}/teacher/{name}", page(teacher_file)),
        Route("/s/{token}", page(student_get)),
        Route("/s/{token}", page(student_post), methods=["POST"]),
        Route("/s/{token}/file/{name}", page(student_file)),
    ]
