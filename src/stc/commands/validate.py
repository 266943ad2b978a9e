"""`stc validate`: check every data file, naming file, line and object for each problem."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from stc.commands.options import DataOpt
from stc.commands.runtime import guarded


def register(app: typer.Typer) -> None:
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
                help=(
                    "Fail (exit 1) on warnings too: unused sources, dates out of order, "
                    "one-sided conflicts, sources with no public address not marked "
                    "unpublished, non-English excerpts without a translation."
                ),
            ),
        ] = False,
        data: DataOpt = None,
    ) -> None:
        """Check every data file, and each reference case beside the criteria: schema, duplicate
        ids, dangling references. Errors name file, line and object."""

        def run() -> None:
            from stc.corpus import Corpus, resolve_data_root
            from stc.validation import validate_corpus

            roots = [resolve_data_root(p) for p in paths] if paths else [resolve_data_root(data)]
            failed = warned = False
            for root in roots:
                report = validate_corpus(Corpus(root))
                for e in report.errors:
                    sys.stderr.write(f"error: {e}\n")
                for w in report.warnings:
                    sys.stderr.write(f"warning: {w}\n")
                failed |= bool(report.errors)
                warned |= bool(report.warnings)
                sys.stdout.write(
                    f"{root}: {len(report.checked)} checked, {len(report.errors)} error(s), "
                    f"{len(report.warnings)} warning(s)\n"
                )
            if failed:
                raise typer.Exit(2)
            if strict and warned:
                raise typer.Exit(1)

        guarded(run)
