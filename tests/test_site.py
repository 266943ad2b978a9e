"""`stc site` and the heat map: links resolve, builds are byte-identical, data is escaped,
bad input exits 2, and the index renders in a real headless Chromium from file://."""

from __future__ import annotations

import datetime as dt
import hashlib
import html.parser
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import FIXTURES, REPO, run_stc

AS_OF = "2026-12-01"
HOSTILE = '<script>alert("pwned")</script> & <b>bold</b>'
LOADS_ANYTHING = re.compile(r"<(script|link|img|iframe|object|embed)\b|\bsrc=|url\(|@import", re.I)


# ------------------------------------------------------------------------------ helpers


class _Page(html.parser.HTMLParser):
    """Ids, links, text and a few structural facts of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []
        self.rows: list[str] = []
        self.cells: list[str] = []
        self.drills = 0

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        classes = (a.get("class") or "").split()
        if tag == "tr" and "country-row" in classes:
            self.rows.append(a.get("data-country") or "")
        if tag == "td" and "cell" in classes and a.get("data-outcome"):
            self.cells.append(a["data-outcome"])
        if tag == "div" and "drill" in classes:
            self.drills += 1

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _tree_hash(root: Path) -> str:
    h = hashlib.sha256()
    for rel, data in _files(root).items():
        h.update(rel.encode() + b"\0" + data)
    return h.hexdigest()


def _data_root(tmp: Path, *countries: str, fixture: bool = True) -> Path:
    """A data folder: shipped criteria and profiles, some shipped countries, Testland."""
    root = tmp / "data"
    (root / "countries").mkdir(parents=True)
    shutil.copytree(REPO / "criteria", root / "criteria")
    shutil.copytree(REPO / "profiles", root / "profiles")
    if (REPO / "countries" / "sources.yaml").is_file():
        shutil.copy(REPO / "countries" / "sources.yaml", root / "countries" / "sources.yaml")
    for c in countries:
        shutil.copytree(REPO / "countries" / c, root / "countries" / c)
    if fixture:
        shutil.copytree(FIXTURES / "testland", root / "countries" / "testland")
    return root


def _countries_in(data: Path | None) -> list[str]:
    folder = (data or REPO) / "countries"
    return sorted(p.parent.name for p in folder.glob("*/country.yaml"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path | None]:
    """The site for the shipped data. If the shipped corpus is mid-edit by someone else and
    does not validate, fall back to a copy with two settled countries and Testland."""
    tmp = tmp_path_factory.mktemp("site")
    out = tmp / "site"
    result = run_stc("site", "-o", str(out), "--as-of", AS_OF)
    if result.code == 0:
        return out, None
    data = _data_root(tmp, "ecuador", "canada")
    result = run_stc("site", "-o", str(out), "--as-of", AS_OF, "--data", str(data))
    assert result.code == 0, result.err
    return out, data


# ------------------------------------------------------------------------------ the site


def test_site_has_every_page(built: tuple[Path, Path | None]) -> None:
    out, data = built
    countries = _countries_in(data)
    files = _files(out)
    assert "index.html" in files
    assert {f"countries/{c}.html" for c in countries} == {
        f for f in files if f.startswith("countries/")
    }
    criteria = [f for f in files if f.startswith("criteria/")]
    assert len(criteria) >= 5
    index = _parse(files["index.html"].decode())
    assert index.rows == countries, "one heat-map row per country, in id order"
    assert len(index.cells) == len(countries) * len(criteria)


def test_every_relative_link_resolves(built: tuple[Path, Path | None]) -> None:
    out, _ = built
    pages = {
        rel: _parse(data.decode("utf-8"))
        for rel, data in _files(out).items()
        if rel.endswith(".html")
    }
    checked = 0
    for rel, page in pages.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            assert not parts.scheme and not parts.netloc and not href.startswith("/"), (
                f"{rel}: not a relative link: {href}"
            )
            target = (
                rel
                if not parts.path
                else posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
            )
            assert target in pages, f"{rel}: link to a missing file: {href}"
            if parts.fragment:
                assert parts.fragment in pages[target].ids, (
                    f"{rel}: link to a missing anchor: {href}"
                )
            checked += 1
    assert checked > 100


def test_pages_are_self_contained(built: tuple[Path, Path | None]) -> None:
    out, _ = built
    for rel, data in _files(out).items():
        if rel.endswith(".html"):
            text = data.decode("utf-8")
            assert not LOADS_ANYTHING.search(text), f"{rel} would load something"
            assert "<style>" in text and text.startswith("<!DOCTYPE html>")


def test_country_page_content(built: tuple[Path, Path | None]) -> None:
    out, _ = built
    page = _parse((out / "countries" / "ecuador.html").read_text(encoding="utf-8"))
    text = " ".join(page.text)
    for anchor in ("verdict", "tree", "agreements", "evidence", "sources"):
        assert anchor in page.ids
    assert any(i.startswith("crit-") for i in page.ids)
    assert any(i.startswith("ev-") for i in page.ids) and any(
        i.startswith("src-") for i in page.ids
    )
    assert "Agreement timeline" in text and "Status as of 2026-12-01" in text
    assert re.search(r"\b2025-\d\d-\d\d\b", text), "dated agreement events"
    assert "log10 LR" in text and re.search(r"(weak|moderate|strong) support against safety", text)
    assert "no diagnostic value" in text and "The recorded evidence is" in text


def test_criterion_page_sets_the_law_beside_the_rule(built: tuple[Path, Path | None]) -> None:
    out, _ = built
    pages = [
        _parse(p.read_text(encoding="utf-8")) for p in sorted((out / "criteria").glob("*.html"))
    ]
    for page in pages:
        assert {"law", "rule", "standard", "indicators", "unverified", "outcomes"} <= page.ids
    assert any("“" in "".join(p.text) for p in pages), "some criterion quotes statutory wording"
    text = " ".join(" ".join(p.text) for p in pages)
    assert "log10 likelihood ratio of at least" in text and "exceed a score of" not in text
    assert any("defeaters" in p.ids for p in pages), "defeaters and their authority are listed"


def test_build_is_deterministic_and_leaves_inputs_alone(tmp_path: Path) -> None:
    data = _data_root(tmp_path, "ecuador")
    before = _tree_hash(data)
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        result = run_stc("site", "-o", str(out), "--as-of", AS_OF, "--data", str(data))
        assert result.code == 0, result.err
    assert _files(a) == _files(b)
    assert _tree_hash(data) == before
    again = run_stc(
        "site", "-o", str(a), "--as-of", AS_OF, "--data", str(data)
    )  # replaces its own site
    assert again.code == 0, again.err
    assert _files(a) == _files(b)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], (
        "no temporary folder left behind"
    )


def test_library_build_matches_in_memory(data_root: Path) -> None:
    from stc.corpus import Corpus
    from stc.site import build_site

    one = build_site(Corpus(data_root), dt.date(2026, 12, 1)).pages
    two = build_site(Corpus(data_root), dt.date(2026, 12, 1)).pages
    assert one == two and list(one) == sorted(one)
    assert "2026-12-01" in one["index.html"]
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", "".join(one.values())), "no timestamps"


def test_finding_is_escaped(data_root: Path, tmp_path: Path) -> None:
    evidence = data_root / "countries" / "testland" / "evidence.yaml"
    text = evidence.read_text(encoding="utf-8")
    first = "finding: The asylum law incorporates the 1951 definition."
    assert first in text
    evidence.write_text(text.replace(first, f"finding: '{HOSTILE}'"), encoding="utf-8")
    out = tmp_path / "site"
    result = run_stc("site", "-o", str(out), "--as-of", AS_OF, "--data", str(data_root))
    assert result.code == 0, result.err
    for rel, data in _files(out).items():
        if rel.endswith(".html"):
            source = data.decode("utf-8")
            assert "<script" not in source and "<b>bold" not in source, rel
    country = (out / "countries" / "testland.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in country
    assert HOSTILE in " ".join(_parse(country).text), "shown to the reader as text"


def test_bad_input_exits_2_with_file_and_line(data_root: Path, tmp_path: Path) -> None:
    evidence = data_root / "countries" / "testland" / "evidence.yaml"
    evidence.write_text(
        evidence.read_text(encoding="utf-8").replace("credibility: 2", "credibility: 9", 1),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    result = run_stc("site", "-o", str(out), "--as-of", AS_OF, "--data", str(data_root))
    assert result.code == 2
    assert re.search(r"evidence\.yaml:\d+", result.err), result.err
    assert "Traceback" not in result.err and not out.exists()
    bad_date = run_stc("site", "-o", str(out), "--as-of", "22/11/2026", "--data", str(data_root))
    assert bad_date.code == 2 and "YYYY-MM-DD" in bad_date.err and not out.exists()


def test_refuses_to_replace_a_foreign_folder(data_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run_stc("site", "-o", str(out), "--as-of", AS_OF, "--data", str(data_root))
    assert (
        result.code == 2
        and "not written by `stc site`" in result.err
        and "Traceback" not in result.err
    )
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_comparator_site_says_not_us_law(data_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "eu"
    result = run_stc(
        "site",
        "-o",
        str(out),
        "--as-of",
        AS_OF,
        "--data",
        str(data_root),
        "--framework",
        "eu-apd-2013-art38",
    )
    assert result.code == 0, result.err
    for rel, data in _files(out).items():
        if rel.endswith(".html"):
            assert "not a result under US law" in data.decode("utf-8").replace("NOT", "not"), rel


# ------------------------------------------------------------------------------ heat map


def _assessments(corpus_root: Path, framework: str | None = None) -> list:  # type: ignore[type-arg]
    from stc.assessment import assess
    from stc.corpus import Corpus

    corpus = Corpus(corpus_root)
    return [
        assess(corpus, cid, framework, None, dt.date(2026, 12, 1)) for cid in corpus.country_ids()
    ]


def test_heatmap_cells_legend_and_confidence(tmp_path: Path) -> None:
    from stc.render.heatmap import render_heatmap

    data = _data_root(tmp_path, "ecuador")
    results = _assessments(data)
    page = render_heatmap(results, title="Comparison", as_of=dt.date(2026, 12, 1))
    parsed = _parse(page)
    assert parsed.rows == ["ecuador", "testland"]
    assert len(parsed.cells) == sum(len(a.criteria) for a in results)
    assert parsed.drills >= len(parsed.cells)
    text = " ".join(parsed.text)
    for words in ("MET", "NOT DECIDABLE", "How to read the heat map", "confidence", "Verdict"):
        assert words in text
    assert re.search(r"[■□]{4}\s+confidence:?\s+(high|moderate|low|very low)", text), (
        "confidence in words and a visual cue"
    )
    any_item = next(
        i for a in results for c in a.criteria for ind in c.indicators for i in ind.items
    )
    assert any_item.id in text and any_item.locator in text and any_item.excerpt in text
    assert not LOADS_ANYTHING.search(page)
    assert "not a result under US law" not in page


def test_heatmap_shows_conclusions_bands_and_log_lr(tmp_path: Path) -> None:
    from stc.render.heatmap import band_words, render_heatmap

    results = _assessments(_data_root(tmp_path, "ecuador"))
    page = render_heatmap(results, title="Comparison", as_of=dt.date(2026, 12, 1))
    text = " ".join(_parse(page).text)
    assert (
        "Scores run from" not in text and "[-1, 1]" not in text and "−1 (the evidence" not in text
    )
    assert "log10 likelihood ratios (log10 LR)" in text, "the legend explains the new scale"
    crit = next(c for a in results for c in a.criteria if c.conclusion)
    assert crit.conclusion in text
    ind = next(
        i
        for a in results
        for c in a.criteria
        for i in c.indicators
        if i.items and i.would_change and i.undecided
    )
    assert ind.conclusion in text and ind.strength in text and ind.would_change in text
    assert f"{ind.score:+.2f} log10 LR" in text
    item = next(
        i
        for a in results
        for c in a.criteria
        for x in c.indicators
        for i in x.items
        if i.lr_reason and i.band.endswith("against")
    )
    assert band_words(item.band) in text and item.lr_reason in text
    assert (
        band_words("moderate-against") == "moderate support against safety"
        and band_words("none") == "no diagnostic value"
    )
    assert re.search(r"undecided: evidence (too thin|balanced)", text)
    measured = next(
        (i for a in results for c in a.criteria for i in c.indicators if i.measurements), None
    )
    if measured is not None:
        assert "Pooled measurements" in text and measured.measurements[0].title in text


def test_neutral_items_are_listed_once_as_of_no_diagnostic_value(tmp_path: Path) -> None:
    from stc.render.heatmap import heatmap_view, render_heatmap

    results = _assessments(_data_root(tmp_path, "ecuador"))
    hm = heatmap_view(results)
    seen = 0
    for row in hm["rows"]:
        for cell in row["cells"]:
            for ind in cell["indicators"] if cell else []:
                sides = {i["id"] for i in ind["supporting"]} | {i["id"] for i in ind["adverse"]}
                assert not {i["id"] for i in ind["supporting"]} & {i["id"] for i in ind["adverse"]}
                for it in ind["no_value"]:
                    assert (
                        it["id"] not in sides
                        and it["band_words"] == "no diagnostic value"
                        and it["direction"] == "neutral"
                    )
                    seen += 1
                assert not [i for i in ind["not_counted"] if i["band"] == "none"]
    assert seen, "some item has band none"
    page = _parse(render_heatmap(results, title="x", as_of=dt.date(2026, 12, 1)))
    assert "No diagnostic value" in " ".join(page.text)


def test_established_defeater_is_shown_first_with_its_authority(tmp_path: Path) -> None:
    from stc.models.result import DefeaterResult
    from stc.render.heatmap import render_heatmap

    results = _assessments(_data_root(tmp_path))
    a = results[0]
    criteria = list(a.criteria)
    n, c = next((n, c) for n, c in enumerate(criteria) if c.indicators)
    defeater = DefeaterResult(
        id="d",
        title="Systemic detention of transferees",
        established=True,
        strength=2.6,
        needed=2.0,
        items=["T-05"],
        citations=["M.S.S. v Belgium and Greece (ECtHR 2011)"],
    )
    criteria[n] = c.model_copy(
        update={
            "defeaters": [defeater],
            "conclusion": "Decided by a defeater: systemic detention.",
            "outcome": "not-met",
        }
    )
    page = render_heatmap(
        [a.model_copy(update={"criteria": criteria})], title="D", as_of=dt.date(2026, 12, 1)
    )
    drill = page[page.index(f'id="cell-{a.country.id}--{c.id}"') :]
    drill = drill[: drill.index("</td>")]
    conclusion = drill.index("Decided by a defeater: systemic detention.")
    established = drill.index("Defeater established: Systemic detention of transferees")
    assert conclusion < established < drill.index("<h4>Elements</h4>")
    assert (
        "M.S.S. v Belgium and Greece (ECtHR 2011)" in drill
        and "2.60 log10 LR against safety" in drill
    )


def test_heatmap_comparator_notice(tmp_path: Path) -> None:
    from stc.render.heatmap import render_heatmap

    data = _data_root(tmp_path, fixture=True)
    results = _assessments(data, "unhcr-transfer-2013-2018")
    page = render_heatmap(results, title="UNHCR", as_of=dt.date(2026, 12, 1))
    assert "NOT a result under US law" in page
    assert 'class="notice comparator"' in page


def test_heatmap_escapes_findings(tmp_path: Path) -> None:
    from stc.render.heatmap import render_heatmap

    results = _assessments(_data_root(tmp_path))
    a = results[0]
    criteria = list(a.criteria)
    n, c = next((n, c) for n, c in enumerate(criteria) if any(ind.items for ind in c.indicators))
    k, ind = next((k, ind) for k, ind in enumerate(c.indicators) if ind.items)
    hostile_item = ind.items[0].model_copy(update={"finding": HOSTILE, "excerpt": HOSTILE})
    indicators = list(c.indicators)
    indicators[k] = ind.model_copy(update={"items": [hostile_item, *ind.items[1:]]})
    criteria[n] = c.model_copy(update={"indicators": indicators, "title": HOSTILE})
    page = render_heatmap(
        [a.model_copy(update={"criteria": criteria})], title=HOSTILE, as_of=dt.date(2026, 12, 1)
    )
    assert "<script" not in page and "<b>bold" not in page
    assert HOSTILE in " ".join(_parse(page).text)


# ------------------------------------------------------------------------------ real browser


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_index_in_a_real_browser(
    built: tuple[Path, Path | None], tmp_path: Path, artifacts: Path
) -> None:
    out, data = built
    browser = _browser()
    if browser is None:
        pytest.skip("no Chromium on this machine (.ci/run installs Debian's chromium)")
    index = out / "index.html"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", index.as_uri()], capture_output=True, text=True, timeout=120
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    parsed = _parse(dom.stdout)
    countries = _countries_in(data)
    assert parsed.rows == countries, "the heat map rendered one row per country"
    assert "heatmap" in parsed.ids and parsed.cells
    assert parsed.drills >= len(parsed.cells), "every cell carries its drill-down in the DOM"
    text = " ".join(parsed.text)
    assert "Elements" in text and "Evidence for" in text and "How to read the heat map" in text
    assert "log10 LR" in text and "The recorded evidence is" in text
    first_cell = re.search(
        r'<td class="cell o-[a-z-]+" id="(cell-[^"]+)"[^>]*>(.*?)</td>', dom.stdout, re.S
    )
    assert first_cell and 'class="drill"' in first_cell.group(2)
    shot = artifacts / "site-index.png"
    done = subprocess.run(
        [browser, *flags, f"--screenshot={shot}", "--window-size=1400,1400", index.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0 and shot.stat().st_size > 10_000


def test_profile_is_named_and_decides_person_criteria(data_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "profiled"
    result = run_stc(
        "site",
        "-o",
        str(out),
        "--as-of",
        AS_OF,
        "--data",
        str(data_root),
        "--profile",
        "honduran-man",
    )
    assert result.code == 0, result.err
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Applicant profile: Honduran man" in index
    plain = tmp_path / "plain"
    assert run_stc("site", "-o", str(plain), "--as-of", AS_OF, "--data", str(data_root)).code == 0
    assert _parse(index).cells.count("not-decidable") < _parse(
        (plain / "index.html").read_text(encoding="utf-8")
    ).cells.count("not-decidable")
