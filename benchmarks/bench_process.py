"""Whole `stc` processes against the import floor of their own dependencies; prints figures.

    python benchmarks/bench_process.py [--runs 7] [--gc default|tuned|both]
    python benchmarks/bench_process.py --corpus 100 1000     # also `stc compare` on that corpus

Each command runs as a user runs it, in a fresh process (median of --runs), with bytecode
caching (PYTHONDONTWRITEBYTECODE is dropped: an installed package has its .pyc files), without
the cache of validated files (STC_NO_CACHE=1) and with a warm one (a temporary STC_CACHE_DIR
filled by one run first):

  stc assess ecuador --format json
  stc compare                          (every shipped country, the table)
  stc compare --data SYNTHETIC         (with --corpus: a corpus written as bench_corpus.py does)

and is compared with floors measured the same way:

  python            `python -c pass`
  named imports     `import pydantic, typer, rich, yaml` (pydantic and rich import their parts
                    lazily: this does not import pydantic's models and schema generation, which
                    every command validating a file needs and typer's parameter parsing
                    imports too, nor rich's console and tables)
  own imports       every third-party module the command itself imported (found by running it
                    once without the cache, which imports the most, and listing sys.modules at
                    exit), imported and nothing else done

Each figure is given as wall time and as the CPU time (user + system) the process used, each a
median; the ratios are taken in the same run, and a command's runs are interleaved with its
floors' (one run of each in turn, --runs times), so that a change in the machine's load touches
the command and its floors alike. On a machine busy with other work the wall times stretch with
the load, and the CPU-time ratios are the steadier.

`--gc tuned` runs the command after `tune_gc_for_batch()` from stc.gc_tuning (from this
checkout's file when the stc measured has no such module); `--gc default` with Python's
settings. Both run `stc.cli.main()` from a `python -c` launcher, so the two differ only in that
call. Since stc tunes the collector itself when a command opens its data folder
(stc.commands.runtime.open_corpus), both rows of a current checkout are tuned: "default" shows
stc's own placement, "tuned" the same plus an earlier call. The stc measured is the one on
PYTHONPATH when that is set, else this checkout's src/.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = os.environ.get("PYTHONPATH") or str(REPO / "src")
GC_FILE = REPO / "src" / "stc" / "gc_tuning.py"

LAUNCHER = """
import sys
from stc.cli import main
if {tune!r}:
    try:
        from stc.gc_tuning import tune_gc_for_batch
    except ImportError:
        import importlib.util
        spec = importlib.util.spec_from_file_location("gc_tuning", {gc_file!r})
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        tune_gc_for_batch = module.tune_gc_for_batch
    tune_gc_for_batch()
if {modules_out!r}:
    import atexit

    def _dump():
        with open({modules_out!r}, "w") as out:
            out.write("\\n".join(sys.modules))

    atexit.register(_dump)
sys.argv = ["stc", *{args!r}]
main()
"""

NAMED_IMPORTS = "import pydantic, typer, rich, yaml"

FLOOR = """
import importlib
for name in {modules!r}:
    try:
        importlib.import_module(name)
    except Exception:
        pass
"""


def environment(extra: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": SRC, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("STC_NO_CACHE", None)
    env.pop("STC_CACHE_DIR", None)
    # with bytecode caching, as an installed package runs (pip compiles it): without it every
    # run would compile stc's own modules afresh, and the floors, of installed packages, not
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return {**env, **extra}


@dataclass(frozen=True)
class Timing:
    """Medians over the runs: wall time, and the CPU time (user + system) of the process."""

    wall: float
    cpu: float

    def __truediv__(self, other: Timing) -> tuple[float, float]:
        return self.wall / other.wall, self.cpu / other.cpu


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(code: str, env: dict[str, str], runs: int) -> Timing:
    (timing,) = interleaved([(code, env)], runs)
    return timing


def interleaved(jobs: list[tuple[str, dict[str, str]]], runs: int) -> list[Timing]:
    """Each job (`python -c CODE` in ENV) run `runs` times, one run of each job in turn."""
    walls: list[list[float]] = [[] for _ in jobs]
    cpus: list[list[float]] = [[] for _ in jobs]
    for _ in range(runs):
        for index, (code, env) in enumerate(jobs):
            cpu = _cpu_of_children()
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env)
            walls[index].append(time.perf_counter() - start)
            cpus[index].append(_cpu_of_children() - cpu)
            if proc.returncode != 0:
                raise SystemExit(f"failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return [
        Timing(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)
    ]


def launcher(args: list[str], tune: bool, modules_out: str = "") -> str:
    return LAUNCHER.format(tune=tune, gc_file=str(GC_FILE), modules_out=modules_out, args=args)


def third_party_imports(args: list[str], env: dict[str, str]) -> list[str]:
    """The modules outside the standard library and stc that the command imports, in order."""
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "modules")
        proc = subprocess.run(
            [sys.executable, "-c", launcher(args, False, out)], capture_output=True, env=env
        )
        if proc.returncode != 0:
            raise SystemExit(proc.stderr.decode()[-2000:])
        names = Path(out).read_text(encoding="utf-8").split("\n")
    stdlib = sys.stdlib_module_names
    return [
        n
        for n in names
        if n
        and n.split(".")[0] not in stdlib
        and n.split(".")[0] not in ("stc", "__main__")
        and not n.startswith("_")
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--gc", choices=["default", "tuned", "both"], default="both")
    parser.add_argument(
        "--corpus", type=int, nargs=2, metavar=("COUNTRIES", "ITEMS"), help="synthetic corpus"
    )
    args = parser.parse_args()

    commands: list[tuple[str, list[str]]] = [
        ("stc assess ecuador --format json", ["assess", "ecuador", "--format", "json"]),
        ("stc compare", ["compare"]),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus:
            sys.path.insert(0, SRC)
            sys.path.insert(0, str(REPO / "benchmarks"))
            import bench_corpus

            root = Path(tmp) / "data"
            bench_corpus.make_corpus(root, *args.corpus)
            label = f"stc compare --data <{args.corpus[0]} x {args.corpus[1]} corpus>"
            commands.append((label, ["compare", "--data", str(root)]))

        env = environment({})
        print(f"stc from {SRC}; python {sys.version.split()[0]}; median of {args.runs} processes")
        python = timed("pass", env, args.runs)
        print(f"  {'floor: python -c pass':58s} {python.wall:6.3f} s  cpu {python.cpu:6.3f} s")
        modes = ["default", "tuned"] if args.gc == "both" else [args.gc]
        for title, cmd in commands:
            modules = third_party_imports(cmd, environment({"STC_NO_CACHE": "1"}))
            packages = sorted({m.split(".")[0] for m in modules})
            print(f"{title}")
            for gc_mode in modes:
                code = launcher(cmd, gc_mode == "tuned")
                cache_env = environment({"STC_CACHE_DIR": str(Path(tmp) / f"cache-{gc_mode}")})
                timed(code, cache_env, 1)  # fills the cache
                named, own, cold, warm = interleaved(
                    [
                        (NAMED_IMPORTS, env),
                        (FLOOR.format(modules=modules), env),
                        (code, environment({"STC_NO_CACHE": "1"})),
                        (code, cache_env),
                    ],
                    args.runs,
                )
                print(
                    f"  {'floor: import pydantic, typer, rich, yaml':58s} {named.wall:6.3f} s  "
                    f"cpu {named.cpu:6.3f} s"
                )
                print(
                    f"  {'floor: its own imports':58s} {own.wall:6.3f} s  cpu {own.cpu:6.3f} s  "
                    f"({len(modules)} modules of {', '.join(packages)})"
                )
                for what, t in (("no cache", cold), ("warm cache", warm)):
                    (own_wall, own_cpu), (named_wall, named_cpu) = t / own, t / named
                    print(
                        f"  {f'gc {gc_mode}, {what}':58s} {t.wall:6.3f} s  "
                        f"{own_wall:5.2f} x own imports  {named_wall:5.2f} x named  "
                        f"| cpu {t.cpu:6.3f} s  {own_cpu:5.2f} x own imports'  "
                        f"{named_cpu:5.2f} x named"
                    )


if __name__ == "__main__":
    main()
