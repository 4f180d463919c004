"""Queries for the platform and carrier register (创新平台与载体名录)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Select, select

from bioecon.domain.registers import Platform
from bioecon.records import row_values
from bioecon.store import registers
from bioecon.store import tables as t
from bioecon.store.keys import id_map
from bioecon.store.orgunits import EVERYWHERE, Reach
from bioecon.store.registers import Register, upsert_by_key

# 撤销日期: revoked on a day, no longer counted on it
REGISTER = Register(t.platform, "code", end="revoked_on", end_counts=False)


def _query() -> Select[tuple[object, ...]]:
    p, o, e = t.platform, t.org_unit, t.enterprise
    return (
        select(p, o.c.code.label("org_unit"), e.c.uscc.label("host"))
        .join(o, o.c.id == p.c.org_unit_id)
        .outerjoin(e, e.c.id == p.c.host_id)
        .order_by(p.c.code)
    )


def fetch(connection: Connection, codes: Iterable[str]) -> dict[str, Platform]:
    """The stored platforms among ``codes``, by code."""
    return registers.fetch(connection, REGISTER, _query(), Platform, codes)


def listed(
    connection: Connection, org_unit: str | None = None, reach: Reach = EVERYWHERE
) -> list[Platform]:
    """Every platform (in ``org_unit``'s subtree), by code."""
    return registers.listed(connection, REGISTER, _query(), Platform, org_unit, reach)


def save(connection: Connection, platforms: Sequence[Platform]) -> tuple[int, int]:
    """Insert or update by code (org units and hosts exist: checked before); (created, updated)."""
    orgs = id_map(connection, t.org_unit, (p.org_unit for p in platforms))
    hosts = id_map(connection, t.enterprise, (p.host for p in platforms if p.host), column="uscc")
    rows = [
        row_values(p, exclude={"org_unit", "host"})
        | {"org_unit_id": orgs[p.org_unit], "host_id": hosts.get(p.host or "")}
        for p in platforms
    ]
    stored = id_map(connection, t.platform, (p.code for p in platforms))
    return upsert_by_key(connection, t.platform, "code", rows, stored)
