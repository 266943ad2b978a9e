"""Safe YAML reading that refuses hostile input quickly and can say the line of every value.

The file is read as a stream of parser events (with PyYAML's C parser when available) and
turned into plain Python values here, so that duplicate keys, aliases, merge keys, boolean
keys and excessive nesting are caught with their line. Lines of values are recorded only when
an error message needs them: the file is then read a second time, keeping every value's path.

PyYAML is imported when a file is first parsed, not with this module: a run that finds every
file in the cache of validated files (stc.load_cache) never parses one.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from stc.errors import DataError, DataErrors

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]

# First characters for which PyYAML's safe resolver may give a plain scalar a non-string type.
_TYPED_FIRST = set("-+.0123456789~<=")
_BOOLS = dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True)
_BOOLS.update(
    dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False)
)
_NULLS = {"", "~", "null", "Null", "NULL"}
_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _loader() -> type:
    """PyYAML's C parser when the build has it, else its pure-Python one."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line(event: yaml.Event) -> int:
    """The 1-based line an event starts on (1 where the parser gives no position)."""
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 1


@dataclass
class YamlDocument:
    """A parsed file: its values, and (computed on first use) the line of each value by path."""

    display: str
    data: Any
    text: str = ""
    _lines: dict[PathKey, int] | None = field(default=None, repr=False)

    def line(self, path: PathKey) -> int:
        """The line (1-based) of the deepest existing prefix of `path`."""
        if self._lines is None:
            self._lines = {}
            with contextlib.suppress(DataErrors):
                _Builder(self.display, self.text, self._lines).run()
        for cut in range(len(path), -1, -1):
            found = self._lines.get(path[:cut])
            if found is not None:
                return found
        return 1


def _error(display: str, line: int, message: str) -> DataErrors:
    return DataErrors([DataError(display, line, "", "", message)])


def decode_text(raw: bytes, display: str) -> str:
    """The file's text, refusing binary content and anything that is not UTF-8."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise _error(display, line, "binary file: contains a NUL byte; expected UTF-8 YAML text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _error(
            display,
            line,
            f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}; save the file as UTF-8",
        ) from None


class _Builder:
    """Builds values from parser events; records value lines into `lines` when given one."""

    def __init__(self, display: str, text: str, lines: dict[PathKey, int] | None = None) -> None:
        self.display = display
        self.text = text
        self.lines = lines
        import yaml

        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def events(self) -> Iterator[yaml.Event]:
        """The parser's events, as `yaml.parse` gives them; taken from the parser directly (one
        call an event instead of two, and no generator between), which halves the time
        PyYAML's C parser takes to hand them over."""
        import yaml

        parser = _loader()(self.text)
        next_event = parser.get_event  # None after the last event
        try:
            while (event := next_event()) is not None:
                yield event
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise _error(
                self.display,
                mark.line + 1 if mark else 1,
                f"YAML syntax error: {exc.problem or exc.context}",
            ) from None
        except yaml.YAMLError as exc:
            raise _error(self.display, 1, f"YAML error: {exc}") from None
        finally:
            parser.dispose()

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        import yaml

        value = event.value
        tag = event.tag
        if tag is not None and tag != "!":
            if tag.startswith("!!"):
                tag = "tag:yaml.org,2002:" + tag[2:]
            if tag not in _SAFE_TAGS:
                raise _error(self.display, _line(event), f"tag {event.tag} is not allowed")
        elif not event.implicit[0]:
            return value  # quoted: always a string
        else:
            if not value or value[0] not in _TYPED_FIRST:
                if value in _BOOLS:
                    return _BOOLS[value]
                return None if value in _NULLS else value
            if _DATE.match(value):
                tag = "tag:yaml.org,2002:timestamp"
            else:
                tag = self.resolver.resolve(yaml.ScalarNode, value, (True, False))
        if tag == "tag:yaml.org,2002:merge":
            raise _error(self.display, _line(event), "merge keys (<<) are not allowed")
        node = yaml.ScalarNode(
            tag, value, cast(Any, event.start_mark), cast(Any, event.end_mark), event.style
        )
        try:
            return self.constructor.construct_object(node)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            raise _error(
                self.display,
                _line(event),
                f"cannot read value {value!r}: {getattr(exc, 'problem', exc)}",
            ) from None

    def run(self) -> Any:
        import yaml

        root: list[Any] = []
        # each frame: [container, path, pending key, key line (kept only with `lines`)]
        stack: list[list[Any]] = []
        lines = self.lines
        display = self.display

        def place(value: Any, event: Any) -> PathKey | None:
            # the event's line is looked up only when it is recorded or reported
            if not stack:
                root.append(value)
                if lines is not None:
                    lines[()] = _line(event)
                return ()
            frame = stack[-1]
            container = frame[0]
            if isinstance(container, list):
                if lines is not None:
                    path = frame[1] + (len(container),)
                    lines[path] = _line(event)
                container.append(value)
                return path if lines is not None else None
            if frame[2] is _NO_KEY:
                if isinstance(value, (dict, list)):
                    raise _error(display, _line(event), "a mapping key must be a plain value")
                if isinstance(value, bool):
                    raise _error(
                        display,
                        _line(event),
                        f"a key is read as the boolean {value} (YAML 1.1); put it in quotes",
                    )
                key = value if isinstance(value, (str, int)) else str(value)
                if key in container:
                    raise _error(display, _line(event), f"duplicate key {key!r}")
                frame[2] = key
                if lines is not None:
                    frame[3] = _line(event)
                return None
            key = frame[2]
            frame[2] = _NO_KEY
            container[key] = value
            if lines is not None:
                path = frame[1] + (key,)
                lines[path] = frame[3] if not isinstance(value, (dict, list)) else _line(event)
                return path
            return None

        scalar = self.scalar
        scalar_event = yaml.ScalarEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        event: Any
        for event in self.events():
            kind = type(event)
            if kind is scalar_event:
                place(scalar(event), event)
            elif kind is mapping_start or kind is sequence_start:
                if len(stack) >= MAX_DEPTH:
                    raise _error(display, _line(event), f"nesting deeper than {MAX_DEPTH} levels")
                value: Any = {} if kind is mapping_start else []
                path = place(value, event)
                stack.append([value, path or (), _NO_KEY, 0])
            elif kind is mapping_end or kind is sequence_end:
                stack.pop()
            elif kind is yaml.AliasEvent:
                raise _error(
                    display,
                    _line(event),
                    "aliases (*name) are not allowed in stc data files; write the value out",
                )
        return root[0] if root else None


class _NoKey:
    pass


_NO_KEY = _NoKey()


def read_yaml(path: Path, display: str | None = None) -> YamlDocument:
    """Read one YAML file; raise DataErrors naming file and line on any problem."""
    shown = display or str(path)
    return parse_yaml(read_file_bytes(path, shown), shown)


def read_top_level_scalar(path: Path, display: str, key: str, raw: bytes | None = None) -> Any:
    """The plain value of one top-level `key` of a mapping file, reading only as far as that key
    (None when the key is absent, or its value is a mapping or a list). `raw`: the file's bytes
    when the caller has read them already.

    A value that stands near the top of a large file (a framework's `comparator`) is read
    without parsing the rest. A problem met on the way (bad bytes, a syntax error, an alias) is
    reported with file and line as `read_yaml` reports it; one after the key is left for the
    full read of the file."""
    import yaml

    if raw is None:
        raw = read_file_bytes(path, display)
    builder = _Builder(display, decode_text(raw, display))
    depth = 0
    at_key = True
    wanted = False
    for event in builder.events():
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if depth != 1:
                if depth == 0:
                    return None
                continue
            if at_key:
                wanted = cast(yaml.ScalarEvent, event).value == key
            elif wanted:
                return builder.scalar(cast(yaml.ScalarEvent, event))
            at_key = not at_key
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if depth == 0 and kind is yaml.SequenceStartEvent:
                return None
            if depth == 1 and (at_key or wanted):
                return None if wanted else _read_value(raw, display, key)
            depth += 1
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            depth -= 1
            if depth == 0:
                return None
            if depth == 1:
                at_key = True
        elif kind is yaml.AliasEvent:
            return _read_value(raw, display, key)  # refused, with its line, by the full read
    return None


def _read_value(raw: bytes, display: str, key: str) -> Any:
    data = parse_yaml(raw, display).data
    return data.get(key) if isinstance(data, dict) else None


def read_file_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes, refusing an unreadable or oversized file before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _error(shown, 1, f"cannot read file: {exc.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise _error(shown, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _error(shown, 1, f"cannot read file: {exc.strerror}") from None


def parse_yaml(raw: bytes, shown: str) -> YamlDocument:
    text = decode_text(raw, shown)
    data = _Builder(shown, text).run()
    if data is None:
        raise _error(shown, 1, "file is empty; expected a mapping starting with schema_version")
    if not isinstance(data, dict):
        raise _error(
            shown, 1, f"expected a mapping at the top of the file, found {type(data).__name__}"
        )
    return YamlDocument(shown, data, text)
