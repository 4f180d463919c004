"""Platform and carrier register use cases (创新平台与载体名录): load, list, export."""

from __future__ import annotations

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.audit import AuditEntity
from bioecon.domain.registers import Platform, RegisterFile, RegisterLoadReport
from bioecon.services._registers import load_register
from bioecon.services._scope import reach
from bioecon.store import platforms as store
from bioecon.store.migrate import ensure_current


def load_platforms(
    app: Bioecon, *, actor: Principal, origin: str, parsed: RegisterFile[Platform]
) -> RegisterLoadReport:
    """Insert or update platforms by 平台代码, all or nothing: org units and hosts must exist."""
    return load_register(
        app,
        parsed,
        actor=actor,
        origin=origin,
        entity=AuditEntity.PLATFORM,
        key="code",
        enterprise="host",
        fetch=store.fetch,
        save=store.save,
    )


def list_platforms(
    app: Bioecon, *, actor: Principal, org_unit: str | None = None
) -> list[Platform]:
    """Every platform, or those in ``org_unit``'s subtree, by code (also what export writes);
    only those of the caller's scope."""
    with app.reading() as connection:
        ensure_current(connection)
        return store.listed(connection, org_unit, reach(connection, actor, Action.READ))
