"""The parts a finding can play in an exercise, and the verbal scale in words.

- **arguable**: a reasonable reader could place it on either side. Either it is rated `none`
  or weak *on balance* (its rating's reason says it points both ways), or it is rated weak and the
  reason for its rating itself names a consideration the other way ("…, but …", "though").
- **red herring**: it sounds as if it matters but carries nothing for this applicant: rated
  `none` (expected in safe and unsafe countries alike) without being a mixed finding, or
  specific to a group the applicant is not in, or shrunk to almost nothing by its source's
  reliability, its age and the critical questions it fails.

Both are read from the data (the band and its recorded reason), never from the engine's
weights alone."""

from __future__ import annotations

import re
from typing import get_args

from stc.models.common import Band
from stc.models.result import ItemResult
from stc.scoring import LEVEL_WORDS, level_of, sign_of

BANDS: tuple[str, ...] = get_args(Band)
"""The verbal scale in order, from strongest support against safety to strongest for it."""

NEAR_NEUTRAL = 0.1
"""A counted finding whose shrunk log10 likelihood ratio is below this (a ratio under about
1.26) is near-neutral."""

_CONCESSION = re.compile(r"\b(but|though|although|however)\b")


def band_words(band: str) -> str:
    """A band in words: "moderate support against safety", "no support either way"."""
    if band == "none":
        return "no support either way (none)"
    side = "for" if sign_of(band) > 0 else "against"  # type: ignore[arg-type]
    return f"{LEVEL_WORDS[level_of(band)]} support {side} safety ({band})"  # type: ignore[arg-type]


def steps(a: str, b: str) -> int:
    return abs(BANDS.index(a) - BANDS.index(b))


def side(band: str) -> str:
    return "none" if band == "none" else ("for" if band.endswith("-for") else "against")


def arguable(item: ItemResult) -> str | None:
    """Why a reasonable reader could place the finding either way, or None."""
    reason = (item.lr_reason or "").strip()
    if level_of(item.band) in ("none", "weak") and reason.lower().startswith("on balance"):  # type: ignore[arg-type]
        return (
            "the finding points both ways, and the rating sets one part against the other "
            f"(“{reason}”); a reader who weighs one part more may place it on that side"
        )
    if level_of(item.band) == "weak" and _CONCESSION.search(reason):  # type: ignore[arg-type]
        return (
            "its support is weak and the reason for its rating itself names a point the other "
            f"way (“{reason}”); a reader who gives that point more weight may rate it none or "
            "place it on the other side"
        )
    return None


def group_specific(item: ItemResult) -> bool:
    return bool(item.excluded and item.excluded.startswith("specific to"))


def red_herring(item: ItemResult) -> str | None:
    """Why the finding carries nothing for this applicant although it may sound as if it
    does, or None."""
    reason = (item.lr_reason or "").strip()
    if item.band == "none" and arguable(item) is None:
        return (
            "it is as much to be expected in a safe country as in an unsafe one, so it has no "
            "diagnostic value" + (f" (“{reason}”)" if reason else "")
        )
    if group_specific(item):
        return (
            "it is specific to a group the applicant is not in (see “Specific to” on the "
            "worksheet), so it does not count for this applicant"
        )
    if not item.excluded and item.band != "none" and item.weight < NEAR_NEUTRAL:
        return (
            "its source's reliability, its age and the critical questions it fails shrink it to "
            f"almost nothing (a likelihood ratio of about {10**item.weight:.2f} after shrinking)"
        )
    return None


def issue_band(score: float) -> str:
    """The band a combined log10 likelihood ratio reaches on the verbal scale."""
    from stc.scoring import level_name

    level = level_name(score)
    return "none" if level == "none" else f"{level}-{'for' if score > 0 else 'against'}"
