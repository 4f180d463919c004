"""Queries for the key-project library (项目库, 五个一批)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from sqlalchemy import Connection, func, insert, select, update

from bioecon.domain.model import Project
from bioecon.records import copy_into, row_values
from bioecon.store import tables as t
from bioecon.store.keys import existing_codes, id_map
from bioecon.store.orgunits import EVERYWHERE, Reach, in_subtree, reached

# Fields stored as ids of other tables (the enterprise by its credit code).
_REFERENCES = {"code", "org_unit", "plan", "enterprise"}


def upsert_projects(connection: Connection, projects: Sequence[Project]) -> tuple[int, int]:
    """Insert or update by code; returns (created, updated)."""
    ids = id_map(connection, t.project, (p.code for p in projects))
    orgs = id_map(connection, t.org_unit, (p.org_unit for p in projects if p.org_unit))
    plans = id_map(connection, t.plan, (p.plan for p in projects if p.plan))
    enterprises = id_map(
        connection, t.enterprise, (p.enterprise for p in projects if p.enterprise), column="uscc"
    )
    created = updated = 0
    for project in projects:
        values = row_values(project, exclude=_REFERENCES) | {
            "org_unit_id": orgs.get(project.org_unit or ""),
            "plan_id": plans.get(project.plan or ""),
            "enterprise_id": enterprises.get(project.enterprise or ""),
        }
        if project.code in ids:
            connection.execute(
                update(t.project).where(t.project.c.id == ids[project.code]).values(values)
            )
            updated += 1
        else:
            connection.execute(insert(t.project).values(code=project.code, **values))
            created += 1
    return created, updated


def org_units_of(connection: Connection, codes: Iterable[str]) -> dict[str, str | None]:
    """project code → its stored org unit (None: none), for the stored ones among ``codes``."""
    p, o = t.project, t.org_unit
    query = (
        select(p.c.code, o.c.code)
        .outerjoin(o, o.c.id == p.c.org_unit_id)
        .where(p.c.code.in_(sorted(set(codes))))
    )
    return {row[0]: row[1] for row in connection.execute(query)}


def existing_enterprises(connection: Connection, usccs: Iterable[str]) -> set[str]:
    """The credit codes among ``usccs`` that the registry holds."""
    return existing_codes(connection, t.enterprise, usccs, column="uscc")


def plan_projects(
    connection: Connection, plan_code: str, reach: Reach = EVERYWHERE
) -> list[Project]:
    """The projects of the plan ``plan_code`` in ``reach``, by code."""
    p, o, plan, e = t.project, t.org_unit, t.plan, t.enterprise
    rows = connection.execute(
        select(
            p, o.c.code.label("org_unit"), plan.c.code.label("plan"), e.c.uscc.label("enterprise")
        )
        .join(plan, plan.c.id == p.c.plan_id)
        .outerjoin(o, o.c.id == p.c.org_unit_id)
        .outerjoin(e, e.c.id == p.c.enterprise_id)
        .where((plan.c.code == plan_code) & reached(p.c.org_unit_id, reach))
        .order_by(p.c.code)
    )
    return [copy_into(Project, r._mapping) for r in rows]


def key_projects(
    connection: Connection,
    *,
    measure: str,
    org_unit: str,
    last_year: int,
    first_year: int | None = None,
) -> Decimal:
    """Projects of ``org_unit``'s subtree selected into the library (遴选/入库) from
    ``first_year`` (else ever) to ``last_year``: how many (``selected``, ``count``), or the
    sum of their planned investment in 亿元 (``investment``)."""
    p = t.project
    value = func.sum(p.c.total_investment) if measure == "investment" else func.count()
    query = select(value).where(p.c.selected_year <= last_year, in_subtree(p, org_unit))
    if first_year is not None:
        query = query.where(p.c.selected_year >= first_year)
    return Decimal(connection.execute(query).scalar_one() or 0)


def any_selected(connection: Connection) -> bool:
    """Whether the library records any project's selection year."""
    query = select(t.project.c.id).where(t.project.c.selected_year.is_not(None)).limit(1)
    return connection.execute(query).first() is not None
