"""Editing one entry of a data file without touching the rest of it.

The new or changed entry is dumped as YAML and spliced into the file's text in place of the old
entry's lines (or after the last entry), so every other line, comment and blank keeps its bytes.
The result is validated by loading the whole data folder with that one file replaced in memory
(`OverlayCorpus`) and running the checks of `stc validate`, so the messages are the command
line's, word for word. Saving writes a backup of the previous version under `.stc-backups/` in
the workspace, then replaces the file atomically (stc.output.write_atomic); a file changed by
someone else since the form was opened is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from stc.corpus import Corpus
from stc.errors import DataError, DataErrors, UsageError
from stc.loaded import Loaded, M
from stc.output import write_atomic

BACKUPS = ".stc-backups"
DUMP_WIDTH = 110  # the width the shipped files are wrapped at


class OverlayCorpus(Corpus):
    """A data folder with some files' bytes replaced in memory: what the folder would be after
    a save, checked before anything is written."""

    def __init__(self, root: Path, overrides: dict[Path, bytes]) -> None:
        super().__init__(root)
        self.overrides = overrides

    def load(self, path: Path, model: type[M]) -> Loaded[M]:
        raw = self.overrides.get(path)
        if raw is None:
            return super().load(path, model)
        from stc.model_errors import validate
        from stc.yaml_reader import parse_yaml

        doc = parse_yaml(raw, self.display(path))
        return Loaded(validate(doc, model), doc, path)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Block:
    """Where one list's entries sit in a file's text: line ranges (0-based, end exclusive) of
    each entry's own lines (trailing blank and comment lines are not the entry's)."""

    entries: list[tuple[int, int]]
    indent: int
    key_line: int | None  # the line of `key:`; None when the file has no such key
    flow_empty: tuple[int, int] | None = None  # character span of an empty `[]`


def _trim(lines: list[str], start: int, end: int) -> int:
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip()[:1] == "#"):
        end -= 1
    return end


def locate_entries(text: str, key: str) -> Block:
    """The entries of the top-level list `key`."""
    lines = text.splitlines(keepends=True)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise UsageError(f"the file cannot be read as YAML: {exc}") from None
    if not isinstance(root, yaml.MappingNode):
        raise UsageError("the file does not hold a mapping at the top")
    for key_node, value in root.value:
        if key_node.value != key:
            continue
        if not isinstance(value, yaml.SequenceNode):
            raise UsageError(f"{key!r} is not a list in this file")
        if not value.value:
            span = (value.start_mark.index, value.end_mark.index) if value.flow_style else None
            return Block([], 0, key_node.start_mark.line, span)
        starts = [node.start_mark.line for node in value.value]
        seq_end = value.end_mark.line + (1 if value.end_mark.column > 0 else 0)
        seq_end = min(seq_end, len(lines))
        bounds = [*starts[1:], seq_end]
        entries = [(s, _trim(lines, s, e)) for s, e in zip(starts, bounds, strict=True)]
        indent = max(value.value[0].start_mark.column - 2, 0)
        return Block(entries, indent, key_node.start_mark.line)
    return Block([], 0, None)


def dump_entry(entry: dict[str, Any], indent: int) -> str:
    text = yaml.safe_dump(
        [entry], sort_keys=False, allow_unicode=True, width=DUMP_WIDTH, default_flow_style=False
    )
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


@dataclass(frozen=True)
class Splice:
    text: str
    lines: tuple[int, int]  # the new entry's lines in the new text (1-based, inclusive)


def splice(text: str, key: str, entry: dict[str, Any], index: int | None) -> Splice:
    """`text` with entry number `index` of list `key` replaced by `entry`, or `entry` added at
    the end of the list when `index` is None. No other line changes."""
    block = locate_entries(text, key)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if block.flow_empty is not None:
        a, b = block.flow_empty
        dumped = dump_entry(entry, 0)
        prefix = text[:a].rstrip(" ")
        joined = prefix + "\n" + dumped + text[b:].lstrip("\n")
        first = prefix.count("\n") + 2
        return Splice(joined, (first, first + dumped.count("\n") - 1))
    new_lines: list[str] = dump_entry(entry, block.indent).splitlines(keepends=True)
    if index is not None:
        start, end = block.entries[index]
    elif block.entries:
        start = end = block.entries[-1][1]
    elif block.key_line is not None:
        start = end = block.key_line + 1
    else:
        start = end = len(lines)
        new_lines = [f"{key}:\n", *new_lines]
    out = [*lines[:start], *new_lines, *lines[end:]]
    offset = 1 if index is None and not block.entries and block.key_line is None else 0
    return Splice("".join(out), (start + 1 + offset, start + len(new_lines)))


def read_entries(text: str, key: str) -> list[dict[str, Any]]:
    data = yaml.safe_load(text) or {}
    entries = data.get(key) if isinstance(data, dict) else None
    return [e for e in entries or [] if isinstance(e, dict)]


@dataclass
class Checked:
    """The outcome of checking a proposed file: errors beside their fields, the rest above."""

    new_text: str
    diff: str
    by_field: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.by_field and not self.general


def unified_diff(old: str, new: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            old.splitlines(True), new.splitlines(True), f"{name} (saved)", f"{name} (proposed)"
        )
    )


def check_proposal(
    root: Path,
    path: Path,
    new_text: str,
    entry_lines: tuple[int, int],
    assign_field: Any,
) -> tuple[Checked, OverlayCorpus]:
    """Validate the data folder with `path` holding `new_text`, as `stc validate` does. Errors
    on the entry's own lines go beside the field `assign_field(error.field)` names."""
    from stc.validation import validate_corpus

    old_text = path.read_text(encoding="utf-8")
    display = path.relative_to(root).as_posix()
    result = Checked(new_text, unified_diff(old_text, new_text, display))
    overlay = OverlayCorpus(root, {path: new_text.encode("utf-8")})
    report = validate_corpus(overlay)
    first, last = entry_lines

    def place(error: DataError, bucket: list[str] | None = None) -> None:
        words = f"error: {error}"
        target = assign_field(error.field) if error.file == display else None
        if error.file == display and first <= error.line <= last and target:
            result.by_field.setdefault(target, []).append(words)
        else:
            (bucket if bucket is not None else result.general).append(words)

    for error in report.errors:
        place(error)
    result.warnings = [f"warning: {w}" for w in report.warnings if w.file == display]
    return result, overlay


def save(root: Path, path: Path, new_text: str, base_digest: str) -> Path:
    """Write `new_text` to `path` after a backup of the present version; refuse when the file
    changed since `base_digest` was read. Returns the backup's path."""
    current = path.read_bytes()
    if digest(current) != base_digest:
        raise UsageError(
            "the file was changed by someone else since this form was opened; nothing was "
            "written (your entry is still in the form: copy it, reload, and add it again)"
        )
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    relative = path.relative_to(root)
    backup = root / BACKUPS / relative.parent / f"{relative.name}.{stamp}"
    backup.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(backup, current)
    write_atomic(path, new_text.encode("utf-8"))
    return backup


def outcome_changes(
    before: Corpus, after: Corpus, country: str, as_of: dt.date
) -> list[tuple[str, str, str]]:
    """(what, outcome now, outcome after the change) for the verdict and every criterion."""
    from stc.assessment import assess

    try:
        old = assess(before, country, as_of=as_of)
    except (DataErrors, UsageError):
        old = None
    new = assess(after, country, as_of=as_of)
    rows: list[tuple[str, str, str]] = [
        ("Verdict", old.verdict.outcome if old else "—", new.verdict.outcome)
    ]
    old_by: dict[str, str] = {c.id: c.outcome for c in old.criteria} if old else {}
    rows += [(c.title, old_by.get(c.id, "—"), c.outcome) for c in new.criteria]
    return rows


def _mentions(data: Any, value: str) -> bool:
    if isinstance(data, dict):
        return any(_mentions(v, value) for v in data.values())
    if isinstance(data, list):
        return any(_mentions(v, value) for v in data)
    return data == value


def shared_outcome_changes(
    before: Corpus, after: Corpus, source_id: str, as_of: dt.date
) -> list[tuple[str, str, str]]:
    """The rows of `outcome_changes` for every country that cites the shared source
    `source_id` (in its evidence or its agreements), each element named with its country."""
    rows: list[tuple[str, str, str]] = []
    for cid in after.country_ids():
        bundle = after.country(cid)
        parts = (bundle.country.model, bundle.evidence.model)
        if not any(_mentions(part.model_dump(mode="json"), source_id) for part in parts):
            continue
        name = bundle.country.model.name
        rows += [
            (f"{name}: {what}", old, new)
            for what, old, new in outcome_changes(before, after, cid, as_of)
        ]
    return rows
