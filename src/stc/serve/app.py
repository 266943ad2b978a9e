"""The web application of `stc serve`: pages over the same engine and renderers as the command
line. Reading pages are GET forms (their address is the question asked, so it can be bookmarked
and a download repeats it exactly); every change is a POST form with a CSRF token.

Pages whose body is a document an existing renderer makes (the HTML report, the heat map, the
timeline) are that document with the application's bar inserted after its <body> tag, so what
is seen is what the command writes."""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from stc.errors import DataErrors, UsageError
from stc.models.common import SourceKind
from stc.scoring import LEVELS as SCORING_LEVELS
from stc.serve import security
from stc.serve.forms import (
    FORMS,
    EntryForm,
    entry_from_form,
    field_for_error,
    form_from_entry,
)
from stc.serve.security import Refused
from stc.serve.workspace import Workspace

STATIC = Path(__file__).resolve().parent / "static"
STATIC_FILES = {"serve.css": "text/css", "serve.js": "text/javascript"}
DRAFTS = ".stc-drafts"
CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "connect-src 'self'"
)
DOWNLOADS = {
    "json": ("application/json", "json"),
    "markdown": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}
LEVELS = tuple(level for level in SCORING_LEVELS if level != "none")
SOURCE_KINDS = get_args(SourceKind)
PERSON_FIELDS = (
    "p_label",
    "p_nationality",
    "p_stateless",
    "p_residence",
    "p_age",
    "p_unaccompanied",
    "p_arrival",
    "p_description",
)
Handler = Callable[[Request], Awaitable[Response]]


@dataclass
class Config:
    workspace: Workspace
    allowed_hosts: frozenset[str]
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    scratch: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="stc-serve-")))
    classes: Path | None = None  # the classes folder of class mode; None: not available
    teacher_token: str | None = None  # set when others can connect: the teacher's pages need it


# ------------------------------------------------------------------------------ helpers


def _templates() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("stc.serve", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _session(request: Request) -> tuple[str, bool]:
    existing = request.cookies.get(security.SESSION_COOKIE)
    if existing and re.fullmatch(r"[A-Za-z0-9_-]{20,100}", existing):
        return existing, False
    return security.new_session(), True


def _harden(response: Response, session: str, fresh: bool) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cache-Control"] = "no-store"
    if fresh:
        response.set_cookie(
            security.SESSION_COOKIE, session, httponly=True, samesite="strict", path="/"
        )
    return response


def inject(document: str, bar: str, script: bool = False) -> str:
    """A renderer's whole page with the application's stylesheet and bar added (and its script,
    where the page's own words do not promise a page without one)."""
    head = '<link rel="stylesheet" href="/static/serve.css">\n</head>'
    document = document.replace("</head>", head, 1)
    match = re.search(r"<body[^>]*>", document)
    if match is None:
        return bar + document
    at = match.end()
    page = document[:at] + "\n" + bar + document[at:]
    if not script:
        return page
    return page.replace("</body>", '<script src="/static/serve.js" defer></script>\n</body>', 1)


def _date(value: str, name: str) -> dt.date | None:
    from stc.commands.runtime import parse_date

    return parse_date(value.strip() or None, name)


@dataclass
class Query:
    """What a reading page was asked: the values of its GET form, checked."""

    country: str = ""
    framework: str = ""
    profile: str = ""
    as_of: str = ""
    known_by: str = ""
    settings_lines: list[str] = field(default_factory=list)
    person: dict[str, str] = field(default_factory=dict)
    person_groups: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    exclude_kinds: list[str] = field(default_factory=list)

    def as_of_date(self) -> dt.date:
        return _date(self.as_of, "--as-of") or dt.date.today()

    def known_by_date(self) -> dt.date | None:
        return _date(self.known_by, "--known-by")

    def settings(self) -> dict[str, str]:
        from stc.whatif import parse_settings

        return parse_settings(self.settings_lines)


WHATIF_FIELDS = ("standard", "burden", "defeater_support", "half_life_days", "interest_discount")


def read_query(request: Request, ws: Workspace) -> Query:
    p = request.query_params
    q = Query(
        country=p.get("country", ""),
        framework=p.get("framework", ""),
        profile=p.get("profile", ""),
        as_of=p.get("as_of", "") or dt.date.today().isoformat(),
        known_by=p.get("known_by", ""),
    )
    if q.country:
        ws.country(q.country)
    if q.framework:
        ws.framework(q.framework)
    if q.profile and q.profile != "person":
        ws.profile(q.profile)
    for name in WHATIF_FIELDS:
        value = p.get(name, "").strip()
        q.extra[name] = value
        if value:
            q.settings_lines.append(f"{name}={value}")
    q.exclude_kinds = [k for k in p.getlist("exclude_kinds") if k in SOURCE_KINDS]
    if q.exclude_kinds:
        q.settings_lines.append("exclude_kinds=" + ",".join(q.exclude_kinds))
    more = p.get("more", "")
    q.extra["more"] = more
    q.settings_lines += [line.strip() for line in more.splitlines() if line.strip()]
    for name in ("samples", "seed", "vary_standards", "frameworks", "every", "from"):
        q.extra[name] = p.get(name, "")
    q.person = {name: p.get(name, "") for name in PERSON_FIELDS}
    q.person_groups = p.getlist("p_groups")
    return q


def person_profile(q: Query, scratch: Path) -> Path:
    """The person described in the form, as a profile file in the server's own scratch folder
    (never in the workspace)."""
    import yaml

    data: dict[str, Any] = {
        "schema_version": 1,
        "id": "described-person",
        "label": q.person.get("p_label", "").strip() or "The person described in the form",
    }
    if q.person.get("p_description", "").strip():
        data["description"] = q.person["p_description"].strip()
    nationality = [
        n.strip().upper() for n in re.split(r"[,\s]+", q.person.get("p_nationality", "")) if n
    ]
    data["nationality"] = nationality
    if q.person.get("p_stateless"):
        data["stateless"] = True
    if q.person.get("p_residence", "").strip():
        data["last_habitual_residence"] = q.person["p_residence"].strip().upper()
    age = q.person.get("p_age", "").strip()
    if age:
        data["age"] = int(age) if age.isdigit() else age
    unaccompanied = q.person.get("p_unaccompanied", "")
    if unaccompanied in ("yes", "no"):
        data["unaccompanied_child"] = unaccompanied == "yes"
    if q.person_groups:
        data["groups"] = list(q.person_groups)
    arrival = q.person.get("p_arrival", "").strip()
    if arrival:
        data["arrival_date"] = _date(arrival, "arrival date") or arrival
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path = scratch / f"person-{security.csrf_token(b'person', text)[:16]}.yaml"
    if not path.exists():
        path.write_text(text, encoding="utf-8")
    return path


def _profile_ref(q: Query, cfg: Config) -> str | None:
    if q.profile == "person":
        return str(person_profile(q, cfg.scratch))
    return q.profile or None


def _friendly(lines: list[str], cfg: Config) -> list[str]:
    """Error lines with the scratch folder's path replaced by words."""
    scratch = str(cfg.scratch)
    return [
        re.sub(re.escape(scratch) + r"/person-[0-9a-f]+\.yaml", "the person form", x) for x in lines
    ]


def _error_lines(exc: Exception) -> list[str]:
    if isinstance(exc, DataErrors):
        return [f"error: {e}" for e in exc.errors]
    return [f"error: {exc}"]


SHARED = "shared-sources"  # the address of the shared sources (countries/sources.yaml)


@dataclass(frozen=True)
class Target:
    """Which file a form edits: a country's own file, or the shared sources (country None)."""

    country: str | None
    name: str  # in words, for headings
    back: str  # the list page
    action: str  # where the form is sent

    @property
    def key(self) -> str:
        return self.country or "_shared"


# ------------------------------------------------------------------------------ the app


def build_app(cfg: Config) -> Starlette:
    env = _templates()
    ws = cfg.workspace

    def render(
        request: Request, template: str, status: int = 200, **context: Any
    ) -> tuple[str, int]:
        session = request.state.session
        context.setdefault("nav", request.url.path)
        text = env.get_template(template).render(
            csrf=security.csrf_token(cfg.secret, session),
            workspace=ws,
            **context,
        )
        return text, status

    def page(handler: Callable[[Request], Awaitable[Response | tuple[str, int]]]) -> Handler:
        async def run(request: Request) -> Response:
            session, fresh = _session(request)
            request.state.session = session
            try:
                security.check_host(request.headers.get("host"), cfg.allowed_hosts)
                if request.method == "POST":
                    security.check_origin(
                        request.headers.get("origin"),
                        request.headers.get("referer"),
                        cfg.allowed_hosts,
                    )
                    form = await request.form()
                    token = form.get(security.CSRF_FIELD)
                    security.check_csrf(
                        cfg.secret,
                        request.cookies.get(security.SESSION_COOKIE),
                        token if isinstance(token, str) else None,
                    )
                result = await handler(request)
            except Refused as exc:
                text, status = render(
                    request,
                    "error.html",
                    exc.status,
                    title=_TITLES[exc.status],
                    lines=[exc.message],
                )
                result = HTMLResponse(text, status)
            if isinstance(result, tuple):
                result = HTMLResponse(result[0], result[1])
            return _harden(result, session, fresh)

        return run

    def bar(request: Request, template: str, **context: Any) -> str:
        return render(request, template, **context)[0]

    def choices() -> dict[str, Any]:
        corpus = ws.corpus()
        return {
            "countries": [(c, corpus.country(c).country.model.name) for c in ws.country_ids()],
            "frameworks": [(f, corpus.framework(f).model.title) for f in corpus.framework_ids()],
            "profiles": [(p, corpus.profile(p).model.label) for p in corpus.profile_ids()],
            "groups": [(g.id, g.title) for g in corpus.vocabulary.model.groups],
            "levels": LEVELS,
            "kinds": SOURCE_KINDS,
        }

    async def home(request: Request) -> tuple[str, int]:
        return render(request, "home.html", title="stc", **choices())

    # -- assess -------------------------------------------------------------------------

    async def assess_page(request: Request) -> Response | tuple[str, int]:
        q = read_query(request, ws)
        ctx = choices()
        corpus = ws.corpus()
        fw_id = q.framework or corpus.default_framework_id()
        standards = [s.id for s in corpus.framework(fw_id).model.proof_standards]
        common = {"q": q, "standards": standards, "title": "Assess", **ctx}
        if not q.country:
            return render(request, "assess.html", **common, errors=[], query="")
        try:
            from stc.assessment import assess
            from stc.render.assessment_formats import render_assessment

            settings = q.settings()
            result = assess(
                corpus,
                q.country,
                q.framework or None,
                _profile_ref(q, cfg),
                q.as_of_date(),
                settings,
                q.known_by_date(),
            )
            document = render_assessment(
                result, "html", corpus, q.framework or None, settings, _profile_ref(q, cfg)
            )
        except (DataErrors, UsageError, ValueError) as exc:
            lines = _friendly(_error_lines(exc), cfg)
            return render(request, "assess.html", 400, **common, errors=lines, query="")
        query = request.url.query
        top = bar(request, "assess_bar.html", **common, errors=[], query=query, result=result)
        return HTMLResponse(inject(document, top, script=True))

    async def download(request: Request) -> Response | tuple[str, int]:
        fmt = request.path_params["fmt"]
        if fmt not in DOWNLOADS:
            raise Refused(404, f"There is no download format {fmt!r}.")
        q = read_query(request, ws)
        if not q.country:
            raise Refused(400, "Choose a country first.")
        try:
            body = make_download(cfg, q, fmt)
        except (DataErrors, UsageError, ValueError) as exc:
            lines = _friendly(_error_lines(exc), cfg)
            return render(request, "error.html", 400, title="Bad request", lines=lines)
        media, ext = DOWNLOADS[fmt]
        name = f"{q.country}-{q.as_of_date().isoformat()}.{ext}"
        return Response(
            body,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    # -- compare, sensitivity, timeline -------------------------------------------------

    async def compare_page(request: Request) -> Response | tuple[str, int]:
        from stc.analysis.compare import comparison_heatmap

        q = read_query(request, ws)
        common = {"q": q, "title": "Compare", **choices()}
        frameworks = q.extra["frameworks"]
        wanted = ["all"] if frameworks == "all" else ([q.framework] if q.framework else None)
        try:
            corpus = ws.corpus()
            document = comparison_heatmap(
                corpus,
                ws.country_ids(),
                wanted,
                q.as_of_date(),
                _profile_ref(q, cfg),
                q.settings(),
                q.known_by_date(),
            )
        except (DataErrors, UsageError, ValueError) as exc:
            lines = _friendly(_error_lines(exc), cfg)
            return render(request, "compare.html", 400, **common, errors=lines)
        return HTMLResponse(inject(document, bar(request, "compare_bar.html", **common, errors=[])))

    async def sensitivity_page(request: Request) -> Response | tuple[str, int]:
        q = read_query(request, ws)
        common = {"q": q, "title": "Sensitivity", **choices()}
        if not q.country:
            return render(request, "sensitivity.html", **common, errors=[], text="")
        try:
            from stc.analysis.sensitivity import SensitivityRanges, analyse
            from stc.render.plain_text import renderables_text
            from stc.render.robustness import sensitivity_tables

            samples = _bounded(q.extra["samples"] or "200", "samples", 1, 5000)
            seed = _bounded(q.extra["seed"] or "0", "seed", 0, 2**31)
            result = analyse(
                ws.corpus(),
                q.country,
                q.framework or None,
                _profile_ref(q, cfg),
                q.as_of_date(),
                q.settings(),
                samples,
                seed,
                SensitivityRanges(vary_standards=bool(q.extra["vary_standards"])),
            )
            text = renderables_text(sensitivity_tables(result), 140)
        except (DataErrors, UsageError, ValueError) as exc:
            lines = _friendly(_error_lines(exc), cfg)
            return render(request, "sensitivity.html", 400, **common, errors=lines, text="")
        return render(request, "sensitivity.html", **common, errors=[], text=text)

    async def timeline_page(request: Request) -> Response | tuple[str, int]:
        q = read_query(request, ws)
        common = {"q": q, "title": "Timeline", **choices()}
        if not q.country:
            return render(request, "timeline.html", **common, errors=[])
        try:
            from stc.analysis.timeline import build_timeline
            from stc.render.timeline_html import render_timeline_html

            start = _date(q.extra["from"], "--from")
            end = q.as_of_date()
            if start is not None and start > end:
                raise UsageError(
                    f"--from {start.isoformat()} is after the as-of date {end.isoformat()}"
                )
            t = build_timeline(
                ws.corpus(),
                q.country,
                q.framework or None,
                _profile_ref(q, cfg),
                end,
                start,
                q.settings(),
            )
            document = render_timeline_html(t, bool(q.extra["every"]))
        except (DataErrors, UsageError, ValueError) as exc:
            lines = _friendly(_error_lines(exc), cfg)
            return render(request, "timeline.html", 400, **common, errors=lines)
        return HTMLResponse(
            inject(document, bar(request, "timeline_bar.html", **common, errors=[]))
        )

    # -- evidence workspace -------------------------------------------------------------

    async def evidence_home(request: Request) -> tuple[str, int]:
        return render(request, "evidence.html", title="Evidence", **choices())

    async def evidence_country(request: Request) -> tuple[str, int]:
        cid = ws.country(request.path_params["country"])
        bundle = ws.corpus().country(cid)
        return render(
            request,
            "evidence_country.html",
            title=bundle.country.model.name,
            country=cid,
            name=bundle.country.model.name,
            items=bundle.evidence.model.items,
            sources=bundle.bibliography.model.sources,
            saved=request.query_params.get("saved", ""),
            was=request.query_params.get("was", ""),
        )

    def country_target(cid: str, form: EntryForm) -> Target:
        name = ws.corpus().country(cid).country.model.name
        return Target(cid, name, f"/evidence/{cid}", f"/evidence/{cid}/{form.kind}")

    def shared_target() -> Target:
        return Target(None, "all countries (shared sources)", f"/{SHARED}", f"/{SHARED}")

    def _entry_file(target: Target, form: EntryForm) -> Path:
        if target.country is None:
            return ws.shared_file()
        return ws.file(target.country, form.file_name)

    def _draft_path(target: Target, kind: str, eid: str) -> Path:
        key = re.sub(r"[^A-Za-z0-9._-]", "_", f"{target.key}--{kind}--{eid or 'new'}")
        return ws.root / DRAFTS / f"{key}.json"

    def form_page(
        request: Request,
        target: Target,
        form: EntryForm,
        values: dict[str, str],
        index: str,
        base: str,
        status: int = 200,
        original: str = "",
        **extra: Any,
    ) -> tuple[str, int]:
        vocab = ws.corpus().vocabulary.model
        options: dict[str, list[tuple[str, str]]] = {}
        if target.country is not None and form.kind == "item":
            bundle = ws.corpus().country(target.country)
            options["source"] = [("", "— choose —")] + [
                (k, e.source.title) for k, e in bundle.sources.items()
            ]
        extra.setdefault("by_field", {})
        extra.setdefault("general", [])
        extra.setdefault("warnings", [])
        extra.setdefault("diff", "")
        extra.setdefault("changes", [])
        extra.setdefault("message", "")
        extra.setdefault("no_changes", "")
        draft = _draft_path(target, form.kind, original if index else "")
        kind_words = "evidence item" if form.kind == "item" else "source"
        return render(
            request,
            "entry_form.html",
            status,
            title=f"{'Edit' if index else 'Add'} {kind_words}",
            target=target,
            name=target.name,
            form=form,
            values=values,
            index=index,
            base=base,
            options=options,
            indicators=[i.id for i in vocab.indicators],
            group_ids=[g.id for g in vocab.groups],
            draft_key=f"{target.key}/{form.kind}/{original if index else 'new'}",
            original=original,
            server_draft=request.method == "GET"
            and draft.is_file()
            and not request.query_params.get("draft"),
            **extra,
        )

    def _form_of(request: Request) -> EntryForm:
        form = FORMS.get(request.path_params.get("kind", "source"))
        if form is None:
            raise Refused(404, "No such page.")
        return form

    async def entry_get(request: Request) -> tuple[str, int]:
        form = _form_of(request)
        cid = ws.country(request.path_params["country"])
        return entry_form_get(request, country_target(cid, form), form)

    async def shared_get(request: Request) -> tuple[str, int]:
        return entry_form_get(request, shared_target(), FORMS["source"])

    def entry_form_get(request: Request, target: Target, form: EntryForm) -> tuple[str, int]:
        from stc.serve.editing import digest, read_entries

        path = _entry_file(target, form)
        raw = path.read_bytes()
        eid = request.path_params.get("eid", "")
        values = {f.name: "" for f in form.fields}
        index = ""
        if form.kind == "item":
            values["verification"] = "V1"
            values["about"] = "general"
        if eid:
            entries = read_entries(raw.decode("utf-8"), form.list_key)
            found = [n for n, e in enumerate(entries) if str(e.get("id")) == eid]
            if not found:
                where = "the shared sources" if target.country is None else "this country's file"
                raise Refused(404, f"There is no entry {eid!r} in {where}.")
            index = str(found[0])
            values = form_from_entry(form, entries[found[0]])
        if request.query_params.get("draft"):
            draft = _draft_path(target, form.kind, eid)
            if draft.is_file():
                saved = json.loads(draft.read_text(encoding="utf-8"))
                values = {f.name: str(saved.get(f.name, "")) for f in form.fields}
        return form_page(request, target, form, values, index, digest(raw), original=eid)

    async def entry_post(request: Request) -> Response | tuple[str, int]:
        form = _form_of(request)
        cid = ws.country(request.path_params["country"])
        return await entry_form_post(request, country_target(cid, form), form)

    async def shared_post(request: Request) -> Response | tuple[str, int]:
        return await entry_form_post(request, shared_target(), FORMS["source"])

    async def entry_form_post(
        request: Request, target: Target, form: EntryForm
    ) -> Response | tuple[str, int]:
        from stc.serve import editing

        path = _entry_file(target, form)
        posted = await request.form()
        values = {f.name: str(posted.get(f.name, "")) for f in form.fields}
        index = str(posted.get("index", ""))
        base = str(posted.get("base", ""))
        action = str(posted.get("action", "check"))
        text = path.read_text(encoding="utf-8")
        entries = editing.read_entries(text, form.list_key)
        original_id = str(posted.get("original_id", ""))
        position: int | None = None
        if index:
            if not index.isdigit() or int(index) >= len(entries):
                raise Refused(400, "The entry being edited is no longer in the file; reload.")
            position = int(index)
        draft = _draft_path(target, form.kind, original_id if index else "")
        draft.parent.mkdir(parents=True, exist_ok=True)
        draft.write_text(json.dumps(values, ensure_ascii=False, indent=1), encoding="utf-8")
        entry = entry_from_form(form, values)

        def again(status: int, **context: Any) -> tuple[str, int]:
            return form_page(
                request, target, form, values, index, base, status, original_id, **context
            )

        try:
            spliced = editing.splice(text, form.list_key, entry, position)
            checked, overlay = editing.check_proposal(
                ws.root,
                path,
                spliced.text,
                spliced.lines,
                lambda name: field_for_error(form, name),
            )
        except UsageError as exc:
            return again(400, general=[f"error: {exc}"])
        changes: list[tuple[str, str, str]] = []
        no_changes = ""
        if checked.ok:
            try:
                today = dt.date.today()
                if target.country is not None:
                    changes = editing.outcome_changes(ws.corpus(), overlay, target.country, today)
                else:
                    sid = str(entry.get("id", ""))
                    changes = editing.shared_outcome_changes(ws.corpus(), overlay, sid, today)
                    if not changes:
                        no_changes = "No country’s evidence cites this source yet."
            except (DataErrors, UsageError) as exc:
                checked.general += _error_lines(exc)
        context = {
            "by_field": checked.by_field,
            "general": checked.general,
            "warnings": checked.warnings,
            "diff": checked.diff,
            "changes": changes,
            "no_changes": no_changes,
        }
        if action != "save" or not checked.ok:
            status = 200 if checked.ok else 400
            return again(status, **context)
        try:
            editing.save(ws.root, path, checked.new_text, base)
        except UsageError as exc:
            return again(409, **{**context, "general": [str(exc)]})
        draft.unlink(missing_ok=True)
        from urllib.parse import urlencode

        was = f"{target.key}/{form.kind}/{original_id if index else 'new'}"
        query = urlencode({"saved": str(entry.get("id", "")), "was": was})
        return RedirectResponse(f"{target.back}?{query}", status_code=303)

    async def shared_home(request: Request) -> tuple[str, int]:
        shared = ws.corpus().shared_sources
        return render(
            request,
            "shared_sources.html",
            title="Shared sources",
            sources=shared.model.sources if shared else [],
            exists=shared is not None,
            saved=request.query_params.get("saved", ""),
            was=request.query_params.get("was", ""),
        )

    # -- static and errors --------------------------------------------------------------

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC_FILES:
            raise HTTPException(404)
        body = (STATIC / name).read_bytes()
        return _harden(Response(body, media_type=STATIC_FILES[name]), "", False)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        return _error_response(status, [_DEFAULT.get(status, "Error.")])

    async def server_error(request: Request, exc: Exception) -> Response:
        return _error_response(
            500,
            [
                "Something went wrong on this server while making the page. Nothing you typed "
                "was written to your files; go back and try again. The command line gives the "
                "same result with its own message."
            ],
        )

    def _error_response(status: int, lines: list[str]) -> Response:
        text = env.get_template("error.html").render(
            title=_TITLES.get(status, "Error"),
            lines=lines,
            csrf="",
            workspace=ws,
            nav="",
        )
        return _harden(HTMLResponse(text, status), "", False)

    routes = [
        Route("/", page(home)),
        Route("/assess", page(assess_page)),
        Route("/download/{fmt}", page(download)),
        Route("/compare", page(compare_page)),
        Route("/sensitivity", page(sensitivity_page)),
        Route("/timeline", page(timeline_page)),
        Route("/evidence", page(evidence_home)),
        Route("/evidence/{country}", page(evidence_country)),
        Route("/evidence/{country}/{kind}/new", page(entry_get)),
        Route("/evidence/{country}/{kind}/edit/{eid}", page(entry_get)),
        Route("/evidence/{country}/{kind}", page(entry_post), methods=["POST"]),
        Route(f"/{SHARED}", page(shared_home)),
        Route(f"/{SHARED}", page(shared_post), methods=["POST"]),
        Route(f"/{SHARED}/new", page(shared_get)),
        Route(f"/{SHARED}/edit/{{eid}}", page(shared_get)),
        Route("/static/{name}", static),
    ]
    from stc.serve import class_pages
    from stc.serve.classroom import Classroom

    routes[-1:-1] = class_pages.routes(
        ws, Classroom(cfg.classes), cfg.scratch, cfg.teacher_token, render, page
    )
    return Starlette(
        routes=routes,
        exception_handlers={
            HTTPException: http_error,
            404: http_error,
            405: http_error,
            Exception: server_error,
            500: server_error,
        },
    )


_TITLES = {
    400: "Bad request",
    403: "Refused",
    404: "Not found",
    405: "Not allowed",
    409: "Changed elsewhere",
    500: "Server error",
}
_DEFAULT = {
    400: "The request could not be understood.",
    404: "There is no such page here. Use the links above.",
    405: "This address does not take that kind of request.",
}


def _bounded(value: str, name: str, low: int, high: int) -> int:
    if not value.strip().isdigit() or not low <= int(value) <= high:
        raise UsageError(f"{name} {value!r}: give a whole number from {low} to {high}")
    return int(value)


def make_download(cfg: Config, q: Query, fmt: str) -> bytes:
    """The file the command line writes for the same question, byte for byte: `stc assess
    --format json|markdown|html -o`, `stc exhibit -o` (one part) or `stc compare COUNTRY
    --format csv -o`."""
    ws = cfg.workspace
    corpus = ws.corpus()
    settings = q.settings()
    profile = _profile_ref(q, cfg)
    framework = q.framework or None
    if fmt == "pdf":
        from stc.exhibit import exhibit_document
        from stc.forums import FORUM_IDS
        from stc.render.pdf import render_pdf

        doc = exhibit_document(
            corpus, q.country, framework, profile, q.as_of_date(), FORUM_IDS[0], {}, settings
        )
        return render_pdf(doc)
    if fmt == "csv":
        from stc.analysis.compare import compare, to_csv

        cmp = compare(
            corpus,
            [q.country],
            [framework] if framework else None,
            q.as_of_date(),
            profile,
            settings,
            q.known_by_date(),
        )
        return to_csv(cmp).encode("utf-8")
    from stc.assessment import assess
    from stc.render.assessment_formats import render_assessment

    result = assess(
        corpus, q.country, framework, profile, q.as_of_date(), settings, q.known_by_date()
    )
    chosen = "markdown" if fmt == "markdown" else fmt
    return render_assessment(result, chosen, corpus, framework, settings, profile).encode("utf-8")  # type: ignore[arg-type]
