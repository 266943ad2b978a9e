"""Build and write a litigation exhibit (PDF) for one country."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from stc.assessment import assess
from stc.corpus import Corpus
from stc.output import write_atomic

if TYPE_CHECKING:
    from stc.loaded import CountryBundle
    from stc.packet.assemble import PacketOptions
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
        corpus.assessed_country(country, profile),
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
    pdf_standard: str | None = None,
    short: bool = False,
) -> list[Path]:
    """The exhibit document alone, as one PDF or, above `max_bytes`, as numbered parts; with
    `short`, the short form to file with an expert declaration, always as one PDF."""
    from stc.render.pdf import render_pdf, split_pdf

    doc = exhibit_document(corpus, country, framework, profile, as_of, forum, caption, settings)
    if short:
        write_atomic(
            output, short_pdf(doc, corpus.assessed_country(country, profile), pdf_standard)
        )
        return [output]
    if pdf_standard is None:
        pdf = render_pdf(doc)
    else:
        from stc.packet.assemble import packet_timestamp

        pdf = render_pdf(doc, timestamp=packet_timestamp(doc.as_of), pdf_standard=pdf_standard)
    parts = split_pdf(pdf, max_bytes)
    if len(parts) == 1:
        write_atomic(output, parts[0])
        return [output]
    paths = [
        output.with_name(f"{output.stem}-part{n}{output.suffix}") for n in range(1, len(parts) + 1)
    ]
    for path, data in zip(paths, parts, strict=True):
        write_atomic(path, data)
    return paths


def check_pdf_standard(value: str | None) -> str | None:
    from stc.errors import UsageError
    from stc.packet.typeset import PDF_STANDARDS

    if value is None or value in PDF_STANDARDS:
        return value
    raise UsageError(f"--pdf-standard {value!r}: choose one of {', '.join(PDF_STANDARDS)}")


def check_stamp_prefix(prefix: str) -> str:
    from stc.errors import UsageError

    if not prefix.strip() or any(c.isspace() for c in prefix):
        raise UsageError(f"--stamp-prefix {prefix!r}: give a prefix without spaces")
    return prefix


def size_limit(max_mb: float, max_bytes: int | None) -> int:
    """The one size limit of `--max-mb` and `--max-bytes`: bytes, from --max-bytes when given
    (an exact figure), else from --max-mb (10^6 bytes each)."""
    from stc.errors import UsageError
    from stc.packet.assemble import max_bytes_from_mb

    if max_mb <= 0 or (max_bytes is not None and max_bytes <= 0):
        raise UsageError("--max-mb / --max-bytes: give a size above zero")
    return max_bytes if max_bytes is not None else max_bytes_from_mb(max_mb)


def is_packet_output(output: Path) -> bool:
    """A .pdf output is the single exhibit document; anything else is a packet directory."""
    return output.suffix.lower() != ".pdf"


def short_pdf(doc: ExhibitDoc, bundle: CountryBundle, pdf_standard: str | None) -> bytes:
    from stc.packet.assemble import packet_timestamp
    from stc.packet.short_form import short_document
    from stc.packet.typeset import Typesetting

    items = {i.id: i for i in bundle.evidence.model.items}
    ts = Typesetting(packet_timestamp(doc.as_of), pdf_standard)
    return ts.compile("short.typ", short_document(doc, items))


def write_packet(
    corpus: Corpus,
    country: str,
    output: Path,
    framework: str | None,
    profile: str | None,
    as_of: dt.date | None,
    settings: dict[str, str] | None,
    options: PacketOptions,
) -> list[Path]:
    """Write the packet's files into the directory `output` (created if need be), each
    atomically; files an earlier packet listed there and this one does not are removed."""
    import json

    from stc.packet.assemble import assemble, packet_timestamp
    from stc.render.pdf import render_pdf

    doc = exhibit_document(
        corpus, country, framework, profile, as_of, options.forum, options.caption, settings
    )
    bundle = corpus.assessed_country(country, profile)
    options = dataclasses.replace(
        options, timestamp=packet_timestamp(doc.as_of), country_id=country
    )
    analysis = (
        short_pdf(doc, bundle, options.pdf_standard)
        if options.short
        else render_pdf(doc, timestamp=options.timestamp, pdf_standard=options.pdf_standard)
    )
    built = assemble(doc, bundle, analysis, options)
    output.mkdir(parents=True, exist_ok=True)
    earlier = output / "packet.json"
    stale: set[str] = set()
    if earlier.is_file():
        try:
            stale = {f["name"] for f in json.loads(earlier.read_text("utf-8")).get("files", [])}
        except (ValueError, AttributeError, TypeError, KeyError):
            stale = set()
    written = []
    for name, data in built.files:
        path = output / name
        write_atomic(path, data)
        written.append(path)
    for name in sorted(stale - {n for n, _ in built.files}):
        if "/" not in name and name.endswith(".pdf"):
            (output / name).unlink(missing_ok=True)
    return written
