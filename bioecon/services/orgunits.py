"""Org-unit use cases (`bioecon orgunits list|load|export`): the register of 区域/园区 that
plans, observations and enterprises refer to."""

from __future__ import annotations

from operator import attrgetter

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.audit import AuditEntity
from bioecon.domain.directory_input import (
    DirectoryFile,
    DirectoryLoadReport,
    outcome_counts,
    repeated_codes,
    where,
)
from bioecon.domain.model import OrgUnit
from bioecon.domain.orgunits import hierarchy_cycles
from bioecon.errors import InvalidInput, Problem
from bioecon.services._audit import compared, record
from bioecon.services._scope import SHARED, reach, require, require_manager
from bioecon.store import orgunits, responsible_units
from bioecon.store.migrate import ensure_current


def list_org_units(app: Bioecon, *, actor: Principal) -> list[OrgUnit]:
    """The org units of the caller's scope and those above it (never a sibling's), by code."""
    with app.reading() as connection:
        ensure_current(connection)
        units = orgunits.reached_tree(connection, reach(connection, actor, Action.READ), cover=True)
        return sorted(units.values(), key=lambda u: u.code)


def load_org_units(
    app: Bioecon, *, actor: Principal, origin: str, file: DirectoryFile[OrgUnit]
) -> DirectoryLoadReport:
    """Insert or update the file's org units by code, all or nothing: every bad cell, repeated
    code, unknown parent and loop of parents refuses the whole file. The caller must manage
    plans over each stored unit the file changes and each stored parent it names (a unit
    without a stored parent is a shared record). Each created and updated unit is recorded."""
    with app.transaction() as connection:
        ensure_current(connection)
        stored = orgunits.tree(connection)
        problems = [*file.problems, *repeated_codes(file), *_parent_problems(file, stored)]
        if problems:
            raise InvalidInput(file.source, problems)
        require_manager(connection, actor, _anchors(file, stored))
        created, updated, unchanged = outcome_counts(file, stored)
        units = [item.record for item in file.rows]
        orgunits.upsert(connection, units)
        record(connection, actor, origin, AuditEntity.ORG_UNIT, compared(units, stored, _code))
    return DirectoryLoadReport(file.source, created, updated, unchanged)


_code = attrgetter("code")


def _anchors(file: DirectoryFile[OrgUnit], stored: dict[str, OrgUnit]) -> list[str | None]:
    """The stored units a load of ``file`` changes or hangs new units from (SHARED: a root)."""
    anchors: list[str | None] = []
    for item in file.rows:
        unit = item.record
        if unit.code in stored:
            anchors.append(unit.code)
        anchors.append(unit.parent if unit.parent in stored else SHARED)
    return anchors


def _parent_problems(file: DirectoryFile[OrgUnit], stored: dict[str, OrgUnit]) -> list[Problem]:
    declared = {item.record.code: item.record for item in file.rows}
    rows = {item.record.code: item.row for item in file.rows}
    problems = [
        Problem(
            where(file, item.row, "parent"),
            f"'{item.record.parent}' 既不在本文件中，也不在数据库中 (unknown parent)",
        )
        for item in file.rows
        if item.record.parent and item.record.parent not in declared | stored
    ]
    return problems + [
        Problem(where(file, rows[code], "parent"), f"上级代码形成循环: {message}")
        for code, message in hierarchy_cycles(stored | declared)
        if code in rows
    ]


def responsible_unit_named(app: Bioecon, *, actor: Principal, name: str) -> str | None:
    """The code of the responsible unit called ``name`` (by name or alias), or None."""
    with app.reading() as connection:
        ensure_current(connection)
        require(connection, actor, Action.READ, [SHARED])
        return responsible_units.code_named(connection, name)
