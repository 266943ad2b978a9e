"""An applicant profile: the person-level facts the framework's person criteria need."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from stc.models.common import Iso2, IsoDate, NonEmptyText, Slug, StrictModel


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

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        if self.stateless and self.nationality:
            raise ValueError("a stateless person has no nationality")
        if not self.stateless and not self.nationality:
            raise ValueError("give a nationality, or set stateless: true")
        if self.unaccompanied_child and self.age is not None and self.age >= 18:
            raise ValueError("an unaccompanied child is under 18")
        return self
