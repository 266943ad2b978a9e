"""`citation_*` meta tags (the Highwire Press tags Zotero and Google Scholar read) describing an
HTML page stc makes, so a reference manager saving the page records what it is.

The page's date is its as-of date: stc records no time of running, so that the same inputs give
the same page byte for byte. Addresses are given only when known (stc does not know where a
page will be published)."""

from __future__ import annotations

PUBLISHER = "stc"


def citation_meta(
    title: str,
    as_of: str,
    *,
    public_url: str | None = None,
    pdf_url: str | None = None,
) -> list[tuple[str, str]]:
    """(name, content) pairs in the order they are written; the template escapes them."""
    year, month, day = as_of.split("-")
    tags = [
        ("citation_title", title),
        ("citation_publisher", PUBLISHER),
        ("citation_publication_date", f"{year}/{month}/{day}"),
        ("citation_language", "en"),
    ]
    if public_url:
        tags.append(("citation_public_url", public_url))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    return tags
