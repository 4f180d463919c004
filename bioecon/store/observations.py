"""Queries for the ledger's raw observations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, bindparam, case, func, insert, select, tuple_, update

from bioecon.domain.model import Observation, ObservationStatus, ReportingBasis
from bioecon.domain.periods import Period
from bioecon.domain.review import REPORTED
from bioecon.records import copy_into
from bioecon.store import tables as t


@dataclass(frozen=True, slots=True)
class ObservationWrite:
    """One row to store, with ids already resolved."""

    indicator_id: int
    org_unit_id: int
    sector: str  # '' for all sectors
    period: Period
    basis: ReportingBasis
    value: Decimal
    status: ObservationStatus
    source: str
    reported_by: str | None
    reported_at: datetime

    @property
    def key(self) -> tuple[int, int, str, str, str]:
        return (
            self.indicator_id,
            self.org_unit_id,
            self.sector,
            str(self.period),
            self.basis.value,
        )


def _existing_values(
    connection: Connection, keys: Sequence[tuple[int, int, str, str, str]]
) -> dict[tuple[int, int, str, str, str], tuple[int, Decimal, str, str | None]]:
    """For each key already stored: (id, value, status, source)."""
    o = t.observation
    found: dict[tuple[int, int, str, str, str], tuple[int, Decimal, str, str | None]] = {}
    pairs = sorted({(k[0], k[1]) for k in keys})
    wanted = set(keys)
    for offset in range(0, len(pairs), 200):
        chunk = pairs[offset : offset + 200]
        rows = connection.execute(
            select(
                o.c.id,
                o.c.indicator_id,
                o.c.org_unit_id,
                o.c.sector,
                o.c.period,
                o.c.basis,
                o.c.value,
                o.c.status,
                o.c.source,
            ).where(tuple_(o.c.indicator_id, o.c.org_unit_id).in_(chunk))
        )
        for r in rows:
            key = (r.indicator_id, r.org_unit_id, r.sector, r.period, r.basis)
            if key in wanted:
                found[key] = (r.id, r.value, r.status, r.source)
    return found


def save_observations(
    connection: Connection, writes: Sequence[ObservationWrite]
) -> tuple[int, int]:
    """Insert the writes whose key is new, update those whose value, status or source differs
    from the stored row's; returns (inserted, updated). Keys must be distinct."""
    stored = _existing_values(connection, [w.key for w in writes])
    new = [w for w in writes if w.key not in stored]
    changed = [
        (stored[w.key][0], w)
        for w in writes
        if w.key in stored and stored[w.key][1:] != (w.value, w.status.value, w.source)
    ]
    _insert_observations(connection, new)
    _update_observations(connection, changed)
    return len(new), len(changed)


def _insert_observations(connection: Connection, rows: Sequence[ObservationWrite]) -> None:
    if rows:
        connection.execute(insert(t.observation), [_values(r) for r in rows])


def _update_observations(
    connection: Connection, rows: Sequence[tuple[int, ObservationWrite]]
) -> None:
    if not rows:
        return
    o = t.observation
    statement = (
        update(o)
        .where(o.c.id == bindparam("row_id"))
        .values(
            value=bindparam("new_value"),
            status=bindparam("new_status"),
            source=bindparam("new_source"),
            reported_by=bindparam("new_reported_by"),
            reported_at=bindparam("new_reported_at"),
            submitted_at=func.coalesce(o.c.submitted_at, bindparam("new_submitted_at")),
        )
    )
    connection.execute(
        statement,
        [
            {
                "row_id": row_id,
                "new_value": r.value,
                "new_status": r.status.value,
                "new_source": r.source,
                "new_reported_by": r.reported_by,
                "new_reported_at": r.reported_at,
                "new_submitted_at": _first_submission(r),
            }
            for row_id, r in rows
        ],
    )


def _values(r: ObservationWrite) -> dict[str, object]:
    return {
        "indicator_id": r.indicator_id,
        "org_unit_id": r.org_unit_id,
        "sector": r.sector,
        "period": str(r.period),
        "period_type": r.period.type.value,
        "year": r.period.year,
        "period_index": r.period.index,
        "basis": r.basis.value,
        "value": r.value,
        "status": r.status.value,
        "source": r.source,
        "reported_by": r.reported_by,
        "reported_at": r.reported_at,
        "submitted_at": _first_submission(r),
    }


def _first_submission(r: ObservationWrite) -> datetime | None:
    """A reported (submitted or approved) value's report time is its first submission."""
    return r.reported_at if r.status in REPORTED else None


def select_observations(
    connection: Connection,
    *,
    indicator_id: int,
    org_unit_id: int | None = None,
    first: Period | None = None,
    last: Period | None = None,
) -> list[Observation]:
    """Stored observations of one indicator, ordered by org unit, sector, period, basis.

    ``first``/``last`` keep the periods that lie wholly within their months.
    """
    o, org, ind = t.observation, t.org_unit, t.indicator
    months = case((o.c.period_type == "month", 1), (o.c.period_type == "quarter", 3), else_=12)
    month_start = o.c.year * 12 + (o.c.period_index - 1) * months
    month_end = o.c.year * 12 + o.c.period_index * months - 1
    query = (
        select(o, org.c.code.label("org_unit"), ind.c.code.label("indicator"))
        .join(org, org.c.id == o.c.org_unit_id)
        .join(ind, ind.c.id == o.c.indicator_id)
        .where(o.c.indicator_id == indicator_id)
    )
    if org_unit_id is not None:
        query = query.where(o.c.org_unit_id == org_unit_id)
    if first is not None:
        query = query.where(month_start >= first.start_ordinal)
    if last is not None:
        query = query.where(month_end <= last.end_ordinal)
    query = query.order_by(
        org.c.code, o.c.sector, o.c.year, o.c.period_type, o.c.period_index, o.c.basis
    )
    return [
        copy_into(Observation, r._mapping, sector=r.sector or None)
        for r in connection.execute(query)
    ]
