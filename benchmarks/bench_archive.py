"""How long `stc archive verify` takes over a fixture archive of about 70 documents; prints
figures.

    python benchmarks/bench_archive.py [COUNTRY] [N]

Builds an archive for N (default 70) of COUNTRY's (default ecuador) cited sources: each a
document of about 30 KB holding the excerpts its evidence items quote among generated filler,
a third each PDF (typeset by Typst, 4 pages), HTML and plain text. Then times, in this process:
building the archive, one cold verify (every document's text extracted), a second verify over
the same archive (extraction again: nothing is cached between runs), and find_passage alone
over the extracted texts. Also the whole command in a fresh process.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "as",
    "with",
    "by",
    "was",
    "were",
    "report",
    "state",
    "law",
    "asylum",
    "procedure",
    "authorities",
    "persons",
    "protection",
    "access",
    "applications",
    "decision",
    "cases",
    "national",
    "office",
    "court",
    "period",
    "data",
    "according",
    "during",
    "number",
    "recorded",
    "government",
    "policy",
    "transferred",
    "border",
]


def filler(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def typst_string(text: str) -> str:
    return '#"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_document(kind: str, excerpts: list[str], rng: random.Random) -> tuple[bytes, str]:
    segments = [[filler(rng, 40) for _ in range(30)] for _ in range(4)]
    for excerpt in excerpts:  # between sentences of filler, never inside another excerpt
        page = segments[rng.randrange(len(segments))]
        page.insert(rng.randrange(len(page) + 1), excerpt)
    pages = [" ".join(page) for page in segments]
    if kind == "pdf":
        import typst

        body = "\n#pagebreak()\n".join(typst_string(p) for p in pages)
        return typst.compile(body.encode("utf-8")), "application/pdf"
    if kind == "html":
        import html

        paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in pages)
        page = f"<html><head><title>t</title><script>var x=1;</script></head><body>{paras}</body>"
        return page.encode("utf-8"), "text/html"
    return "\n\n".join(pages).encode("utf-8"), "text/plain"


def main() -> None:
    from stc.archive import Archive, document_text, find_passage
    from stc.archive.cited import cited_sources, quoted_excerpts
    from stc.archive.verify import check_excerpts
    from stc.corpus import Corpus, default_data_root

    country = sys.argv[1] if len(sys.argv) > 1 else "ecuador"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 70
    corpus = Corpus(default_data_root())
    quoted = quoted_excerpts(corpus, country)
    by_source: dict[str, list[str]] = {}
    for q in quoted:
        by_source.setdefault(q.item.source, []).append(q.item.excerpt)
    sources = [c.source.id for c in cited_sources(corpus, country) if c.source.id in by_source]
    sources = sources[:count]
    rng = random.Random(20261205)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(Path(tmp) / "arch")
        start = time.perf_counter()
        kinds = {"pdf": 0, "html": 0, "text": 0}
        size = 0
        for n, sid in enumerate(sources):
            kind = ("pdf", "html", "text")[n % 3]
            kinds[kind] += 1
            data, ctype = make_document(kind, by_source[sid], rng)
            size += len(data)
            archive.add(sid, data, content_type=ctype, fetched_from=f"https://example.org/{sid}",
                        original=True, retrieved="2026-12-05T00:00:00Z")  # fmt: skip
        build = time.perf_counter() - start
        print(
            f"archive: {len(sources)} documents ({kinds['pdf']} PDF, {kinds['html']} HTML, "
            f"{kinds['text']} text), {size / 1e6:.1f} MB, built in {build:.2f} s"
        )
        times = []
        for _ in range(3):
            start = time.perf_counter()
            report = check_excerpts(Archive(archive.directory), quoted, country)
            times.append(time.perf_counter() - start)
        print(
            f"verify {country}: {len(report.checks)} excerpts, {report.found} found, "
            f"{report.not_found} not found, {report.not_archived} not archived; "
            f"median {statistics.median(times):.3f} s over 3 runs (min {min(times):.3f} s)"
        )
        texts = {sid: document_text(doc) for sid in sources if (doc := archive.get(sid))}
        start = time.perf_counter()
        matched = sum(
            find_passage(texts[q.item.source], q.item.excerpt) is not None
            for q in quoted
            if q.item.source in texts
        )
        took = time.perf_counter() - start
        print(f"find_passage alone: {matched} matches in {took * 1000:.1f} ms "
              f"({took * 1e6 / max(1, matched):.0f} µs an excerpt)")  # fmt: skip
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "stc", "archive", "verify", country,
             "--archive", str(archive.directory), "--format", "json"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        print(
            f"`stc archive verify {country}` in a fresh process: "
            f"{time.perf_counter() - start:.2f} s (exit {proc.returncode})"
        )


if __name__ == "__main__":
    main()
