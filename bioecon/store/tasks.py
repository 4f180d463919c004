"""Tasks broken down (work_item, work_item_unit), their progress reports (work_report) and
evidence attachments (stored by bioecon/store/evidence.py). Records are keyed by code; ids
stay here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from bioecon.domain.model import TaskUnitRole
from bioecon.domain.periods import Period
from bioecon.domain.tasks import WorkItem, WorkItemKind, WorkReport
from bioecon.store import tables as t
from bioecon.store.keys import id_map, upsert_by_code
from bioecon.store.orgunits import Reach, reached


def plan_region(connection: Connection, plan: str) -> tuple[int, str] | None:
    """The plan's id and its region's org-unit code, if the plan exists."""
    row = connection.execute(
        select(t.plan.c.id, t.org_unit.c.code)
        .join(t.org_unit, t.org_unit.c.id == t.plan.c.region_id)
        .where(t.plan.c.code == plan)
    ).first()
    return None if row is None else (row[0], row[1])


def task_ids(connection: Connection, plan_id: int, keys: Iterable[str]) -> dict[str, int]:
    """The plan's 重点任务 ids by key."""
    wanted = sorted(set(keys))
    rows = connection.execute(
        select(t.task.c.key, t.task.c.id).where(
            t.task.c.plan_id == plan_id, t.task.c.key.in_(wanted)
        )
    )
    return {row[0]: row[1] for row in rows}


def target_keys(connection: Connection, plan_id: int) -> set[str]:
    return set(
        connection.execute(select(t.target.c.key).where(t.target.c.plan_id == plan_id)).scalars()
    )


def project_codes(connection: Connection, codes: Iterable[str]) -> set[str]:
    return set(id_map(connection, t.project, codes))


def save_items(
    connection: Connection,
    plan_id: int,
    items: Sequence[WorkItem],
    tasks: dict[str, int],
    units: dict[str, int],
) -> None:
    """Insert or update ``items`` by code (parents are set once every item exists) and
    replace their units."""
    item = t.work_item
    ids = id_map(connection, item, (i.code for i in items))
    for position, it in enumerate(items):
        values = {
            "plan_id": plan_id,
            "task_id": tasks.get(it.task) if it.task else None,
            "kind": it.kind.value,
            "year": it.year,
            "title": it.title,
            "leader": it.leader,
            "deadline": str(it.deadline) if it.deadline else None,
            "deliverable": it.deliverable,
            "targets": list(it.targets),
            "projects": list(it.projects),
            "position": position,
        }
        upsert_by_code(connection, item, ids, it.code, values)
    parents = id_map(connection, item, (i.parent for i in items if i.parent))
    for it in items:
        parent = parents[it.parent] if it.parent else None
        connection.execute(update(item).where(item.c.id == ids[it.code]).values(parent_id=parent))
    link = t.work_item_unit
    connection.execute(delete(link).where(link.c.item_id.in_([ids[i.code] for i in items])))
    rows = [
        {
            "item_id": ids[it.code],
            "responsible_unit_id": units[code],
            "role": role.value,
            "position": n,
        }
        for it in items
        for n, (code, role) in enumerate(
            [(c, TaskUnitRole.LEAD) for c in it.lead_units]
            + [(c, TaskUnitRole.CO) for c in it.co_units]
        )
    ]
    if rows:
        connection.execute(insert(link), rows)


def items(
    connection: Connection,
    *,
    plan: str | None = None,
    codes: Iterable[str] | None = None,
    unit: str | None = None,
) -> list[WorkItem]:
    """Work items by plan, by codes, or with ``unit`` (a responsible-unit code) among their
    units; in plan and file order."""
    item, parent, task, plan_t = t.work_item, t.work_item.alias("parent"), t.task, t.plan
    query = (
        select(
            item.c.id,
            item.c.code,
            plan_t.c.code.label("plan"),
            item.c.kind,
            item.c.year,
            item.c.title,
            task.c.key.label("task"),
            parent.c.code.label("parent"),
            item.c.leader,
            item.c.deadline,
            item.c.deliverable,
            item.c.targets,
            item.c.projects,
        )
        .join(plan_t, plan_t.c.id == item.c.plan_id)
        .outerjoin(task, task.c.id == item.c.task_id)
        .outerjoin(parent, parent.c.id == item.c.parent_id)
        .order_by(plan_t.c.code, item.c.position)
    )
    if plan is not None:
        query = query.where(plan_t.c.code == plan)
    if codes is not None:
        query = query.where(item.c.code.in_(sorted(set(codes))))
    if unit is not None:
        link, ru = t.work_item_unit, t.responsible_unit
        mine = (
            select(link.c.item_id)
            .join(ru, ru.c.id == link.c.responsible_unit_id)
            .where(ru.c.code == unit)
        )
        query = query.where(item.c.id.in_(mine))
    rows = connection.execute(query).all()
    units = _units(connection, [r.id for r in rows])
    return [_item(row, units.get(row.id, {})) for row in rows]


def _units(connection: Connection, ids: list[int]) -> dict[int, dict[str, list[str]]]:
    link, ru = t.work_item_unit, t.responsible_unit
    found: dict[int, dict[str, list[str]]] = {}
    for row in connection.execute(
        select(link.c.item_id, link.c.role, ru.c.code)
        .join(ru, ru.c.id == link.c.responsible_unit_id)
        .where(link.c.item_id.in_(ids))
        .order_by(link.c.item_id, link.c.position)
    ):
        found.setdefault(row.item_id, {}).setdefault(row.role, []).append(row.code)
    return found


def _item(row: Any, units: dict[str, list[str]]) -> WorkItem:
    m = row._mapping
    return WorkItem(
        code=m["code"],
        plan=m["plan"],
        kind=WorkItemKind(m["kind"]),
        year=m["year"],
        title=m["title"],
        task=m["task"],
        parent=m["parent"],
        lead_units=tuple(units.get(TaskUnitRole.LEAD.value, ())),
        co_units=tuple(units.get(TaskUnitRole.CO.value, ())),
        leader=m["leader"],
        deadline=Period.parse(m["deadline"]) if m["deadline"] else None,
        deliverable=m["deliverable"],
        targets=tuple(m["targets"] or ()),
        projects=tuple(m["projects"] or ()),
    )


def unit_ids(connection: Connection, codes: Iterable[str]) -> dict[str, int]:
    return id_map(connection, t.responsible_unit, codes)


def unit_org_unit(connection: Connection, code: str) -> str | None:
    """The org unit a responsible unit belongs to (None: shared)."""
    ru, org = t.responsible_unit, t.org_unit
    found: str | None = connection.execute(
        select(org.c.code).join(ru, ru.c.org_unit_id == org.c.id).where(ru.c.code == code)
    ).scalar()
    return found


def unit_org_units(connection: Connection, codes: Iterable[str]) -> dict[str, str | None]:
    """The org unit of each responsible unit in ``codes`` (None: shared), in one query."""
    ru, org = t.responsible_unit, t.org_unit
    query = (
        select(ru.c.code, org.c.code)
        .select_from(ru.outerjoin(org, ru.c.org_unit_id == org.c.id))
        .where(ru.c.code.in_(sorted(set(codes))))
    )
    return {row[0]: row[1] for row in connection.execute(query)}


def unit_names(connection: Connection, codes: Iterable[str] | None = None) -> dict[str, str]:
    """Responsible-unit names by code (every unit when ``codes`` is None)."""
    ru = t.responsible_unit
    query = select(ru.c.code, ru.c.name)
    if codes is not None:
        query = query.where(ru.c.code.in_(sorted(set(codes))))
    return {row[0]: row[1] for row in connection.execute(query)}


def unit_names_and_aliases(connection: Connection) -> list[tuple[str, str]]:
    """(name or alias, code) of every responsible unit: what a file may call it."""
    ru, alias = t.responsible_unit, t.responsible_unit_alias
    names = connection.execute(select(ru.c.name, ru.c.code)).all()
    aliases = connection.execute(
        select(alias.c.alias, ru.c.code).join(ru, ru.c.id == alias.c.responsible_unit_id)
    ).all()
    return [(r[0], r[1]) for r in names] + [(r[0], r[1]) for r in aliases]


def add_alias(connection: Connection, code: str, name: str) -> None:
    """Add ``name`` as the last alias of the responsible unit ``code``."""
    ru, alias = t.responsible_unit, t.responsible_unit_alias
    unit_id = connection.execute(select(ru.c.id).where(ru.c.code == code)).scalar_one()
    position = connection.execute(
        select(func.coalesce(func.max(alias.c.position) + 1, 0)).where(
            alias.c.responsible_unit_id == unit_id
        )
    ).scalar_one()
    connection.execute(
        insert(alias).values(responsible_unit_id=unit_id, alias=name, position=position)
    )


# --- progress reports ------------------------------------------------------------------------


def reports(connection: Connection, codes: Iterable[str]) -> list[WorkReport]:
    """The reports of the items ``codes``, by item and period."""
    report, item = t.work_report, t.work_item
    rows = connection.execute(
        select(item.c.code, report)
        .join(item, item.c.id == report.c.item_id)
        .where(item.c.code.in_(sorted(set(codes))))
        .order_by(item.c.code, report.c.period)
    ).all()
    return [
        WorkReport(
            r.code,
            Period.parse(r.period),
            r.text,
            r.percent,
            r.milestone,
            r.reported_by,
            r.reported_at,
        )
        for r in rows
    ]


def save_report(connection: Connection, report: WorkReport) -> int:
    """Insert or replace the item's report of the period; returns the report's id."""
    item_id = connection.execute(
        select(t.work_item.c.id).where(t.work_item.c.code == report.item)
    ).scalar_one()
    table = t.work_report
    where = and_(table.c.item_id == item_id, table.c.period == str(report.period))
    values = {
        "text": report.text,
        "percent": report.percent,
        "milestone": report.milestone,
        "reported_by": report.reported_by,
        "reported_at": report.reported_at,
    }
    found = connection.execute(select(table.c.id).where(where)).scalar()
    if found is not None:
        connection.execute(update(table).where(table.c.id == found).values(values))
        return int(found)
    return int(
        connection.execute(
            insert(table)
            .values(item_id=item_id, period=str(report.period), **values)
            .returning(table.c.id)
        ).scalar_one()
    )


def unit_project_codes(connection: Connection, unit: str, reach: Reach) -> list[str]:
    """The key projects in ``reach`` whose 责任单位 or 牵头单位 names responsible unit ``unit``
    (its name or an alias), by code."""
    ru, alias, p = t.responsible_unit, t.responsible_unit_alias, t.project
    names = (
        select(ru.c.name)
        .where(ru.c.code == unit)
        .union(
            select(alias.c.alias)
            .join(ru, ru.c.id == alias.c.responsible_unit_id)
            .where(ru.c.code == unit)
        )
    )
    named = or_(p.c.responsible_unit.in_(names), p.c.lead_unit.in_(names))
    query = select(p.c.code).where(named, reached(p.c.org_unit_id, reach)).order_by(p.c.code)
    return list(connection.execute(query).scalars())
