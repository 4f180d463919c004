"""One observation's review state, changed only if it is still what the reviewer saw.

The change is a compare-and-set: ``UPDATE … WHERE id = :id AND status = :seen AND value =
:value``. Two reviewers (or a reviewer and a reporter) acting on the same value at once
cannot both succeed: the second finds the row changed and gets nothing updated, on SQLite
(one writer at a time) and on PostgreSQL (the second UPDATE waits for the first to commit,
then re-checks its WHERE on the new row) alike — no lost update, no version column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, func, literal, select, update

from bioecon.domain.model import ObservationStatus
from bioecon.domain.review import REPORTED
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


def set_status(
    connection: Connection, seen: StoredValue, status: ObservationStatus, at: datetime
) -> bool:
    """Move the value to ``status`` if it is still as ``seen``; False if someone changed it.
    A value reported for the first time (submitted) keeps ``at`` as its first submission."""
    o = t.observation
    first = func.coalesce(o.c.submitted_at, literal(at, o.c.submitted_at.type))
    written = {"submitted_at": first} if status in REPORTED else {}
    result = connection.execute(
        update(o)
        .where(o.c.id == seen.id, o.c.status == seen.status.value, o.c.value == seen.value)
        .values(status=status.value, **written)
    )
    return result.rowcount == 1


@dataclass(frozen=True, slots=True)
class PendingValue:
    """A value waiting for review, with the names a reviewer reads."""

    indicator: str
    indicator_name: str
    unit: str
    org_unit: str
    org_unit_name: str
    period: str
    basis: str
    sector: str
    value: Decimal
    reported_by: str | None
    reported_at: datetime


def units_with_status(connection: Connection, status: ObservationStatus) -> list[str]:
    """The org units that hold a value of ``status`` (to check the reviewer's scope once)."""
    o, u = t.observation, t.org_unit
    query = (
        select(u.c.code)
        .where(u.c.id.in_(select(o.c.org_unit_id).where(o.c.status == status.value).distinct()))
        .order_by(u.c.code)
    )
    return [str(code) for code in connection.execute(query).scalars()]


def with_status(
    connection: Connection, status: ObservationStatus, org_units: Sequence[str], limit: int
) -> tuple[list[PendingValue], int]:
    """The values of ``status`` in ``org_units`` (oldest report first, at most ``limit``),
    and how many there are in all."""
    o, i, u = t.observation, t.indicator, t.org_unit
    where = (o.c.status == status.value, u.c.code.in_(list(org_units)))
    query = (
        select(
            i.c.code, i.c.name, i.c.unit, u.c.code, u.c.name, o.c.period, o.c.basis,
            o.c.sector, o.c.value, o.c.reported_by, o.c.reported_at,
        )
        .join(i, i.c.id == o.c.indicator_id)
        .join(u, u.c.id == o.c.org_unit_id)
        .where(*where)
        .order_by(o.c.reported_at, u.c.code, i.c.code, o.c.period)
        .limit(limit)
    )  # fmt: skip
    rows = [PendingValue(*row) for row in connection.execute(query)]
    counted = select(func.count()).select_from(o).join(u, u.c.id == o.c.org_unit_id).where(*where)
    return rows, int(connection.execute(counted).scalar_one())
