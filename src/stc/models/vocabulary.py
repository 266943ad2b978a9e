"""The shared vocabulary: indicators that evidence bears on, and groups that evidence is specific to.

Indicators are shared by every framework, so one evidence item can serve the US statute and
a comparator framework alike; each framework says which indicators each of its criteria uses.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from stc.models.common import NonEmptyText, Slug, StrictModel


class IndicatorDef(StrictModel):
    id: Slug
    title: NonEmptyText
    question: NonEmptyText = Field(description="What the indicator asks of the evidence; a positive score means the answer favours safety.")


class GroupDef(StrictModel):
    id: Slug
    title: NonEmptyText
    description: str | None = None


class UndercutterDef(StrictModel):
    """A critical question (after Carneades) that lowers an item's weight, never flips it."""

    id: Slug
    question: NonEmptyText


class Vocabulary(StrictModel):
    schema_version: Literal[1]
    indicators: list[IndicatorDef] = Field(min_length=1)
    groups: list[GroupDef] = Field(default_factory=list)
    undercutters: list[UndercutterDef] = Field(default_factory=list)
