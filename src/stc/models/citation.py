"""Structured legal and documentary citations. Their rendering lives in stc.citations."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from stc.models.common import IsoDate, NonEmptyText, Slug, StrictModel, Verification

StatPage = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
    Field(pattern=r"^\d+(-\d+)?$"),
]
SectionText = Annotated[str, Field(pattern=r"^[0-9][0-9A-Za-z.]*(\([0-9A-Za-z]+\))*$")]


class _CitationBase(StrictModel):
    url: str | None = Field(default=None, pattern=r"^https?://")
    verification: Verification = "V1"
    note: str | None = None


class StatuteCitation(_CitationBase):
    """A section of the U.S. Code, with its INA parallel where there is one."""

    type: Literal["statute"]
    usc_title: int = Field(ge=1, le=54)
    usc_section: SectionText
    ina_section: SectionText | None = None
    statutory_note: bool = Field(
        default=False, description='Codified as a note to the section ("8 U.S.C. § 1231 note").'
    )


class PublicLawCitation(_CitationBase):
    type: Literal["public-law"]
    number: str = Field(pattern=r"^\d{2,3}-\d{1,4}$")
    name: str | None = Field(
        default=None, description="The Act's name, e.g. Homeland Security Act of 2002."
    )
    division: str | None = None
    section: SectionText | None = None
    stat_volume: int = Field(ge=1)
    stat_page: StatPage
    stat_pinpoint: StatPage | None = None
    year: int = Field(ge=1789, le=2100)


class RegulationCitation(_CitationBase):
    type: Literal["regulation"]
    cfr_title: int = Field(ge=1, le=50)
    section: SectionText


class FederalRegisterCitation(_CitationBase):
    type: Literal["federal-register"]
    volume: int = Field(ge=1)
    page: int = Field(ge=1)
    pinpoint: int | None = Field(default=None, ge=1)
    date: IsoDate
    title: str | None = None


class CaseCitation(_CitationBase):
    """A decided case (reporter citation) or a pending one (docket number)."""

    type: Literal["case"]
    name: NonEmptyText
    reporter: str | None = Field(default=None, pattern=r"^\d+ [A-Za-z0-9.&' ]+ \d+$")
    pinpoint: str | None = None
    docket: str | None = None
    court: NonEmptyText = Field(
        description="Court abbreviation; 'U.S.' for the Supreme Court (rendered without a court)."
    )
    year: int = Field(ge=1789, le=2100)


class TreatyCitation(_CitationBase):
    type: Literal["treaty"]
    name: NonEmptyText
    article: str | None = None


class SourceCitation(_CitationBase):
    """A document in the bibliography, with a pinpoint."""

    type: Literal["source"]
    source: Slug
    locator: str | None = None


Citation = Annotated[
    StatuteCitation
    | PublicLawCitation
    | RegulationCitation
    | FederalRegisterCitation
    | CaseCitation
    | TreatyCitation
    | SourceCitation,
    Field(discriminator="type"),
]
