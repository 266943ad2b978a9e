"""`stc sources --format json`: a country's bibliography as cited, one row a source."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from stc.models.common import Grade, Interest, SourceKind
from stc.models.result import ResultModel


class SourceRow(ResultModel):
    id: str
    title: str
    publisher: str
    date: dt.date
    kind: SourceKind
    reliability: Grade
    reliability_reason: str
    family: str
    interests: list[Interest]
    url: str | None = Field(description="The publisher's address.")
    read_at: str | None = Field(description="Where the text was read, if not at url.")
    items: list[str] = Field(description="Ids of the country's evidence items citing the source.")


class SourceList(ResultModel):
    format: Literal["stc.sources.v1"] = "stc.sources.v1"
    country: str
    sources: list[SourceRow]
