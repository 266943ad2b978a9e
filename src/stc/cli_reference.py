"""The command-line reference (docs/cli.md), generated from the commands' own help so that the
documentation cannot drift from `stc --help`. Regenerate with
`python -m stc.cli_reference > docs/cli.md`; a test checks the committed file."""

from __future__ import annotations

import typer

WIDTH = "100"


def help_text(app: typer.Typer, path: list[str]) -> str:
    """What `stc PATH... --help` prints, at a fixed width."""
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": WIDTH, "NO_COLOR": "1"})
    if result.exit_code != 0:  # pragma: no cover - help never fails
        raise RuntimeError(f"stc {' '.join(path)} --help failed: {result.output}")
    return result.output.rstrip()


def command_paths(app: typer.Typer) -> list[list[str]]:
    """Every command and sub-command, in the order `stc --help` lists them."""
    paths: list[list[str]] = []
    for info in app.registered_commands:
        paths.append([info.name or (info.callback.__name__ if info.callback else "")])
    for group in app.registered_groups:
        sub = group.typer_instance
        name = group.name or (sub.info.name if sub else None)
        if sub is None or not isinstance(name, str):
            continue
        paths.append([name])
        paths += [[name, *p] for p in command_paths(sub)]
    return paths


def render() -> str:
    from stc.cli import app

    out = [
        "# Command-line reference",
        "",
        "Generated from the commands' own help (`python -m stc.cli_reference > docs/cli.md`);",
        "tests/test_cli_reference.py fails when this file differs from what `--help` prints.",
        "",
        "## `stc`",
        "",
        "```",
        help_text(app, []),
        "```",
        "",
    ]
    for path in command_paths(app):
        heading = "###" if len(path) > 1 else "##"
        out += [f"{heading} `stc {' '.join(path)}`", "", "```", help_text(app, path), "```", ""]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(render())
