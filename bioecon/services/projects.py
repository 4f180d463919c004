"""Key-project library use cases (项目库, 五个一批): load, list a plan's projects."""

from __future__ import annotations

from collections.abc import Sequence

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.model import Project
from bioecon.errors import InvalidInput, Problem
from bioecon.services._plan_lookup import stored_plan_id
from bioecon.services._scope import SHARED, reach, require_manager
from bioecon.store import orgunits
from bioecon.store import projects as store
from bioecon.store.migrate import ensure_current
from bioecon.store.plans import find_plan_id


def load_projects(
    app: Bioecon, *, actor: Principal, projects: Sequence[Project], source: str
) -> tuple[int, int]:
    """Upsert projects by code, all or nothing; org units, enterprises and plans must exist,
    and the caller must manage plans over every project's org unit (and its stored one)."""
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
        stored = store.org_units_of(connection, [p.code for p in projects])
        homes = [p.org_unit for p in projects] + list(stored.values())
        require_manager(connection, actor, [home or SHARED for home in homes])
        return store.upsert_projects(connection, projects)


def plan_projects(app: Bioecon, *, actor: Principal, plan: str) -> list[Project]:
    """The key projects (项目库) of ``plan`` (by code) in the caller's scope, as the plan page
    lists them."""
    with app.reading() as connection:
        ensure_current(connection)
        stored_plan_id(connection, plan, actor)
        return store.plan_projects(connection, plan, reach(connection, actor, Action.READ))
