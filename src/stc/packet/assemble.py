"""The packet: a caption page and exhibit list, the analysis, every cited source behind its tab
page, the project's translations with a translator's certificate form, a signature block and a
certificate of service form; page stamps consecutive across the packet; filed as the forum
requires, split into ordered parts above the size limit; an index (packet.json, README.txt)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from stc.packet.attachments import Attachment, attach
from stc.packet.forums import FORUM_PACKETS, PacketForum, caption_for, file_groups, signature_for
from stc.packet.model import (
    BackDoc,
    Caption,
    ContentRange,
    ExhibitEntry,
    ExhibitsDoc,
    FrontDoc,
    ListRow,
    MissingRow,
    PacketFile,
    PacketIndex,
    SectionKind,
    Translation,
)
from stc.packet.pdfa import set_metadata
from stc.packet.stamps import label_first_pages, stamp_label, stamp_overlays, stamp_page
from stc.packet.typeset import Typesetting

if TYPE_CHECKING:
    from pypdf import PageObject

    from stc.loaded import CountryBundle
    from stc.models.country import EvidenceItem
    from stc.render.exhibit_model import ExhibitDoc


@dataclass(frozen=True)
class PacketOptions:
    forum: str
    caption: dict[str, str]
    archive_dir: Path
    stamp_prefix: str = "STC"
    max_bytes: int = 25_000_000
    pdf_standard: str | None = None
    short: bool = False
    timestamp: int = 0
    country_id: str = ""


@dataclass
class Section:
    kind: SectionKind
    label: str  # "S-1" for an exhibit; otherwise what the section is
    what: str  # for the index: "Exhibit S-1: Title", "Analysis", …
    pages: list[PageObject] = field(default_factory=list)
    first: int = 0  # 1-based packet page number


def _reader_pages(pdf: bytes) -> list[PageObject]:
    from pypdf import PdfReader

    return list(PdfReader(io.BytesIO(pdf)).pages)


def _outline_starts(pdf: bytes) -> list[tuple[str, int]]:
    """Each top-level bookmark's title and page index."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    starts = []
    for entry in reader.outline:
        if not isinstance(entry, list):
            page = reader.get_destination_page_number(entry)
            if page is not None:
                starts.append((str(entry.title), page))
    return starts


def _cited_items(doc: ExhibitDoc, bundle: CountryBundle) -> dict[str, list[EvidenceItem]]:
    """For each exhibit number, the evidence items the analysis cites from it, in order."""
    by_id = {i.id: i for i in bundle.evidence.model.items}
    cited: dict[str, dict[str, EvidenceItem]] = {}
    for e in doc.elements:
        for ind in e.indicators:
            for ref in (*ind.supporting, *ind.adverse, *ind.no_value):
                if ref.item in by_id:
                    cited.setdefault(ref.exhibit, {})[ref.item] = by_id[ref.item]
    return {k: list(v.values()) for k, v in cited.items()}


def _exhibit_sources(doc: ExhibitDoc) -> list[tuple[str, str]]:
    """(exhibit number, source id), each source once, in exhibit order (the exhibit's index
    lists each source once, in that order)."""
    return [(entry.exhibit, entry.source) for entry in doc.index]


def _translations(
    attachments: list[Attachment], bundle: CountryBundle, items: dict[str, list[EvidenceItem]]
) -> tuple[list[Translation], list[str]]:
    rows, documents = [], []
    for a in attachments:
        tab = a.tab
        src_id = next(i.source for i in items[tab.exhibit])
        source = bundle.sources[src_id].source
        translated = [i for i in items[tab.exhibit] if i.excerpt_translation]
        if not translated:
            continue
        documents.append(f"Exh. {tab.exhibit}: {tab.publisher}, {tab.title} ({tab.date})")
        rows += [
            Translation(
                exhibit=tab.exhibit,
                item=i.id,
                locator=i.locator,
                language=source.language,
                excerpt=i.excerpt,
                translation=i.excerpt_translation or "",
            )
            for i in translated
        ]
    return rows, documents


def _split_by_headings(pdf: bytes, cuts: list[str]) -> list[list[PageObject]]:
    """The document's pages cut before each bookmark named in `cuts` (those present)."""
    pages = _reader_pages(pdf)
    starts = sorted({0, *(i for title, i in _outline_starts(pdf) if title in cuts)})
    return [pages[a:b] for a, b in zip(starts, [*starts[1:], len(pages)], strict=True)]


def _ranges(first: int, count: int, prefix: str) -> tuple[str, str]:
    return stamp_label(prefix, first), stamp_label(prefix, first + count - 1)


def build_sections(
    doc: ExhibitDoc,
    bundle: CountryBundle,
    analysis_pdf: bytes,
    opts: PacketOptions,
    ts: Typesetting,
    forum: PacketForum,
) -> tuple[list[Section], list[Attachment], Caption, str]:
    """Every section in packet order, page stamps not yet laid."""
    items = _cited_items(doc, bundle)
    attachments = [
        attach(exhibit, bundle.sources[src].source, items.get(exhibit, []), opts.archive_dir)
        for exhibit, src in _exhibit_sources(doc)
    ]
    filing_title = (
        "COUNTRY CONDITIONS EVIDENCE AND ANALYSIS (SHORT FORM)"
        if opts.short
        else "COUNTRY CONDITIONS EVIDENCE AND ANALYSIS"
    )
    caption = caption_for(forum, opts.caption, filing_title, f"{doc.country}, as of {doc.as_of}")

    # exhibits: one Typst document for every tab page and rendered text, cut at its bookmarks
    exhibits_pdf = ts.compile(
        "exhibits.typ",
        ExhibitsDoc(
            caption=caption,
            caption_on_tabs=forum.exhibit_per_file,
            tabs=[a.tab for a in attachments],
        ),
    )
    starts = [i for _, i in _outline_starts(exhibits_pdf)]
    typeset = _reader_pages(exhibits_pdf)
    bounds = [*starts, len(typeset)]
    exhibit_sections = []
    for n, a in enumerate(attachments):
        pages = typeset[bounds[n] : bounds[n + 1]]
        if a.pdf is not None:
            pages += _reader_pages(a.pdf)
        exhibit_sections.append(
            Section("exhibits", a.tab.exhibit, f"Exhibit {a.tab.exhibit}: {a.tab.title}", pages)
        )

    translations, documents = _translations(attachments, bundle, items)
    back_pdf = ts.compile(
        "back.typ",
        BackDoc(
            caption=caption,
            translations=translations,
            translated_documents=documents,
            signature=signature_for(forum, opts.caption),
            service_authority=forum.service_authority,
            forum_name=forum.name,
            with_translations=bool(translations),
        ),
    )
    back = _split_by_headings(back_pdf, ["Signature"])
    back_sections = []
    if translations:
        back_sections.append(
            Section(
                "translations",
                "translations",
                "English translations of cited excerpts (stc project, not certified) and a "
                "certificate of translation form",
                back[0],
            )
        )
    back_sections.append(
        Section(
            "certificates",
            "certificates",
            "Signature block and certificate of service form",
            back[-1],
        )
    )
    analysis = Section(
        "analysis",
        "analysis",
        "Analysis (short form)" if opts.short else "Analysis",
        _reader_pages(analysis_pdf),
    )
    rest = [analysis, *exhibit_sections, *back_sections]

    # the caption page and exhibit list: typeset until its own length is stable
    fetch = f"stc archive fetch {opts.country_id} --archive {opts.archive_dir}"
    front_pages = 2
    for _ in range(8):
        page = front_pages + 1
        for s in rest:
            s.first = page
            page += len(s.pages)
        rows = [
            ListRow(
                tab="—",
                title=analysis.what,
                publisher="stc",
                date=doc.as_of,
                pages=" to ".join(_ranges(analysis.first, len(analysis.pages), opts.stamp_prefix)),
            )
        ]
        for s, a in zip(exhibit_sections, attachments, strict=True):
            first, last = _ranges(s.first, len(s.pages), opts.stamp_prefix)
            rows.append(
                ListRow(
                    tab=a.tab.exhibit,
                    title=a.tab.title,
                    publisher=a.tab.publisher,
                    date=a.tab.date,
                    pages=f"{first} to {last}"
                    + (" (tab page only: not attached)" if a.tab.attached == "missing" else ""),
                )
            )
        rows += [
            ListRow(
                tab="—",
                title=s.what,
                publisher="stc",
                date="",
                pages=" to ".join(_ranges(s.first, len(s.pages), opts.stamp_prefix)),
            )
            for s in back_sections
        ]
        missing = [
            MissingRow(
                exhibit=a.tab.exhibit,
                title=a.tab.title,
                publisher=a.tab.publisher,
                url=a.tab.url,
                reason=a.tab.note,
            )
            for a in attachments
            if a.tab.attached == "missing"
        ]
        front_pdf = ts.compile(
            "front.typ",
            FrontDoc(
                caption=caption, rows=rows, missing=missing, fetch_command=fetch, notice=doc.notice
            ),
        )
        front = _reader_pages(front_pdf)
        if len(front) == front_pages:
            break
        front_pages = len(front)
    else:  # pragma: no cover - the list's length settles within a few rounds
        raise RuntimeError("the exhibit list's length did not settle")
    index = Section("index", "index", "Caption page and exhibit list", front, first=1)
    return [index, *rest], attachments, caption, fetch


# ------------------------------------------------------------------ files


@dataclass(frozen=True)
class _FileWriter:
    """Writes consecutive pages of one file group: stamps laid on the writer's pages (so the
    stamp font is copied once per file), a part label on a part's first page, fixed metadata,
    PDF/A identification when the file may declare it."""

    pages: list[PageObject]
    stamps: list[PageObject]
    title: str
    standard: str | None
    ts: Typesetting
    pdfa_source: bytes | None
    producer: str

    def write(self, start: int, end: int, label: str | None, title: str | None = None) -> bytes:
        from pypdf import PdfWriter

        writer = PdfWriter()
        added = [writer.add_page(p) for p in self.pages[start:end]]
        for page, stamp in zip(added, self.stamps[start:end], strict=True):
            stamp_page(page, stamp)
        if label is not None:
            label_first_pages([added[0]], [label], self.ts)
        set_metadata(
            writer,
            title or self.title,
            self.ts.timestamp,
            self.producer,
            self.standard,
            self.pdfa_source,
        )
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    def split(self, limit: int) -> list[tuple[int, int]]:
        """Consecutive page ranges, each as long as fits under `limit` with its part label (a
        page over the limit alone makes a part); found by bisection on the written size."""
        placeholder = "Part 0123456789 of 0123456789 (pages X to Y)"
        ranges: list[tuple[int, int]] = []
        start, total = 0, len(self.pages)
        while start < total:
            lo, hi = start + 1, total
            if len(self.write(start, hi, placeholder)) <= limit:
                lo = hi
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if len(self.write(start, mid, placeholder)) <= limit:
                    lo = mid
                else:
                    hi = mid - 1
            ranges.append((start, lo))
            start = lo
        return ranges


@dataclass(frozen=True)
class BuiltPacket:
    files: list[tuple[str, bytes]]  # name, bytes: the PDFs, packet.json and README.txt
    index: PacketIndex


def _contents(
    members: list[Section], first: int, last: int, labels: list[str]
) -> list[ContentRange]:
    """What packet pages first..last (1-based) of a file hold, section by section."""
    contents = []
    for s in members:
        lo, hi = max(s.first, first), min(s.first + len(s.pages) - 1, last)
        if lo <= hi:
            contents.append(ContentRange(what=s.what, first=labels[lo - 1], last=labels[hi - 1]))
    return contents


def assemble(
    doc: ExhibitDoc, bundle: CountryBundle, analysis_pdf: bytes, opts: PacketOptions
) -> BuiltPacket:
    from stc.packet.pdfa import declared_standard
    from stc.packet.readme import readme_text

    forum = FORUM_PACKETS[opts.forum]
    ts = Typesetting(opts.timestamp, opts.pdf_standard)
    sections, attachments, _, fetch = build_sections(doc, bundle, analysis_pdf, opts, ts, forum)
    pages = [p for s in sections for p in s.pages]
    labels = [stamp_label(opts.stamp_prefix, n) for n in range(1, len(pages) + 1)]
    stamps = stamp_overlays(labels, ts)

    # PDF/A: a file may declare it only if every original PDF in it declares it too
    pdfa_source = (
        ts.compile("stamp.typ", '{"labels": [""], "width": 1, "height": 1, "right": true}')
        if opts.pdf_standard
        else None
    )
    non_pdfa = {
        att.tab.exhibit
        for att in attachments
        if att.pdf is not None and declared_standard(att.pdf) is None
    }

    producer = f"stc {doc.tool_version}"
    notes: list[str] = []
    files: list[tuple[str, bytes]] = []
    entries: list[PacketFile] = []
    for group in file_groups(forum, [s.kind for s in sections], [s.label for s in sections]):
        members = [sections[i] for i in group.sections]
        group_pages = [p for s in members for p in s.pages]
        offset = members[0].first  # packet page number of the group's first page
        standard = opts.pdf_standard
        if standard and any(s.label in non_pdfa for s in members):
            standard = None
            notes.append(
                f"{group.name} (all its parts): not declared PDF/A because an attached "
                "original PDF in it does not declare PDF/A itself."
            )
        writer = _FileWriter(
            pages=group_pages,
            stamps=stamps[offset - 1 : offset - 1 + len(group_pages)],
            title=f"{doc.title}: {', '.join(s.what for s in members)}"[:300],
            standard=standard,
            ts=ts,
            pdfa_source=pdfa_source,
            producer=producer,
        )
        whole = writer.write(0, len(group_pages), None)
        ranges = (
            [(0, len(group_pages))]
            if len(whole) <= opts.max_bytes
            else writer.split(opts.max_bytes)
        )
        for k, (start, end) in enumerate(ranges, start=1):
            first, last = labels[offset - 1 + start], labels[offset - 1 + end - 1]
            if len(ranges) == 1:
                name, data = f"{group.name}.pdf", whole
            else:
                name = f"{group.name}-part{k}-of-{len(ranges)}.pdf"
                data = writer.write(
                    start,
                    end,
                    f"Part {k} of {len(ranges)} (pages {first} to {last})",
                    f"{writer.title}, part {k} of {len(ranges)}",
                )
            files.append((name, data))
            entries.append(
                PacketFile(
                    name=name,
                    kind=group.kind,
                    part=k,
                    parts=len(ranges),
                    pages=end - start,
                    first=first,
                    last=last,
                    bytes=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    pdf_standard=standard,
                    contents=_contents(members, offset + start, offset + end - 1, labels),
                )
            )
            if len(data) > opts.max_bytes:
                notes.append(f"{name}: a single page larger than the size limit stands alone.")

    exhibit_entries = []
    for s, a in zip([s for s in sections if s.kind == "exhibits"], attachments, strict=True):
        first, last = _ranges(s.first, len(s.pages), opts.stamp_prefix)
        exhibit_entries.append(
            ExhibitEntry(
                exhibit=a.tab.exhibit,
                source=next(sid for ex, sid in _exhibit_sources(doc) if ex == a.tab.exhibit),
                title=a.tab.title,
                publisher=a.tab.publisher,
                date=a.tab.date,
                attached=a.tab.attached,
                first=first,
                last=last,
                sha256=a.tab.sha256,
                passages_found=sum(p.found for p in a.tab.passages),
                passages_cited=len(a.tab.passages),
            )
        )
    missing = [a.tab.exhibit for a in attachments if a.tab.attached == "missing"]
    index = PacketIndex(
        country=doc.country,
        forum=opts.forum,
        as_of=doc.as_of,
        tool_version=doc.tool_version,
        fingerprint=doc.fingerprint,
        stamp_prefix=opts.stamp_prefix,
        total_pages=len(pages),
        max_bytes=opts.max_bytes,
        pdf_standard=opts.pdf_standard,
        short=opts.short,
        files=entries,
        exhibits=exhibit_entries,
        missing=missing,
        fetch_command=fetch if missing else None,
        notes=notes,
    )
    files.append(("packet.json", (index.model_dump_json(indent=2) + "\n").encode("utf-8")))
    files.append(("README.txt", readme_text(index, forum).encode("utf-8")))
    return BuiltPacket(files, index)


def max_bytes_from_mb(mb: float) -> int:
    return max(1, math.floor(mb * 1_000_000))


def packet_timestamp(as_of: str) -> int:
    from stc.packet.typeset import fixed_timestamp

    return fixed_timestamp(dt.date.fromisoformat(as_of))
