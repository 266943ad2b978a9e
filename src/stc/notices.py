"""Notices every output carries in the same words, defined once."""

from __future__ import annotations

COMPARATOR_NOTICE = "A comparator framework: these results are not results under US law."
"""Shown wherever results under a comparator framework are shown."""


def comparator_notice(comparator: bool) -> str:
    """The words that follow a comparator framework's name wherever it is named."""
    return " (a comparator framework, not US law)" if comparator else ""
