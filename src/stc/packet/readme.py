"""README.txt beside the packet's files: what each file holds, in filing order."""

from __future__ import annotations

from stc.packet.forums import PacketForum
from stc.packet.model import PacketIndex


def _size(n: int) -> str:
    return f"{n / 1_000_000:.2f} MB" if n >= 100_000 else f"{n / 1000:.0f} kB"


def readme_text(index: PacketIndex, forum: PacketForum) -> str:
    lines = [
        f"Packet: country conditions evidence and analysis, {index.country}, as of {index.as_of}",
        f"Forum: {forum.name}. Built by stc {index.tool_version}; input fingerprint "
        f"{index.fingerprint}.",
        f"{index.total_pages} pages, stamped {index.stamp_prefix}-000001 to "
        f"{index.stamp_prefix}-{index.total_pages:06d} at the foot of each page on the right.",
        "",
        "Files, in filing order (packet.json lists the same with checksums):",
        "",
    ]
    for f in index.files:
        part = f" (part {f.part} of {f.parts})" if f.parts > 1 else ""
        pdfa = f"; declares PDF/A ({f.pdf_standard})" if f.pdf_standard else ""
        lines.append(
            f"{f.name}{part}: {f.pages} pages, {f.first} to {f.last}, {_size(f.bytes)}{pdfa}"
        )
        lines += [f"    {c.what}: {c.first} to {c.last}" for c in f.contents]
    if index.missing:
        lines += [
            "",
            "Not attached (not in the archive when the packet was built): "
            + ", ".join(f"Exh. {m}" for m in index.missing)
            + ".",
            f"To fetch them: {index.fetch_command}",
        ]
    lines += [
        "",
        "Before filing: the certificate of translation, the signature block and the certificate "
        "of service are forms with blank lines; stc certifies nothing. The translations are the "
        "stc project's and must be certified by a competent translator.",
    ]
    if index.notes:
        lines += ["", "Notes:", *(f"- {n}" for n in index.notes)]
    return "\n".join(lines) + "\n"
