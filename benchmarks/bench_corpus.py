"""Speed and memory of stc on a synthetic corpus; prints figures, asserts nothing.

    python benchmarks/bench_corpus.py                                  # 20 countries x 500 items
    python benchmarks/bench_corpus.py --countries 100 --items 1000     # the issue's corpus
    python benchmarks/bench_corpus.py --gc tuned                       # with stc.gc_tuning

Measures, on a generated data folder with the shipped criteria, each figure in a fresh process
(so that one measurement's heap and collector state do not touch the next):
  - libyaml's bare event parse of every file (`yaml.parse` with the C loader, events iterated and
    dropped): the floor that any YAML reader pays; the times below are given as ratios to it;
  - loading only: every file read and validated through stc.load_cache.load_validated (the
    cache's own cost), without the cache, filling it, and from it;
  - load + validate + assess every country (what `stc compare` does), wall time: without the
    cache of validated files ("cold"), on a first run that fills it, and on a warm run that reads
    it (the cache lives in a temporary folder here, never the user's); per item in µs too;
  - memory: each process's maximum resident set size, and tracemalloc's peak of a compare
    without the cache and of a warm one (separate processes, since tracing slows them);
  - growth: time per item at a quarter, half and all of the corpus, without the cache.

The stc imported is the one on PYTHONPATH when that is set (to measure another checkout, e.g.
`PYTHONPATH=/tmp/before/src`), else this checkout's src/. `--gc tuned` calls
`tune_gc_for_batch()` from stc.gc_tuning (from this checkout's file when the stc measured has no
such module) after the imports, as `stc` itself does; `--gc default` leaves Python's settings.
Whole processes (`stc assess`, `stc compare`) are measured by benchmarks/bench_process.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.util
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(REPO / "src"))

import stc  # noqa: E402
from stc.analysis.compare import compare  # noqa: E402
from stc.corpus import Corpus  # noqa: E402

# the criteria and profiles of the stc measured (its checkout's), which its models read
CHECKOUT = Path(stc.__file__).resolve().parents[2]
DATA = CHECKOUT if (CHECKOUT / "criteria").is_dir() else REPO

BANDS = [
    "none",
    "weak-for",
    "moderate-for",
    "moderately-strong-for",
    "weak-against",
    "moderate-against",
    "moderately-strong-against",
    "strong-against",
]


def indicator_ids() -> list[str]:
    vocab = yaml.load(
        (DATA / "criteria" / "vocabulary.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader
    )
    return [i["id"] for i in vocab["indicators"]]


def write_country(
    folder: Path, n: int, items: int, indicators: list[str], rnd: random.Random
) -> None:
    folder.mkdir(parents=True)
    cid = folder.name
    iso = f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}"
    cite = f"[{{type: source, source: {cid}-s0}}]"
    (folder / "country.yaml").write_text(
        f"""schema_version: 1
id: {cid}
name: Country {n}
iso2: {iso}
role: target
agreements:
  - id: agr-{n}
    title: Agreement {n}
    instrument: exchange of notes
    statutory_basis: "yes"
    scope: {{terms_public: false}}
    events:
      - {{date: 2020-01-01, event: signed, description: signed, citations: {cite}}}
      - {{date: 2020-06-01, event: entered-into-force, description: in force, citations: {cite}}}
""",
        encoding="utf-8",
    )
    sources = ["schema_version: 1", "sources:"]
    n_sources = max(5, items // 20)
    for s in range(n_sources):
        sources.append(
            f"""  - id: {cid}-s{s}
    title: Report {s}
    publisher: Publisher {s % 7}
    date: 2025-0{1 + s % 9}-01
    date_basis: stated
    kind: {rnd.choice(["un", "ngo", "press", "us-government", "receiving-government", "academic"])}
    url: https://example.org/{cid}/{s}
    reliability: {rnd.choice("ABCDF")}
    reliability_reason: synthetic
    family: fam-{s % 9}"""
        )
    (folder / "sources.yaml").write_text("\n".join(sources) + "\n", encoding="utf-8")
    lines = ["schema_version: 2", "items:"]
    for i in range(items):
        start = dt.date(2016, 1, 1) + dt.timedelta(days=rnd.randrange(3000))
        end = min(start + dt.timedelta(days=rnd.randrange(365)), dt.date(2024, 12, 31))
        inds = ", ".join(rnd.sample(indicators, rnd.randint(1, 2)))
        lines.append(
            f"""  - id: {cid}-{i}
    finding: Synthetic finding number {i} with a figure of {rnd.randrange(10000)} people.
    indicators: [{inds}]
    lr: {rnd.choice(BANDS)}
    lr_reason: A synthetic rating.
    credibility: {rnd.randint(1, 6)}
    period: {{start: {start.isoformat()}, end: {end.isoformat()}}}
    source: {cid}-s{rnd.randrange(n_sources)}
    locator: p. {rnd.randint(1, 300)}
    excerpt: "a short verbatim excerpt of the source"
    groups: {rnd.choice(["[]", "[]", "[]", "[women]", "[venezuelans]"])}"""
        )
    (folder / "evidence.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_corpus(root: Path, countries: int, items: int) -> list[str]:
    shutil.copytree(DATA / "criteria", root / "criteria")
    shutil.copytree(DATA / "profiles", root / "profiles")
    rnd = random.Random(2026)
    indicators = indicator_ids()
    ids = []
    for n in range(countries):
        cid = f"c{n:03d}"
        write_country(root / "countries" / cid, n, items, indicators, rnd)
        ids.append(cid)
    return ids


def run_engine(root: Path, ids: list[str], cache: Path | None = None) -> float:
    """One in-process comparison; `cache` None runs with the cache of validated files turned off."""
    if cache is None:
        os.environ["STC_NO_CACHE"] = "1"
    else:
        os.environ.pop("STC_NO_CACHE", None)
        os.environ["STC_CACHE_DIR"] = str(cache)
    gc.collect()
    start = time.perf_counter()
    compare(Corpus(root), ids, None, dt.date(2026, 6, 30), None)
    return time.perf_counter() - start


def run_load(root: Path, ids: list[str], cache: Path | None = None) -> float:
    """Only the loading: every file through stc.load_cache.load_validated, kept until the end,
    nothing assessed; `cache` None runs with the cache turned off."""
    from stc.load_cache import load_validated
    from stc.models.country import Bibliography, Country, EvidenceFile
    from stc.models.criteria import Framework
    from stc.models.vocabulary import Vocabulary

    if cache is None:
        os.environ["STC_NO_CACHE"] = "1"
    else:
        os.environ.pop("STC_NO_CACHE", None)
        os.environ["STC_CACHE_DIR"] = str(cache)
    models = {"country": Country, "sources": Bibliography, "evidence": EvidenceFile}
    jobs: list[tuple[Path, type]] = [
        (p, Vocabulary if p.name == "vocabulary.yaml" else Framework)
        for p in sorted((root / "criteria").glob("*.yaml"))
    ]
    for cid in ids:
        jobs += [(root / "countries" / cid / f"{n}.yaml", m) for n, m in models.items()]
    gc.collect()
    start = time.perf_counter()
    kept = [load_validated(path, path.name, model) for path, model in jobs]
    elapsed = time.perf_counter() - start
    del kept
    return elapsed


def data_files(root: Path, ids: list[str]) -> list[Path]:
    files = sorted((root / "criteria").glob("*.yaml"))
    for cid in ids:
        files += [
            root / "countries" / cid / f"{name}.yaml" for name in ("country", "sources", "evidence")
        ]
    return files


def run_event_parse(files: list[Path]) -> float:
    """libyaml's bare parse: every event produced and dropped, nothing built."""
    gc.collect()
    start = time.perf_counter()
    for path in files:
        for _ in yaml.parse(path.read_bytes(), Loader=yaml.CSafeLoader):
            pass
    return time.perf_counter() - start


def run_yaml_load(files: list[Path]) -> float:
    """PyYAML's C loader building plain Python values (for reference)."""
    gc.collect()
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def traced_peak(run: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def gc_tuner() -> Callable[[], None]:
    try:
        from stc.gc_tuning import tune_gc_for_batch
    except ImportError:  # an stc from before the module: this checkout's file
        spec = importlib.util.spec_from_file_location(
            "gc_tuning", REPO / "src" / "stc" / "gc_tuning.py"
        )
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        tune_gc_for_batch = module.tune_gc_for_batch
    return tune_gc_for_batch  # type: ignore[no-any-return]


MEASURES: dict[str, str] = {
    "events": "libyaml event parse (floor)",
    "yaml": "PyYAML C loader, plain values",
    "load-cold": "load only, no cache (cold)",
    "load-fill": "load only, first run filling cache",
    "load-warm": "load only, warm cache",
    "compare-cold": "compare, no cache (cold)",
    "compare-fill": "compare, first run filling cache",
    "compare-warm": "compare, warm cache",
}


def child(args: argparse.Namespace) -> None:
    """One measurement in this fresh process; prints its figures as JSON."""
    if args.gc == "tuned":
        tune = gc_tuner()
        if args.gc_threshold:
            tune(*args.gc_threshold)
        else:
            tune()
    root = Path(args.root)
    ids = sorted(p.name for p in (root / "countries").iterdir() if p.is_dir())[: args.subset]
    files = data_files(root, ids)
    cache = Path(args.cache) if args.cache else None
    kind = args.child
    runs: dict[str, Callable[[], float]] = {
        "events": lambda: run_event_parse(files),
        "yaml": lambda: run_yaml_load(files),
        "load": lambda: run_load(root, ids, cache),
        "compare": lambda: run_engine(root, ids, cache),
    }
    run = runs[kind.split("-")[0]]
    repeat = 1 if kind.endswith("fill") else args.repeat
    result: dict[str, object] = {"times": [run() for _ in range(repeat)]}
    if args.traced:
        result["peak"] = traced_peak(run)
    result["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    result["collections"] = [s["collections"] for s in gc.get_stats()]
    result["threshold"] = gc.get_threshold()
    result["frozen"] = gc.get_freeze_count()
    print(json.dumps(result))


def measure(
    args: argparse.Namespace, kind: str, root: Path, cache: Path | None, **extra: object
) -> dict:
    command = [sys.executable, __file__, "--child", kind, "--root", str(root)]
    command += ["--repeat", str(args.repeat), "--gc", args.gc]
    if args.gc_threshold:
        command += ["--gc-threshold", *map(str, args.gc_threshold)]
    if cache is not None:
        command += ["--cache", str(cache)]
    if extra.get("traced"):
        command.append("--traced")
    if extra.get("subset"):
        command += ["--subset", str(extra["subset"])]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--countries", type=int, default=20)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=2, help="best of this many timed runs")
    parser.add_argument("--gc", choices=["default", "tuned"], default="default")
    parser.add_argument(
        "--gc-threshold",
        type=int,
        nargs=3,
        metavar=("GEN0", "GEN1", "GEN2"),
        help="with --gc tuned: thresholds instead of stc.gc_tuning's",
    )
    parser.add_argument("--no-memory", action="store_true", help="skip the traced runs")
    parser.add_argument("--no-growth", action="store_true", help="skip the growth runs")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--root", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--subset", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    print(f"stc: {Path(stc.__file__).parent}  (version {stc.__version__}); criteria from {DATA}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        ids = make_corpus(root, args.countries, args.items)
        files = data_files(root, ids)
        size = sum(p.stat().st_size for p in files)
        n_items = args.countries * args.items
        print(
            f"corpus: {args.countries} countries x {args.items} items = {n_items:,} items, "
            f"{len(files)} files, {size / 1e6:.1f} MB of YAML"
        )
        caches = {"load": Path(tmp) / "cache-load", "compare": Path(tmp) / "cache-compare"}
        results: dict[str, dict] = {}
        for kind in MEASURES:
            family, _, mode = kind.partition("-")
            cache = None if mode in ("", "cold") else caches[family]
            results[kind] = measure(args, kind, root, cache)
        first = results["events"]
        print(
            f"python {sys.version.split()[0]}; gc {args.gc}, thresholds {first['threshold']}, "
            f"frozen {first['frozen']:,}; each line a fresh process"
        )
        events = min(results["events"]["times"])
        print(
            f"wall time (best of {args.repeat}), per item, as a ratio to libyaml's event parse, "
            "and the process's maximum resident set size:"
        )
        for kind, label in MEASURES.items():
            seconds = min(results[kind]["times"])
            note = "  (one run)" if kind.endswith("fill") else ""
            print(
                f"  {label:34s} {seconds:7.2f} s  {1e6 * seconds / n_items:7.1f} µs/item  "
                f"{seconds / events:6.2f} x event parse  "
                f"{results[kind]['maxrss'] / 1e6:6.0f} MB{note}"
            )
        entries = list(caches["compare"].rglob("*.*"))
        stored = sum(p.stat().st_size for p in entries)
        print(f"  cache: {len(entries)} entries, {stored / 1e6:.1f} MB ({entries[0].suffix} files)")
        collections = results["compare-warm"]["collections"]
        print(f"  gc collections by generation in the warm compare process: {collections}")

        if not args.no_memory:
            cold = measure(args, "compare-cold", root, None, traced=True)["peak"]
            warm = measure(args, "compare-warm", root, caches["compare"], traced=True)["peak"]
            print(
                f"peak memory (tracemalloc) of a compare: no cache {cold / 1e6:7.1f} MB; "
                f"warm cache {warm / 1e6:7.1f} MB"
            )

        if not args.no_growth:
            print("growth, no cache (time per 1,000 items stays flat if cost is linear):")
            for share in (4, 2, 1):
                subset = max(1, len(ids) // share)
                t = min(measure(args, "compare-cold", root, None, subset=subset)["times"])
                per = 1000 * t / (subset * args.items)
                print(f"  {subset:4d} countries: {t:7.2f} s, {per:.4f} s per 1,000 items")


if __name__ == "__main__":
    main()
