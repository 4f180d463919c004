"""Queries for the product-approval register (产品注册与批文名录)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Select, select

from bioecon.domain.registers import Approval
from bioecon.records import row_values
from bioecon.store import registers
from bioecon.store import tables as t
from bioecon.store.keys import id_map
from bioecon.store.orgunits import EVERYWHERE, Reach
from bioecon.store.registers import Register, upsert_by_key

# 有效期至: the last day the approval is valid, still counted on it
REGISTER = Register(t.product_approval, "number", end="valid_until", end_counts=True)


def _query() -> Select[tuple[object, ...]]:
    a, o, e = t.product_approval, t.org_unit, t.enterprise
    return (
        select(a, o.c.code.label("org_unit"), e.c.uscc.label("holder"))
        .join(o, o.c.id == a.c.org_unit_id)
        .join(e, e.c.id == a.c.holder_id)
        .order_by(a.c.number)
    )


def fetch(connection: Connection, numbers: Iterable[str]) -> dict[str, Approval]:
    """The stored approvals among ``numbers``, by number."""
    return registers.fetch(connection, REGISTER, _query(), Approval, numbers)


def listed(
    connection: Connection, org_unit: str | None = None, reach: Reach = EVERYWHERE
) -> list[Approval]:
    """Every approval (in ``org_unit``'s subtree), by number."""
    return registers.listed(connection, REGISTER, _query(), Approval, org_unit, reach)


def holder_org_units(connection: Connection, usccs: Iterable[str]) -> dict[str, str | None]:
    """credit code → the org unit the registry places the enterprise in, for every known one."""
    e, o = t.enterprise, t.org_unit
    query = (
        select(e.c.uscc, o.c.code)
        .outerjoin(o, o.c.id == e.c.org_unit_id)
        .where(e.c.uscc.in_(sorted(set(usccs))))
    )
    return {row[0]: row[1] for row in connection.execute(query)}


def save(connection: Connection, approvals: Sequence[Approval]) -> tuple[int, int]:
    """Insert or update by number (holders and org units exist: checked before)."""
    orgs = id_map(connection, t.org_unit, (a.org_unit for a in approvals if a.org_unit))
    holders = id_map(connection, t.enterprise, (a.holder for a in approvals), column="uscc")
    rows = [
        row_values(a, exclude={"org_unit", "holder"})
        | {"org_unit_id": orgs[a.org_unit or ""], "holder_id": holders[a.holder]}
        for a in approvals
    ]
    stored = id_map(connection, t.product_approval, (a.number for a in approvals), column="number")
    return upsert_by_key(connection, t.product_approval, "number", rows, stored)
