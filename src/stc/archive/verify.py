"""Checking every excerpt against the archived text of its source."""

from __future__ import annotations

from collections.abc import Iterable

from stc.archive.cited import QuotedExcerpt
from stc.archive.passage import find_passage
from stc.archive.store import Archive
from stc.archive.text import PAGE_BREAK, document_pages
from stc.models.archive_check import ArchiveCheck, CheckStatus, ExcerptCheck


class _Texts:
    """Each stored document's text, extracted once however many items quote it."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._by_sha: dict[str, tuple[str, bool] | Exception] = {}

    def text(self, source_id: str) -> tuple[str, bool] | Exception | None:
        """(the text, whether it has pages) of the source's document; the exception if its
        text could not be extracted; None if it is not archived."""
        doc = self.archive.get(source_id)
        if doc is None:
            return None
        if doc.sha256 not in self._by_sha:
            try:
                pages = document_pages(doc)
                paged = doc.content_type == "application/pdf" or len(pages) > 1
                self._by_sha[doc.sha256] = (PAGE_BREAK.join(pages), paged)
            except Exception as exc:  # a damaged or unsupported file is reported, not fatal
                self._by_sha[doc.sha256] = exc
        return self._by_sha[doc.sha256]


def check_excerpt(texts: _Texts, quoted: QuotedExcerpt) -> ExcerptCheck:
    item = quoted.item

    def result(
        status: CheckStatus, page: int | None = None, detail: str | None = None
    ) -> ExcerptCheck:
        return ExcerptCheck(
            country=quoted.country,
            item=item.id,
            source=item.source,
            locator=item.locator,
            status=status,
            page=page,
            detail=detail,
        )

    got = texts.text(item.source)
    if got is None:
        return result("not-archived")
    if isinstance(got, Exception):
        return result("unreadable", detail=f"{type(got).__name__}: {got}".strip().rstrip(":"))
    text, paged = got
    span = find_passage(text, item.excerpt)
    if span is None:
        return result("not-found")
    return result("found", page=text.count(PAGE_BREAK, 0, span[0]) + 1 if paged else None)


def check_excerpts(
    archive: Archive, excerpts: Iterable[QuotedExcerpt], country: str | None
) -> ArchiveCheck:
    texts = _Texts(archive)
    checks = [check_excerpt(texts, quoted) for quoted in excerpts]
    count = {
        status: sum(c.status == status for c in checks)
        for status in ("found", "not-found", "not-archived", "unreadable")
    }
    return ArchiveCheck(
        country=country,
        found=count["found"],
        not_found=count["not-found"],
        not_archived=count["not-archived"],
        unreadable=count["unreadable"],
        checks=checks,
    )
