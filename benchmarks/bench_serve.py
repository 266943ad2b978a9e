"""How fast `stc serve` answers; prints figures.

    python benchmarks/bench_serve.py [COUNTRY ...]

Starts the real server (`stc serve --no-browser --port 0`) on the shipped data, in a fresh
process, and times whole HTTP requests as a browser makes them: the first assessment page
after start (cold: data read, validated, cached), then the median and worst of 20 repeats of
an assessment page with a profile for each country (default: every shipped country), the heat
map of every country, and a download of the JSON. Target: an assessment page under 300 ms.
"""

from __future__ import annotations

import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
TARGET_MS = 300.0


def _get(url: str) -> tuple[float, int]:
    start = time.perf_counter()
    with urllib.request.urlopen(url) as response:
        body = response.read()
    return (time.perf_counter() - start) * 1000, len(body)


def _series(url: str, n: int = 20) -> tuple[float, float, int]:
    times, size = [], 0
    for _ in range(n):
        ms, size = _get(url)
        times.append(ms)
    return statistics.median(times), max(times), size


def main() -> None:
    from stc.corpus import Corpus, default_data_root

    countries = sys.argv[1:] or Corpus(default_data_root()).country_ids()
    proc = subprocess.Popen(
        [sys.executable, "-m", "stc", "serve", "--no-browser", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    found = re.search(r"running at (http://\S+)", proc.stdout.readline())
    assert found, "the server did not start"
    base = found.group(1)
    try:
        first, _ = _get(f"{base}assess?country={countries[0]}&profile=venezuelan-woman")
        print(f"first assessment page after start (cold): {first:7.1f} ms")
        worst_median = 0.0
        for country in countries:
            url = f"{base}assess?country={country}&profile=venezuelan-woman"
            median, worst, size = _series(url)
            worst_median = max(worst_median, median)
            print(
                f"assess {country:<12} median {median:7.1f} ms  worst {worst:7.1f} ms  "
                f"{size / 1024:6.0f} KiB"
            )
        median, worst, size = _series(f"{base}compare?profile=venezuelan-woman", 5)
        print(
            f"compare (heat map)   median {median:7.1f} ms  worst {worst:7.1f} ms  "
            f"{size / 1024:6.0f} KiB"
        )
        median, worst, size = _series(f"{base}download/json?country={countries[0]}", 10)
        print(f"download json        median {median:7.1f} ms  worst {worst:7.1f} ms")
        verdict = "meets" if worst_median < TARGET_MS else "MISSES"
        print(
            f"slowest median assessment page {worst_median:.1f} ms: {verdict} the "
            f"{TARGET_MS:.0f} ms target"
        )
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)


if __name__ == "__main__":
    main()
