"""Indicator use cases (`bioecon indicators list|load|export`): the database's ledger
indicators (指标) that targets and observations refer to."""

from __future__ import annotations

from operator import attrgetter

from bioecon.app import Bioecon
from bioecon.catalogs import unit_registry
from bioecon.domain.access import Action, Principal
from bioecon.domain.audit import AuditEntity
from bioecon.domain.directory_input import (
    DirectoryFile,
    DirectoryLoadReport,
    outcome_counts,
    repeated_codes,
    where,
)
from bioecon.domain.model import Indicator
from bioecon.errors import InvalidInput, Problem
from bioecon.services._audit import compared, record
from bioecon.services._scope import SHARED, require, require_manager
from bioecon.store import indicators
from bioecon.store.migrate import ensure_current


def list_indicators(app: Bioecon, *, actor: Principal) -> list[Indicator]:
    """Every stored indicator, by code (a shared record: every role that reads sees it)."""
    with app.reading(replica=True) as connection:
        ensure_current(connection)
        require(connection, actor, Action.READ, [SHARED])
        return indicators.every(connection)


def load_indicators(
    app: Bioecon, *, actor: Principal, origin: str, file: DirectoryFile[Indicator]
) -> DirectoryLoadReport:
    """Insert or update the file's indicators by code, all or nothing: every bad cell,
    repeated code and unknown unit (bioecon/data/units.yaml) refuses the whole file. The
    catalogue is a shared record: only the ``shared_records`` roles change it. Each created
    and updated indicator is recorded."""
    units = unit_registry()
    problems = [
        *file.problems,
        *repeated_codes(file),
        *(
            Problem(where(file, item.row, "unit"), f"未知单位 '{item.record.unit}' (unknown unit)")
            for item in file.rows
            if item.record.unit not in units
        ),
    ]
    if problems:
        raise InvalidInput(file.source, problems)
    with app.transaction() as connection:
        ensure_current(connection)
        require_manager(connection, actor, [SHARED])
        records = [item.record for item in file.rows]
        stored = {
            code: found
            for code, (_, found) in indicators.by_code(
                connection, [r.code for r in records]
            ).items()
        }
        created, updated, unchanged = outcome_counts(file, stored)
        indicators.upsert(connection, records)
        changes = compared(records, stored, attrgetter("code"))
        record(connection, actor, origin, AuditEntity.INDICATOR, changes)
    return DirectoryLoadReport(file.source, created, updated, unchanged)
