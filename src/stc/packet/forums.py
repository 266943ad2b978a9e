"""What each forum's packet looks like: the caption, the signature block, and how the packet's
parts are filed (which document types may share a file). The authorities for each choice are
set out in docs/exhibits.md; what could not be verified is marked there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from stc.packet.model import Caption, CaptionField, SectionKind

SERVICE_AUTHORITY: Final = "8 C.F.R. § 1003.32(a)"


@dataclass(frozen=True)
class PacketForum:
    id: str
    name: str
    authority_lines: tuple[str, ...]
    parties: tuple[str, ...]  # caption fields printed with a blank line when not given
    signature: tuple[str, ...]  # signature block fields
    separate_kinds: bool  # document types never share a file (ECAS)
    exhibit_per_file: bool  # each exhibit filed separately, with the caption on its tab page
    service_authority: str  # "" where no rule was verified for this project


FORUM_PACKETS: Final[dict[str, PacketForum]] = {
    "eoir": PacketForum(
        id="eoir",
        name="Immigration Court",
        authority_lines=(
            "UNITED STATES DEPARTMENT OF JUSTICE",
            "EXECUTIVE OFFICE FOR IMMIGRATION REVIEW",
            "IMMIGRATION COURT",
        ),
        parties=("Court", "Respondent", "A-number", "Immigration Judge", "Next hearing"),
        signature=("Name", "EOIR ID", "Address", "Telephone", "Email", "Date"),
        separate_kinds=True,
        exhibit_per_file=False,
        service_authority=SERVICE_AUTHORITY,
    ),
    "bia": PacketForum(
        id="bia",
        name="Board of Immigration Appeals",
        authority_lines=(
            "UNITED STATES DEPARTMENT OF JUSTICE",
            "EXECUTIVE OFFICE FOR IMMIGRATION REVIEW",
            "BOARD OF IMMIGRATION APPEALS",
        ),
        parties=("Respondent", "A-number"),
        signature=("Name", "EOIR ID", "Address", "Telephone", "Email", "Date"),
        separate_kinds=True,
        exhibit_per_file=False,
        service_authority=SERVICE_AUTHORITY,
    ),
    "ddc": PacketForum(
        id="ddc",
        name="United States District Court for the District of Columbia",
        authority_lines=("UNITED STATES DISTRICT COURT", "FOR THE DISTRICT OF COLUMBIA"),
        parties=("Plaintiff", "Defendant", "Case No.", "Judge"),
        signature=("Name", "Bar No.", "Address", "Telephone", "Email", "Date"),
        separate_kinds=False,
        exhibit_per_file=True,
        service_authority="",
    ),
}


def caption_for(
    forum: PacketForum, fields: dict[str, str], filing_title: str, subtitle: str
) -> Caption:
    """The forum's caption: its named fields from --caption (blank lines where not given), and
    every other --caption field after them in the order given."""
    lower = {k.lower(): (k, v) for k, v in fields.items()}
    parties = [CaptionField(name=p, value=lower.get(p.lower(), (p, ""))[1]) for p in forum.parties]
    named = {p.lower() for p in forum.parties} | {s.lower() for s in forum.signature}
    other = [CaptionField(name=k, value=v) for k, v in fields.items() if k.lower() not in named]
    return Caption(
        forum=forum.id,
        authority_lines=list(forum.authority_lines),
        parties=parties,
        other=other,
        filing_title=filing_title,
        subtitle=subtitle,
    )


def signature_for(forum: PacketForum, fields: dict[str, str]) -> list[CaptionField]:
    """The signature block: the forum's fields, filled from --caption where given, blank lines
    otherwise. The signature itself is always a blank line."""
    lower = {k.lower(): v for k, v in fields.items()}
    return [CaptionField(name=s, value=lower.get(s.lower(), "")) for s in forum.signature]


@dataclass(frozen=True)
class FileGroup:
    """Consecutive sections of the packet filed as one document (split further by size)."""

    name: str  # file stem, e.g. "03-exhibits"
    kind: str
    sections: tuple[int, ...]  # indices into the packet's section list


def file_groups(forum: PacketForum, kinds: list[SectionKind], labels: list[str]) -> list[FileGroup]:
    """How the packet's sections (in packet order, with their kinds and labels) are grouped
    into files. The immigration court and the Board: one file per document type; the
    district court: the main document (caption, list, analysis) and each exhibit on its own,
    then translations and certificates."""
    groups: list[FileGroup] = []
    if not forum.separate_kinds and not forum.exhibit_per_file:
        return [FileGroup(name="01-packet", kind="packet", sections=tuple(range(len(kinds))))]
    current: list[int] = []
    current_kind = ""

    def close() -> None:
        if current:
            stem = f"{len(groups) + 1:02d}-{current_kind}"
            groups.append(FileGroup(name=stem, kind=current_kind, sections=tuple(current)))

    for i, kind in enumerate(kinds):
        if forum.exhibit_per_file:
            file_kind = "main" if kind in ("index", "analysis") else kind
            if kind == "exhibits":
                close()
                current, current_kind = [i], f"exhibit-{labels[i].lower()}"
                close()
                current, current_kind = [], ""
                continue
        else:
            file_kind = kind
        if file_kind != current_kind:
            close()
            current, current_kind = [], file_kind
        current.append(i)
    close()
    return groups
