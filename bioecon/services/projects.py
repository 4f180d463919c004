"""Key-project library use cases (项目库, 五个一批): load, list a plan's projects."""

from __future__ import annotations

from collections.abc import Sequence

from bioecon.app import Bioecon
from bioecon.domain.model import Project
from bioecon.errors import InvalidInput, Problem
from bioecon.store import orgunits
from bioecon.store import projects as store
from bioecon.store.migrate import ensure_current
from bioecon.store.plans import find_plan_id


def load_projects(app: Bioecon, *, projects: Sequence[Project], source: str) -> tuple[int, int]:
    """Upsert projects by code, all or nothing; org units, enterprises and plans must exist."""
    with app.transaction() as connection:
        ensure_current(connection)
        known_orgs = orgunits.existing(connection, [p.org_unit for p in projects if p.org_unit])
        known_enterprises = store.existing_enterprises(
            connection, [p.enterprise for p in projects if p.enterprise]
        )
        problems = [
            Problem(f"projects[{n}].org_unit", f"unknown org unit '{p.org_unit}'")
            for n, p in enumerate(projects)
            if p.org_unit and p.org_unit not in known_orgs
        ]
        problems += [
            Problem(f"projects[{n}].enterprise", f"unknown enterprise '{p.enterprise}'")
            for n, p in enumerate(projects)
            if p.enterprise and p.enterprise not in known_enterprises
        ]
        problems += [
            Problem(f"projects[{n}].plan", f"unknown plan '{p.plan}'")
            for n, p in enumerate(projects)
            if p.plan and find_plan_id(connection, p.plan) is None
        ]
        if problems:
            raise InvalidInput(source, problems)
        return store.upsert_projects(connection, projects)


def plan_projects(app: Bioecon, *, plan: str) -> list[Project]:
    """The key projects (项目库) of ``plan`` (by code), as the plan page lists them."""
    with app.reading() as connection:
        ensure_current(connection)
        return store.plan_projects(connection, plan)
