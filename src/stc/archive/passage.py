"""Finding an excerpt in a document's text, tolerant of what copying and text extraction change
but not of a change in the words.

Both sides are compared after the same normalisation, character by character with a map back to
the document's own offsets:
- letter case is ignored (Unicode case folding);
- every run of white space counts as one space, and none before , . ; : ! ? ) ] or a quotation
  mark (text extracted from a PDF often has one there);
- curly and straight quotation marks are the same (‘ ’ ‚ ‛ ′ as ', “ ” „ ‟ ″ as ");
- hyphens and dashes are the same (‐ ‑ ‒ – — ― − as -); a soft hyphen is ignored;
- compatibility forms are unfolded (the ligature ﬁ as fi, a no-break space as a space);
- diacritics are kept: "é" never matches "e" (a letter with its combining marks is compared as
  one composed character).
An ellipsis in the excerpt ("…", "...", ". . .", bracketed or not) marks an omission: the parts
between ellipses must be found in order. If no match is found, a second pass joins words the
document hyphenated across a line break ("protec-\\ntion"), then one joining them with the
hyphen kept ("non-\\nrefoulement").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

_QUOTES = dict.fromkeys("‘’‚‛′`´", "'") | dict.fromkeys("“”„‟″«»", '"')
_DASHES = dict.fromkeys("‐‑‒–—―−﹘﹣－", "-")
_NO_SPACE_BEFORE = frozenset(",.;:!?)]\"'")
_ELLIPSIS = re.compile(r"\[?\s*(?:…|\.\s?\.\s?\.)\s*\]?")
_LINE_HYPHEN = re.compile(r"(?<=\w)[-\u00ad\u2010]\s*\n\s*(?=\w)")


_FOLDED: dict[str, str] = {}
"""Single characters already folded (a text repeats few distinct characters)."""


def _fold(cluster: str) -> str:
    """One character with its combining marks, as compared: " " for white space, "" for a
    soft hyphen, else the folded form."""
    char = cluster[0]
    if char.isspace():
        return " "
    if char == "\u00ad":
        return ""
    if char in _QUOTES:
        return _QUOTES[char] + cluster[1:]
    if char in _DASHES:
        return _DASHES[char] + cluster[1:]
    folded = unicodedata.normalize("NFKC", cluster).casefold()
    return unicodedata.normalize("NFC", folded)


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
        folded = _FOLDED.get(cluster)
        if folded is None:
            folded = _fold(cluster)
            if j == i + 1:
                _FOLDED[cluster] = folded
        if not folded:
            i = j
            continue
        if folded == " ":
            pending_space = bool(out)
            i = j
            continue
        if pending_space and folded[0] in _NO_SPACE_BEFORE:
            pending_space = False  # "finished, ”" as a PDF's text may give "finished,”"
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


class SearchableText:
    """A text prepared once for many excerpts: its normalised forms are computed on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._prepared: list[tuple[str, list[int], list[int], Callable[[int], int]]] = []
        self._candidates = _candidates(text)

    def _forms(self) -> Iterator[tuple[str, list[int], list[int], Callable[[int], int]]]:
        yield from self._prepared
        for candidate, offset_map in self._candidates:
            form = (*_normalize(candidate), offset_map)
            self._prepared.append(form)
            yield form

    def find(self, excerpt: str) -> tuple[int, int] | None:
        """As find_passage(self.text, excerpt)."""
        parts = excerpt_parts(excerpt)
        if not parts:
            return None
        for normalized, starts, ends, offset_map in self._forms():
            span = _search(normalized, parts)
            if span is not None:
                begin, end = span
                return offset_map(starts[begin]), offset_map(ends[end - 1] - 1) + 1
        return None


def find_passage(text: str, excerpt: str) -> tuple[int, int] | None:
    """Where `excerpt` is in `text`: (start, end) offsets into `text` from the start of its first
    part to the end of its last, or None if it is not there (see the module's docstring for what
    is tolerated). An excerpt with no words is never found."""
    return SearchableText(text).find(excerpt)


def _identity(offset: int) -> int:
    return offset


def _candidates(text: str) -> Iterator[tuple[str, Callable[[int], int]]]:
    """The text as it is; then, if a line ends in a hyphen, with the line break dropped and the
    hyphen too ("protec-\\ntion"), then with the hyphen kept ("non-\\nrefoulement")."""
    yield text, _identity
    if not _LINE_HYPHEN.search(text):
        return
    for keep_hyphen in (False, True):
        pieces: list[str] = []
        origin: list[int] = []
        last = 0
        for match in _LINE_HYPHEN.finditer(text):
            stop = match.start() + 1 if keep_hyphen else match.start()
            pieces.append(text[last:stop])
            origin.extend(range(last, stop))
            last = match.end()
        pieces.append(text[last:])
        origin.extend(range(last, len(text)))
        origin.append(len(text))
        yield "".join(pieces), origin.__getitem__
