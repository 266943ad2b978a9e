"""citation_* meta tags in the HTML report and the site's country pages: they describe the page
itself, and a title with markup characters is escaped, not injected."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from conftest import run_stc

AS_OF = "2025-06-30"


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and (found.get("name") or "").startswith("citation_"):
            self.meta.setdefault(found["name"] or "", []).append(found.get("content") or "")
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _parse(text: str) -> _Meta:
    parser = _Meta()
    parser.feed(text)
    return parser


def _rename(data_root: Path) -> None:
    path = data_root / "countries" / "testland" / "country.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "name: Testland", "name: 'Test<b>\"land\" & Co'"
    )
    path.write_text(text, encoding="utf-8")


def test_the_html_report_describes_itself(data_root):
    _rename(data_root)
    result = run_stc("assess", "testland", "--format", "html", "--as-of", AS_OF,
                     "--data", str(data_root))  # fmt: skip
    assert result.code == 0, result.err
    assert '<b>"land"' not in result.out  # escaped
    page = _parse(result.out)
    assert page.meta["citation_title"] == [page.title]
    assert 'Test<b>"land" & Co' in page.meta["citation_title"][0]
    assert page.meta["citation_publisher"] == ["stc"]
    assert page.meta["citation_publication_date"] == ["2025/06/30"]
    assert "citation_pdf_url" not in page.meta  # no address is known, none is made up


def test_site_country_pages_describe_themselves(data_root, tmp_path):
    _rename(data_root)
    out = tmp_path / "site"
    result = run_stc("site", "-o", str(out), "--as-of", AS_OF, "--data", str(data_root))
    assert result.code == 0, result.err
    text = (out / "countries" / "testland.html").read_text(encoding="utf-8")
    page = _parse(text)
    assert page.meta["citation_title"] == [
        'Test<b>"land" & Co: safe third country assessment as of 2025-06-30'
    ]
    assert page.meta["citation_publication_date"] == ["2025/06/30"]
    assert page.meta["citation_publisher"] == ["stc"]
    assert "citation_title" not in _parse((out / "index.html").read_text(encoding="utf-8")).meta
