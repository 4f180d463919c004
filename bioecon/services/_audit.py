"""The audit events of a use case's writes (操作留痕), appended in its transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from bioecon.domain.access import Principal
from bioecon.domain.audit import AuditAction, AuditEntity, AuditEvent, changed_fields
from bioecon.store import Connection, audit

R = TypeVar("R")

Change = tuple[str, AuditAction, Mapping[str, Any] | None, Mapping[str, Any] | None]
"""(record key, action, old value, new value) of one changed record."""


def record(
    connection: Connection,
    actor: Principal,
    origin: str,
    entity: AuditEntity,
    changes: Iterable[Change],
    reason: str | None = None,
) -> None:
    """One event per change, all at the same moment, by ``actor`` from ``origin``."""
    now = datetime.now(UTC)
    audit.append(
        connection,
        [
            AuditEvent(now, actor.login, origin, entity, key, action, old, new, reason)
            for key, action, old, new in changes
        ],
    )


def compared(
    records: Iterable[R], stored: Mapping[str, R], key: Callable[[R], str]
) -> list[Change]:
    """The change of each record against the stored record of its key: a created record with
    all its fields, an updated one with the fields that differ, an unchanged one nothing."""
    changes: list[Change] = []
    for item in records:
        before = stored.get(key(item))
        if before == item:
            continue
        old, new = changed_fields(before, item)
        action = AuditAction.CREATE if before is None else AuditAction.UPDATE
        changes.append((key(item), action, old, new))
    return changes
