"""Labels shared by the renderers."""

from __future__ import annotations

OUTCOME_LABEL = {
    "met": "MET",
    "not-met": "NOT MET",
    "insufficient": "INSUFFICIENT EVIDENCE",
    "not-decidable": "NOT DECIDABLE",
}
BY_BURDEN = " by the burden"
"""Added to a criterion's outcome when the evidence left it undecided and the framework's burden
decided it (docs/methodology.md § 7); `criterion_label` gives it in a report's capitals."""


def by_burden(decided_by_burden: bool) -> str:
    """The words added to an outcome the burden decided, or nothing."""
    return BY_BURDEN if decided_by_burden else ""


def criterion_label(outcome: str, decided_by_burden: bool) -> str:
    """A criterion's outcome in words, saying when it is the burden's and not the evidence's."""
    if decided_by_burden:
        return f"{OUTCOME_LABEL[outcome]} ({BY_BURDEN.strip().upper()})"
    return OUTCOME_LABEL[outcome]


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


PERSONS_OWN = "the person's own evidence"
"""How every output marks an item or source that comes from the applicant's profile."""


def signed(value: float | None) -> str:
    """A log10 likelihood ratio with its sign, two decimals; a dash for none."""
    return "—" if value is None else f"{value:+.2f}"


def percent(share: float) -> str:
    """A share 0–1 as a percentage with one decimal."""
    return f"{share * 100:.1f} %"


VERIFICATION_WORDS = {
    "V1": "read in the primary text",
    "V2": "from a reliable secondary account",
    "V3-weak": "from a weak copy only",
    "not-seen": "not verified",
}
"""How each verification level is said to a reader; the codes stay in the data."""

VERIFICATION_LEGEND = (
    "How each statement was checked: “read in the primary text” means the project read the "
    "source itself; “from a reliable secondary account” means it was read in a reliable report "
    "of the source, not the source; “from a weak copy only” means it was seen only in a copy of "
    "doubtful fidelity and should be checked; “not verified” means no source was read for it."
)


def verification(code: str) -> str:
    """A verification level in words (an unknown code is returned as it is)."""
    return VERIFICATION_WORDS.get(code, code)


GRADE_WORDS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
"""The Admiralty code's words for a source's reliability grade."""

GRADE_LEGEND = (
    "Grade is the source's reliability on the Admiralty scale: A completely reliable, B usually "
    "reliable, C fairly reliable, D not usually reliable, E unreliable, F reliability cannot be "
    "judged."
)


def source_labels(source_ids: list[str]) -> dict[str, str]:
    """Reader-facing labels for sources, numbered in the order given: S-1, S-2, ..."""
    return {sid: f"S-{n}" for n, sid in enumerate(source_ids, start=1)}


def mid_sentence(text: str) -> str:
    """A phrase written to start a sentence ("The Government ...") as it reads after a
    preposition ("burden on the Government ...")."""
    for article in ("The ", "A ", "An "):
        if text.startswith(article):
            return article.lower() + text[len(article) :]
    return text
