"""The `stc` command line: thin wrappers that parse options, call the library, render output."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from stc.corpus import Corpus

app = typer.Typer(
    name="stc",
    help=(
        'Assess whether a country meets the statutory requirements for a "safe third country" '
        "under INA § 208(a)(2)(A), 8 U.S.C. § 1158(a)(2)(A), with the reasons and citations shown.\n\n"
        "Exit codes: 0 ok; 1 a check failed (validate --strict); 2 bad input or usage."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

T = TypeVar("T")

DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Data folder (criteria/, countries/, profiles/). Default: $STC_DATA, else the data shipped with stc.",
        show_default=False,
    ),
]
FrameworkOpt = Annotated[
    str | None,
    typer.Option(
        "--framework",
        "-f",
        help="Framework id (a file in criteria/). Default: the US statute.",
        show_default=False,
    ),
]
ProfileOpt = Annotated[
    str | None,
    typer.Option(
        "--profile",
        "-p",
        help="Applicant profile: a YAML file or a profile id from profiles/.",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="The date whose situation is assessed (YYYY-MM-DD): the law and agreements in force then, evidence about periods up to then. Default: today.",
        show_default=False,
    ),
]
KnownByOpt = Annotated[
    str | None,
    typer.Option(
        "--known-by",
        help="Take evidence published up to this date (YYYY-MM-DD), e.g. to assess 2020 on everything published since. Default: the as-of date.",
        show_default=False,
    ),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help=(
            "What-if: change a model setting for this run, recorded in the report. Repeatable. "
            "standard=ID, standard.CRITERION=ID, burden=proponent|opponent, burden.CRITERION=…, "
            "min_support.STANDARD=LEVEL, defeater_support=LEVEL, half_life_days=N, interest_discount=X, "
            "source_kind.KIND=X, reliability.GRADE=X, credibility.N=X, exclude_kinds=KIND,KIND."
        ),
        show_default=False,
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of standard output.",
        show_default=False,
    ),
]


class AssessFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


class CompareFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"
    html = "html"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


def _fail(lines: list[str]) -> None:
    for line in lines:
        sys.stderr.write(line + "\n")
    raise typer.Exit(2)


def guarded(action: Callable[[], T]) -> T:
    """Run a command body; bad input ends with exit 2 and messages, never a traceback."""
    from stc.errors import DataErrors, UsageError

    try:
        return action()
    except DataErrors as exc:
        _fail([str(e) for e in exc.errors] + [f"{len(exc.errors)} error(s); nothing was written."])
    except UsageError as exc:
        _fail([f"error: {exc}"])
    except OSError as exc:
        _fail([f"error: {exc.filename or ''}: {exc.strerror}"])
    raise AssertionError("unreachable")


def _as_of(value: str | None) -> dt.date | None:
    from stc.errors import UsageError

    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise UsageError(f"--as-of {value!r}: write the date as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of {value!r}: not a calendar date") from None


def _corpus(data: Path | None) -> Corpus:
    from stc.corpus import Corpus, resolve_data_root

    return Corpus(resolve_data_root(data))


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


@app.command()
def assess(
    country: Annotated[
        str, typer.Argument(help="Country id (a folder in countries/), e.g. ecuador.")
    ],
    profile: ProfileOpt = None,
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    known_by: KnownByOpt = None,
    fmt: Annotated[
        AssessFormat,
        typer.Option(
            "--format",
            help="table (terminal), json (stc.assessment.v1), markdown or html (one self-contained file).",
        ),
    ] = AssessFormat.table,
    output: OutOpt = None,
    what_if: SetOpt = None,
    data: DataOpt = None,
) -> None:
    """Assess COUNTRY: the verdict, each criterion's outcome with its reasons, evidence and citations."""

    def run() -> None:
        from stc.assessment import assess as run_assessment
        from stc.output import emit
        from stc.whatif import apply_settings, parse_settings

        result_corpus = _corpus(data)
        settings = parse_settings(what_if)
        result = run_assessment(
            result_corpus, country, framework, profile, _as_of(as_of), settings, _as_of(known_by)
        )
        if fmt is AssessFormat.json:
            from stc.render.json_out import to_json

            emit(to_json(result), output)
        elif fmt is AssessFormat.html:
            from stc.render.exhibit_model import build_exhibit
            from stc.render.html import render_html

            corpus = result_corpus
            doc = build_exhibit(
                result,
                corpus.country(country),
                apply_settings(corpus.framework(framework).model, settings),
            )
            emit(render_html(doc), output)
        elif fmt is AssessFormat.markdown:
            from stc.render.markdown import render_markdown

            emit(render_markdown(result), output)
        else:
            from stc.render.terminal import render_terminal

            if output is None:
                render_terminal(result, _console())
            else:
                from rich.console import Console

                console = Console(
                    record=True, width=120, file=open("/dev/null", "w"), color_system=None
                )
                render_terminal(result, console)
                emit(console.export_text(), output)

    guarded(run)


@app.command()
def explain(
    country: Annotated[str, typer.Argument(help="Country id, e.g. ecuador.")],
    criterion: Annotated[
        str | None, typer.Argument(help="One criterion id; default: all.", show_default=False)
    ] = None,
    profile: ProfileOpt = None,
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    known_by: KnownByOpt = None,
    output: OutOpt = None,
    what_if: SetOpt = None,
    data: DataOpt = None,
) -> None:
    """Show the derivation: statute wording beside each encoded rule, every indicator, every item with its weight factors."""

    def run() -> None:
        from stc.assessment import assess as run_assessment
        from stc.errors import UsageError
        from stc.output import emit
        from stc.render.explain import render_explanation
        from stc.whatif import parse_settings

        result = run_assessment(
            _corpus(data),
            country,
            framework,
            profile,
            _as_of(as_of),
            parse_settings(what_if),
            _as_of(known_by),
        )
        ids = [c.id for c in result.criteria]
        if criterion is not None and criterion not in ids:
            raise UsageError(f"unknown criterion {criterion!r}; known: {', '.join(ids)}")
        emit(render_explanation(result, criterion), output)

    guarded(run)


@app.command()
def compare(
    countries: Annotated[
        list[str] | None,
        typer.Argument(
            help="Country ids; default: every country in the data folder.", show_default=False
        ),
    ] = None,
    profile: ProfileOpt = None,
    framework: FrameworkOpt = None,
    frameworks: Annotated[
        str | None,
        typer.Option(
            "--frameworks",
            help="Several frameworks side by side: 'all' (the US statute, then every comparator) or ids separated by commas.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    known_by: KnownByOpt = None,
    fmt: Annotated[
        CompareFormat,
        typer.Option(
            "--format",
            help="table, csv (long form, see docs/codebook.md), json (stc.comparison.v1), markdown (a publishable table) or html (a heat map).",
        ),
    ] = CompareFormat.table,
    output: OutOpt = None,
    what_if: SetOpt = None,
    data: DataOpt = None,
) -> None:
    """Compare countries side by side: the verdict and each criterion's and indicator's outcome, score and confidence."""

    def run() -> None:
        from stc.analysis.compare import compare as run_compare
        from stc.errors import UsageError
        from stc.output import emit
        from stc.whatif import parse_settings

        if framework and frameworks:
            raise UsageError("give --framework or --frameworks, not both")
        corpus = _corpus(data)
        ids = countries or corpus.country_ids()
        wanted = (
            ([framework] if framework else None)
            if not frameworks
            else [f.strip() for f in frameworks.split(",") if f.strip()]
        )
        settings = parse_settings(what_if)
        when = _as_of(as_of) or dt.date.today()
        if fmt is CompareFormat.html:
            from stc.analysis.compare import resolve_frameworks
            from stc.assessment import assess as run_assessment
            from stc.render.heatmap import render_heatmap

            pages = []
            for fid in resolve_frameworks(corpus, wanted):
                results = [
                    run_assessment(corpus, cid, fid, profile, when, settings, _as_of(known_by))
                    for cid in ids
                ]
                pages.append(
                    render_heatmap(
                        results,
                        title=f"Comparison as of {when.isoformat()}",
                        as_of=when,
                        framework=corpus.framework(fid).model,
                    )
                )
            emit(pages[0] if len(pages) == 1 else _join_html(pages), output)
            return
        cmp = run_compare(corpus, ids, wanted, when, profile, settings, _as_of(known_by))
        if fmt is CompareFormat.csv:
            from stc.analysis.compare import to_csv

            emit(to_csv(cmp), output)
        elif fmt is CompareFormat.markdown:
            from stc.analysis.compare import to_markdown

            emit(to_markdown(cmp), output)
        elif fmt is CompareFormat.json:
            from stc.render.json_out import to_json

            emit(to_json(cmp), output)
        else:
            from stc.render.tables import comparison_tables

            _print_table(comparison_tables(cmp), output)

    guarded(run)


def _join_html(pages: list[str]) -> str:
    """Several heat-map pages as one file: the first page's head, every page's body."""
    import re

    bodies = [re.search(r"<body[^>]*>(.*)</body>", p, re.S) for p in pages]
    first = pages[0]
    inner = "\n<hr>\n".join(b.group(1) if b else p for b, p in zip(bodies, pages))
    head, _, _ = first.partition("<body")
    return head + "<body>" + inner + "</body>\n</html>\n"


def _print_table(table: Table | list[Table], output: Path | None) -> None:
    tables = table if isinstance(table, list) else [table]
    if output is None:
        console = _console()
        for t in tables:
            console.print(t)
        return
    from rich.console import Console

    from stc.output import emit

    console = Console(record=True, width=160, file=open("/dev/null", "w"), color_system=None)
    for t in tables:
        console.print(t)
    emit(console.export_text(), output)


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Data folders to check; default: the --data folder.", show_default=False
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Fail (exit 1) on warnings too: unused sources, dates out of order, one-sided conflicts.",
        ),
    ] = False,
    data: DataOpt = None,
) -> None:
    """Check every data file: schema, duplicate ids, dangling references. Errors name file, line and object."""

    def run() -> None:
        from stc.corpus import Corpus, resolve_data_root
        from stc.validation import validate_corpus

        roots = [resolve_data_root(p) for p in paths] if paths else [resolve_data_root(data)]
        failed = False
        warned = False
        for root in roots:
            report = validate_corpus(Corpus(root))
            for e in report.errors:
                sys.stderr.write(f"error: {e}\n")
            for w in report.warnings:
                sys.stderr.write(f"warning: {w}\n")
            failed |= bool(report.errors)
            warned |= bool(report.warnings)
            sys.stdout.write(
                f"{root}: {len(report.checked)} checked, {len(report.errors)} error(s), {len(report.warnings)} warning(s)\n"
            )
        if failed:
            raise typer.Exit(2)
        if strict and warned:
            raise typer.Exit(1)

    guarded(run)


@app.command()
def sources(
    country: Annotated[str, typer.Argument(help="Country id, e.g. ecuador.")],
    fmt: Annotated[ListFormat, typer.Option("--format", help="table or json.")] = ListFormat.table,
    output: OutOpt = None,
    data: DataOpt = None,
) -> None:
    """List COUNTRY's bibliography: reliability grade, kind, family, interests, and how many items cite each source."""

    def run() -> None:
        from stc.render.tables import source_rows, sources_table

        corpus = _corpus(data)
        rows = source_rows(corpus.country(country))
        if fmt is ListFormat.json:
            import json

            from stc.output import emit

            emit(
                json.dumps(
                    {"format": "stc.sources.v1", "country": country, "sources": rows},
                    indent=2,
                    ensure_ascii=False,
                ),
                output,
            )
        else:
            _print_table(sources_table(country, rows), output)

    guarded(run)


@app.command()
def exhibit(
    country: Annotated[str, typer.Argument(help="Country id, e.g. ecuador.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The PDF to write (atomically). Parts are written as NAME-part1.pdf, … when the file would exceed the e-filing limit.",
        ),
    ],
    profile: ProfileOpt = None,
    framework: FrameworkOpt = None,
    as_of: AsOfOpt = None,
    forum: Annotated[
        str,
        typer.Option("--forum", help="Forum profile: eoir, bia or ddc (page labels and cover)."),
    ] = "eoir",
    caption: Annotated[
        list[str] | None,
        typer.Option(
            "--caption",
            help="A cover field as NAME=VALUE, e.g. --caption 'Respondent=J. Doe' --caption 'A-number=A000-000-000'. Repeatable.",
            show_default=False,
        ),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes",
            help="Split into parts above this size (default: the 25 MB e-filing limit).",
        ),
    ] = 25_000_000,
    what_if: SetOpt = None,
    data: DataOpt = None,
) -> None:
    """Write the litigation exhibit for COUNTRY as PDF: cover, contents, element-by-element analysis with footnoted pinpoint citations, annotated index of sources, table of authorities, methodology and caveats."""

    def run() -> None:
        from stc.errors import UsageError
        from stc.exhibit import write_exhibit

        fields: dict[str, str] = {}
        for entry in caption or []:
            if "=" not in entry or not entry.split("=", 1)[0].strip():
                raise UsageError(f"--caption {entry!r}: write NAME=VALUE")
            name, value = entry.split("=", 1)
            fields[name.strip()] = value.strip()
        if forum not in ("eoir", "bia", "ddc"):
            raise UsageError(f"--forum {forum!r}: choose eoir, bia or ddc")
        from stc.whatif import parse_settings

        settings = parse_settings(what_if)
        written = write_exhibit(
            _corpus(data),
            country,
            output,
            framework,
            profile,
            _as_of(as_of),
            forum,
            fields,
            max_bytes,
            settings,
        )
        for path in written:
            sys.stdout.write(f"wrote {path}\n")

    guarded(run)


@app.command()
def dossier(
    country: Annotated[str, typer.Argument(help="Country id, e.g. ecuador.")],
    as_of: AsOfOpt = None,
    update: Annotated[
        Path | None,
        typer.Option(
            "--update",
            help="Splice the generated section into this Markdown file (between its generated markers) instead of printing it.",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
) -> None:
    """The generated part of a country's documentation: assessment, agreement timeline, evidence at a glance, strongest evidence, gaps."""

    def run() -> None:
        from stc.assessment import assess as run_assessment
        from stc.output import emit, write_atomic
        from stc.render.dossier import render_dossier, splice

        corpus = _corpus(data)
        result = run_assessment(corpus, country, None, None, _as_of(as_of))
        titles = {i.id: i.title for i in corpus.vocabulary.model.indicators}
        text = render_dossier(result, corpus.country(country), titles)
        if update is None:
            emit(text, None)
            return
        old = (
            update.read_text(encoding="utf-8")
            if update.is_file()
            else f"# {result.country.title}\n"
        )
        write_atomic(update, splice(old, text).encode("utf-8"))

    guarded(run)


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Folder to write one <format>.schema.json per data format; default: print them as one JSON object.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write JSON Schema for every data format (for editor completion and outside validators)."""

    def run() -> None:
        from stc.output import emit, write_atomic
        from stc.schemas import schema_texts

        texts = schema_texts()
        if output is None:
            import json

            emit(
                json.dumps({k: json.loads(v) for k, v in texts.items()}, indent=2, sort_keys=True),
                None,
            )
            return
        output.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            write_atomic(output / name, text.encode("utf-8"))
        sys.stdout.write(f"wrote {len(texts)} schemas to {output}\n")

    guarded(run)


def _register_commands() -> None:
    from stc.commands import register_all

    register_all(app)


_register_commands()


def main() -> None:
    app()
