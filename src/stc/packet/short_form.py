"""The short form, to file with an expert declaration: each element's conclusion and the
evidence with its citations, without the model's internals (no likelihood ratios, weights or
logarithms); the method is left to the methodology appendix of the full exhibit."""

from __future__ import annotations

import re
from typing import Final

from stc.models.country import EvidenceItem
from stc.packet.model import (
    CaptionField,
    ShortDoc,
    ShortElement,
    ShortEvidence,
    ShortIndicator,
)
from stc.render.exhibit_model import EvidenceRef, ExhibitDoc

INTERNAL_WORDS: Final = re.compile(
    r"likelihood|log10|log-odds|\bLR\b|\bweights?\b|\bweighted\b", re.IGNORECASE
)
"""Words of the model's internals that the short form never prints."""

_RATIO_CLAUSE = re.compile(r";\s*a likelihood ratio of [^)]*")
_DIRECTION = {"supports": "for safety", "undermines": "against safety", "neutral": "neither way"}

METHODOLOGY_POINTER: Final = (
    "How the evidence was assessed, and every parameter used, is set out in the methodology "
    "appendix of the full exhibit produced by the same tool from the same data (same input "
    "fingerprint), and in the project's published methodology."
)


def plain_conclusion(text: str | None) -> str | None:
    """A conclusion without the model's internals: the likelihood-ratio clause dropped; None
    when what is left still speaks of them."""
    if text is None:
        return None
    cleaned = _RATIO_CLAUSE.sub("", text)
    return None if INTERNAL_WORDS.search(cleaned) else cleaned


def _evidence(ref: EvidenceRef, items: dict[str, EvidenceItem]) -> ShortEvidence:
    item = items.get(ref.item)
    return ShortEvidence(
        finding=ref.finding,
        direction=_DIRECTION.get(ref.direction, ref.direction),
        citation=ref.note,
        translation=item.excerpt_translation if item else None,
    )


def short_document(doc: ExhibitDoc, items: dict[str, EvidenceItem]) -> ShortDoc:
    elements = []
    for e in doc.elements:
        indicators = [
            ShortIndicator(
                title=ind.title,
                outcome=ind.outcome,
                conclusion=plain_conclusion(ind.conclusion) or f"{ind.title}: {ind.outcome}.",
                evidence=[
                    _evidence(r, items) for r in (*ind.supporting, *ind.adverse, *ind.no_value)
                ],
            )
            for ind in e.indicators
        ]
        elements.append(
            ShortElement(
                title=e.title,
                outcome=e.outcome,
                outcome_key=e.outcome_key,
                statutory_wording=e.statutory_wording,
                rule=e.rule,
                authority=e.authority,
                conclusion=plain_conclusion(e.conclusion),
                indicators=indicators,
            )
        )
    return ShortDoc(
        title=f"Country conditions: {doc.country} (short form)",
        subtitle=doc.subtitle,
        country=doc.country,
        framework=doc.framework,
        as_of=doc.as_of,
        profile=doc.profile,
        caption=[CaptionField(name=r.cells[0], value=r.cells[1]) for r in doc.caption],
        forum=doc.forum.name,
        tool_version=doc.tool_version,
        fingerprint=doc.fingerprint,
        verdict=doc.verdict,
        verdict_key=doc.verdict_key,
        elements=elements,
        methodology_pointer=METHODOLOGY_POINTER,
        notice=doc.notice,
    )
