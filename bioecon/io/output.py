"""One declaration per output record: its fields (name, JSON type, where the value comes from)
and the columns of its terminal table. The CLI renders a declared record as JSON, JSON lines,
CSV or a table (:func:`render`), and the web API builds its response model from the same
declaration (:func:`response_model`), so the OpenAPI schema lists what the CLI prints.

Amounts are exact :class:`~decimal.Decimal` in a record; JSON shows them as numbers (an
integral amount as an integer), the CLI and the API alike (:data:`Amount`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from types import GenericAlias
from typing import Annotated, Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, PlainSerializer, WithJsonSchema, create_model
from pydantic import Field as ModelField

from bioecon.io.jsonable import json_value
from bioecon.io.sheet_writer import write_csv
from bioecon.io.texttable import render_table

S = TypeVar("S")
S_contra = TypeVar("S_contra", contravariant=True)

Amount = Annotated[
    Decimal,
    PlainSerializer(json_value, when_used="json"),
    WithJsonSchema({"type": "number"}),
]
"""An exact amount: Decimal in Python, a JSON number on the wire."""


@dataclass(frozen=True)
class Field(Generic[S]):
    """One field of a record: its name, its JSON type, and how to read it from the item
    (default: the item's attribute of the same name)."""

    name: str
    type: Any
    get: Callable[[S], Any] | None = None
    description: str = ""

    def value(self, item: S) -> Any:
        return self.get(item) if self.get is not None else getattr(item, self.name)


@dataclass(frozen=True)
class Column(Generic[S]):
    """One column of the terminal table: its header and the cell of an item."""

    header: str
    cell: Callable[[S], object]


def table(columns: Sequence[Column[S]], items: Sequence[S]) -> str:
    return render_table([c.header for c in columns], [[c.cell(i) for c in columns] for i in items])


@dataclass(frozen=True)
class Record(Generic[S]):
    """An output record: ``name`` names its response model; ``layout`` replaces the one table
    of ``columns`` when the terminal shows more than one table."""

    name: str
    fields: tuple[Field[S], ...]
    columns: tuple[Column[S], ...] = ()
    layout: Callable[[Sequence[S]], str] | None = None

    def of(self, item: S) -> dict[str, Any]:
        return {f.name: f.value(item) for f in self.fields}

    def records(self, items: Sequence[S]) -> list[dict[str, Any]]:
        return [self.of(i) for i in items]

    def table(self, items: Sequence[S]) -> str:
        return self.layout(items) if self.layout is not None else table(self.columns, items)

    def csv(self, items: Sequence[S]) -> str:
        rows = [[_csv_cell(v) for v in record.values()] for record in self.records(items)]
        return write_csv([f.name for f in self.fields], rows)


def _csv_cell(value: object) -> str | Decimal | None:
    if value is None or isinstance(value, str | Decimal):
        return value
    return str(value)


class Output(Protocol[S_contra]):
    """What :func:`render` needs: a declared :class:`Record`, or a module's functions."""

    def records(self, items: Sequence[S_contra], /) -> list[dict[str, Any]]: ...

    def table(self, items: Sequence[S_contra], /) -> str: ...

    def csv(self, items: Sequence[S_contra], /) -> str: ...


@dataclass(frozen=True)
class Rendered(Generic[S]):
    """An output whose record, table and CSV are functions of an existing module
    (``io/ledger_output.py``, ``io/evaluation_output.py``)."""

    record: Callable[[S], dict[str, Any]]
    table_of: Callable[[Sequence[S]], str]
    csv_of: Callable[[Sequence[S]], str]

    def records(self, items: Sequence[S]) -> list[dict[str, Any]]:
        return [self.record(i) for i in items]

    def table(self, items: Sequence[S]) -> str:
        return self.table_of(items)

    def csv(self, items: Sequence[S]) -> str:
        return self.csv_of(items)


def json_text(data: object, *, indent: int | None = 2) -> str:
    """The CLI's JSON: UTF-8 text as is, amounts as numbers."""
    return json.dumps(data, ensure_ascii=False, indent=indent, default=json_value)


def render(output: Output[S], items: Sequence[S], form: str) -> str:
    """``items`` as ``form``: json (one array), jsonl (one object a line), csv or table.
    CSV text ends with its newline; the others do not."""
    if form == "json":
        return json_text(output.records(items))
    if form == "jsonl":
        return "\n".join(json_text(r, indent=None) for r in output.records(items))
    if form == "csv":
        return output.csv(items)
    return output.table(items)


@cache
def response_model(record: Record[Any]) -> type[BaseModel]:
    """The pydantic model of a record's JSON object (the web API's response model)."""
    return model_of(record.name, {f.name: (f.type, f.description) for f in record.fields})


def list_of(model: type[BaseModel]) -> Any:
    """``list[model]`` for a model built at run time (a type checker cannot see it)."""
    return GenericAlias(list, (model,))


def model_of(
    name: str, fields: Mapping[str, tuple[Any, str]], *, open_ended: bool = False
) -> type[BaseModel]:
    """A model with these fields, every one required (a record always carries each of its
    fields, ``null`` when missing). ``open_ended`` keeps fields the model does not name."""
    definitions: dict[str, Any] = {
        key: (kind, ModelField(description=text or None)) for key, (kind, text) in fields.items()
    }
    config = ConfigDict(extra="allow" if open_ended else "ignore")
    return create_model(name, __config__=config, **definitions)
