"""The import structure: every module imports on its own, and no two modules import each other
even indirectly or inside a function (a hidden cycle makes a module impossible to load or test
alone, and couples the command line to the library)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
MODULES = sorted(
    ".".join(p.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
    for p in (SRC / "stc").rglob("*.py")
)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str) -> set[str]:
    """The stc modules `module` imports anywhere in its body (functions included), except
    under `if TYPE_CHECKING:`; `from stc.a import b` counts as stc.a.b when that is a module."""
    path = SRC / Path(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("stc"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("stc"):
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.add(sub if sub in MODULES else node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m != module and m != "stc"}


def test_the_import_graph_has_no_cycle() -> None:
    graph = {m: imports_of(m) for m in MODULES}
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph.get(m, ())):
            if state.get(n) == 1:
                cycle = [*stack[stack.index(n) :], n]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if n not in state:
                walk(n)
        stack.pop()
        state[m] = 2

    for m in MODULES:
        if m not in state:
            walk(m)


def test_no_command_module_imports_from_the_app_module() -> None:
    offenders = [m for m in MODULES if m.startswith("stc.commands") and "stc.cli" in imports_of(m)]
    assert not offenders


def test_every_module_imports_on_its_own() -> None:
    code = "import importlib, sys\nfor m in sys.argv[1:]:\n    importlib.import_module(m)\n"
    for module in MODULES:
        if module == "stc.__main__":  # the entry point runs the app when imported
            ran = subprocess.run(
                [sys.executable, "-m", "stc", "--help"], capture_output=True, check=False
            )
            assert ran.returncode == 0, ran.stderr
            continue
        result = subprocess.run(
            [sys.executable, "-c", code, module], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"{module} does not import on its own:\n{result.stderr}"


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "ecuador", "--format", "json"],
        ["assess", "ecuador", "--format", "markdown"],
        ["compare", "--format", "csv"],
        ["compare", "--format", "json"],
    ],
)
def test_file_outputs_do_not_import_the_rendering_stacks(args: list[str]) -> None:
    """rich is for the terminal, jinja2 for HTML, typst and pypdf for PDF, starlette for the
    web app: a run writing JSON, CSV or Markdown imports none of them (issue 13's speed)."""
    code = (
        "import atexit, sys\n"
        "heavy = ('rich', 'jinja2', 'typst', 'pypdf', 'starlette', 'uvicorn')\n"
        "def check():\n"
        "    found = sorted({m.split('.')[0] for m in sys.modules} & set(heavy))\n"
        "    sys.stderr.write('HEAVY ' + ','.join(found) + '\\n')\n"
        "atexit.register(check)\n"
        f"sys.argv = ['stc', *{args!r}]\n"
        "from stc.cli import main\n"
        "main()\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr.splitlines()[-1] == "HEAVY ", ran.stderr


@pytest.mark.parametrize(("setting", "scanned"), [(None, False), ("", True), ("some-plugin", True)])
def test_a_run_looks_for_no_pydantic_plugins_unless_the_user_asks(
    setting: str | None, scanned: bool
) -> None:
    """pydantic's search for plugins reads the metadata of every installed distribution (a
    tenth of a `stc assess` run); stc turns it off while a command runs, and leaves it to
    pydantic when PYDANTIC_DISABLE_PLUGINS is set at all. The variable is restored after."""
    import os

    code = (
        "import atexit, importlib.metadata, os, sys\n"
        "groups = []\n"
        "real = importlib.metadata.entry_points\n"
        "def spy(**kw):\n"
        "    groups.append(kw.get('group'))\n"
        "    return real(**kw)\n"
        "importlib.metadata.entry_points = spy\n"
        "def report():\n"
        "    after = os.environ.get('PYDANTIC_DISABLE_PLUGINS', 'unset')\n"
        "    sys.stderr.write(f'\\nSCANNED {\"pydantic\" in groups} AFTER {after!r}')\n"
        "atexit.register(report)\n"
        "sys.argv = ['stc', 'assess', 'ecuador', '--format', 'json']\n"
        "from stc.cli import main\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    ran = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert ran.returncode == 0, ran.stderr
    after = "unset" if setting is None else setting
    assert ran.stderr.splitlines()[-1] == f"SCANNED {scanned} AFTER {after!r}", ran.stderr
