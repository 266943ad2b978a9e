"""A cache of validated data files, so that an unchanged corpus is not parsed and validated again.

Parsing YAML dominates the cost of a run on a large corpus (PyYAML's C parser read 1 to 2 MB/s in
our benchmarks). Each file that loads without error is stored, validated, under a key made of the
file's bytes, the model it was validated as, and a fingerprint of the code that reads, validates
and stores it (the package version, the Python and pydantic versions, and the source of
`stc.models`, the YAML reader, the validator and this module). Any change to the file or to that
code gives a new key, so a stale entry is never used; a file with errors is never stored, so every
error is reported afresh with its file and line.

Entries are plain JSON: the model's fields as `model_dump_json(exclude_unset=True)` writes them,
under a header naming the model (or, for one top-level value read alone, such as a framework's
`comparator`, that value under a header naming its key). Reading one runs no code from the
entry (a pickle could: that was the format of layout v1, and reading it cost as much as
validating afresh). The entry is parsed by pydantic-core's JSON parser against a schema
compiled here from the models' field types alone (`rebuilder`): the same models, fields,
defaults and nesting, without the validators and constraints that the data passed when it was
first read; dates come back from their ISO text, integer dictionary keys from their text, a
union's member by its tag field or by which member's fields the keys fit. The models are made
as validation makes them, with the same `model_fields_set`. An entry is written only after it
has been read back into a model equal to the validated one, so a value JSON cannot carry (an
infinity, say) is never stored, and a warm run sees the same models as a cold one. A model with
a field type the schema does not cover is simply not cached.

Location: `$STC_CACHE_DIR`, else `$XDG_CACHE_HOME/stc`, else `~/.cache/stc`; `STC_NO_CACHE=1`
turns it off. The cache is trusted to hold what stc wrote, so it is used only in a folder owned by
the current user and closed to others (created with mode 0700), and only entries owned by that
user are read. Anything unexpected (an unreadable, corrupt or foreign entry, one naming another
model or not matching the model's fields) is ignored and the file is read from the source.
Deleting the folder is always safe.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import os
import stat
import sys
import tempfile
import types
import typing
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

import pydantic
from pydantic import BaseModel
from pydantic_core import SchemaValidator, from_json, to_json
from pydantic_core import core_schema as cs

from stc.model_errors import validate
from stc.yaml_reader import (
    YamlDocument,
    decode_text,
    parse_yaml,
    read_file_bytes,
    read_top_level_scalar,
)

CACHE_ENV = "STC_CACHE_DIR"
OFF_ENV = "STC_NO_CACHE"
LAYOUT = "v2"  # v1 held pickles; v2 holds JSON
SUFFIX = ".json"

M = TypeVar("M", bound=BaseModel)


def load_validated(path: Path, display: str, model: type[M]) -> tuple[M, YamlDocument]:
    """The file validated as `model`, from the cache when the same bytes were validated before."""
    raw = read_file_bytes(path, display)
    folder = cache_folder()
    rebuild = _rebuilder_or_none(model) if folder is not None else None
    if folder is None or rebuild is None:
        doc = parse_yaml(raw, display)
        return validate(doc, model), doc
    entry = folder / f"{_key(raw, model)}{SUFFIX}"
    cached = _read(entry, rebuild)
    if cached is not None:
        # line numbers are needed only to report a later cross-file error; they are computed
        # from the text on first use, as for a freshly parsed file
        return cached, YamlDocument(display, None, decode_text(raw, display))
    doc = parse_yaml(raw, display)
    result = validate(doc, model)
    _write(entry, result, rebuild)
    return result, doc


def load_top_level_scalar(path: Path, display: str, key: str) -> Any:
    """`read_top_level_scalar` (the plain value of one top-level key, read without parsing the
    rest of the file), from the cache when the same bytes were read for the same key before.
    Text, integers, booleans and None are stored; any other value is read afresh each time."""
    raw = read_file_bytes(path, display)
    folder = cache_folder()
    if folder is None:
        return read_top_level_scalar(path, display, key, raw)
    header = f"scalar:{key}"
    entry = folder / f"{_key(raw, header)}{SUFFIX}"
    try:
        if _owned(entry):
            stored = from_json(entry.read_bytes())
            if (
                type(stored) is dict
                and stored.keys() == {"scalar", "value"}
                and stored["scalar"] == key
                and type(stored["value"]) in _SCALARS
            ):
                return stored["value"]
    except Exception:  # missing, unreadable or corrupt: read the source instead
        pass
    value = read_top_level_scalar(path, display, key, raw)
    if type(value) in _SCALARS:
        _store(entry, to_json({"scalar": key, "value": value}) + b"\n")
    return value


_SCALARS = (str, int, bool, type(None))


def cache_folder() -> Path | None:
    if os.environ.get(OFF_ENV, "") not in ("", "0"):
        return None
    base = os.environ.get(CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "stc"
    )
    folder = Path(base) / LAYOUT
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if hasattr(os, "getuid") and (
        info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    ):
        return None
    return folder


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The versions of stc, Python and pydantic, and the source of everything that turns a file
    into a model and stores it."""
    from stc import __version__

    digest = hashlib.sha256(
        f"{__version__}|{sys.version_info[:2]}|{pydantic.VERSION}|{LAYOUT}".encode()
    )
    package = Path(__file__).resolve().parent
    sources = [package / "yaml_reader.py", package / "model_errors.py", package / "load_cache.py"]
    sources += sorted(
        (p for p in (package / "models").iterdir() if p.name.endswith(".py")), key=lambda p: p.name
    )
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _key(raw: bytes, kind: type[BaseModel] | str) -> str:
    """The entry's name: the code fingerprint, what the entry holds (a model, or a scalar's
    key) and the file's bytes."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(f"|{kind if isinstance(kind, str) else _model_name(kind)}|".encode())
    digest.update(raw)
    return digest.hexdigest()


def _model_name(model: type[BaseModel]) -> str:
    return f"{model.__module__}.{model.__qualname__}"


def _owned(entry: Path) -> bool:
    """Whether the entry is the current user's (raises OSError when there is none)."""
    return not hasattr(os, "getuid") or entry.stat().st_uid == os.getuid()


def _read(entry: Path, rebuild: Callable[[bytes], M]) -> M | None:
    try:
        return rebuild(entry.read_bytes()) if _owned(entry) else None
    except Exception:  # missing, unreadable, corrupt or not this model's: read the source instead
        return None


def _write(entry: Path, value: M, rebuild: Callable[[bytes], M]) -> None:
    try:
        data = value.model_dump_json(exclude_unset=True, by_alias=False)
        name = to_json(_model_name(type(value))).decode()
        blob = f'{{"model":{name},"data":{data}}}\n'.encode()
        if rebuild(blob) != value:  # stored only if it reads back as the model just validated
            return
    except Exception:  # a value JSON cannot carry: the file is simply read again next time
        return
    _store(entry, blob)


def _store(entry: Path, blob: bytes) -> None:
    """Write an entry atomically; a read-only or full cache never stops a run."""
    try:
        handle, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=SUFFIX)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(blob)
        os.replace(tmp, entry)
    except Exception:
        Path(tmp).unlink(missing_ok=True)


# -- rebuilding models from stored JSON, without validating them again ---------------------------


class NotCacheable(TypeError):
    """A model has a field type that the rebuilding schema does not cover."""


def _rebuilder_or_none(model: type[M]) -> Callable[[bytes], M] | None:
    if model in _not_cacheable:
        return None
    try:
        return typing.cast(Callable[[bytes], M], rebuilder(model))
    except Exception:  # NotCacheable, or a schema pydantic-core refuses: read the source
        _not_cacheable.add(model)
        return None


_not_cacheable: set[type[BaseModel]] = set()


@cache
def rebuilder(model: type[BaseModel]) -> Callable[[bytes], BaseModel]:
    """A function from a stored entry's bytes to the model they hold.

    The entry is read by pydantic-core's JSON parser against a schema compiled here from the
    model's field types alone: the same models, fields, defaults and nesting, with none of the
    validators, constraints or coercions that already passed when the entry was written (they
    were checked on the source; the entry is read back and compared before it is stored).
    Dates are read from their ISO text, integer dictionary keys from their text, a union member
    by its tag field or by which member's fields the keys fit. Each model's fields are read in
    Rust (in field order, defaults filled, the keys present as `model_fields_set`) and the
    instance is made from them as `BaseModel.model_construct` makes it. Raises NotCacheable for
    a model with a field type not covered here; anything wrong in an entry raises pydantic's
    ValidationError."""
    compiler = _COMPILER  # shared, so that models common to several files are compiled once
    before = set(compiler.definitions)
    try:
        header = cs.typed_dict_schema(
            {
                "model": cs.typed_dict_field(cs.literal_schema([_model_name(model)])),
                "data": cs.typed_dict_field(compiler.model(model)),
            },
            extra_behavior="forbid",
        )
        definitions = [compiler.definitions[ref] for ref in compiler.reachable(_model_name(model))]
        validator = SchemaValidator(cs.definitions_schema(header, definitions))
    except Exception:
        for ref in set(compiler.definitions) - before:  # some may be unfinished
            del compiler.definitions[ref]
            compiler.refers_to.pop(ref, None)
        compiler.clear_stack()
        raise

    def rebuild(blob: bytes) -> BaseModel:
        return typing.cast(BaseModel, validator.validate_json(blob)["data"])

    return rebuild


_ANY = cs.any_schema()


class _Compiler:
    """Field types to a pydantic-core schema that rebuilds values from their JSON form."""

    def __init__(self) -> None:
        self.definitions: dict[str, cs.CoreSchema] = {}
        self.refers_to: dict[str, set[str]] = {}  # the models each model's fields name
        self._current: list[str] = []

    def clear_stack(self) -> None:
        self._current.clear()

    def reachable(self, ref: str) -> list[str]:
        """The models `ref` needs, itself included."""
        found: list[str] = []
        pending = [ref]
        while pending:
            name = pending.pop()
            if name not in found:
                found.append(name)
                pending.extend(self.refers_to.get(name, ()))
        return found

    def model(self, model: type[BaseModel]) -> cs.CoreSchema:
        ref = _model_name(model)
        if self._current:
            self.refers_to.setdefault(self._current[-1], set()).add(ref)
        if ref not in self.definitions:
            if (
                model.__pydantic_root_model__
                or getattr(model, "__pydantic_custom_init__", False)
                or model.model_config.get("extra") == "allow"
                or model.__pydantic_post_init__
                or model.__private_attributes__
                or model.__pydantic_computed_fields__
                or model.__pydantic_decorators__.field_serializers
                or model.__pydantic_decorators__.model_serializers
                or model.__pydantic_generic_metadata__["origin"] is not None
            ):
                raise NotCacheable(f"{ref}: not a plain model")
            self.definitions[ref] = _ANY  # placeholder while its fields refer back to it
            self._current.append(ref)
            try:
                fields = self._fields(model)
            finally:
                self._current.pop()
            # the fields are read in Rust and the instance made here: a "model" schema would be
            # replaced by the class's own validator (validators included) once pydantic has
            # built it
            self.definitions[ref] = cs.no_info_after_validator_function(
                _maker(model),
                cs.model_fields_schema(fields, model_name=model.__name__, extra_behavior="forbid"),
                ref=ref,
            )
        return cs.definition_reference_schema(ref)

    def _fields(self, model: type[BaseModel]) -> dict[str, cs.ModelField]:
        hints = _hints(model)
        fields: dict[str, cs.ModelField] = {}
        for name, field in model.model_fields.items():
            if field.exclude or (
                field.default_factory is not None and _takes_data(field.default_factory)
            ):
                raise NotCacheable(f"{model.__qualname__}.{name}: excluded, or made from the data")
            schema = self.of(hints[name])
            if field.default_factory is not None:
                schema = cs.with_default_schema(
                    schema,
                    default_factory=_without_validation(
                        typing.cast(Callable[[], Any], field.default_factory)
                    ),
                )
            elif not field.is_required():
                schema = cs.with_default_schema(schema, default=field.default)
            fields[name] = cs.model_field(schema)
        return fields

    def of(self, annotation: Any) -> cs.CoreSchema:
        annotation = _bare(annotation)
        origin = typing.get_origin(annotation)
        if origin is typing.Literal:
            if all(isinstance(v, (str, int, type(None))) for v in typing.get_args(annotation)):
                return _ANY  # JSON keeps text, integers, booleans and null as they were
            raise NotCacheable(f"{annotation}: only text, integer and None literals")
        if annotation in (str, bool, int, float, type(None)):
            return _ANY
        if annotation is dt.date:
            return cs.date_schema()
        if origin is list:
            item = self.of(typing.get_args(annotation)[0])
            return _ANY if item is _ANY else cs.list_schema(item)
        if origin is dict:
            key_type, value_type = typing.get_args(annotation)
            value = self.of(value_type)
            if _bare(key_type) is int:
                return cs.dict_schema(cs.int_schema(), value)  # JSON writes the key as text
            if _json_kind(key_type) == "str" and self.of(key_type) is _ANY:
                return _ANY if value is _ANY else cs.dict_schema(_ANY, value)
        if origin in (typing.Union, types.UnionType):
            return self.union(typing.get_args(annotation))
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return self.model(annotation)
        raise NotCacheable(f"{annotation!r} is not rebuilt from JSON")

    def union(self, members: tuple[Any, ...]) -> cs.CoreSchema:
        """None stays None; a JSON object is one of the union's models, chosen by a tag field
        every member has or else by whose fields its keys fit; any other value is rebuilt by the
        one member of its JSON kind (text, list...), or left as parsed."""
        rest = [_bare(m) for m in members if m is not type(None)]
        if len(rest) < len(members):
            inner = self.union(tuple(rest))
            return _ANY if inner is _ANY else cs.nullable_schema(inner)
        if len(rest) == 1:
            return self.of(rest[0])
        models = [m for m in rest if isinstance(m, type) and issubclass(m, BaseModel)]
        by_kind: dict[str, cs.CoreSchema] = {}
        for member in rest:
            if member in models:
                continue
            kind, schema = _json_kind(member), self.of(member)
            if kind == "dict" or (schema is not _ANY and (kind in by_kind or kind == "other")):
                raise NotCacheable(f"union of {rest}: cannot tell its members apart in JSON")
            if schema is not _ANY or kind not in by_kind:
                by_kind[kind] = schema
        if not models:
            if all(schema is _ANY for schema in by_kind.values()):
                return _ANY
            raise NotCacheable(f"union of {rest}: cannot tell its members apart in JSON")
        choices: dict[str, cs.CoreSchema] = {**by_kind}
        tag = _common_tag(models)
        if tag is not None and not by_kind:
            return cs.tagged_union_schema(
                {value: self.model(m) for value, m in tag[1].items()}, discriminator=tag[0]
            )
        shapes = []
        for m in models:
            choices[_model_name(m)] = self.model(m)
            required = frozenset(n for n, f in m.model_fields.items() if f.is_required())
            shapes.append((required, frozenset(m.model_fields), _model_name(m)))

        def discriminate(value: Any) -> str | None:
            if type(value) is not dict:
                return _KINDS.get(type(value), "other")
            keys = value.keys()
            fits = [name for required, allowed, name in shapes if required <= keys <= allowed]
            return fits[0] if len(fits) == 1 else None

        return cs.tagged_union_schema(choices, discriminator=discriminate)


_COMPILER = _Compiler()
_KINDS = {str: "str", list: "list", type(None): "null"}
_set = object.__setattr__


def _maker(model: type[BaseModel]) -> Callable[[tuple[dict[str, Any], Any, set[str]]], BaseModel]:
    """The model from its validated fields, as `BaseModel.model_construct` makes it."""
    if model.__new__ is not object.__new__:
        raise NotCacheable(f"{_model_name(model)}: a __new__ of its own")
    new = object.__new__

    def make(parts: tuple[dict[str, Any], Any, set[str]]) -> BaseModel:
        values, _, fields_set = parts
        instance = new(model)
        _set(instance, "__dict__", values)
        _set(instance, "__pydantic_fields_set__", fields_set)
        _set(instance, "__pydantic_extra__", None)
        _set(instance, "__pydantic_private__", None)
        return instance

    return make


def _without_validation(factory: Callable[[], Any]) -> Callable[[], Any]:
    """A model class used as a default factory makes its instance with `model_construct` when
    it has no validators: calling the class would validate nothing, and would build the
    class's validator (tens of ms, the first time in a process) for it."""
    if isinstance(factory, type) and issubclass(factory, BaseModel):
        decorators = factory.__pydantic_decorators__
        if not (
            decorators.validators
            or decorators.field_validators
            or decorators.root_validators
            or decorators.model_validators
        ):
            return factory.model_construct
    return factory


@cache
def _hints(model: type[BaseModel]) -> dict[str, Any]:
    """The type of each field: as pydantic evaluated it when it could (its `Annotated` metadata
    set apart, which the schema here does not use), else evaluated here (forward references)."""
    if getattr(model, "__pydantic_fields_complete__", False):
        return {name: field.annotation for name, field in model.model_fields.items()}
    try:
        return typing.get_type_hints(model, include_extras=True)
    except Exception as exc:
        raise NotCacheable(f"{_model_name(model)}: {exc}") from exc


@cache
def _takes_data(factory: Callable[..., Any]) -> bool:
    """Whether a default factory is given the data validated so far (pydantic >= 2.10)."""
    if factory in (list, dict, set, tuple, frozenset) or (
        isinstance(factory, type) and issubclass(factory, BaseModel)
    ):
        return False  # made with no arguments (and a builtin's signature is slow to find)
    try:
        parameters = list(inspect.signature(factory).parameters.values())
    except (TypeError, ValueError):  # no signature (a builtin such as dict): no data
        return False
    return (
        len(parameters) == 1
        and parameters[0].kind
        in (parameters[0].POSITIONAL_ONLY, parameters[0].POSITIONAL_OR_KEYWORD)
        and parameters[0].default is inspect.Parameter.empty
    )


def _bare(annotation: Any) -> Any:
    """The type inside Annotated[...]."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _json_kind(annotation: Any) -> str:
    """The JSON type a value of this type is written as."""
    annotation = _bare(annotation)
    origin = typing.get_origin(annotation)
    if annotation in (str, dt.date) or (
        origin is typing.Literal and all(isinstance(v, str) for v in typing.get_args(annotation))
    ):
        return "str"
    if origin is list:
        return "list"
    if origin is dict or (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return "dict"
    return "other"


def _common_tag(models: list[type[BaseModel]]) -> tuple[str, dict[str, type[BaseModel]]] | None:
    """A required field every model has, typed as one distinct text literal in each."""
    shared = set.intersection(*(set(m.model_fields) for m in models))
    for name in sorted(shared):
        tags: dict[str, type[BaseModel]] = {}
        for m in models:
            annotation = _bare(_hints(m)[name])
            args = typing.get_args(annotation)
            if (
                not m.model_fields[name].is_required()
                or typing.get_origin(annotation) is not typing.Literal
                or len(args) != 1
                or not isinstance(args[0], str)
                or args[0] in tags
            ):
                break
            tags[args[0]] = m
        else:
            return name, tags
    return None
