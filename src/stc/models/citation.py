"""Structured legal and documentary citations, each rendered in one Bluebook-like form."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BeforeValidator, Field

from stc.models.common import IsoDate, NonEmptyText, Slug, StrictModel, Verification

_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")

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
    statutory_note: bool = Field(default=False, description="Codified as a note to the section (\"8 U.S.C. § 1231 note\").")

    def text(self) -> str:
        usc = f"{self.usc_title} U.S.C. § {self.usc_section}" + (" note" if self.statutory_note else "")
        return f"INA § {self.ina_section}, {usc}" if self.ina_section else usc


class PublicLawCitation(_CitationBase):
    type: Literal["public-law"]
    number: str = Field(pattern=r"^\d{2,3}-\d{1,4}$")
    name: str | None = Field(default=None, description="The Act's name, e.g. Homeland Security Act of 2002.")
    division: str | None = None
    section: SectionText | None = None
    stat_volume: int = Field(ge=1)
    stat_page: StatPage
    stat_pinpoint: StatPage | None = None
    year: int = Field(ge=1789, le=2100)

    def text(self) -> str:
        name = f"{self.name}, " if self.name else ""
        div = f", div. {self.division}" if self.division else ""
        sec = f", § {self.section}" if self.section else ""
        pin = f", {self.stat_pinpoint}" if self.stat_pinpoint else ""
        return f"{name}Pub. L. No. {self.number}{div}{sec}, {self.stat_volume} Stat. {self.stat_page}{pin} ({self.year})"


class RegulationCitation(_CitationBase):
    type: Literal["regulation"]
    cfr_title: int = Field(ge=1, le=50)
    section: SectionText

    def text(self) -> str:
        return f"{self.cfr_title} C.F.R. § {self.section}"


class FederalRegisterCitation(_CitationBase):
    type: Literal["federal-register"]
    volume: int = Field(ge=1)
    page: int = Field(ge=1)
    pinpoint: int | None = Field(default=None, ge=1)
    date: IsoDate
    title: str | None = None

    def text(self) -> str:
        pin = f", {self.pinpoint:,}" if self.pinpoint else ""
        when = f"{_MONTHS[self.date.month - 1]} {self.date.day}, {self.date.year}"
        return f"{self.volume} Fed. Reg. {self.page:,}{pin} ({when})"


class CaseCitation(_CitationBase):
    """A decided case (reporter citation) or a pending one (docket number)."""

    type: Literal["case"]
    name: NonEmptyText
    reporter: str | None = Field(default=None, pattern=r"^\d+ [A-Za-z0-9.&' ]+ \d+$")
    pinpoint: str | None = None
    docket: str | None = None
    court: NonEmptyText = Field(description="Court abbreviation; 'U.S.' for the Supreme Court (rendered without a court).")
    year: int = Field(ge=1789, le=2100)

    def text(self) -> str:
        where = self.reporter or (f"No. {self.docket}" if self.docket else "")
        pin = f", {self.pinpoint}" if self.pinpoint else ""
        court = "" if self.court == "U.S." else f"{self.court} "
        return f"{self.name}, {where}{pin} ({court}{self.year})"


class TreatyCitation(_CitationBase):
    type: Literal["treaty"]
    name: NonEmptyText
    article: str | None = None

    def text(self) -> str:
        return f"{self.name}, art. {self.article}" if self.article else self.name


class SourceCitation(_CitationBase):
    """A document in the bibliography, with a pinpoint."""

    type: Literal["source"]
    source: Slug
    locator: str | None = None

    def text(self) -> str:
        return f"[{self.source}]" + (f", {self.locator}" if self.locator else "")


Citation = Annotated[
    Union[
        StatuteCitation,
        PublicLawCitation,
        RegulationCitation,
        FederalRegisterCitation,
        CaseCitation,
        TreatyCitation,
        SourceCitation,
    ],
    Field(discriminator="type"),
]
