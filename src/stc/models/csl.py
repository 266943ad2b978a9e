"""CSL-JSON, the citation format Zotero, Mendeley and citeproc read: the fields stc fills
(https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from stc.models.common import OutputModel

CslType = Literal[
    "report", "legal_case", "article-journal", "article-newspaper", "webpage", "document"
]


class CslName(OutputModel):
    literal: str = Field(description="A name given whole (an institution, or a person as cited).")


class CslDate(OutputModel):
    date_parts: list[list[int]] = Field(serialization_alias="date-parts")

    model_config = ConfigDict(populate_by_name=True)


class CslItem(OutputModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str
    type: CslType
    title: str
    author: list[CslName] | None = None
    publisher: str | None = None
    container_title: str | None = Field(
        default=None,
        serialization_alias="container-title",
        description="For a press article: the newspaper.",
    )
    authority: str | None = Field(default=None, description="For a court decision: the court.")
    issued: CslDate | None = Field(
        default=None, description="Only a date the document states; never an inferred one."
    )
    accessed: CslDate | None = None
    URL: str | None = Field(default=None, description="The publisher's address.")
    language: str | None = None
    note: str | None = None
