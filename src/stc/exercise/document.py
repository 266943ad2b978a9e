"""A small document model rendered both as Markdown and as PDF, so that the two say the same.

Every string is data: Markdown escapes it (stc.render.markdown.esc) and the Typst template
receives it as JSON through sys_inputs and inserts it as text, never as markup."""

from __future__ import annotations

from typing import Literal

from stc.models.common import OutputModel


class _Block(OutputModel):
    """An output model (stc.models.common.OutputModel)."""


class Heading(_Block):
    kind: Literal["heading"] = "heading"
    level: int
    text: str


class Para(_Block):
    kind: Literal["para"] = "para"
    text: str
    strong: bool = False


class Bullets(_Block):
    kind: Literal["bullets"] = "bullets"
    items: list[str]
    numbered: bool = False


class Table(_Block):
    kind: Literal["table"] = "table"
    header: list[str]
    rows: list[list[str]]


class Entry(_Block):
    """One evidence item or similar: a bold head line and indented lines under it."""

    kind: Literal["entry"] = "entry"
    head: str
    lines: list[str]


class Code(_Block):
    kind: Literal["code"] = "code"
    text: str


Block = Heading | Para | Bullets | Table | Entry | Code


class Document(_Block):
    title: str
    subtitle: str
    tool_version: str
    blocks: list[Block]


def _cell(text: str) -> str:
    """Escape a table cell: inline markup only (a cell never starts a block, so "0.600" stays)."""
    from stc.render.markdown import esc

    return esc("x" + text)[1:]


def to_markdown(doc: Document) -> str:
    from stc.render.markdown import esc

    out = [f"# {esc(doc.title)}", "", esc(doc.subtitle), ""]
    for b in doc.blocks:
        if isinstance(b, Heading):
            out += [f"{'#' * (b.level + 1)} {esc(b.text)}", ""]
        elif isinstance(b, Para):
            out += [f"**{esc(b.text)}**" if b.strong else esc(b.text), ""]
        elif isinstance(b, Bullets):
            out += [
                f"{n}. {esc(t)}" if b.numbered else f"- {esc(t)}"
                for n, t in enumerate(b.items, start=1)
            ] + [""]
        elif isinstance(b, Table):
            out.append("| " + " | ".join(_cell(h) for h in b.header) + " |")
            out.append("|" + "---|" * len(b.header))
            out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in b.rows]
            out.append("")
        elif isinstance(b, Entry):
            out.append(f"- **{esc(b.head)}**")
            out += [f"  - {esc(line)}" for line in b.lines]
            out.append("")
        elif isinstance(b, Code):
            fence = "````" if "```" in b.text else "```"
            out += [fence + "yaml", b.text.rstrip("\n"), fence, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def to_pdf(doc: Document) -> bytes:
    from importlib import resources

    import typst

    template = resources.files("stc.render").joinpath("templates/exercise.typ").read_bytes()
    return typst.compile(template, sys_inputs={"data": doc.model_dump_json()})
