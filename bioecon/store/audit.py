"""The audit trail table: append events, read a record's history (oldest first)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    Select,
    Text,
    func,
    insert,
    literal_column,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from bioecon.domain.amounts import MAX_DECIMALS
from bioecon.domain.audit import AuditAction, AuditEntity, AuditEvent
from bioecon.store import tables as t


def append(connection: Connection, events: Sequence[AuditEvent]) -> None:
    """Add ``events`` (in the caller's transaction: a change and its record commit together)."""
    if not events:
        return
    connection.execute(
        insert(t.audit_event),
        [
            {
                "at": e.at,
                "actor": e.actor,
                "origin": e.origin,
                "entity": e.entity.value,
                "record_key": e.record_key,
                "action": e.action.value,
                "old_value": dict(e.old_value) if e.old_value is not None else None,
                "new_value": dict(e.new_value) if e.new_value is not None else None,
                "reason": e.reason,
            }
            for e in events
        ],
    )


def history(
    connection: Connection, entity: AuditEntity, record_key: str | None = None, limit: int = 1000
) -> list[AuditEvent]:
    """The events of one record (or of every record of ``entity``), oldest first."""
    a = t.audit_event
    condition: ColumnElement[bool] = a.c.entity == entity.value
    if record_key is not None:
        condition = condition & (a.c.record_key == record_key)
    return _latest(connection, condition, limit)


def count_since(
    connection: Connection,
    entity: AuditEntity,
    action: AuditAction,
    origin: str,
    since: datetime,
) -> int:
    """How many events of ``entity`` and ``action`` came from ``origin`` after ``since``."""
    a = t.audit_event
    query = select(func.count()).where(
        a.c.entity == entity.value, a.c.action == action.value, a.c.origin == origin, a.c.at > since
    )
    return int(connection.execute(query).scalar_one())


def history_under(
    connection: Connection, entity: AuditEntity, prefix: str | None, limit: int = 10_000
) -> list[AuditEvent]:
    """The events of every record of ``entity`` whose key is ``prefix`` or starts with
    ``prefix/`` (an indicator's values, one unit's, one value's; without a prefix, every
    record's), oldest first."""
    a = t.audit_event
    condition = a.c.entity == entity.value
    if prefix is not None:
        under = a.c.record_key == prefix
        condition &= under | a.c.record_key.startswith(prefix + "/", autoescape=True)
    return _latest(connection, condition, limit)


def latest_returns(connection: Connection, keys: Iterable[str]) -> dict[str, AuditEvent]:
    """The latest return (退回) or reopening of each observation among ``keys`` — its note goes
    back to the reporter — over the partial index of those events (its condition is the
    query's, word for word, so SQLite uses it), :data:`_KEYS_PER_QUERY` keys a query."""
    a = t.audit_event
    wanted = sorted(set(keys))
    found: dict[str, AuditEvent] = {}
    for offset in range(0, len(wanted), _KEYS_PER_QUERY):
        newest = (
            select(func.max(a.c.id))
            .where(
                a.c.entity == AuditEntity.OBSERVATION.value,
                a.c.record_key.in_(wanted[offset : offset + _KEYS_PER_QUERY]),
                t.RETURNED,
            )
            .group_by(a.c.record_key)
        )
        rows = connection.execute(select(a).where(a.c.id.in_(newest))).mappings().all()
        found.update((row["record_key"], _event(row)) for row in rows)
    return found


_KEYS_PER_QUERY = 5_000  # well within SQLite's and psycopg's bound-parameter limits


def _latest(connection: Connection, condition: ColumnElement[bool], limit: int) -> list[AuditEvent]:
    """The newest ``limit`` events meeting ``condition``, returned oldest first."""
    a = t.audit_event
    query = select(a).where(condition).order_by(a.c.id.desc()).limit(limit)
    rows = connection.execute(query).mappings().all()
    return [_event(row) for row in reversed(rows)]


def _event(row: Any) -> AuditEvent:
    return AuditEvent(
        at=row["at"],
        actor=row["actor"],
        origin=row["origin"],
        entity=AuditEntity(row["entity"]),
        record_key=row["record_key"],
        action=AuditAction(row["action"]),
        old_value=row["old_value"],
        new_value=row["new_value"],
        reason=row["reason"],
    )


def append_selected(connection: Connection, rows: Select[Any]) -> int:
    """Add one event per row of ``rows`` (its columns in the order of :data:`EVENT_COLUMNS`),
    in SQL: a bulk change records its events without reading them into Python. Returns how
    many were added."""
    statement = insert(t.audit_event).from_select(list(EVENT_COLUMNS), rows)
    # an INSERT's count is kept only when asked for (psycopg forgets it as its cursor closes)
    counted = statement.execution_options(preserve_rowcount=True)
    return int(connection.execute(counted).rowcount)


EVENT_COLUMNS = (
    "at",
    "actor",
    "origin",
    "entity",
    "record_key",
    "action",
    "old_value",
    "new_value",
    "reason",
)


class JsonRecord(FunctionElement[Any]):
    """A JSON object built in SQL from ``key, value, key, value …`` (keys are literal names):
    ``json_object`` on SQLite, ``json_build_object`` on PostgreSQL."""

    type = JSON()
    name = "json_record"
    inherit_cache = True


@compiles(JsonRecord)
def _json_record_sqlite(element: JsonRecord, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_object({compiler.process(element.clauses, **kw)})"


@compiles(JsonRecord, "postgresql")
def _json_record_postgresql(element: JsonRecord, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_build_object({compiler.process(element.clauses, **kw)})"


def json_of(fields: Mapping[str, ColumnElement[Any]]) -> JsonRecord:
    """``{name: column …}`` as a SQL JSON object (names are code's own, never user input)."""
    arguments: list[ColumnElement[Any]] = []
    for name, column in fields.items():
        if not name.isidentifier():
            raise ValueError(f"not a field name: {name!r}")
        arguments += [literal_column(f"'{name}'"), column]
    return JsonRecord(*arguments)


class DecimalText(FunctionElement[str]):
    """An ExactDecimal column as the history writes a value: its shortest plain text, as
    ``str(canonical_decimal(v))`` gives it (4000, 12.5, -0.25). PostgreSQL trims the scale of
    its NUMERIC; SQLite holds millionths (store.types.ExactDecimal) and spells them out."""

    type = Text()
    name = "decimal_text"
    inherit_cache = True


@compiles(DecimalText)
def _decimal_text_sqlite(element: DecimalText, compiler: SQLCompiler, **kw: Any) -> str:
    v = compiler.process(element.clauses, **kw)
    scale = 10**MAX_DECIMALS
    return (
        f"(CASE WHEN {v} < 0 THEN '-' ELSE '' END || (abs({v}) / {scale}) || "
        f"CASE WHEN abs({v}) % {scale} = 0 THEN '' "
        f"ELSE '.' || rtrim(printf('%0{MAX_DECIMALS}d', abs({v}) % {scale}), '0') END)"
    )


@compiles(DecimalText, "postgresql")
def _decimal_text_postgresql(element: DecimalText, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(trim_scale({compiler.process(element.clauses, **kw)}) AS TEXT)"
