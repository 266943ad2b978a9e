"""How long a filing packet takes to build, and how big it is; prints figures.

    python benchmarks/bench_packet.py [COUNTRY] [FORUM]

Builds a fixture archive for COUNTRY (default el-salvador: about 70 cited sources): for each
cited source a fixture document holding its cited excerpts among filler paragraphs, two in
three as HTML pages, one in three as a four-page PDF. Then, as a user runs it,
`stc exhibit COUNTRY --profile venezuelan-woman --forum FORUM --archive … -o DIR/` in a fresh
process (median of 3), and the exhibits attached, pages, files and bytes written. Target: under
10 s.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from stc_process import median_stc_seconds  # noqa: E402  (benchmarks/)

FILLER = (
    "This paragraph is filler text standing for the body of a country report: it describes "
    "conditions, institutions and events in general terms, so that the fixture document has "
    "the length of a real one and the cited passages sit among other text. "
) * 3


def _pdf(excerpts: list[str]) -> bytes:
    import typst

    body = "\n\n".join([FILLER, *excerpts, FILLER] * 2)
    source = (
        '#let d = json(bytes(sys.inputs.data))\n#set page(paper: "us-letter")\n'
        "#for (n, p) in d.enumerate() [#p\n\n#if calc.rem(n, 3) == 2 { pagebreak() }]\n"
    )
    paragraphs = [body] * 4 + excerpts
    return typst.compile(source.encode(), sys_inputs={"data": json.dumps(paragraphs)}, timestamp=0)


def _html(excerpts: list[str]) -> bytes:
    paragraphs = [FILLER] * 6 + [f"{FILLER} {e} {FILLER}" for e in excerpts] + [FILLER] * 6
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>fixture</title></head><body>{body}</body></html>".encode()


def build_archive(country: str, directory: Path) -> int:
    from stc.archive import Archive
    from stc.corpus import Corpus, default_data_root

    bundle = Corpus(default_data_root()).country(country)
    excerpts: dict[str, list[str]] = {}
    for item in bundle.evidence.model.items:
        excerpts.setdefault(item.source, []).append(item.excerpt)
    archive = Archive(directory)
    for n, (source, texts) in enumerate(sorted(excerpts.items())):
        is_pdf = n % 3 == 2
        archive.add(
            source,
            _pdf(texts) if is_pdf else _html(texts),
            content_type="application/pdf" if is_pdf else "text/html",
            fetched_from=f"https://example.org/fixture/{source}",
            original=True,
            retrieved="2026-11-30T12:00:00Z",
        )
    return len(excerpts)


def main() -> None:
    from pypdf import PdfReader

    country = sys.argv[1] if len(sys.argv) > 1 else "el-salvador"
    forum = sys.argv[2] if len(sys.argv) > 2 else "eoir"
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive"
        documents = build_archive(country, archive)
        out = Path(tmp) / "packet"
        seconds = median_stc_seconds(
            [
                "exhibit",
                country,
                "--as-of",
                "2026-12-01",
                "--profile",
                "venezuelan-woman",
                "--forum",
                forum,
                "--archive",
                str(archive),
                "-o",
                f"{out}/",
            ]
        )
        index = json.loads((out / "packet.json").read_text(encoding="utf-8"))
        pages = sum(len(PdfReader(out / f["name"]).pages) for f in index["files"])
        size = sum(f["bytes"] for f in index["files"])
        print(
            f"{country} ({forum}): {documents} fixture documents, "
            f"{len(index['exhibits'])} exhibits cited in the analysis, "
            f"{seconds:5.2f} s (median of 3; target < 10 s), "
            f"{pages} pages in {len(index['files'])} files, {size / 1e6:5.2f} MB"
        )
        for f in index["files"]:
            print(f"  {f['name']:<28} {f['pages']:4d} pages {f['bytes'] / 1e6:6.2f} MB")


if __name__ == "__main__":
    main()
