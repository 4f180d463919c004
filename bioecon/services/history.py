"""History use cases (操作留痕): the recorded changes of values, within the caller's scope."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, Protocol

from bioecon.app import Bioecon
from bioecon.catalogs import role_book
from bioecon.domain.access import Action, Principal, allowed
from bioecon.domain.audit import AuditEntity, AuditEvent
from bioecon.domain.disclosure import FINANCIAL_FIELDS
from bioecon.services._scope import financial_units, units_for, unplaced
from bioecon.store import Connection, audit, orgunits
from bioecon.store import approvals as approval_store
from bioecon.store import enterprises as enterprise_store
from bioecon.store import notices as notice_store
from bioecon.store import plans as plan_store
from bioecon.store import platforms as platform_store
from bioecon.store import projects as project_store
from bioecon.store import tasks as task_store
from bioecon.store.migrate import ensure_current


class Placed(Protocol):
    """A register row: it lies in an org unit (or none)."""

    @property
    def org_unit(self) -> str | None: ...


def value_history(
    app: Bioecon, *, actor: Principal, entity: AuditEntity, prefix: str | None = None
) -> list[AuditEvent]:
    """The events of the records of ``entity`` whose key is ``prefix`` or starts with
    ``prefix/`` (every record of it without one; for observations
    ``indicator/org_unit/period/basis``), oldest first, leaving out records the caller may
    not read (:func:`_homes` says whose each is); an enterprise's figures are left out where
    the caller may not read the registry's financial fields."""
    with app.reading() as connection:
        ensure_current(connection)
        events = audit.history_under(connection, entity, prefix)
        if entity is AuditEntity.ENTERPRISE:
            return _enterprise_events(connection, actor, events)
        if entity in _ACCOUNT_RECORDS:
            return events if unplaced(actor, Action.MANAGE_USERS) else []
        if entity is AuditEntity.INDICATOR:
            return events if allowed(role_book(), actor, Action.READ) else []
        homes = _homes(connection, entity, {e.record_key for e in events})
        readable = units_for(connection, actor, Action.READ, homes.values())
    return [e for e in events if homes[e.record_key] in readable]


_PROJECT_RECORDS = frozenset(
    {AuditEntity.PROJECT, AuditEntity.PROJECT_PROGRESS, AuditEntity.PROJECT_SELECTION}
)
_ACCOUNT_RECORDS = frozenset({AuditEntity.USER, AuditEntity.API_TOKEN, AuditEntity.SESSION})
"""Records only a manager of every account sees the history of."""


def _homes(connection: Connection, entity: AuditEntity, keys: set[str]) -> dict[str, str | None]:
    """The org unit whose readers see each record's history: an observation's unit, a plan's
    (and its mappings') region, a register row's or key project's (and its progress') unit
    now, an org unit itself; None for a record that is gone or has no unit (only a scope of
    everything reads those)."""
    if entity is AuditEntity.OBSERVATION:
        return {key: key.partition("/")[2].partition("/")[0] or None for key in keys}
    if entity in (AuditEntity.PLAN, AuditEntity.MAPPING, AuditEntity.TARGET):
        regions = plan_store.regions_by_code(connection, {k.split("/")[0] for k in keys})
        return {key: regions.get(key.split("/")[0]) for key in keys}
    if entity in _REGISTERS:
        stored = _REGISTERS[entity](connection, keys)
        return {key: stored[key].org_unit if key in stored else None for key in keys}
    if entity in _PROJECT_RECORDS:  # P01, P01/2026-10, P01/2026
        homes = project_store.org_units_of(connection, {k.split("/")[0] for k in keys})
        return {key: homes.get(key.split("/")[0]) for key in keys}
    if entity in (AuditEntity.WORK_ITEM, AuditEntity.WORK_REPORT, AuditEntity.NOTICE):
        return _task_homes(connection, entity, keys)
    if entity is AuditEntity.ORG_UNIT:
        known = orgunits.existing(connection, keys)
        return {key: key if key in known else None for key in keys}
    return dict.fromkeys(keys)


def _task_homes(
    connection: Connection, entity: AuditEntity, keys: set[str]
) -> dict[str, str | None]:
    """A work item's (and its reports': item/period) plan region; a notice's issuing office."""
    if entity is AuditEntity.NOTICE:
        found = {key: notice_store.find(connection, key) for key in keys}
        return {key: n.org_unit if n is not None else None for key, n in found.items()}
    items = {
        i.code: i.plan for i in task_store.items(connection, codes={k.split("/")[0] for k in keys})
    }
    regions = plan_store.regions_by_code(connection, set(items.values()))
    return {key: regions.get(items.get(key.split("/")[0], "")) for key in keys}


_REGISTERS: dict[AuditEntity, Callable[[Connection, Iterable[str]], Mapping[str, Placed]]] = {
    AuditEntity.PLATFORM: platform_store.fetch,
    AuditEntity.APPROVAL: approval_store.fetch,
}


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
    readable = units_for(connection, actor, Action.READ, homes.values())
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
