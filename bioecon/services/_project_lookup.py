"""A key project looked up for its reader: one home for the check the project's page and
its notices (services/projects.py, services/notices.py) both make."""

from __future__ import annotations

from bioecon.domain.access import Principal
from bioecon.domain.projects import ProjectRecord
from bioecon.errors import NotFound
from bioecon.services._scope import require_readable
from bioecon.store import Connection
from bioecon.store import projects as store


def readable_project(connection: Connection, actor: Principal, code: str) -> ProjectRecord:
    """Project ``code``'s ledger record; one missing or outside the caller's scope is not
    found (the project's page and its notices)."""
    found = store.ledger_records(connection, {code: None}).get(code)
    missing = f"项目库中没有项目编号「{code}」"
    if found is None:
        raise NotFound(missing)
    require_readable(connection, actor, found.org_unit, missing)
    return found
