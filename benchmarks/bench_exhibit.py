"""How long a full litigation exhibit takes to build, and how big it is; prints figures.

    python benchmarks/bench_exhibit.py [COUNTRY ...]

For each country (default: every shipped country), as a user runs it: `stc exhibit COUNTRY
--profile venezuelan-woman -o …` in a fresh process (median of 3), then the page count and
file size. Target: under 3 s for one country.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from stc_process import median_stc_seconds  # noqa: E402  (benchmarks/)


def main() -> None:
    from pypdf import PdfReader

    from stc.corpus import Corpus, default_data_root

    countries = sys.argv[1:] or Corpus(default_data_root()).country_ids()
    with tempfile.TemporaryDirectory() as tmp:
        for country in countries:
            out = Path(tmp) / f"{country}.pdf"
            seconds = median_stc_seconds(
                ["exhibit", country, "--profile", "venezuelan-woman", "-o", str(out)]
            )
            pages = len(PdfReader(out).pages)
            print(
                f"{country:<12} {seconds:5.2f} s (median of 3; target < 3 s)"
                f"  {pages:3d} pages  {out.stat().st_size / 1e6:5.2f} MB"
            )


if __name__ == "__main__":
    main()
