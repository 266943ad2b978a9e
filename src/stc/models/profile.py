"""An applicant profile: the person-level facts the framework's person criteria need, and
optionally the person's own evidence (a declaration, an expert's affidavit)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from stc.models.common import Iso2, IsoDate, NonEmptyText, Slug, StrictModel
from stc.models.country import EvidenceItem, Source


class PersonEvidence(StrictModel):
    """The person's own evidence about one receiving country. The items are evidence items in
    the country-folder format; they join only the framework's person-level evidence criteria
    (the individual screening) when that country is assessed with this profile."""

    country: Iso2 = Field(
        description="The receiving country the items are about, by its ISO code (e.g. GT)."
    )
    items: list[EvidenceItem] = Field(min_length=1)


class Profile(StrictModel):
    schema_version: Literal[1]
    id: Slug
    label: NonEmptyText
    description: str | None = None
    nationality: list[Iso2] = Field(
        default_factory=list, description="Every nationality held; empty for a stateless person."
    )
    stateless: bool = False
    last_habitual_residence: Iso2 | None = None
    age: int | None = Field(default=None, ge=0, le=130)
    unaccompanied_child: bool | None = None
    groups: list[Slug] = Field(default_factory=list)
    arrival_date: IsoDate | None = None
    sources: list[Source] = Field(
        default_factory=list,
        description=(
            "The sources of the person's own evidence, in the country-folder format. Each must "
            "have a url or be marked unpublished: true (a declaration, an affidavit), name who "
            "made it in publisher, and list 'litigant' among its interests: the person's own "
            "evidence is offered by a party."
        ),
    )
    evidence: list[PersonEvidence] = Field(
        default_factory=list,
        description=(
            "The person's own evidence, grouped by the receiving country it is about. It joins "
            "only the individual screening, never the country-level conditions."
        ),
    )

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if self.stateless and self.nationality:
            raise ValueError("a stateless person has no nationality")
        if not self.stateless and not self.nationality:
            raise ValueError("give a nationality, or set stateless: true")
        if self.unaccompanied_child and self.age is not None and self.age >= 18:
            raise ValueError("an unaccompanied child is under 18")
        return self

    def items_for(self, iso2: str) -> list[EvidenceItem]:
        """The person's own items about one receiving country."""
        return [item for group in self.evidence if group.country == iso2 for item in group.items]
