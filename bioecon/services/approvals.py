"""Product-approval register use cases (产品注册与批文名录): load, list, export."""

from __future__ import annotations

from dataclasses import replace

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.audit import AuditEntity
from bioecon.domain.registers import Approval, RegisterFile, RegisterLoadReport
from bioecon.errors import Problem
from bioecon.services._registers import load_register
from bioecon.services._scope import reach
from bioecon.store import Connection
from bioecon.store import approvals as store
from bioecon.store.migrate import ensure_current


def load_approvals(
    app: Bioecon, *, actor: Principal, origin: str, parsed: RegisterFile[Approval]
) -> RegisterLoadReport:
    """Insert or update approvals by 批准文号, all or nothing: holders must be in the
    enterprise registry; a row without 所在区域 takes its holder's org unit."""
    return load_register(
        app,
        parsed,
        actor=actor,
        origin=origin,
        entity=AuditEntity.APPROVAL,
        key="number",
        enterprise="holder",
        fetch=store.fetch,
        save=store.save,
        place=_placed,
    )


def _placed(
    connection: Connection, parsed: RegisterFile[Approval]
) -> tuple[list[Approval], list[Problem]]:
    """Each approval with its org unit: the file's, else its holder's (a problem if neither)."""
    homes = store.holder_org_units(connection, (row.record.holder for row in parsed.rows))
    records, problems = [], []
    for row in parsed.rows:
        approval = row.record
        if approval.org_unit is None:
            home = homes.get(approval.holder)
            if home is None and approval.holder in homes:
                message = "持有人在企业名录中没有所在区域；请填写所在区域"
                problems.append(parsed.problem(row.row, "org_unit", message))
            approval = replace(approval, org_unit=home)
        records.append(approval)
    return records, problems


def list_approvals(
    app: Bioecon, *, actor: Principal, org_unit: str | None = None
) -> list[Approval]:
    """Every approval, or those in ``org_unit``'s subtree, by number (what export writes);
    only those of the caller's scope."""
    with app.reading() as connection:
        ensure_current(connection)
        return store.listed(connection, org_unit, reach(connection, actor, Action.READ))
