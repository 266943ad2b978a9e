"""How findings and engine text are named for readers: a finding by number and source,
a source without the project's own notes, verification codes in words."""

from __future__ import annotations

import re

from stc.exercise.analysis import Finding, Study

_RESEARCH_NOTE = re.compile(r"\s*\([^()]*\b(?:the research|title|URL slug)\b[^()]*\)")


def source_line(s: Study, f: Finding) -> str:
    src = s.sources.get(f.item.source)
    if src is None:
        return "source not listed"
    title = _RESEARCH_NOTE.sub("", src.title).strip()
    return f"{title} ({src.publisher}, {src.date.isoformat()})"


def finding_label(s: Study, number: int) -> str:
    f = s.findings[number - 1]
    src = s.sources.get(f.item.source)
    who = f"{src.publisher}, {src.date.year}" if src else "unlisted source"
    return f"Finding {number} ({who})"


_CODE = re.compile(r"\((?:verification )?(V1|V2|V3-weak|not-seen)\)")


def plain(text: str) -> str:
    """Engine or framework text with any verification code said in words."""
    from stc.render.words import verification

    return _CODE.sub(lambda m: f"({verification(m.group(1))})", text)
