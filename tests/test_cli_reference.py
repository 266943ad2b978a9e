"""Documentation that cannot drift from the code: the command-line reference is the commands'
own help; every command and option the README shows exists; every `--set` setting and every
model parameter is documented in docs/methodology.md."""

from __future__ import annotations

import os
import re
from pathlib import Path

from stc.cli import app
from stc.cli_reference import command_paths, help_text, render
from stc.models.criteria import Parameters
from stc.whatif import SETTING_NAMES

REPO = Path(__file__).resolve().parent.parent
METHODOLOGY = (REPO / "docs" / "methodology.md").read_text(encoding="utf-8")


def test_docs_cli_md_is_the_commands_own_help() -> None:
    path = REPO / "docs" / "cli.md"
    fresh = render()
    if os.environ.get("STC_UPDATE_GOLDEN"):
        path.write_text(fresh, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == fresh, (
        "docs/cli.md is stale: run `python -m stc.cli_reference > docs/cli.md`"
    )


def _readme_commands() -> list[tuple[list[str], str]]:
    """(command path, the text given for it) for every `stc ...` line in the README's code
    blocks, continuation lines included."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    known = {tuple(p) for p in command_paths(app)}
    found: list[tuple[list[str], str]] = []
    for block in re.findall(r"```(?:sh)?\n(.*?)```", text, re.S):
        for line in block.splitlines():
            words = line.split()
            if words[:1] == ["stc"] and len(words) > 1:
                path = words[1:3] if tuple(words[1:3]) in known else words[1:2]
                found.append((path, line))
            elif found and line.startswith(" ") and not line.lstrip().startswith(("python", "$")):
                found[-1] = (found[-1][0], found[-1][1] + " " + line)
    return found


def test_every_command_and_option_the_readme_shows_exists() -> None:
    known = {tuple(p) for p in command_paths(app)}
    shown = _readme_commands()
    assert len(shown) > 20
    for path, line in shown:
        assert tuple(path) in known, f"README shows an unknown command: {line.strip()}"
        helptext = help_text(app, path)
        for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])\b", line.split("#")[0]):
            assert re.search(rf"(?<![\w-]){re.escape(option)}\b", helptext), (
                f"README shows {option} for `stc {' '.join(path)}`, which has no such option"
            )


def test_every_setting_and_parameter_is_documented_in_the_methodology() -> None:
    section = METHODOLOGY.split(". Arguing in the alternative: what-if settings")[1].split("\n## ")[
        0
    ]
    for name in SETTING_NAMES:
        assert f"`{name}" in section, (
            f"--set {name} is not documented in the methodology's what-if section"
        )
    for field in Parameters.model_fields:
        assert field in METHODOLOGY or field.replace("_", " ") in METHODOLOGY, (
            f"parameter {field} is not documented in docs/methodology.md"
        )


def test_a_run_builds_only_its_command_and_behaves_as_the_whole_app() -> None:
    """`stc NAME …` builds the app with NAME alone (stc.cli.build_app); its help, usage and
    errors are those of the whole app."""
    from stc.cli import build_app

    for path in command_paths(app):
        lean = build_app(path[0])
        assert command_paths(lean) == [p for p in command_paths(app) if p[0] == path[0]]
        assert help_text(lean, path) == help_text(app, path), path

    from typer.testing import CliRunner

    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    for args in (["assess"], ["assess", "--bogus"], ["schema", "extra"], ["archive"]):
        lean_run = CliRunner().invoke(build_app(args[0]), args, env=env)
        whole_run = CliRunner().invoke(app, args, env=env)
        assert (lean_run.exit_code, lean_run.output) == (whole_run.exit_code, whole_run.output)
        assert lean_run.exit_code != 0 or args == ["archive"], args
    assert command_paths(build_app("no-such-command")) == command_paths(app)
