"""What the benchmarks that time whole `stc` commands share: run one as a user runs it, in a
fresh process, and take the median of a few runs."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def median_stc_seconds(args: list[str], runs: int = 3) -> float:
    """The median wall time of `python -m stc ARGS` over `runs` fresh processes; a failed run
    stops the benchmark with its output."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "stc", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
