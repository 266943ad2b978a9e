"""Finding an excerpt in a document's text, tolerant of what copying and text extraction change
but not of a change in the words.

Both sides are compared after the same normalisation, character by character with a map back to
the document's own offsets:
- letter case is ignored (Unicode case folding);
- every run of white space counts as one space;
- curly and straight quotation marks are the same (‘ ’ ‚ ‛ ′ as ', “ ” „ ‟ ″ as ");
- hyphens and dashes are the same (‐ ‑ ‒ – — ― − as -); a soft hyphen is ignored;
- compatibility forms are unfolded (the ligature ﬁ as fi, a no-break space as a space);
- diacritics are kept: "é" never matches "e" (a letter with its combining marks is compared as
  one composed character).
An ellipsis in the excerpt ("…", "...", ". . .", bracketed or not) marks an omission: the parts
between ellipses must be found in order. If no match is found, a second pass joins words the
document hyphenated across a line break ("protec-\\ntion").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

_QUOTES = dict.fromkeys("‘’‚‛′`´", "'") | dict.fromkeys("“”„‟″«»", '"')
_DASHES = dict.fromkeys("‐‑‒–—―−﹘﹣－", "-")
_ELLIPSIS = re.compile(r"\[?\s*(?:…|\.\s?\.\s?\.)\s*\]?")
_LINE_HYPHEN = re.compile(r"(?<=\w)[-\u00ad\u2010]\s*\n\s*(?=\w)")


def _normalize(text: str) -> tuple[str, list[int], list[int]]:
    """The normalised text, and for each of its characters the start and end offsets in `text`
    of the character (with its combining marks) it came from."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pending_space = False
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        char = cluster[0]
        if char.isspace():
            pending_space = bool(out)
            i = j
            continue
        if char == "\u00ad":
            i = j
            continue
        if char in _QUOTES:
            folded = _QUOTES[char] + cluster[1:]
        elif char in _DASHES:
            folded = _DASHES[char] + cluster[1:]
        else:
            folded = unicodedata.normalize("NFKC", cluster).casefold()
            folded = unicodedata.normalize("NFC", folded)
        if pending_space:
            out.append(" ")
            starts.append(i)
            ends.append(i)
            pending_space = False
        for ch in folded:
            if ch.isspace():
                if out and out[-1] != " ":
                    out.append(" ")
                    starts.append(i)
                    ends.append(j)
                continue
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), starts, ends


def excerpt_parts(excerpt: str) -> list[str]:
    """The normalised parts of an excerpt between its ellipses, empty parts left out."""
    parts = []
    for piece in _ELLIPSIS.split(excerpt):
        normalized = _normalize(piece)[0].strip()
        if normalized:
            parts.append(normalized)
    return parts


def _search(normalized: str, parts: list[str]) -> tuple[int, int] | None:
    """The span in `normalized` from the first part's leftmost match to the end of the last
    part, each part found after the one before; None if some part is not found in order."""
    position = 0
    first = -1
    for part in parts:
        found = _find_word_aligned(normalized, part, position)
        if found < 0:
            return None
        if first < 0:
            first = found
        position = found + len(part)
    return first, position


def _find_word_aligned(haystack: str, needle: str, start: int) -> int:
    """The first occurrence of `needle` at or after `start` that does not begin or end inside a
    word (so "ban" is not found in "urban"), or -1."""
    while True:
        found = haystack.find(needle, start)
        if found < 0:
            return -1
        end = found + len(needle)
        before_ok = found == 0 or not (haystack[found - 1].isalnum() and needle[0].isalnum())
        after_ok = end == len(haystack) or not (haystack[end].isalnum() and needle[-1].isalnum())
        if before_ok and after_ok:
            return found
        start = found + 1


def find_passage(text: str, excerpt: str) -> tuple[int, int] | None:
    """Where `excerpt` is in `text`: (start, end) offsets into `text` from the start of its first
    part to the end of its last, or None if it is not there (see the module's docstring for what
    is tolerated). An excerpt with no words is never found."""
    parts = excerpt_parts(excerpt)
    if not parts:
        return None
    for candidate, offset_map in _candidates(text):
        normalized, starts, ends = _normalize(candidate)
        span = _search(normalized, parts)
        if span is not None:
            begin, end = span
            return offset_map(starts[begin]), offset_map(ends[end - 1] - 1) + 1
    return None


def _identity(offset: int) -> int:
    return offset


def _candidates(text: str) -> Iterator[tuple[str, Callable[[int], int]]]:
    """The text as it is, then (if it has any) with line-break hyphenation undone."""
    yield text, _identity
    if not _LINE_HYPHEN.search(text):
        return
    # Join words hyphenated across line breaks, keeping a map to the original offsets.
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for match in _LINE_HYPHEN.finditer(text):
        pieces.append(text[last : match.start()])
        origin.extend(range(last, match.start()))
        last = match.end()
    pieces.append(text[last:])
    origin.extend(range(last, len(text)))
    joined = "".join(pieces)
    origin.append(len(text))
    yield joined, origin.__getitem__
