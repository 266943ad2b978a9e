"""The packet's data formats: what the Typst templates receive (as JSON data, never markup) and
the index written beside the files (packet.json). pydantic models are their single definition."""

from __future__ import annotations

from typing import Final, Literal

from stc.models.common import OutputModel

PACKET_FORMAT: Final = "stc.packet.v1"

SectionKind = Literal["index", "analysis", "exhibits", "translations", "certificates"]
"""The document types of a packet; for the immigration court and the Board they never share a
file (stc.packet.forums)."""


class Doc(OutputModel):
    """An output model (stc.models.common.OutputModel)."""


# ------------------------------------------------------------------ template data


class CaptionField(Doc):
    name: str
    value: str


class Caption(Doc):
    """The caption block every forum's first page carries."""

    forum: str  # "eoir", "bia", "ddc"
    authority_lines: list[str]  # e.g. "UNITED STATES DEPARTMENT OF JUSTICE", …
    parties: list[CaptionField]  # named fields, blank value for a blank line
    other: list[CaptionField]  # further --caption fields, in the order given
    filing_title: str
    subtitle: str


class Segment(Doc):
    text: str
    highlight: bool


class Paragraph(Doc):
    segments: list[Segment]


class Passage(Doc):
    """A passage the analysis cites from one document: where the project found it."""

    item: str
    locator: str
    excerpt: str
    translation: str | None
    found: bool
    pages: list[int]  # pages of the attached original PDF (1-based) where it was found


class Tab(Doc):
    exhibit: str
    title: str
    publisher: str
    date: str
    url: str | None
    attached: Literal["original-pdf", "rendered-text", "missing"]
    heading: str  # "Text of the document as retrieved from …" for rendered text
    sha256: str | None
    retrieved: str | None
    fetched_from: str | None
    passages: list[Passage]
    paragraphs: list[Paragraph]  # the rendered text, for "rendered-text" only
    note: str  # how the cited passages are marked


class ExhibitsDoc(Doc):
    """The tab pages and the documents rendered from their text."""

    caption: Caption
    caption_on_tabs: bool
    tabs: list[Tab]


class ListRow(Doc):
    tab: str
    title: str
    publisher: str
    date: str
    pages: str  # "STC-000012 to STC-000019", or "not attached"


class MissingRow(Doc):
    exhibit: str
    title: str
    publisher: str
    url: str | None
    reason: str


class FrontDoc(Doc):
    caption: Caption
    rows: list[ListRow]
    missing: list[MissingRow]
    fetch_command: str
    notice: str


class Translation(Doc):
    exhibit: str
    item: str
    locator: str
    language: str
    excerpt: str
    translation: str


class BackDoc(Doc):
    caption: Caption
    translations: list[Translation]
    translated_documents: list[str]  # "Exh. S-3: Publisher, Title (date)"
    signature: list[CaptionField]  # blank value: a blank line to fill in
    service_authority: str
    forum_name: str
    with_translations: bool


# ------------------------------------------------------------------ short form


class ShortEvidence(Doc):
    finding: str
    direction: str  # "for safety", "against safety", "neither way"
    citation: str  # exhibit, source, pinpoint, excerpt
    translation: str | None


class ShortIndicator(Doc):
    title: str
    outcome: str
    conclusion: str
    evidence: list[ShortEvidence]


class ShortElement(Doc):
    title: str
    outcome: str
    outcome_key: str
    statutory_wording: str | None
    rule: str
    authority: str
    conclusion: str | None
    indicators: list[ShortIndicator]


class ShortDoc(Doc):
    title: str
    subtitle: str
    country: str
    framework: str
    as_of: str
    profile: str | None
    caption: list[CaptionField]
    forum: str
    tool_version: str
    fingerprint: str
    verdict: str
    verdict_key: str
    elements: list[ShortElement]
    methodology_pointer: str
    notice: str


# ------------------------------------------------------------------ packet.json


class ContentRange(Doc):
    what: str  # "Exhibit S-1: …", "Analysis", "Certificate of service"
    first: str  # page stamp
    last: str


class PacketFile(Doc):
    name: str
    kind: str  # a SectionKind, or "exhibit" for a separately filed exhibit
    part: int
    parts: int
    pages: int
    first: str  # first page stamp
    last: str
    bytes: int
    sha256: str
    pdf_standard: str | None  # declared in the file's metadata, when requested and possible
    contents: list[ContentRange]


class ExhibitEntry(Doc):
    exhibit: str
    source: str
    title: str
    publisher: str
    date: str
    attached: Literal["original-pdf", "rendered-text", "missing"]
    first: str | None
    last: str | None
    sha256: str | None
    passages_found: int
    passages_cited: int


class PacketIndex(Doc):
    """packet.json: the packet's files in filing order and its exhibits."""

    format: Literal["stc.packet.v1"] = PACKET_FORMAT
    country: str
    forum: str
    as_of: str
    tool_version: str
    fingerprint: str
    stamp_prefix: str
    total_pages: int
    max_bytes: int
    pdf_standard: str | None
    short: bool
    files: list[PacketFile]
    exhibits: list[ExhibitEntry]
    missing: list[str]  # exhibit numbers not attached
    fetch_command: str | None
    notes: list[str]
