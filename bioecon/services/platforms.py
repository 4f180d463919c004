"""Platform and carrier register use cases (创新平台与载体名录): load, list, export."""

from __future__ import annotations

from bioecon.app import Bioecon
from bioecon.domain.registers import Platform, RegisterFile, RegisterLoadReport
from bioecon.services._registers import load_register
from bioecon.store import platforms as store
from bioecon.store.migrate import ensure_current


def load_platforms(app: Bioecon, *, parsed: RegisterFile[Platform]) -> RegisterLoadReport:
    """Insert or update platforms by 平台代码, all or nothing: org units and hosts must exist."""
    return load_register(
        app, parsed, key="code", enterprise="host", fetch=store.fetch, save=store.save
    )


def list_platforms(app: Bioecon, *, org_unit: str | None = None) -> list[Platform]:
    """Every platform, or those in ``org_unit``'s subtree, by code (also what export writes)."""
    with app.reading() as connection:
        ensure_current(connection)
        return store.listed(connection, org_unit)
