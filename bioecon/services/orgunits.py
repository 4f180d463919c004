"""Org-unit use cases (`bioecon orgunits list|load|export`): the register of 区域/园区 that
plans, observations and enterprises refer to."""

from __future__ import annotations

from bioecon.app import Bioecon
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
from bioecon.store import orgunits, responsible_units
from bioecon.store.migrate import ensure_current


def list_org_units(app: Bioecon) -> list[OrgUnit]:
    """Every stored org unit, by code."""
    with app.reading() as connection:
        ensure_current(connection)
        return sorted(orgunits.tree(connection).values(), key=lambda u: u.code)


def load_org_units(app: Bioecon, *, file: DirectoryFile[OrgUnit]) -> DirectoryLoadReport:
    """Insert or update the file's org units by code, all or nothing: every bad cell, repeated
    code, unknown parent and loop of parents refuses the whole file."""
    with app.transaction() as connection:
        ensure_current(connection)
        stored = orgunits.tree(connection)
        problems = [*file.problems, *repeated_codes(file), *_parent_problems(file, stored)]
        if problems:
            raise InvalidInput(file.source, problems)
        created, updated, unchanged = outcome_counts(file, stored)
        orgunits.upsert(connection, [item.record for item in file.rows])
    return DirectoryLoadReport(file.source, created, updated, unchanged)


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


def responsible_unit_named(app: Bioecon, *, name: str) -> str | None:
    """The code of the responsible unit called ``name`` (by name or alias), or None."""
    with app.reading() as connection:
        ensure_current(connection)
        return responsible_units.code_named(connection, name)
