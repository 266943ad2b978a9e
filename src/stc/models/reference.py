"""A reference case: a real determination, recorded as the facts the deciding body relied on
or had on its record, to check the model against (reference/<case>/)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from stc.models.common import Iso2, IsoDate, NonEmptyText, PastDate, Slug, StrictModel, Verification


class Determination(StrictModel):
    """Who decided what, when: the test's oracle, kept apart from the evidence."""

    body: NonEmptyText = Field(
        description="The deciding body, e.g. 'High Court of Australia' or 'UNHCR'."
    )
    title: NonEmptyText = Field(description="The decision or document, cited in full.")
    date: PastDate
    url: str = Field(pattern=r"^https?://", description="The publisher's address.")
    read_at: str | None = Field(default=None, description="Where the text was read, if not at url.")
    held: NonEmptyText = Field(
        description=(
            "What the body found about the country, in our own words (one or two sentences)."
        )
    )
    verification: Verification = "V1"


class ReferenceCase(StrictModel):
    schema_version: Literal[1]
    id: Slug
    title: NonEmptyText
    framework: Slug = Field(
        description=(
            "The framework the tool applies: the one the body applied, or the encoded framework "
            "nearest to it (say which in note)."
        )
    )
    sending_state: Iso2
    as_of: IsoDate = Field(description="The date whose situation the body assessed.")
    known_by: IsoDate = Field(description="The last date of publication of evidence the body had.")
    determination: Determination
    expected_criteria: dict[Slug, Literal["met", "not-met"]] = Field(
        min_length=1,
        description="The criteria the body decided, with the outcome its finding corresponds to.",
    )
    expected_verdict: Literal["qualifies", "does-not-qualify"] | None = Field(
        default=None,
        description=(
            "Only where the body's finding covers every deciding criterion (or one failing is "
            "enough)."
        ),
    )
    note: str | None = None

    @model_validator(mode="after")
    def _dates(self) -> ReferenceCase:
        if self.known_by < self.as_of:
            raise ValueError("known_by is before as_of")
        return self
