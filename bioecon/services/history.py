"""History use cases (操作留痕): the recorded changes of values, within the caller's scope."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.audit import AuditEntity, AuditEvent
from bioecon.domain.disclosure import FINANCIAL_FIELDS
from bioecon.services._scope import financial_units, permitted, unplaced
from bioecon.store import Connection, audit
from bioecon.store import enterprises as enterprise_store
from bioecon.store.migrate import ensure_current


def value_history(
    app: Bioecon, *, actor: Principal, entity: AuditEntity, prefix: str
) -> list[AuditEvent]:
    """The events of the records whose key starts with ``prefix`` (for observations
    ``indicator/org_unit/period/basis``), oldest first, leaving out org units the caller
    may not read; an enterprise's figures are left out where the caller may not read the
    registry's financial fields."""
    with app.reading() as connection:
        ensure_current(connection)
        events = audit.history_under(connection, entity, prefix)
        if entity is AuditEntity.ENTERPRISE:
            return _enterprise_events(connection, actor, events)
        if entity is not AuditEntity.OBSERVATION:
            return events
        units = {e.record_key.split("/")[1] for e in events if e.record_key.count("/") >= 1}
        readable = set(permitted(connection, actor, [Action.READ], sorted(units)))
    return [e for e in events if e.record_key.split("/")[1] in readable]


def _enterprise_events(
    connection: Connection, actor: Principal, events: list[AuditEvent]
) -> list[AuditEvent]:
    """The events of the enterprises the caller may read (by their org unit now), their
    yearly figures without the financial fields unless it may read them."""
    homes = {
        code: stored.enterprise.org_unit
        for code, stored in enterprise_store.fetch(
            connection, {e.record_key for e in events}
        ).items()
    }
    units = sorted({unit for unit in homes.values() if unit is not None})
    readable: set[str | None] = set(permitted(connection, actor, [Action.READ], units))
    if unplaced(actor, Action.READ):
        readable.add(None)
    shown = financial_units(connection, actor, homes.values())
    kept = [e for e in events if e.record_key in homes and homes[e.record_key] in readable]
    return [e if homes[e.record_key] in shown else _without_figures(e) for e in kept]


def _without_figures(event: AuditEvent) -> AuditEvent:
    old, new = event.old_value, event.new_value
    return replace(
        event,
        old_value=_blank(old) if old is not None else None,
        new_value=_blank(new) if new is not None else None,
    )


def _blank(value: Mapping[str, Any]) -> dict[str, Any]:
    """``value`` with every financial field (at any depth: each year's figures) blank."""
    return {
        k: None if k in FINANCIAL_FIELDS else _blank(v) if isinstance(v, Mapping) else v
        for k, v in value.items()
    }
