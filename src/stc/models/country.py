"""A country folder: country.yaml (treaties, agreements), sources.yaml, evidence.yaml."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from stc.models.citation import Citation
from stc.models.common import (
    About,
    Band,
    Grade,
    Interest,
    Iso2,
    IsoDate,
    NonEmptyText,
    PastDate,
    Slug,
    SourceKind,
    StrictModel,
    Verification,
)

MAX_EXCERPT_WORDS = 25

AgreementEventKind = Literal[
    "announced",
    "signed",
    "published",
    "entered-into-force",
    "implemented",
    "suspended",
    "resumed",
    "terminated",
    "disputed",
]


class TreatyStatus(StrictModel):
    treaty: Slug
    title: NonEmptyText
    status: Literal["party", "signatory", "not-party"]
    date: IsoDate | None = None
    citations: list[Citation] = Field(default_factory=list)
    verification: Verification = "V1"
    note: str | None = None


class AgreementEvent(StrictModel):
    date: IsoDate
    event: AgreementEventKind
    description: NonEmptyText
    citations: list[Citation] = Field(min_length=1)
    verification: Verification = "V1"
    note: str | None = None


class AgreementScope(StrictModel):
    terms_public: bool = Field(
        description="Whether the terms deciding who may be transferred are public."
    )
    nationalities: list[Iso2] | None = Field(
        default=None,
        description=(
            "Nationalities that may be transferred, where the terms say; None where they do not."
        ),
    )
    excluded_nationalities: list[Iso2] = Field(default_factory=list)
    cap: str | None = None
    exclusions: list[str] = Field(default_factory=list)
    note: str | None = None


class Agreement(StrictModel):
    id: Slug
    title: NonEmptyText
    partners: list[Iso2] = Field(
        default_factory=lambda: ["US"],
        min_length=1,
        description=(
            "The other parties, the sending states: the United States unless stated (e.g. [CA] "
            "for an agreement with Canada; every member state for an EU instrument)."
        ),
    )
    instrument: NonEmptyText = Field(
        description="What kind of instrument: treaty, exchange of notes, arrangement…"
    )
    statutory_basis: Literal["yes", "no", "disputed"] = Field(
        description=(
            "For agreements with the United States: whether it is an agreement under INA § "
            "208(a)(2)(A). For other partners: whether it is the kind of agreement the partner's "
            "law requires."
        )
    )
    basis_note: str | None = None
    scope: AgreementScope
    events: list[AgreementEvent] = Field(min_length=1)
    citations: list[Citation] = Field(default_factory=list)


class Country(StrictModel):
    schema_version: Literal[1]
    id: Slug
    name: NonEmptyText
    iso2: Iso2
    role: Literal["target", "control", "reference"]
    treaties: list[TreatyStatus] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    note: str | None = None


class Source(StrictModel):
    id: Slug
    title: NonEmptyText
    publisher: NonEmptyText
    author: str | None = None
    date: PastDate
    date_basis: Literal["stated", "inferred", "accessed"] = Field(
        description=(
            "stated: the document's own date; inferred: dated from its contents (say how in "
            "note); accessed: undated, date read."
        )
    )
    kind: SourceKind
    url: str | None = Field(
        default=None,
        pattern=r"^https?://",
        description=(
            "The publisher's address. Absent, read_at must say where the text was read, and "
            "validate --strict fails unless the source is marked unpublished."
        ),
    )
    read_at: str | None = Field(
        default=None, description="Where the text was read, if not at url (a reprint, a seed file)."
    )
    unpublished: bool = Field(
        default=False,
        description=(
            "True for a document with no public address by its nature (a clinic's own "
            "declaration, an expert's affidavit, a court filing not published online); "
            "validate --strict accepts it without a url. Say why in note."
        ),
    )
    reliability: Grade
    reliability_reason: NonEmptyText
    family: Slug = Field(description="Independence family: a publisher and its reprints share one.")
    interests: list[Interest] = Field(default_factory=list)
    language: str = Field(default="en", pattern=r"^[a-z]{2}$")
    note: str | None = None

    @model_validator(mode="after")
    def _traceable(self) -> Source:
        if self.url is None and not self.read_at:
            raise ValueError("a source needs a url, or read_at saying where its text was read")
        return self


class Bibliography(StrictModel):
    schema_version: Literal[1]
    sources: list[Source] = Field(default_factory=list)


class Period(StrictModel):
    start: PastDate
    end: PastDate

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("period ends before it starts")
        return self


class Measure(StrictModel):
    """A value of a quantity declared in the vocabulary, in that quantity's unit."""

    quantity: Slug
    value: float = Field(ge=0.0)


class EvidenceItem(StrictModel):
    id: Slug
    finding: NonEmptyText = Field(
        description="What the source shows, in our own words, with its figures."
    )
    indicators: list[Slug] = Field(min_length=1)
    lr: Band | None = Field(
        default=None,
        description=(
            "How much more to be expected the finding is if the country is safe for transferees "
            "on these indicators than if not (docs/rating-guide.md). Absent only when `measure` "
            "is given: the quantity's scale then gives the band."
        ),
    )
    lr_reason: str | None = Field(
        default=None,
        description=(
            "One line: why the finding is that much more (or less) to be expected in a safe "
            "country."
        ),
    )
    measure: Measure | None = None
    data: Slug | None = Field(
        default=None,
        description=(
            "Dependence key: items of different families reporting the same underlying data share "
            "it and count once."
        ),
    )
    about: About = Field(
        default="general",
        description="transferees: the finding is about people transferred under an agreement.",
    )
    establishes: list[Slug] = Field(
        default_factory=list,
        description=(
            "Defeaters (vocabulary) this finding, if reliable, establishes; only for items rated "
            "against safety."
        ),
    )
    credibility: int = Field(
        ge=1,
        le=6,
        description=(
            "Information credibility, Admiralty scale: 1 confirmed … 5 improbable, 6 cannot be "
            "judged."
        ),
    )
    period: Period
    groups: list[Slug] = Field(
        default_factory=list, description="Groups the finding is specific to; empty means everyone."
    )
    source: Slug
    locator: NonEmptyText = Field(description="Pinpoint in the source: page, section, paragraph.")
    excerpt: NonEmptyText = Field(description="Verbatim, at most 25 words.")
    language: str | None = Field(
        default=None,
        pattern=r"^[a-z]{2}$",
        description=(
            "The excerpt's language where it differs from its source's (an English abstract of "
            "a Spanish article: en); absent, the source's language."
        ),
    )
    excerpt_translation: str | None = Field(
        default=None,
        description=(
            "English translation of an excerpt not in English, made by the project; printed "
            "marked as a translation, never as the source's words. Required by validate --strict "
            "when the excerpt's language (the item's, else the source's) is not English."
        ),
    )
    conflicts_with: list[Slug] = Field(default_factory=list)
    undercutters: list[Slug] = Field(default_factory=list)
    verification: Verification = "V1"
    note: str | None = None

    @field_validator("excerpt")
    @classmethod
    def _excerpt_short(cls, value: str) -> str:
        words = len(value.split())
        if words > MAX_EXCERPT_WORDS:
            raise ValueError(f"excerpt has {words} words; at most {MAX_EXCERPT_WORDS} are allowed")
        return value

    @model_validator(mode="after")
    def _rated(self) -> EvidenceItem:
        if self.lr is None and self.measure is None:
            raise ValueError("an item needs a band (lr) or a measured value (measure)")
        if self.lr is not None and self.measure is not None:
            raise ValueError(
                "give either lr or measure: a measured value takes its band from the quantity's "
                "scale"
            )
        if self.lr is not None and self.lr != "none" and not self.lr_reason:
            raise ValueError("a band other than 'none' needs lr_reason: one line saying why")
        if self.establishes and self.lr is not None and not self.lr.endswith("-against"):
            raise ValueError("only an item rated against safety can establish a defeater")
        return self


class EvidenceFile(StrictModel):
    schema_version: Literal[2]
    items: list[EvidenceItem] = Field(default_factory=list)
