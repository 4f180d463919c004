"""Queries for plans and what they declare: org units, responsible units, indicators,
targets, tasks. Everything is keyed by code; ids stay inside this package."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from bioecon.domain.model import (
    Aggregation,
    Indicator,
    IndicatorNature,
    OrgLevel,
    OrgUnit,
    Plan,
    PlanBundle,
    ReportingBasis,
    ResponsibleUnit,
    SourceSpan,
    Target,
    TargetKind,
    TargetOp,
    Task,
    TaskUnitRole,
)
from bioecon.store import tables as t


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


# --- code → id lookups -------------------------------------------------------------------


def id_map(
    connection: Connection, table: Table, codes: Iterable[str], column: str = "code"
) -> dict[str, int]:
    """ids of the rows of ``table`` whose ``column`` is in ``codes``; unknown codes are absent."""
    wanted = sorted(set(codes))
    found: dict[str, int] = {}
    key = table.c[column]
    for offset in range(0, len(wanted), 5000):
        chunk = wanted[offset : offset + 5000]
        rows = connection.execute(select(key, table.c.id).where(key.in_(chunk)))
        found.update({row[0]: row[1] for row in rows})
    return found


def _upsert(
    connection: Connection, table: Table, ids: dict[str, int], code: str, values: dict[str, Any]
) -> None:
    """Update the row of ``table`` with ``code`` (its id in ``ids``) or insert it, adding its id."""
    if code in ids:
        connection.execute(update(table).where(table.c.id == ids[code]).values(values))
    else:
        ids[code] = connection.execute(
            insert(table).values(code=code, **values).returning(table.c.id)
        ).scalar_one()


def existing_codes(connection: Connection, table: Table, codes: Iterable[str]) -> set[str]:
    return set(id_map(connection, table, codes))


def org_unit_parents(connection: Connection) -> dict[str, OrgUnit]:
    """Every stored org unit, by code (for hierarchy checks)."""
    return {unit.code: unit for unit in _org_units(connection, None)}


# --- writes -------------------------------------------------------------------------------


def upsert_org_units(connection: Connection, units: Sequence[OrgUnit]) -> dict[str, int]:
    """Insert or update ``units`` (parents first); returns code → id of every one."""
    ids = id_map(connection, t.org_unit, (u.code for u in units))
    pending = list(units)
    while pending:
        progressed = False
        for unit in list(pending):
            if unit.parent is not None and unit.parent not in ids:
                parent_ids = id_map(connection, t.org_unit, [unit.parent])
                if not parent_ids:
                    continue
                ids.update(parent_ids)
            values = {
                "name": unit.name,
                "name_en": unit.name_en,
                "level": unit.level.value,
                "parent_id": ids[unit.parent] if unit.parent else None,
                "division_code": unit.division_code,
                "additive": unit.additive,
            }
            _upsert(connection, t.org_unit, ids, unit.code, values)
            pending.remove(unit)
            progressed = True
        if not progressed:  # checked before writing; reaching here is a programming error
            raise RuntimeError(f"org units with unresolved parents: {[u.code for u in pending]}")
    return ids


def upsert_responsible_units(
    connection: Connection, units: Sequence[ResponsibleUnit], org_ids: dict[str, int]
) -> dict[str, int]:
    ids = id_map(connection, t.responsible_unit, (u.code for u in units))
    for unit in units:
        values = {
            "name": unit.name,
            "org_unit_id": org_ids[unit.org_unit] if unit.org_unit else None,
        }
        _upsert(connection, t.responsible_unit, ids, unit.code, values)
        connection.execute(
            delete(t.responsible_unit_alias).where(
                t.responsible_unit_alias.c.responsible_unit_id == ids[unit.code]
            )
        )
        if unit.aliases:
            connection.execute(
                insert(t.responsible_unit_alias),
                [
                    {"responsible_unit_id": ids[unit.code], "alias": alias, "position": n}
                    for n, alias in enumerate(unit.aliases)
                ],
            )
    return ids


def upsert_indicators(connection: Connection, indicators: Sequence[Indicator]) -> dict[str, int]:
    ids = id_map(connection, t.indicator, (i.code for i in indicators))
    for item in indicators:
        values = {
            "name": item.name,
            "name_en": item.name_en,
            "unit": item.unit,
            "nature": item.nature.value,
            "basis": item.basis.value,
            "period_type": item.period_type,
            "aggregation": item.aggregation.value,
            "description": item.description,
        }
        _upsert(connection, t.indicator, ids, item.code, values)
    return ids


def save_plan(connection: Connection, bundle: PlanBundle) -> int:
    """Write ``bundle`` so that the stored plan equals it; returns the plan id.

    Shared records (org units, responsible units, indicators) are upserted by code and never
    deleted here: other plans may use them. The plan's own targets and tasks are matched by
    key: updated in place (their ids survive, so later records can refer to them), inserted,
    or deleted when the file no longer has them.
    """
    org_ids = upsert_org_units(connection, bundle.org_units)
    referenced_orgs = {bundle.plan.region} | {
        code
        for code in [
            *(r.org_unit for r in bundle.responsible_units),
            *(x.subject_org_unit for x in bundle.targets),
        ]
        if code
    }
    org_ids.update(id_map(connection, t.org_unit, referenced_orgs - org_ids.keys()))
    unit_ids = upsert_responsible_units(connection, bundle.responsible_units, org_ids)
    task_unit_codes = {c for k in bundle.tasks for c in (*k.lead_units, *k.co_units)}
    unit_ids.update(id_map(connection, t.responsible_unit, task_unit_codes - unit_ids.keys()))
    indicator_ids = upsert_indicators(connection, bundle.indicators)
    target_indicators = {x.indicator for x in bundle.targets if x.indicator}
    indicator_ids.update(id_map(connection, t.indicator, target_indicators - indicator_ids.keys()))

    plan_id = _upsert_plan_row(connection, bundle.plan, org_ids[bundle.plan.region])
    _replace_links(
        connection,
        t.plan_org_unit,
        "org_unit_id",
        plan_id,
        [org_ids[u.code] for u in bundle.org_units],
    )
    _replace_links(
        connection,
        t.plan_responsible_unit,
        "responsible_unit_id",
        plan_id,
        [unit_ids[u.code] for u in bundle.responsible_units],
    )
    _replace_links(
        connection,
        t.plan_indicator,
        "indicator_id",
        plan_id,
        [indicator_ids[i.code] for i in bundle.indicators],
    )
    _sync_children(
        connection,
        t.target,
        plan_id,
        [(x.key, _target_values(x, org_ids, indicator_ids)) for x in bundle.targets],
    )
    task_ids = _sync_children(
        connection,
        t.task,
        plan_id,
        [
            (k.key, {"section": k.section, "heading": k.heading, "text": k.text, "start": k.start})
            for k in bundle.tasks
        ],
    )
    for task in bundle.tasks:
        task_id = task_ids[task.key]
        connection.execute(delete(t.task_unit).where(t.task_unit.c.task_id == task_id))
        rows = [
            {
                "task_id": task_id,
                "responsible_unit_id": unit_ids[code],
                "role": role.value,
                "position": n,
            }
            for n, (code, role) in enumerate(
                [(c, TaskUnitRole.LEAD) for c in task.lead_units]
                + [(c, TaskUnitRole.CO) for c in task.co_units]
            )
        ]
        if rows:
            connection.execute(insert(t.task_unit), rows)
    return plan_id


def _upsert_plan_row(connection: Connection, plan: Plan, region_id: int) -> int:
    values = {
        "title": plan.title,
        "region_id": region_id,
        "issuer": plan.issuer,
        "issued_on": plan.issued_on,
        "horizon_start": plan.horizon_start,
        "horizon_end": plan.horizon_end,
        "source_path": plan.source_path,
        "source_text": plan.source_text,
        "source_sha256": plan.source_sha256,
        "thresholds": plan.thresholds,
        "tiers": plan.tiers,
        "loaded_at": datetime.now(UTC),
    }
    ids = id_map(connection, t.plan, [plan.code])
    _upsert(connection, t.plan, ids, plan.code, values)
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
    return {
        "metric": target.metric,
        "kind": target.kind.value,
        "op": target.op.value,
        "value": target.value,
        "value_high": target.value_high,
        "unit": target.unit,
        "indicator_id": indicator_ids[target.indicator] if target.indicator else None,
        "subject": target.subject,
        "subject_org_unit_id": org_ids[target.subject_org_unit]
        if target.subject_org_unit
        else None,
        "subject_sector": target.subject_sector,
        "qualifier": target.qualifier,
        "baseline_value": target.baseline_value,
        "baseline_year": target.baseline_year,
        "deadline_year": target.deadline_year,
        "quote": target.source.quote if target.source else None,
        "quote_start": target.source.start if target.source else None,
        "quote_end": target.source.end if target.source else None,
        "note": target.note,
    }


# --- reads --------------------------------------------------------------------------------


def find_plan_id(connection: Connection, reference: str) -> int | None:
    """A plan's id from its code, or from its numeric id written as text."""
    found = connection.execute(select(t.plan.c.id).where(t.plan.c.code == reference)).scalar()
    if found is None and reference.isdigit():
        found = connection.execute(
            select(t.plan.c.id).where(t.plan.c.id == int(reference))
        ).scalar()
    return int(found) if found is not None else None


def list_plans(connection: Connection) -> list[PlanSummary]:
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
        .order_by(t.plan.c.code)
    )
    return [PlanSummary(**row._mapping) for row in connection.execute(query)]


def load_bundle(connection: Connection, plan_id: int) -> PlanBundle:
    """The plan as stored, in the shape of the file that declared it."""
    org = t.org_unit
    row = connection.execute(
        select(t.plan, org.c.code.label("region_code"))
        .join(org, org.c.id == t.plan.c.region_id)
        .where(t.plan.c.id == plan_id)
    ).one()
    plan = Plan(
        code=row.code,
        title=row.title,
        region=row.region_code,
        issuer=row.issuer,
        issued_on=row.issued_on,
        horizon_start=row.horizon_start,
        horizon_end=row.horizon_end,
        source_path=row.source_path,
        source_text=row.source_text,
        source_sha256=row.source_sha256,
        thresholds=row.thresholds,
        tiers=row.tiers,
    )
    return PlanBundle(
        plan=plan,
        org_units=tuple(_org_units(connection, plan_id)),
        responsible_units=tuple(_responsible_units(connection, plan_id)),
        indicators=tuple(_indicators(connection, plan_id)),
        targets=tuple(_targets(connection, plan_id)),
        tasks=tuple(_tasks(connection, plan_id)),
    )


def _org_units(connection: Connection, plan_id: int | None) -> list[OrgUnit]:
    parent = t.org_unit.alias("parent")
    query = select(t.org_unit, parent.c.code.label("parent_code")).outerjoin(
        parent, parent.c.id == t.org_unit.c.parent_id
    )
    if plan_id is not None:
        query = (
            query.join(t.plan_org_unit, t.plan_org_unit.c.org_unit_id == t.org_unit.c.id)
            .where(t.plan_org_unit.c.plan_id == plan_id)
            .order_by(t.plan_org_unit.c.position)
        )
    return [
        OrgUnit(
            code=r.code,
            name=r.name,
            level=OrgLevel(r.level),
            parent=r.parent_code,
            division_code=r.division_code,
            additive=bool(r.additive),
            name_en=r.name_en,
        )
        for r in connection.execute(query)
    ]


def _responsible_units(connection: Connection, plan_id: int) -> list[ResponsibleUnit]:
    ru, link = t.responsible_unit, t.plan_responsible_unit
    rows = connection.execute(
        select(ru.c.id, ru.c.code, ru.c.name, t.org_unit.c.code.label("org_code"))
        .join(link, link.c.responsible_unit_id == ru.c.id)
        .outerjoin(t.org_unit, t.org_unit.c.id == ru.c.org_unit_id)
        .where(link.c.plan_id == plan_id)
        .order_by(link.c.position)
    ).all()
    aliases: dict[int, list[str]] = {}
    alias = t.responsible_unit_alias
    for a in connection.execute(
        select(alias.c.responsible_unit_id, alias.c.alias)
        .where(alias.c.responsible_unit_id.in_([r.id for r in rows]))
        .order_by(alias.c.responsible_unit_id, alias.c.position)
    ):
        aliases.setdefault(a.responsible_unit_id, []).append(a.alias)
    return [
        ResponsibleUnit(
            code=r.code, name=r.name, org_unit=r.org_code, aliases=tuple(aliases.get(r.id, ()))
        )
        for r in rows
    ]


def _indicators(connection: Connection, plan_id: int) -> list[Indicator]:
    link = t.plan_indicator
    rows = connection.execute(
        select(t.indicator)
        .join(link, link.c.indicator_id == t.indicator.c.id)
        .where(link.c.plan_id == plan_id)
        .order_by(link.c.position)
    )
    return [indicator_from_row(r._mapping) for r in rows]


def indicator_from_row(r: Any) -> Indicator:
    return Indicator(
        code=r["code"],
        name=r["name"],
        unit=r["unit"],
        nature=IndicatorNature(r["nature"]),
        basis=ReportingBasis(r["basis"]),
        period_type=r["period_type"],
        aggregation=Aggregation(r["aggregation"]),
        name_en=r["name_en"],
        description=r["description"],
    )


def _targets(connection: Connection, plan_id: int) -> list[Target]:
    x = t.target
    query = (
        select(x, t.indicator.c.code.label("indicator_code"), t.org_unit.c.code.label("org_code"))
        .outerjoin(t.indicator, t.indicator.c.id == x.c.indicator_id)
        .outerjoin(t.org_unit, t.org_unit.c.id == x.c.subject_org_unit_id)
        .where(x.c.plan_id == plan_id)
        .order_by(x.c.position)
    )
    return [
        Target(
            key=r.key,
            metric=r.metric,
            kind=TargetKind(r.kind),
            op=TargetOp(r.op),
            value=r.value,
            unit=r.unit,
            indicator=r.indicator_code,
            subject=r.subject,
            subject_org_unit=r.org_code,
            subject_sector=r.subject_sector,
            qualifier=r.qualifier,
            value_high=r.value_high,
            baseline_value=r.baseline_value,
            baseline_year=r.baseline_year,
            deadline_year=r.deadline_year,
            source=SourceSpan(r.quote, r.quote_start, r.quote_end) if r.quote is not None else None,
            note=r.note,
        )
        for r in connection.execute(query)
    ]


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
        Task(
            key=r.key,
            heading=r.heading,
            section=r.section,
            text=r.text,
            lead_units=tuple(units.get(r.id, {}).get(TaskUnitRole.LEAD.value, [])),
            co_units=tuple(units.get(r.id, {}).get(TaskUnitRole.CO.value, [])),
            start=r.start,
        )
        for r in rows
    ]
