"""One observation's review state, changed only if it is still what the reviewer saw.

The change is a compare-and-set: ``UPDATE … WHERE id = :id AND status = :seen AND value =
:value``. Two reviewers (or a reviewer and a reporter) acting on the same value at once
cannot both succeed: the second finds the row changed and gets nothing updated, on SQLite
(one writer at a time) and on PostgreSQL (the second UPDATE waits for the first to commit,
then re-checks its WHERE on the new row) alike — no lost update, no version column.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, select, update

from bioecon.domain.model import ObservationStatus
from bioecon.store import tables as t


@dataclass(frozen=True, slots=True)
class StoredValue:
    id: int
    value: Decimal
    status: ObservationStatus


def find(
    connection: Connection,
    *,
    indicator: str,
    org_unit: str,
    period: str,
    basis: str,
    sector: str,
) -> StoredValue | None:
    """The stored value with this key, or None."""
    o, i, u = t.observation, t.indicator, t.org_unit
    row = connection.execute(
        select(o.c.id, o.c.value, o.c.status)
        .join(i, i.c.id == o.c.indicator_id)
        .join(u, u.c.id == o.c.org_unit_id)
        .where(
            i.c.code == indicator,
            u.c.code == org_unit,
            o.c.period == period,
            o.c.basis == basis,
            o.c.sector == sector,
        )
    ).first()
    if row is None:
        return None
    return StoredValue(row.id, row.value, ObservationStatus(row.status))


def set_status(connection: Connection, seen: StoredValue, status: ObservationStatus) -> bool:
    """Move the value to ``status`` if it is still as ``seen``; False if someone changed it."""
    o = t.observation
    result = connection.execute(
        update(o)
        .where(o.c.id == seen.id, o.c.status == seen.status.value, o.c.value == seen.value)
        .values(status=status.value)
    )
    return result.rowcount == 1
