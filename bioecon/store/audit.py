"""The audit trail table: append events, read a record's history (oldest first)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, insert, select

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
    connection: Connection, entity: AuditEntity, prefix: str, limit: int = 10_000
) -> list[AuditEvent]:
    """The events of every record of ``entity`` whose key is ``prefix`` or starts with
    ``prefix/`` (an indicator's values, one unit's, one value's), oldest first."""
    a = t.audit_event
    under = (a.c.record_key == prefix) | a.c.record_key.startswith(prefix + "/", autoescape=True)
    return _latest(connection, (a.c.entity == entity.value) & under, limit)


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
