"""Turn pydantic validation errors into DataErrors that name file, line, object and field."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from stc.errors import DataError, DataErrors
from stc.yaml_reader import PathKey, YamlDocument

M = TypeVar("M", bound=BaseModel)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The model classes an annotation can hold.

    Looks through Annotated, Optional, list and Union.
    """
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (list, tuple, typing.Union, types.UnionType):
        found: list[type[BaseModel]] = []
        for arg in typing.get_args(annotation):
            found.extend(_models_in(arg))
        return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _pick(candidates: list[type[BaseModel]], value: Any) -> type[BaseModel] | None:
    if len(candidates) == 1:
        return candidates[0]
    if isinstance(value, dict) and "type" in value:
        for cls in candidates:
            field = cls.model_fields.get("type")
            if field is not None and value["type"] in typing.get_args(field.annotation):
                return cls
    return None


def object_label(cls: type[BaseModel] | None, value: Any) -> str:
    name = cls.__name__ if cls else "value"
    if isinstance(value, dict) and isinstance(value.get("id"), (str, int)):
        return f"{name}(id={value['id']!r})"
    return name


def locate(model: type[BaseModel], data: Any, loc: tuple[Any, ...]) -> tuple[PathKey, str, str]:
    """Follow `loc` through the data: (path found in the data, object label, field label)."""
    path, obj, field, _ = _walk(model, data, loc)
    return path, obj, field


def _walk(
    model: type[BaseModel], data: Any, loc: tuple[Any, ...]
) -> tuple[PathKey, str, str, type[BaseModel] | None]:
    """`locate`, and also the model of the object reached (None where it is not a model)."""
    path: list[str | int] = []
    cls: type[BaseModel] | None = model
    value: Any = data
    element_models: list[type[BaseModel]] = []
    obj = object_label(model, data)
    field_parts: list[str] = []
    for part in loc:
        if (
            isinstance(value, dict)
            and isinstance(part, str)
            and part not in value
            and value.get("type") == part
        ):
            continue  # pydantic names the member of a tagged union by its tag
        if isinstance(value, dict) and part in value:
            info = cls.model_fields.get(str(part)) if cls else None
            element_models = _models_in(info.annotation) if info else []
            value = value[part]
            path.append(part)
            field_parts.append(str(part))
            cls = _pick(element_models, value) if isinstance(value, dict) else None
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
            path.append(part)
            field_parts.append(f"[{part}]")
            cls = _pick(element_models, value) if isinstance(value, dict) else None
        elif (
            isinstance(part, str)
            and isinstance(value, dict)
            and cls is not None
            and part in cls.model_fields
        ):
            field_parts.append(part)  # a missing field
            break
        elif isinstance(part, str) and isinstance(value, dict) and cls is None:
            continue  # a union member's tag in pydantic's location
        else:
            field_parts.append(str(part))
            break
        if isinstance(value, dict) and cls is not None and "id" in value:
            obj = object_label(cls, value)
            field_parts = []
    field = "".join(p if p.startswith("[") else f".{p}" for p in field_parts).lstrip(".")
    return tuple(path), obj, field, cls


def _message(err: Mapping[str, Any], cls_fields: str) -> str:
    kind = err.get("type", "")
    msg = str(err.get("msg", "invalid value"))
    if kind == "extra_forbidden":
        return "unknown key" + (f" (allowed: {cls_fields})" if cls_fields else "")
    if kind == "missing":
        return "required field is missing"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if msg.startswith("Assertion failed, "):
        msg = msg[len("Assertion failed, ") :]
    if (
        "input" in err
        and kind not in ("model_type", "dict_type")
        and not isinstance(err["input"], (dict, list))
    ):
        shown = repr(err["input"])
        if len(shown) > 60:
            shown = shown[:57] + "..."
        msg = f"{msg} (got {shown})"
    return msg


def validate(doc: YamlDocument, model: type[M]) -> M:
    """Validate a parsed file against its model, or raise DataErrors pointing at each problem."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            loc = tuple(err.get("loc", ()))
            path, obj, field = locate(model, doc.data, loc)
            allowed = ""
            if err.get("type") == "extra_forbidden":
                parent_path, _, _, parent = _walk(model, doc.data, loc[:-1])
                allowed = ", ".join(parent.model_fields) if parent else ""
                path = (*parent_path, loc[-1]) if loc else parent_path
            errors.append(
                DataError(doc.display, doc.line(path), obj, field, _message(err, allowed))
            )
        raise DataErrors(errors) from None
