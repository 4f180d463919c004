"""One way to carry a record between layers whose field names match: a dataclass from any
source with the same names (a pydantic model, a table row's mapping, another dataclass), and
back to plain values for a table write or a file model. Pure, standard library only.

The target type's annotations say how a value is coerced (an enum from its text, a tuple from
a list); the real differences between layers (a default key, a code column for an ``*_id``,
a span kept in three columns) are passed as explicit overrides at the call site, so they are
visible where they happen and nowhere else.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Collection, Mapping
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin, get_type_hints

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


def copy_into(cls: type[R], source: object, /, **overrides: Any) -> R:
    """A ``cls`` whose every field is taken from ``overrides`` or else from the same-named key
    of ``source`` (a mapping) or attribute (any other object), coerced to the field's type.

    A field found in neither is an error, never left at its default: a field added to ``cls``
    must be carried by every layer that builds one.
    """
    coercions = _coercions(cls)
    unknown = overrides.keys() - coercions.keys()
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for name, coerce in coercions.items():
        value = overrides[name] if name in overrides else _read(source, name)
        values[name] = value if coerce is None or value is None else coerce(value)
    return cls(**values)


def field_values(record: DataclassInstance, /, *, exclude: Collection[str] = ()) -> dict[str, Any]:
    """The fields of ``record`` by name, as they are (to build a model of the same names)."""
    names = [field.name for field in dataclasses.fields(record)]
    unknown = set(exclude) - set(names)
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {', '.join(sorted(unknown))}")
    return {name: getattr(record, name) for name in names if name not in exclude}


def row_values(record: DataclassInstance, /, *, exclude: Collection[str] = ()) -> dict[str, Any]:
    """The fields of ``record`` for a table write: enum members as their text value."""
    return {
        name: value.value if isinstance(value, Enum) else value
        for name, value in field_values(record, exclude=exclude).items()
    }


Coerce = Callable[[Any], Any]


@cache
def _coercions(cls: type[DataclassInstance]) -> dict[str, Coerce | None]:
    """Each init field's coercion (None: taken as it is), from its annotation."""
    hints = get_type_hints(cls)
    return {
        field.name: _coercion(hints[field.name]) for field in dataclasses.fields(cls) if field.init
    }


def _read(source: object, name: str) -> Any:
    if isinstance(source, Mapping):
        return source[name]
    try:
        return getattr(source, name)
    except AttributeError:
        raise KeyError(f"{type(source).__name__} has no {name!r}") from None


def _coercion(hint: Any) -> Coerce | None:
    """How a value becomes what the annotation ``hint`` wants: optional types unwrapped, enums
    from their value, tuples and lists from any iterable, text from an enum, booleans from 0/1."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [option for option in get_args(hint) if option is not type(None)]
        return _coercion(options[0]) if len(options) == 1 else None
    if origin is tuple:
        return tuple
    if origin is list:
        return list
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if hint is str:
        return _enum_value
    if hint is bool:
        return bool
    return None


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value
