"""The archive's core: content-addressed storage with a deterministic manifest, the text of
HTML, PDF and plain documents, and tolerant excerpt matching."""

from __future__ import annotations

import hashlib
import json

import pytest

from stc.archive import Archive, document_pages, document_text, find_passage
from stc.errors import DataErrors

WHEN = "2026-12-05T09:30:00Z"


def _add(archive: Archive, sid: str, data: bytes, ctype: str = "text/plain") -> None:
    archive.add(
        sid, data, content_type=ctype, fetched_from=f"https://example.org/{sid}", original=True,
        retrieved=WHEN,
    )  # fmt: skip


def test_add_stores_by_sha256_and_get_reads_it_back(tmp_path):
    archive = Archive(tmp_path / "arch")
    assert archive.get("a") is None
    assert not (tmp_path / "arch").exists()  # nothing written until something is added
    data = b"Some text."
    doc = archive.add(
        "a", data, content_type="text/plain; charset=utf-8", fetched_from="https://x.org/a",
        original=False, retrieved=WHEN,
    )  # fmt: skip
    sha = hashlib.sha256(data).hexdigest()
    assert doc.sha256 == sha
    assert doc.path == tmp_path / "arch" / "objects" / sha[:2] / sha
    assert doc.path.read_bytes() == data
    assert doc.content_type == "text/plain"
    assert (doc.fetched_from, doc.original, doc.retrieved) == ("https://x.org/a", False, WHEN)
    again = Archive(tmp_path / "arch").get("a")
    assert again == doc


def test_manifest_is_sorted_and_byte_identical_whatever_the_order_of_adding(tmp_path):
    one, two = Archive(tmp_path / "one"), Archive(tmp_path / "two")
    for sid in ("zeta", "alpha", "mid"):
        _add(one, sid, sid.encode())
    for sid in ("mid", "zeta", "alpha"):
        _add(two, sid, sid.encode())
    text_one = (tmp_path / "one" / "manifest.json").read_bytes()
    assert text_one == (tmp_path / "two" / "manifest.json").read_bytes()
    manifest = json.loads(text_one)
    assert manifest["schema_version"] == 1
    assert list(manifest["documents"]) == ["alpha", "mid", "zeta"]
    assert list(manifest["documents"]["alpha"]) == sorted(manifest["documents"]["alpha"])
    assert text_one.endswith(b"}\n")


def test_identical_bytes_share_one_file(tmp_path):
    archive = Archive(tmp_path)
    _add(archive, "a", b"same")
    _add(archive, "b", b"same")
    assert len(list((tmp_path / "objects").rglob("*"))) == 2  # one folder, one file


def test_a_corrupt_manifest_is_bad_input_naming_the_file(tmp_path):
    (tmp_path / "manifest.json").write_text(
        '{"schema_version": 1, "documents": {"a": {"sha256": "nothex"}}}', encoding="utf-8"
    )
    with pytest.raises(DataErrors) as exc:
        Archive(tmp_path)
    text = str(exc.value)
    assert "manifest.json" in text and "document 'a'" in text and "sha256" in text


def test_text_of_html_leaves_out_scripts_and_keeps_blocks_apart(tmp_path):
    html = (
        "<html><head><title>The Report</title><style>p{}</style></head><body>"
        "<script>var hidden = 1;</script><p>First&nbsp;paragraph, &ldquo;quoted&rdquo;.</p>"
        "<div>Second\nline</div></body></html>"
    )
    archive = Archive(tmp_path)
    _add(archive, "h", html.encode(), "text/html")
    doc = archive.get("h")
    assert doc is not None
    text = document_text(doc)
    assert "hidden" not in text and "p{}" not in text
    assert "The Report" in text
    assert "First paragraph, “quoted”.\n\nSecond line\n" in text


def test_html_in_a_declared_legacy_charset_is_decoded(tmp_path):
    archive = Archive(tmp_path)
    data = '<html><meta charset="windows-1252"><p>Asunción</p></html>'.encode("cp1252")
    _add(archive, "h", data, "text/html")
    doc = archive.get("h")
    assert doc is not None and "Asunción" in document_text(doc)


def make_pdf(pages: list[str]) -> bytes:
    """A real PDF with one page per string, typeset by Typst."""
    import typst

    body = "\n#pagebreak()\n".join(pages)
    return typst.compile(body.encode("utf-8"))


def test_text_of_a_pdf_page_by_page(tmp_path):
    archive = Archive(tmp_path)
    _add(archive, "p", make_pdf(["Page one says hello.", "Page two: the backlog grew."]), "x/y")
    doc = archive.get("p")
    assert doc is not None
    pages = document_pages(doc)
    assert len(pages) == 2
    assert "hello" in pages[0] and "backlog" in pages[1]
    assert find_passage(document_text(doc), "the BACKLOG grew") is not None


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("The Law Applies.", "the law applies"),  # case
        ("the   law\n  applies", "the law applies"),  # white space
        ("the “law” applies", 'the "law" applies'),  # curly vs straight
        ("the 'law' applies", "the ‘law’ applies"),
        ("in 2019–2020 the law", "in 2019-2020 the law"),  # dashes
        ("the law — it applies", "the law - it applies"),
        ("the law applies to all cases in Testland", "the law … in Testland"),  # ellipsis
        ("the law applies to all cases in Testland", "the law ... cases ... Testland"),
        ("the law applies to all cases in Testland", "the law [...] Testland"),
        ("the of\ufb01cial law", "the official law"),  # ligature
        ("protec-\ntion of refugees", "protection of refugees"),  # line-break hyphenation
        ("Asunción", "ASUNCIÓN"),  # diacritics kept, case folded
        ("Asuncio\u0301n", "Asunción"),  # decomposed and composed forms agree
    ],
)
def test_tolerated_differences_are_found(text, excerpt):
    assert find_passage(text, excerpt) is not None


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Asunción", "Asuncion"),  # a diacritic is a different letter
        ("Asuncion", "Asunción"),
        ("the law applies", "the law does not apply"),
        ("Testland ... the law", "the law … Testland"),  # parts out of order
        ("urban areas", "ban areas"),  # not inside a word
        ("some text", "…"),  # nothing to find
        ("some text", "   "),
    ],
)
def test_real_differences_are_not_found(text, excerpt):
    assert find_passage(text, excerpt) is None


def test_the_span_points_into_the_original_text():
    text = "Intro. The “Government”  shall—in all cases—ensure\nprotec-\ntion. End."
    span = find_passage(text, 'the "government" shall-in all cases-ensure protection')
    assert span is not None
    assert text[span[0] : span[1]] == "The “Government”  shall—in all cases—ensure\nprotec-\ntion"
    span = find_passage(text, "the 'government' … ensure")
    assert span is None  # a double quotation mark is not a single one
    span = find_passage(text, 'the "government" … ensure')
    assert span is not None
    assert text[span[0] : span[1]] == "The “Government”  shall—in all cases—ensure"
