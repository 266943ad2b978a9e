"""The shared vocabulary: indicators that evidence bears on, and groups that evidence is specific
to.

Indicators are shared by every framework, so one evidence item can serve the US statute and
a comparator framework alike; each framework says which indicators each of its criteria uses.
"""

from __future__ import annotations

import itertools
from typing import Literal

from pydantic import Field, model_validator

from stc.models.citation import Citation
from stc.models.common import Band, NonEmptyText, Slug, StrictModel


class IndicatorDef(StrictModel):
    id: Slug
    title: NonEmptyText
    question: NonEmptyText = Field(
        description=(
            "What the indicator asks of the evidence; a positive score means the answer favours "
            "safety."
        )
    )
    same_for_transferees: str | None = Field(
        default=None,
        description=(
            "Set (with the reason) where the answer cannot differ for people transferred, "
            "because it concerns the law "
            "or a feature of the whole system that applies to every claimant alike; evidence "
            "about claimants in "
            "general is then not indirect for a criterion about transferees. Leave unset where "
            "practice toward "
            "transferees may differ (access, status, outcomes, removals)."
        ),
    )


class GroupDef(StrictModel):
    id: Slug
    title: NonEmptyText
    description: str | None = None


class UndercutterDef(StrictModel):
    """A critical question (after Carneades) that lowers an item's weight, never flips it."""

    id: Slug
    question: NonEmptyText


class Anchor(StrictModel):
    """A cited reference value on a quantity's scale (a regional or global figure)."""

    label: NonEmptyText
    value: float
    citations: list[Citation] = Field(min_length=1)


class ScaleStep(StrictModel):
    """Values up to `upto` (for lower-is-safer) or from `upto` (for higher-is-safer) take `band`;
    the last step has no bound."""

    upto: float | None = None
    band: Band
    basis: NonEmptyText = Field(description="Why the step is there, in terms of the anchors.")


class QuantityDef(StrictModel):
    """A quantity an indicator can be measured by, with an anchored scale from value to band."""

    id: Slug
    title: NonEmptyText
    unit: NonEmptyText
    indicator: Slug
    safer: Literal["lower", "higher"]
    line: float = Field(
        description="The decision line: values on the safe side of it favour safety."
    )
    reason: NonEmptyText = Field(description="Why the quantity is diagnostic of the indicator.")
    anchors: list[Anchor] = Field(
        min_length=1, description="Cited reference values the scale is set against."
    )
    scale: list[ScaleStep] = Field(
        min_length=2, description="From the safest values to the least safe."
    )

    @model_validator(mode="after")
    def _ordered(self) -> QuantityDef:
        bounds = [s.upto for s in self.scale]
        if bounds[-1] is not None or any(b is None for b in bounds[:-1]):
            raise ValueError("every scale step but the last needs 'upto'; the last has none")
        numbers = [b for b in bounds if b is not None]
        increasing = self.safer == "lower"
        if any((a >= b) if increasing else (a <= b) for a, b in itertools.pairwise(numbers)):
            raise ValueError("scale bounds must run from the safest values to the least safe")
        return self


class DefeaterDef(StrictModel):
    """A fact that, once established, decides a criterion whatever the balance of the rest."""

    id: Slug
    title: NonEmptyText
    question: NonEmptyText


class Vocabulary(StrictModel):
    schema_version: Literal[2]
    indicators: list[IndicatorDef] = Field(min_length=1)
    quantities: list[QuantityDef] = Field(default_factory=list)
    defeaters: list[DefeaterDef] = Field(default_factory=list)
    groups: list[GroupDef] = Field(default_factory=list)
    undercutters: list[UndercutterDef] = Field(default_factory=list)
