"""`stc timeline`: the verdict at each date where the agreement's status or the evidence changed."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from stc.commands.options import AsOfOpt, DataOpt, FrameworkOpt, OutOpt, ProfileOpt, SetOpt
from stc.commands.runtime import as_of_date, guarded, open_corpus, parse_date, show


class TimelineFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


def register(app: typer.Typer) -> None:
    @app.command()
    def timeline(
        country: Annotated[str, typer.Argument(help="Country id, e.g. guatemala.")],
        since: Annotated[
            str | None,
            typer.Option(
                "--from",
                help="First date (YYYY-MM-DD). Default: the first change point.",
                show_default=False,
            ),
        ] = None,
        as_of: AsOfOpt = None,
        every: Annotated[
            bool,
            typer.Option(
                "--every",
                help=(
                    "Show every change point, not only those where an outcome or an agreement's "
                    "status changed."
                ),
            ),
        ] = False,
        profile: ProfileOpt = None,
        framework: FrameworkOpt = None,
        fmt: Annotated[
            TimelineFormat,
            typer.Option(
                "--format",
                help=(
                    "table (terminal), json (stc.timeline.v1), markdown, "
                    "or html (a chart and the table)."
                ),
            ),
        ] = TimelineFormat.table,
        output: OutOpt = None,
        what_if: SetOpt = None,
        data: DataOpt = None,
    ) -> None:
        """COUNTRY through time: the verdict, each agreement's status and each criterion's outcome
        at every date where an agreement event or new evidence changes them (up to --as-of, default
        today)."""

        def run() -> None:

            from stc.analysis.timeline import build_timeline
            from stc.errors import UsageError
            from stc.output import emit
            from stc.whatif import parse_settings

            end = as_of_date(as_of)
            start = parse_date(since, "--from")
            if start is not None and start > end:
                raise UsageError(
                    f"--from {start.isoformat()} is after the as-of date {end.isoformat()}"
                )
            t = build_timeline(
                open_corpus(data), country, framework, profile, end, start, parse_settings(what_if)
            )
            if fmt is TimelineFormat.json:
                from stc.render.json_out import to_json

                emit(to_json(t), output)
            elif fmt is TimelineFormat.markdown:
                from stc.analysis.timeline import to_markdown

                emit(to_markdown(t, every), output)
            elif fmt is TimelineFormat.html:
                from stc.render.timeline_html import render_timeline_html

                emit(render_timeline_html(t, every), output)
            else:
                from stc.render.robustness import timeline_table

                show([timeline_table(t, every)], output)

        guarded(run)
