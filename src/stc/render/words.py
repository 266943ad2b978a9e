"""Labels shared by the renderers."""

from __future__ import annotations

OUTCOME_LABEL = {
    "met": "MET",
    "not-met": "NOT MET",
    "insufficient": "INSUFFICIENT EVIDENCE",
    "not-decidable": "NOT DECIDABLE",
}
VERDICT_LABEL = {
    "qualifies": "QUALIFIES",
    "does-not-qualify": "DOES NOT QUALIFY",
    "undetermined": "UNDETERMINED",
}
OUTCOME_STYLE = {
    "met": "green",
    "not-met": "red",
    "insufficient": "yellow",
    "not-decidable": "cyan",
}
VERDICT_STYLE = {
    "qualifies": "bold green",
    "does-not-qualify": "bold red",
    "undetermined": "bold yellow",
}


def signed(value: float | None) -> str:
    """A log10 likelihood ratio with its sign, two decimals; a dash for none."""
    return "—" if value is None else f"{value:+.2f}"


def percent(share: float) -> str:
    """A share 0–1 as a percentage with one decimal."""
    return f"{share * 100:.1f} %"
