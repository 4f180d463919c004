"""The audit trail table: append events, read a record's history (newest last)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, insert, select

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
    query = select(a).where(a.c.entity == entity.value)
    if record_key is not None:
        query = query.where(a.c.record_key == record_key)
    rows = connection.execute(query.order_by(a.c.id.desc()).limit(limit)).mappings().all()
    return [
        AuditEvent(
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
        for row in reversed(rows)
    ]
