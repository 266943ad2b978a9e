"""How long the robustness analysis takes; prints figures.

    python benchmarks/bench_sensitivity.py [COUNTRY ...] [--samples N]

For each country (default: every shipped country) at the as-of date 2026-12-01: the Monte
Carlo part alone (draw N samples of band choices and parameters, run the engine on each;
median of 3) and per sample, then the whole analysis as a user runs it
(`stc sensitivity COUNTRY -n N --format json` in a fresh process, which adds the decisive-item
and source-family re-runs and start-up). Target: the default 200 samples in a few seconds.
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
AS_OF = dt.date(2026, 12, 1)


def main() -> None:
    from stc.analysis.sampling import draw, sampled_outcomes
    from stc.analysis.sensitivity import DEFAULT_SAMPLES, SensitivityRanges, _case
    from stc.corpus import Corpus, default_data_root

    args = sys.argv[1:]
    samples = DEFAULT_SAMPLES
    if "--samples" in args:
        at = args.index("--samples")
        samples = int(args[at + 1])
        del args[at : at + 2]
    corpus = Corpus(default_data_root())
    countries = args or corpus.country_ids()
    print(f"samples: {samples}")
    for country in countries:
        case = _case(corpus, country, None, None, AS_OF, {})
        counted = sum(1 for w in case.weighed.values() if not w.excluded)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            sampled_outcomes(case, draw(case, SensitivityRanges(), samples, 0))
            times.append(time.perf_counter() - start)
        monte_carlo = statistics.median(times)
        start = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "stc",
                "sensitivity",
                country,
                "--as-of",
                AS_OF.isoformat(),
                "-n",
                str(samples),
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
        )
        whole = time.perf_counter() - start
        status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}"
        print(
            f"{country:14s} items {len(case.items):4d} counted {counted:4d}"
            f"  monte-carlo {monte_carlo:6.2f} s"
            f" ({monte_carlo / samples * 1000:5.1f} ms/sample)"
            f"  whole command {whole:6.2f} s  ({status})"
        )


if __name__ == "__main__":
    main()
