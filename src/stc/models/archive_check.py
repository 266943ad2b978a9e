"""`stc archive verify --format json`: each evidence item's excerpt checked against the text of
its archived source."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from stc.models.result import ResultModel

CheckStatus = Literal["found", "not-found", "not-archived", "unreadable"]


class ExcerptCheck(ResultModel):
    country: str
    item: str = Field(description="The evidence item's id.")
    source: str = Field(description="The cited source's id.")
    locator: str = Field(description="The pinpoint the item gives (page, paragraph).")
    status: CheckStatus = Field(
        description=(
            "found: the excerpt is in the archived text; not-found: it is not; not-archived: "
            "the source has no archived document; unreadable: the document's text could not be "
            "extracted."
        )
    )
    page: int | None = Field(
        default=None, description="For a PDF, the page (from 1) where the excerpt begins."
    )
    detail: str | None = Field(default=None, description="Why a document was unreadable.")


class ArchiveCheck(ResultModel):
    format: Literal["stc.archive-check.v1"] = "stc.archive-check.v1"
    country: str | None = Field(description="The country checked; null for every country.")
    found: int
    not_found: int
    not_archived: int
    unreadable: int
    checks: list[ExcerptCheck] = Field(description="One per evidence item, in file order.")
