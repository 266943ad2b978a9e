"""The filing packet (stc exhibit COUNTRY -o DIR/), built from a fixture archive and read back
with pypdf: tabs, page stamps against the exhibit list, highlighted passages, translations and
forms, missing documents, PDF/A identification, splitting and the immigration court's one
document type per file, the district court's exhibits filed one by one, determinism, and the
short form without the model's internals."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, REPO, run_stc

AS_OF = "2026-12-01"
SPANISH_SOURCE = """
  - id: test-ong-es-2025
    title: Informe sobre el acceso al procedimiento
    publisher: ONG de Testland
    date: 2025-03-01
    date_basis: stated
    kind: ngo
    url: https://example.org/es
    reliability: B
    reliability_reason: Established NGO with field research.
    family: test-ong-es
    language: es
"""
SPANISH_ITEM = """
  - id: T-12
    finding: An NGO reports that applications are rejected without an interview.
    indicators: [proc-access]
    lr: weak-against
    lr_reason: A test rating.
    credibility: 2
    period: {start: 2025-01-01, end: 2025-02-28}
    source: test-ong-es-2025
    locator: p. 4
    excerpt: "las solicitudes se rechazan sin entrevista"
    excerpt_translation: "applications are rejected without an interview"
"""
NGO_HTML = b"""<html><head><title>NGO report</title><style>p{}</style></head><body>
<h1>NGO report on Testland</h1>
<p>Claims must be lodged within 15 days of arrival, the report says.</p>
<p>In several cases police were implicated in abuses against asylum seekers.</p>
<p>A closing paragraph.</p></body></html>"""
SPANISH_HTML = (
    "<html><body><p>Según el informe, las solicitudes se rechazan sin entrevista en la "
    "frontera.</p></body></html>"
).encode()
LATER_TEXT = b"Later UN report.\n\nUnder the law temporary status is granted to applicants."


def _un_pdf() -> bytes:
    """A two-page PDF: one cited passage on page 1, one on page 2, one nowhere."""
    import typst

    return typst.compile(
        b'#set page(paper: "us-letter")\n'
        b"UN report on Testland.\n\nPara. 12. There was a backlog of 5,000 cases in 2025.\n"
        b"#pagebreak()\nPara. 20. Observers found that gangs control several districts.\n\n"
        b"Para. 30. Reports of ill-treatment in custody continued.\n",
        timestamp=0,
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A data folder (Testland with a Spanish-language source) and an archive holding an HTML
    page, an original PDF, a plain text and the Spanish page; the government report missing."""
    from stc.archive import Archive

    base = tmp_path_factory.mktemp("packet-world")
    root = base / "data"
    (root / "countries").mkdir(parents=True)
    shutil.copytree(REPO / "criteria", root / "criteria")
    shutil.copytree(REPO / "profiles", root / "profiles")
    shutil.copytree(FIXTURES / "testland", root / "countries" / "testland")
    land = root / "countries" / "testland"
    with (land / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(SPANISH_SOURCE)
    with (land / "evidence.yaml").open("a", encoding="utf-8") as f:
        f.write(SPANISH_ITEM)
    archive = Archive(base / "archive")
    when = "2026-11-30T12:00:00Z"
    archive.add(
        "test-ngo-2025",
        NGO_HTML,
        content_type="text/html",
        fetched_from="https://example.org/ngo",
        original=True,
        retrieved=when,
    )
    archive.add(
        "test-un-2025",
        _un_pdf(),
        content_type="application/pdf",
        fetched_from="https://example.org/un",
        original=True,
        retrieved=when,
    )
    archive.add(
        "test-un-2025-later",
        LATER_TEXT,
        content_type="text/plain",
        fetched_from="https://mirror.example.net/un-later",
        original=False,
        retrieved=when,
    )
    archive.add(
        "test-ong-es-2025",
        SPANISH_HTML,
        content_type="text/html",
        fetched_from="https://example.org/es",
        original=True,
        retrieved=when,
    )
    return root, base / "archive"


def _build(world: tuple[Path, Path], out: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    root, archive = world
    result = run_stc(
        "exhibit",
        "testland",
        "--data",
        str(root),
        "--as-of",
        AS_OF,
        "--archive",
        str(archive),
        "--caption",
        "Respondent=J. Doe",
        "--caption",
        "A-number=A000-000-000",
        *extra,
        "-o",
        f"{out}/",
    )
    assert result.code == 0, result.err
    return json.loads((out / "packet.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _pages(out: Path, index: dict) -> list[str]:  # type: ignore[type-arg]
    """Every page's text, in packet order across the files."""
    texts = []
    for f in index["files"]:
        texts += [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(out / f["name"]).pages]
    return texts


@pytest.fixture(scope="module")
def eoir(world: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("eoir") / "packet"
    return out, _build(world, out, "--forum", "eoir")


def test_every_page_stamped_and_exhibit_list_ranges_match(eoir) -> None:  # type: ignore[no-untyped-def]
    out, index = eoir
    pages = _pages(out, index)
    assert len(pages) == index["total_pages"]
    for n, text in enumerate(pages, start=1):
        assert f"STC-{n:06d}" in text, n
    exhibit_list = " ".join(p for p in pages if "Exhibit list" in p or "Tab Title" in p)
    tabs = re.findall(r"(S-\d+) .*? (STC-\d{6}) to (STC-\d{6})", exhibit_list)
    assert [t[0] for t in tabs] == ["S-1", "S-2", "S-3", "S-4", "S-5"]
    for tab, first, last in tabs:
        a, b = int(first[4:]), int(last[4:])
        assert f"Exhibit {tab}" in pages[a - 1], tab  # the tab page opens the range
        assert f"Exhibit {tab}" not in pages[a - 2]
        if b < len(pages):  # the next page belongs to something else
            assert re.search(r"Exhibit S-\d+ |Translations|English translations", pages[b])
        entry = next(e for e in index["exhibits"] if e["exhibit"] == tab)
        assert (entry["first"], entry["last"]) == (first, last)
    assert "J. Doe" in pages[0] and "IMMIGRATION COURT" in pages[0]


def test_original_pdf_attached_with_its_passages_located(eoir) -> None:  # type: ignore[no-untyped-def]
    out, index = eoir
    pages = _pages(out, index)
    un = next(e for e in index["exhibits"] if e["source"] == "test-un-2025")
    assert un["attached"] == "original-pdf" and (un["passages_found"], un["passages_cited"]) == (
        2,
        3,
    )
    first = int(un["first"][4:])
    tab = pages[first - 1]
    assert "gangs control several districts" in tab and "Found on page 2 of the attached" in tab
    assert "Not found verbatim" in tab  # "torture in prisons" is not in the fixture
    attached = pages[first : int(un["last"][4:])]
    assert len(attached) == 2 and "gangs control several districts" in attached[1]
    assert "backlog of 5,000 cases" in attached[0]


def _highlight_fills(out: Path, index: dict, stamp: str) -> list[str]:  # type: ignore[type-arg]
    """The content-stream operators of the packet page carrying `stamp`."""
    n = int(stamp[4:])
    for f in index["files"]:
        lo, hi = int(f["first"][4:]), int(f["last"][4:])
        if lo <= n <= hi:
            page = PdfReader(out / f["name"]).pages[n - lo]
            return [page.get_contents().get_data().decode("latin-1")]
    raise AssertionError(stamp)


def test_rendered_html_highlights_the_cited_passage(eoir) -> None:  # type: ignore[no-untyped-def]
    out, index = eoir
    pages = _pages(out, index)
    ngo = next(e for e in index["exhibits"] if e["source"] == "test-ngo-2025")
    assert ngo["attached"] == "rendered-text"
    text_page = pages[int(ngo["first"][4:])]  # the page after the tab
    retrieved = "on 2026-11-30 at 12:00 UTC"
    assert f"Text of the document as retrieved from https://example.org/ngo {retrieved}" in (
        text_page
    )
    assert "SHA-256" in text_page and "police were implicated" in text_page
    assert "p{}" not in text_page  # style sheets are not text
    # Typst draws #highlight as a filled rectangle in the highlight colour (#fff176)
    stream = _highlight_fills(out, index, f"STC-{int(ngo['first'][4:]) + 1:06d}")[0]
    assert re.search(r"1 0\.94\d* 0\.46\d* (rg|sc)", stream), "no highlight drawn"
    tab_stream = _highlight_fills(out, index, ngo["first"])[0]
    assert not re.search(r"1 0\.94\d* 0\.46\d* (rg|sc)", tab_stream)  # the tab has none


def test_missing_document_listed_with_the_fetch_command(eoir, world) -> None:  # type: ignore[no-untyped-def]
    out, index = eoir
    gov = next(e for e in index["exhibits"] if e["source"] == "test-gov-2024")
    assert gov["attached"] == "missing" and index["missing"] == [gov["exhibit"]]
    assert index["fetch_command"] == f"stc archive fetch testland --archive {world[1]}"
    listing = " ".join(_pages(out, index)[:3])
    assert "Documents not attached" in listing and "stc archive fetch testland" in listing
    assert f"{gov['exhibit']}: Government of Testland" in listing
    assert "not attached" in (out / "README.txt").read_text(encoding="utf-8").lower()


def test_translation_marked_and_translator_certificate_form(eoir) -> None:  # type: ignore[no-untyped-def]
    out, index = eoir
    text = " ".join(_pages(out, index))
    es = next(e for e in index["exhibits"] if e["source"] == "test-ong-es-2025")
    assert "Translation (stc project, not certified): “applications are rejected without an" in (
        text
    )
    certificate = text[text.index("Certificate of translation (form)") :]
    assert f"Exh. {es['exhibit']}: ONG de Testland, Informe sobre el acceso" in certificate
    assert "Signature:" in certificate and "stc has not certified any translation" in text
    assert "Certificate of service (form)" in text and "8 C.F.R. § 1003.32(a)" in text


def test_eoir_files_one_document_type_each(eoir) -> None:  # type: ignore[no-untyped-def]
    out, index = eoir
    kinds = [f["kind"] for f in index["files"]]
    assert kinds == ["index", "analysis", "exhibits", "translations", "certificates"]
    for f in index["files"]:
        assert (out / f["name"]).stat().st_size == f["bytes"]
    assert "02-analysis.pdf" in (out / "README.txt").read_text(encoding="utf-8")


def test_split_into_ordered_parts_never_mixing_types(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "split"
    limit_mb = 0.06
    index = _build(world, out, "--forum", "eoir", "--max-mb", str(limit_mb))
    analysis = [f for f in index["files"] if f["kind"] == "analysis"]
    assert len(analysis) >= 2
    expected = 1
    for f in index["files"]:
        reader = PdfReader(out / f["name"])
        assert len(reader.pages) == f["pages"] and int(f["first"][4:]) == expected
        expected += f["pages"]
        assert f["bytes"] <= limit_mb * 1e6 or f["pages"] == 1, f["name"]
        if f["parts"] > 1:
            first_page = re.sub(r"\s+", " ", reader.pages[0].extract_text())
            assert f"Part {f['part']} of {f['parts']}" in first_page
            assert f["name"].endswith(f"-part{f['part']}-of-{f['parts']}.pdf")
        # one document type per file: every content range is of the file's own kind
        for c in f["contents"]:
            kind = {
                "Caption page and exhibit list": "index",
                "Analysis": "analysis",
            }.get(c["what"], "exhibits" if c["what"].startswith("Exhibit") else None)
            if kind:
                assert kind == f["kind"], (f["name"], c["what"])
    assert expected - 1 == index["total_pages"]


def test_ddc_files_each_exhibit_with_its_caption(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "ddc"
    index = _build(
        world, out, "--forum", "ddc", "--caption", "Case No.=1:26-cv-00001", "--stamp-prefix", "DOE"
    )
    exhibit_files = [f for f in index["files"] if f["kind"].startswith("exhibit-")]
    assert len(exhibit_files) == len(index["exhibits"]) == 5
    for f in exhibit_files:
        first = re.sub(r"\s+", " ", PdfReader(out / f["name"]).pages[0].extract_text())
        assert "UNITED STATES DISTRICT COURT" in first and "1:26-cv-00001" in first
        assert f["first"].startswith("DOE-")
    main = re.sub(r"\s+", " ", PdfReader(out / index["files"][0]["name"]).pages[0].extract_text())
    assert "FOR THE DISTRICT OF COLUMBIA" in main and "Plaintiff:" in main


def test_bia_caption_names_the_board(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "bia"
    index = _build(world, out, "--forum", "bia")
    first = PdfReader(out / index["files"][0]["name"]).pages[0].extract_text()
    assert "BOARD OF IMMIGRATION APPEALS" in first


def test_pdfa_declared_and_read_back(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from stc.packet.pdfa import declared_standard

    out = tmp_path / "pdfa"
    index = _build(world, out, "--pdf-standard", "a-2b")
    declared = {
        f["name"]: declared_standard((out / f["name"]).read_bytes()) for f in index["files"]
    }
    # the fixture's original PDF is not PDF/A, so the exhibits file may not claim it
    assert declared.pop("03-exhibits.pdf") is None
    assert set(declared.values()) == {"a-2b"}
    assert any(n.startswith("03-exhibits") and "not declared PDF/A" in n for n in index["notes"])
    xmp = PdfReader(out / "02-analysis.pdf").xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode()
    assert "<pdfaid:part>2</pdfaid:part>" in raw and "<pdfaid:conformance>B" in raw
    assert PdfReader(out / "02-analysis.pdf").pages[3].extract_text().strip()  # searchable


def test_same_inputs_same_bytes(world, eoir, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, index = eoir
    again = tmp_path / "again"
    second = _build(world, again, "--forum", "eoir")
    assert second == index
    for f in [*index["files"], {"name": "packet.json"}, {"name": "README.txt"}]:
        assert (again / f["name"]).read_bytes() == (out / f["name"]).read_bytes(), f["name"]
    info = PdfReader(out / "02-analysis.pdf").metadata
    assert info is not None and info["/CreationDate"].startswith("D:20261201")


def test_short_form_has_no_model_internals(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, _archive = world
    out = tmp_path / "short.pdf"
    result = run_stc(
        "exhibit", "testland", "--data", str(root), "--as-of", AS_OF, "--short", "-o", str(out)
    )
    assert result.code == 0, result.err
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(out).pages))
    assert "Conclusions, element by element" in text and "methodology appendix" in text
    assert "Exh. S-1" in text and "within 15 days" in text
    assert "applications are rejected without an interview" in text  # the translation
    for word in ("likelihood", "log10", " LR", "weight", "log-odds"):
        assert word not in text, word
    full = tmp_path / "full.pdf"
    assert run_stc("exhibit", "testland", "--data", str(root), "--as-of", AS_OF, "-o", str(full))
    full_text = " ".join(p.extract_text() for p in PdfReader(full).pages)
    assert "log10 LR" in full_text  # the check above can fail: the full form has them


def test_bad_packet_options(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, _archive = world
    common = ("exhibit", "testland", "--data", str(root), "--as-of", AS_OF)
    bad = run_stc(*common, "--pdf-standard", "a-1b", "-o", f"{tmp_path / 'x'}/")
    assert bad.code == 2 and "--pdf-standard" in bad.err and "Traceback" not in bad.err
    bad = run_stc(*common, "--stamp-prefix", "A B", "-o", f"{tmp_path / 'x'}/")
    assert bad.code == 2 and "--stamp-prefix" in bad.err
    bad = run_stc(*common, "--max-mb", "0", "-o", f"{tmp_path / 'x'}/")
    assert bad.code == 2
    assert not (tmp_path / "x").exists()


def test_passages_cut_into_highlighted_segments() -> None:
    from stc.packet.attachments import paragraphs_with_highlights

    text = "First para has a cited bit.\n\nSecond para.\n\n  Third, cited across\n\nfour."
    spans = [(17, 26), (44, 75)]
    paras = paragraphs_with_highlights(text, spans)
    assert ["".join(s.text for s in p.segments) for p in paras] == [
        "First para has a cited bit.",
        "Second para.",
        "Third, cited across",
        "four.",
    ]
    marked = [s.text for p in paras for s in p.segments if s.highlight]
    assert marked == ["cited bit", "Third, cited across", "four."]


def test_packet_json_matches_its_model(eoir) -> None:  # type: ignore[no-untyped-def]
    from stc.packet.model import PacketIndex

    out, index = eoir
    model = PacketIndex.model_validate(index)
    assert model.format == "stc.packet.v1" and model.forum == "eoir"
    assert io.BytesIO((out / "packet.json").read_bytes()).read().endswith(b"\n")


def test_unreadable_archived_pdf_is_listed_not_attached(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from stc.archive import Archive

    root, archive = world
    damaged = tmp_path / "archive"
    shutil.copytree(archive, damaged)
    Archive(damaged).add(
        "test-gov-2024",
        b"%PDF-1.7\nthis is not a readable PDF body\n%%EOF\n",
        content_type="application/pdf",
        fetched_from="https://example.org/gov",
        original=True,
        retrieved="2026-11-30T12:00:00Z",
    )
    out = tmp_path / "packet"
    result = run_stc(
        "exhibit", "testland", "--data", str(root), "--as-of", AS_OF, "--archive", str(damaged),
        "-o", f"{out}/",
    )  # fmt: skip
    assert result.code == 0, result.err
    index = json.loads((out / "packet.json").read_text(encoding="utf-8"))
    gov = next(e for e in index["exhibits"] if e["source"] == "test-gov-2024")
    assert gov["attached"] == "missing" and gov["sha256"] is not None
    listing = " ".join(_pages(out, index)[:3])
    assert "could not be read" in listing
