"""Platform and carrier register use cases (创新平台与载体名录): load, list, export."""

from __future__ import annotations

from bioecon.app import Bioecon
from bioecon.domain.registers import Platform, RegisterFile
from bioecon.services._registers import (
    RegisterLoadReport,
    refuse,
    repeated_keys,
    save_changed,
    unknown_references,
)
from bioecon.store import platforms as store
from bioecon.store.migrate import ensure_current


def load_platforms(app: Bioecon, *, parsed: RegisterFile[Platform]) -> RegisterLoadReport:
    """Insert or update platforms by 平台代码, all or nothing: org units and hosts must exist."""
    with app.transaction() as connection:
        ensure_current(connection)
        refuse(
            parsed,
            repeated_keys(parsed, "code")
            + unknown_references(connection, parsed, org_unit="org_unit", enterprise="host"),
        )
        records = [row.record for row in parsed.rows]
        stored = store.fetch(connection, (p.code for p in records))
        return save_changed(
            parsed,
            records,
            key="code",
            stored=stored,
            save=lambda changed: store.save(connection, changed),
        )


def list_platforms(app: Bioecon, *, org_unit: str | None = None) -> list[Platform]:
    """Every platform, or those in ``org_unit``'s subtree, by code (also what export writes)."""
    with app.reading() as connection:
        ensure_current(connection)
        return store.listed(connection, org_unit)
