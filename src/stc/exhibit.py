"""Build and write a litigation exhibit (PDF) for one country."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from stc.assessment import assess
from stc.corpus import Corpus
from stc.output import write_atomic

if TYPE_CHECKING:
    from stc.render.exhibit_model import ExhibitDoc


def parse_caption(entries: list[str]) -> dict[str, str]:
    """Cover fields given as NAME=VALUE, in order; a bad entry is a usage error."""
    from stc.errors import UsageError

    fields: dict[str, str] = {}
    for entry in entries:
        name, sep, value = entry.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--caption {entry!r}: write NAME=VALUE")
        fields[name.strip()] = value.strip()
    return fields


def check_forum(forum: str) -> str:
    from stc.errors import UsageError
    from stc.forums import FORUM_IDS

    if forum not in FORUM_IDS:
        raise UsageError(
            f"--forum {forum!r}: choose {', '.join(FORUM_IDS[:-1])} or {FORUM_IDS[-1]}"
        )
    return forum


def exhibit_document(
    corpus: Corpus,
    country: str,
    framework: str | None,
    profile: str | None,
    as_of: dt.date | None,
    forum: str,
    caption: dict[str, str],
    settings: dict[str, str] | None = None,
) -> ExhibitDoc:
    from stc.render.exhibit_model import build_exhibit
    from stc.whatif import apply_settings

    result = assess(corpus, country, framework, profile, as_of, settings)
    return build_exhibit(
        result,
        corpus.country(country),
        apply_settings(corpus.framework(framework).model, settings or {}),
        forum,
        caption,
    )


def write_exhibit(
    corpus: Corpus,
    country: str,
    output: Path,
    framework: str | None,
    profile: str | None,
    as_of: dt.date | None,
    forum: str,
    caption: dict[str, str],
    max_bytes: int,
    settings: dict[str, str] | None = None,
) -> list[Path]:
    from stc.render.pdf import render_pdf, split_pdf

    doc = exhibit_document(corpus, country, framework, profile, as_of, forum, caption, settings)
    parts = split_pdf(render_pdf(doc), max_bytes)
    if len(parts) == 1:
        write_atomic(output, parts[0])
        return [output]
    paths = [
        output.with_name(f"{output.stem}-part{n}{output.suffix}") for n in range(1, len(parts) + 1)
    ]
    for path, data in zip(paths, parts, strict=True):
        write_atomic(path, data)
    return paths
