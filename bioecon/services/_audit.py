"""The audit events of a use case's writes (操作留痕), appended in its transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from bioecon.domain.access import Principal
from bioecon.domain.audit import AuditAction, AuditEntity, AuditEvent
from bioecon.store import Connection, audit

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
