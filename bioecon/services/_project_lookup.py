"""A key project looked up for its reader: one home for the checks the project's page, its
progress entry and its notices (services/projects.py, services/notices.py) make — who reads
a project, who enters its monthly progress, and which responsible unit it names."""

from __future__ import annotations

from bioecon.domain.access import Action, Principal
from bioecon.domain.projects import ProjectRecord
from bioecon.domain.unit_resolution import resolve
from bioecon.errors import NotFound
from bioecon.services._scope import SHARED, permitted, unplaced
from bioecon.services._task_lines import reports_for
from bioecon.store import Connection
from bioecon.store import projects as store
from bioecon.store import tasks as task_store


def project_unit(connection: Connection, record: ProjectRecord) -> str | None:
    """The responsible unit (its code) the project's 责任单位 names — else its 牵头单位 — by
    a name or an alias of the responsible-unit table; None when the table knows neither (the
    unit a notice on the project goes to by default)."""
    units = _named_units(connection, record)
    return units[0] if units else None


def _named_units(connection: Connection, record: ProjectRecord) -> list[str]:
    """The units the project's 责任单位 and 牵头单位 name, in that order (as a unit's board
    lists the projects either names)."""
    names = [n for n in (record.responsible_unit, record.lead_unit) if n]
    if not names:
        return []
    known = task_store.unit_names_and_aliases(connection)
    codes = sorted({c for _, c in known})
    found = [resolve(name, known, codes) for name in names]
    return list(dict.fromkeys(code for code in found if code is not None))


def _department_of(connection: Connection, actor: Principal, record: ProjectRecord) -> bool:
    """Whether the caller is the department of a unit the project's 责任单位 or 牵头单位
    names."""
    if actor.scope.responsible_unit is None:
        return False
    return any(reports_for(actor, unit) for unit in _named_units(connection, record))


def _may(connection: Connection, actor: Principal, actions: list[Action], home: str | None) -> bool:
    if home is SHARED:
        return any(unplaced(actor, action) for action in actions)
    return bool(permitted(connection, actor, actions, [home]))


def readable_project(connection: Connection, actor: Principal, code: str) -> ProjectRecord:
    """Project ``code``'s ledger record; one missing, or that the caller neither reads (its
    org unit) nor answers for (the department of its responsible unit), is not found."""
    found = store.ledger_records(connection, {code: None}).get(code)
    missing = f"项目库中没有项目编号「{code}」"
    if found is None:
        raise NotFound(missing)
    if not (
        _may(connection, actor, [Action.READ], found.org_unit)
        or _department_of(connection, actor, found)
    ):
        raise NotFound(missing)
    return found


def enters_progress(connection: Connection, actor: Principal, record: ProjectRecord) -> bool:
    """Whether the caller enters the project's monthly progress (月度调度): the department of
    its responsible unit (a unit its 责任单位 or 牵头单位 names), a reporter of (or the plan
    office over) its org unit, an admin."""
    return _may(
        connection, actor, [Action.REPORT, Action.MANAGE_PLANS], record.org_unit
    ) or _department_of(connection, actor, record)
