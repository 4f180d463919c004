"""Queries for the key-project library (项目库, 五个一批)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, insert, select, update

from bioecon.domain.model import Project, ProjectStage
from bioecon.store import tables as t
from bioecon.store.plans import id_map


def upsert_projects(connection: Connection, projects: Sequence[Project]) -> tuple[int, int]:
    """Insert or update by code; returns (created, updated)."""
    ids = id_map(connection, t.project, (p.code for p in projects))
    orgs = id_map(connection, t.org_unit, (p.org_unit for p in projects if p.org_unit))
    plans = id_map(connection, t.plan, (p.plan for p in projects if p.plan))
    created = updated = 0
    for project in projects:
        values = {
            "name": project.name,
            "org_unit_id": orgs.get(project.org_unit or ""),
            "plan_id": plans.get(project.plan or ""),
            "stage": project.stage.value,
            "total_investment": project.total_investment,
            "start_year": project.start_year,
            "end_year": project.end_year,
            "category": project.category,
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


def plan_projects(connection: Connection, plan_code: str) -> list[Project]:
    p, o, plan = t.project, t.org_unit, t.plan
    rows = connection.execute(
        select(p, o.c.code.label("org_code"))
        .join(plan, plan.c.id == p.c.plan_id)
        .outerjoin(o, o.c.id == p.c.org_unit_id)
        .where(plan.c.code == plan_code)
        .order_by(p.c.code)
    )
    return [
        Project(
            code=r.code,
            name=r.name,
            org_unit=r.org_code,
            plan=plan_code,
            stage=ProjectStage(r.stage),
            total_investment=r.total_investment,
            start_year=r.start_year,
            end_year=r.end_year,
            category=r.category,
        )
        for r in rows
    ]
