"""Shared building blocks for every data format: strict base model, ids, dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

SCHEMA_VERSION = 1

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class StrictModel(BaseModel):
    """Base for every data-file model: unknown keys are errors, values are not coerced loosely."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class OutputModel(BaseModel):
    """Base for every output model (assessment, comparison, sensitivity, timeline, exhibit,
    worksheet): immutable, no unknown keys, schema built on first use."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _strict_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), got a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"not a calendar date: {value!r}") from exc
    raise ValueError(f"expected a date written YYYY-MM-DD, got {value!r}")


IsoDate = Annotated[
    dt.date, BeforeValidator(_strict_date), Field(json_schema_extra={"format": "date"})
]


def _not_in_future(value: dt.date) -> dt.date:
    if value > dt.date.today():
        raise ValueError(f"date {value.isoformat()} is in the future")
    return value


PastDate = Annotated[IsoDate, AfterValidator(_not_in_future)]

Slug = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", min_length=1, max_length=80)]
NonEmptyText = Annotated[str, Field(min_length=1)]
Iso2 = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]

Verification = Literal["V1", "V2", "V3-weak", "not-seen"]
"""How a fact was verified, after the legal brief's tags:
V1 primary or official source read; V2 reliable secondary source only;
V3-weak a weak page only (a lead); not-seen given from memory, must be checked."""

Direction = Literal["supports", "undermines", "neutral"]
"""The sign of an item's band: derived, never recorded."""

Band = Literal[
    "very-strong-against",
    "strong-against",
    "moderately-strong-against",
    "moderate-against",
    "weak-against",
    "none",
    "weak-for",
    "moderate-for",
    "moderately-strong-for",
    "strong-for",
    "very-strong-for",
]
"""A likelihood-ratio band on the verbal scale of evaluative reporting (docs/rating-guide.md)."""

About = Literal["general", "transferees"]
Grade = Literal["A", "B", "C", "D", "E", "F"]
Confidence = Literal["high", "moderate", "low", "very-low"]
CONFIDENCE_ORDER: tuple[Confidence, ...] = ("very-low", "low", "moderate", "high")
SourceKind = Literal[
    "receiving-government",
    "us-government",
    "other-government",
    "un",
    "intergovernmental",
    "court",
    "ngo",
    "academic",
    "press",
    "other",
]
Interest = Literal["party-to-agreement", "litigant", "advocacy"]
