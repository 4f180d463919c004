"""Queries for plans and what they declare: org units, responsible units, indicators,
targets, tasks. Everything is keyed by code; ids stay inside this package."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, Table, delete, func, insert, select, update

from bioecon.domain.model import Plan, PlanBundle, SourceSpan, Target, Task, TaskUnitRole
from bioecon.records import copy_into, row_values
from bioecon.store import indicators, orgunits, responsible_units
from bioecon.store import tables as t
from bioecon.store.keys import id_map, upsert_by_code
from bioecon.store.orgunits import EVERYWHERE, Reach
from bioecon.store.references import delete_unreferenced


@dataclass(frozen=True, slots=True)
class PlanSummary:
    code: str
    id: int
    title: str
    region: str
    region_name: str
    horizon_start: int | None
    horizon_end: int | None
    target_count: int
    task_count: int


# --- writes -------------------------------------------------------------------------------


def save_plan(connection: Connection, bundle: PlanBundle) -> int:
    """Write ``bundle`` so that the stored plan equals it; returns the plan id.

    Shared records (org units, responsible units, indicators) are upserted by code and never
    deleted here: other plans may use them. The plan's own targets and tasks are matched by
    key: updated in place (their ids survive, so later records can refer to them), inserted,
    or deleted when the file no longer has them.
    """
    ids = _save_shared(connection, bundle)
    plan_id = _upsert_plan_row(connection, bundle.plan, ids.orgs[bundle.plan.region])
    declared = [
        (t.plan_org_unit, "org_unit_id", [ids.orgs[u.code] for u in bundle.org_units]),
        (
            t.plan_responsible_unit,
            "responsible_unit_id",
            [ids.units[u.code] for u in bundle.responsible_units],
        ),
        (t.plan_indicator, "indicator_id", [ids.indicators[i.code] for i in bundle.indicators]),
    ]
    for table, column, linked in declared:
        _replace_links(connection, table, column, plan_id, linked)
    targets = [(x.key, _target_values(x, ids.orgs, ids.indicators)) for x in bundle.targets]
    _sync_children(connection, t.target, plan_id, targets)
    tasks = [(k.key, row_values(k, exclude=_TASK_LINKS)) for k in bundle.tasks]
    task_ids = _sync_children(connection, t.task, plan_id, tasks)
    for task in bundle.tasks:
        _replace_task_units(connection, task, task_ids[task.key], ids.units)
    return plan_id


@dataclass(frozen=True, slots=True)
class _SharedIds:
    """code → id of every shared record the plan declares or refers to."""

    orgs: dict[str, int]
    units: dict[str, int]
    indicators: dict[str, int]


def _save_shared(connection: Connection, bundle: PlanBundle) -> _SharedIds:
    """Upsert the shared records the plan declares; look up those it only refers to."""
    org_ids = orgunits.upsert(connection, bundle.org_units)
    referenced_orgs = {bundle.plan.region} | {
        code
        for code in [
            *(r.org_unit for r in bundle.responsible_units),
            *(x.subject_org_unit for x in bundle.targets),
        ]
        if code
    }
    org_ids.update(orgunits.ids(connection, referenced_orgs - org_ids.keys()))
    unit_ids = responsible_units.upsert(connection, bundle.responsible_units, org_ids)
    task_unit_codes = {c for k in bundle.tasks for c in (*k.lead_units, *k.co_units)}
    unit_ids.update(responsible_units.ids(connection, task_unit_codes - unit_ids.keys()))
    indicator_ids = indicators.upsert(connection, bundle.indicators)
    target_indicators = {x.indicator for x in bundle.targets if x.indicator}
    indicator_ids.update(indicators.ids(connection, target_indicators - indicator_ids.keys()))
    return _SharedIds(org_ids, unit_ids, indicator_ids)


def _replace_task_units(
    connection: Connection, task: Task, task_id: int, unit_ids: dict[str, int]
) -> None:
    connection.execute(delete(t.task_unit).where(t.task_unit.c.task_id == task_id))
    roles = [(c, TaskUnitRole.LEAD) for c in task.lead_units]
    roles += [(c, TaskUnitRole.CO) for c in task.co_units]
    rows = [
        {
            "task_id": task_id,
            "responsible_unit_id": unit_ids[code],
            "role": role.value,
            "position": n,
        }
        for n, (code, role) in enumerate(roles)
    ]
    if rows:
        connection.execute(insert(t.task_unit), rows)


def _upsert_plan_row(connection: Connection, plan: Plan, region_id: int) -> int:
    values = row_values(plan, exclude={"code", "region"}) | {
        "region_id": region_id,
        "loaded_at": datetime.now(UTC),
    }
    ids = id_map(connection, t.plan, [plan.code])
    upsert_by_code(connection, t.plan, ids, plan.code, values)
    return ids[plan.code]


def _replace_links(
    connection: Connection, table: Table, column: str, plan_id: int, ids: list[int]
) -> None:
    connection.execute(delete(table).where(table.c.plan_id == plan_id))
    if ids:
        connection.execute(
            insert(table),
            [{"plan_id": plan_id, column: i, "position": n} for n, i in enumerate(ids)],
        )


def _sync_children(
    connection: Connection, table: Table, plan_id: int, rows: list[tuple[str, dict[str, Any]]]
) -> dict[str, int]:
    """Make the plan's rows of ``table`` exactly ``rows`` (by key); returns key → id."""
    stored = {
        row.key: row.id
        for row in connection.execute(
            select(table.c.key, table.c.id).where(table.c.plan_id == plan_id)
        )
    }
    wanted = {key for key, _ in rows}
    gone = [stored[key] for key in stored.keys() - wanted]
    if gone:
        connection.execute(delete(table).where(table.c.id.in_(gone)))
    ids: dict[str, int] = {}
    for position, (key, values) in enumerate(rows):
        values = {**values, "position": position}
        if key in stored:
            connection.execute(update(table).where(table.c.id == stored[key]).values(values))
            ids[key] = stored[key]
        else:
            ids[key] = connection.execute(
                insert(table).values(plan_id=plan_id, key=key, **values).returning(table.c.id)
            ).scalar_one()
    return ids


def _target_values(
    target: Target, org_ids: dict[str, int], indicator_ids: dict[str, int]
) -> dict[str, Any]:
    """The target's row: codes as ids, its source span in the three quote columns."""
    span = target.source
    return row_values(target, exclude=_TARGET_REFERENCES) | {
        "indicator_id": indicator_ids[target.indicator] if target.indicator else None,
        "subject_org_unit_id": org_ids[target.subject_org_unit]
        if target.subject_org_unit
        else None,
        "quote": span.quote if span else None,
        "quote_start": span.start if span else None,
        "quote_end": span.end if span else None,
    }


# Fields stored elsewhere than a same-named column: the key and the code references.
_TARGET_REFERENCES = {"key", "indicator", "subject_org_unit", "source"}
_TASK_LINKS = {"key", "lead_units", "co_units"}


@dataclass(frozen=True, slots=True)
class PlanDeletion:
    """What deleting a plan removed: its own rows, and the shared records it declared that
    nothing refers to any more (by code)."""

    code: str
    title: str
    targets: int
    tasks: int
    responsible_units: tuple[str, ...]
    indicators: tuple[str, ...]
    org_units: tuple[str, ...]


def delete_plan(connection: Connection, plan_id: int) -> PlanDeletion:
    """Delete the plan with its targets, tasks and links; then the responsible units,
    indicators and org units its file declared, where no row refers to them any more
    (observations, enterprises, another plan: bioecon/store/references.py)."""
    bundle = load_bundle(connection, plan_id)
    declared = (
        responsible_units.ids(connection, [u.code for u in bundle.responsible_units]),
        indicators.ids(connection, [i.code for i in bundle.indicators]),
        orgunits.ids(connection, [u.code for u in bundle.org_units]),
    )
    tasks = select(t.task.c.id).where(t.task.c.plan_id == plan_id)
    connection.execute(delete(t.task_unit).where(t.task_unit.c.task_id.in_(tasks)))
    for table in (t.task, t.target, t.plan_org_unit, t.plan_responsible_unit, t.plan_indicator):
        connection.execute(delete(table).where(table.c.plan_id == plan_id))
    connection.execute(delete(t.plan).where(t.plan.c.id == plan_id))
    units, indicator_ids, org_ids = (list(ids.values()) for ids in declared)
    return PlanDeletion(
        code=bundle.plan.code,
        title=bundle.plan.title,
        targets=len(bundle.targets),
        tasks=len(bundle.tasks),
        responsible_units=tuple(delete_unreferenced(connection, t.responsible_unit, units)),
        indicators=tuple(delete_unreferenced(connection, t.indicator, indicator_ids)),
        org_units=tuple(delete_unreferenced(connection, t.org_unit, org_ids)),
    )


# --- reads --------------------------------------------------------------------------------


def find_plan_id(connection: Connection, reference: str, reach: Reach = EVERYWHERE) -> int | None:
    """A plan's id from its code, or from its numeric id written as text — among the plans
    whose region ``reach`` covers (its units, or the ancestors of its root)."""
    query = select(t.plan.c.id).where(orgunits.covered(t.plan.c.region_id, reach))
    found = connection.execute(query.where(t.plan.c.code == reference)).scalar()
    if found is None and reference.isdigit():
        found = connection.execute(query.where(t.plan.c.id == int(reference))).scalar()
    return int(found) if found is not None else None


def region_of(connection: Connection, plan_id: int) -> str:
    """The code of the plan's region."""
    query = select(t.org_unit.c.code).join(t.plan, t.plan.c.region_id == t.org_unit.c.id)
    return str(connection.execute(query.where(t.plan.c.id == plan_id)).scalar_one())


def regions_by_code(connection: Connection, codes: Iterable[str]) -> dict[str, str]:
    """The region code of each stored plan among ``codes`` (by plan code)."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    query = (
        select(t.plan.c.code, t.org_unit.c.code)
        .join(t.org_unit, t.plan.c.region_id == t.org_unit.c.id)
        .where(t.plan.c.code.in_(wanted))
    )
    return {str(code): str(region) for code, region in connection.execute(query)}


def list_plans(connection: Connection, reach: Reach = EVERYWHERE) -> list[PlanSummary]:
    """The plans whose region ``reach`` covers, by code."""
    targets = select(func.count()).where(t.target.c.plan_id == t.plan.c.id).scalar_subquery()
    tasks = select(func.count()).where(t.task.c.plan_id == t.plan.c.id).scalar_subquery()
    query = (
        select(
            t.plan.c.code,
            t.plan.c.id,
            t.plan.c.title,
            t.org_unit.c.code.label("region"),
            t.org_unit.c.name.label("region_name"),
            t.plan.c.horizon_start,
            t.plan.c.horizon_end,
            targets.label("target_count"),
            tasks.label("task_count"),
        )
        .join(t.org_unit, t.org_unit.c.id == t.plan.c.region_id)
        .where(orgunits.covered(t.plan.c.region_id, reach))
        .order_by(t.plan.c.code)
    )
    return [PlanSummary(**row._mapping) for row in connection.execute(query)]


def load_bundle(connection: Connection, plan_id: int) -> PlanBundle:
    """The plan as stored, in the shape of the file that declared it."""
    org = t.org_unit
    row = connection.execute(
        select(t.plan, org.c.code.label("region"))
        .join(org, org.c.id == t.plan.c.region_id)
        .where(t.plan.c.id == plan_id)
    ).one()
    return PlanBundle(
        plan=copy_into(Plan, row._mapping),
        org_units=tuple(orgunits.of_plan(connection, plan_id)),
        responsible_units=tuple(responsible_units.of_plan(connection, plan_id)),
        indicators=tuple(indicators.of_plan(connection, plan_id)),
        targets=tuple(_targets(connection, plan_id)),
        tasks=tuple(_tasks(connection, plan_id)),
    )


def _targets(connection: Connection, plan_id: int) -> list[Target]:
    x = t.target
    query = (
        select(
            x, t.indicator.c.code.label("indicator"), t.org_unit.c.code.label("subject_org_unit")
        )
        .outerjoin(t.indicator, t.indicator.c.id == x.c.indicator_id)
        .outerjoin(t.org_unit, t.org_unit.c.id == x.c.subject_org_unit_id)
        .where(x.c.plan_id == plan_id)
        .order_by(x.c.position)
    )
    return [copy_into(Target, r._mapping, source=_span(r)) for r in connection.execute(query)]


def _span(row: Row[Any]) -> SourceSpan | None:
    return SourceSpan(row.quote, row.quote_start, row.quote_end) if row.quote is not None else None


def _tasks(connection: Connection, plan_id: int) -> list[Task]:
    rows = connection.execute(
        select(t.task).where(t.task.c.plan_id == plan_id).order_by(t.task.c.position)
    ).all()
    units: dict[int, dict[str, list[str]]] = {}
    link = t.task_unit
    for u in connection.execute(
        select(link.c.task_id, link.c.role, t.responsible_unit.c.code)
        .join(t.responsible_unit, t.responsible_unit.c.id == link.c.responsible_unit_id)
        .where(link.c.task_id.in_([r.id for r in rows]))
        .order_by(link.c.task_id, link.c.position)
    ):
        units.setdefault(u.task_id, {}).setdefault(u.role, []).append(u.code)
    return [
        copy_into(
            Task,
            r._mapping,
            lead_units=units.get(r.id, {}).get(TaskUnitRole.LEAD.value, []),
            co_units=units.get(r.id, {}).get(TaskUnitRole.CO.value, []),
        )
        for r in rows
    ]
