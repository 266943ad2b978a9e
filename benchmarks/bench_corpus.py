"""Speed and memory of stc on a synthetic corpus; prints figures, asserts nothing.

    python benchmarks/bench_corpus.py [--countries 100] [--items 1000]

Measures, on a generated data folder with the shipped criteria:
  - load + validate + assess every country (what `stc compare` does), wall time: without the
    cache of validated files, on a first run that fills it, and on a warm run that reads it
    (the cache lives in a temporary folder here, never the user's);
  - the same files merely parsed with PyYAML's C loader, and the ratio of the two;
  - peak memory (tracemalloc) of the full run;
  - growth: time per item at a quarter, half and all of the corpus;
  - `stc --help` and `stc assess ecuador` as a user runs them (median of 5 processes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from stc.analysis.compare import compare  # noqa: E402
from stc.corpus import Corpus  # noqa: E402

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
        (REPO / "criteria" / "vocabulary.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader
    )
    return [i["id"] for i in vocab["indicators"]]


def write_country(
    folder: Path, n: int, items: int, indicators: list[str], rnd: random.Random
) -> None:
    folder.mkdir(parents=True)
    cid = folder.name
    iso = f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}"
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
      - {{date: 2020-01-01, event: signed, description: signed, citations: [{{type: source, source: {cid}-s0}}]}}
      - {{date: 2020-06-01, event: entered-into-force, description: in force, citations: [{{type: source, source: {cid}-s0}}]}}
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
    shutil.copytree(REPO / "criteria", root / "criteria")
    shutil.copytree(REPO / "profiles", root / "profiles")
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


def run_bare_parse(root: Path, ids: list[str]) -> float:
    gc.collect()
    start = time.perf_counter()
    for path in sorted((root / "criteria").glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for cid in ids:
        for name in ("country", "sources", "evidence"):
            yaml.load(
                (root / "countries" / cid / f"{name}.yaml").read_text(encoding="utf-8"),
                Loader=yaml.CSafeLoader,
            )
    return time.perf_counter() - start


def timed_command(args: list[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "stc", *args], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--countries", type=int, default=100)
    parser.add_argument("--items", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ids = make_corpus(root, args.countries, args.items)
        size = sum(p.stat().st_size for p in root.rglob("*.yaml"))
        print(
            f"corpus: {args.countries} countries x {args.items} items = {args.countries * args.items:,} items, {size / 1e6:.1f} MB of YAML"
        )

        bare = min(run_bare_parse(root, ids) for _ in range(2))
        full = min(run_engine(root, ids) for _ in range(2))
        cache = Path(tmp) / "cache"
        first = run_engine(root, ids, cache)
        warm = min(run_engine(root, ids, cache) for _ in range(2))
        print(f"bare parse (PyYAML C loader):           {bare:6.2f} s")
        print(
            f"load + validate + assess all (compare): {full:6.2f} s   without the cache (target < 5 s)"
        )
        print(f"  the same, first run filling the cache: {first:6.2f} s")
        print(f"  the same, warm cache:                  {warm:6.2f} s   (target < 5 s)")
        print(
            f"ratio to bare parsing:                  {full / bare:6.2f}     without the cache; {warm / bare:.2f} warm (target < 2)"
        )

        tracemalloc.start()
        run_engine(root, ids)  # without the cache: the memory the real work needs
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak memory (tracemalloc) of the run:   {peak / 1e6:6.1f} MB")

        print("growth (time per 1,000 items should stay flat if cost is linear):")
        for share in (4, 2, 1):
            subset = ids[: max(1, len(ids) // share)]
            t = min(run_engine(root, subset) for _ in range(2))
            print(
                f"  {len(subset):4d} countries: {t:6.2f} s, {1000 * t / (len(subset) * args.items):.4f} s per 1,000 items"
            )

    os.environ.pop(
        "STC_NO_CACHE", None
    )  # the commands below run as a user runs them, with the user's cache
    os.environ.pop("STC_CACHE_DIR", None)
    print(
        f"stc --help:              {timed_command(['--help']):.3f} s (median of 5; target < 0.3 s)"
    )
    print(
        f"stc assess ecuador:      {timed_command(['assess', 'ecuador', '--format', 'json']):.3f} s (median of 5; target < 0.6 s)"
    )


if __name__ == "__main__":
    main()
