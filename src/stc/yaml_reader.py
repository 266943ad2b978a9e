"""Safe YAML reading that keeps the line of every value and refuses hostile input quickly.

The file is composed into a node tree (with the C parser when available), then turned into
plain Python values here, so that duplicate keys, aliases and excessive nesting are caught
with their line, and every value's line is kept for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from stc.errors import DataError, DataErrors

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64

try:  # the C parser when the PyYAML build has it
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A parsed file: its values and the line (1-based) of each value by path."""

    display: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line(self, path: PathKey) -> int:
        """The line of the deepest existing prefix of `path`."""
        for cut in range(len(path), -1, -1):
            found = self.lines.get(path[:cut])
            if found is not None:
                return found
        return 1


def _error(display: str, line: int, message: str) -> DataErrors:
    return DataErrors([DataError(display, line, "", "", message)])


def _decode(raw: bytes, display: str) -> str:
    if b"\x00" in raw:
        return_line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise _error(display, return_line, "binary file: contains a NUL byte; expected UTF-8 YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _error(display, line, f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}; save the file as UTF-8") from None
    return text


class _Builder:
    def __init__(self, display: str, text: str) -> None:
        self.display = display
        self.text = text
        self.lines: dict[PathKey, int] = {}
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def alias_line(self) -> int:
        for event in yaml.parse(self.text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1
        return 1

    def build(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise _error(self.display, line, f"nesting deeper than {MAX_DEPTH} levels")
        if id(node) in self.seen:
            raise _error(self.display, self.alias_line(), "aliases (*name) are not allowed in stc data files; write the value out")
        self.seen.add(id(node))
        self.lines[path] = line
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _error(self.display, key_node.start_mark.line + 1, "merge keys (<<) are not allowed")
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _error(self.display, key_node.start_mark.line + 1, "a mapping key must be a plain value")
                key = self.constructor.construct_object(key_node)
                if isinstance(key, bool):
                    raise _error(self.display, key_node.start_mark.line + 1, f"key {key_node.value!r} is read as a boolean (YAML 1.1); put it in quotes")
                if not isinstance(key, (str, int)):
                    key = str(key)
                if key in result:
                    first = self.lines.get(path + (key,), line)
                    raise _error(self.display, key_node.start_mark.line + 1, f"duplicate key {key!r} (first at line {first})")
                result[key] = self.build(value_node, path + (key,), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node)
        except yaml.constructor.ConstructorError as exc:
            raise _error(self.display, line, f"cannot read value: {exc.problem}") from None


def read_yaml(path: Path, display: str | None = None) -> YamlDocument:
    """Read one YAML file; raise DataErrors naming file and line on any problem."""
    shown = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _error(shown, 1, f"cannot read file: {exc.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise _error(shown, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _error(shown, 1, f"cannot read file: {exc.strerror}") from None
    text = _decode(raw, shown)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise _error(shown, 1, "file is empty; expected a mapping starting with schema_version")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise _error(shown, line, f"YAML syntax error: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise _error(shown, 1, f"YAML error: {exc}") from None
    if node is None:
        raise _error(shown, 1, "file is empty; expected a mapping starting with schema_version")
    builder = _Builder(shown, text)
    data = builder.build(node, (), 0)
    if not isinstance(data, dict):
        raise _error(shown, node.start_mark.line + 1, f"expected a mapping at the top of the file, found {type(data).__name__}")
    return YamlDocument(shown, data, builder.lines)
