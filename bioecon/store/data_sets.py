"""Queries for data sets (填报任务) and what their units have submitted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, Table, delete, distinct, func, insert, select, update

from bioecon.domain.data_sets import DataSet
from bioecon.domain.model import ObservationStatus
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.reporting_calendar import DueRule
from bioecon.domain.review import REPORTED
from bioecon.store import tables as t


@dataclass(frozen=True, slots=True)
class Submitted:
    """What one unit has submitted for one period: indicators with a value, and the time the
    last of them was reported."""

    org_unit: str
    period: str
    indicators: int
    last_reported_at: datetime


def save(
    connection: Connection, data_set: DataSet, indicator_ids: Sequence[int], org_ids: Sequence[int]
) -> bool:
    """Insert or replace the data set (by code) with its members; True when it was new."""
    d = t.data_set
    values = {
        "code": data_set.code,
        "name": data_set.name,
        "period_type": data_set.period_type.value,
        "first_period": str(data_set.first_period),
        "jan_feb_combined": data_set.jan_feb_combined,
        "due_day": data_set.due.due_day,
        "due_months_after": data_set.due.months_after,
        "lock_after_days": data_set.due.lock_after_days,
    }
    found = connection.execute(select(d.c.id).where(d.c.code == data_set.code)).scalar()
    created = found is None
    if found is None:
        key = connection.execute(insert(d).values(**values)).inserted_primary_key
        assert key is not None
        found = key[0]
    else:
        connection.execute(update(d).where(d.c.id == found).values(**values))
        for member in (t.data_set_indicator, t.data_set_org_unit):
            connection.execute(delete(member).where(member.c.data_set_id == found))
    connection.execute(
        insert(t.data_set_indicator),
        [
            {"data_set_id": found, "indicator_id": i, "position": n}
            for n, i in enumerate(indicator_ids)
        ],
    )
    connection.execute(
        insert(t.data_set_org_unit), [{"data_set_id": found, "org_unit_id": o} for o in org_ids]
    )
    return created


def listed(connection: Connection, code: str | None = None) -> list[DataSet]:
    """Every data set (or the one ``code``), by code, with its members in file order."""
    d = t.data_set
    query = select(d).order_by(d.c.code)
    if code is not None:
        query = query.where(d.c.code == code)
    rows = connection.execute(query).mappings().all()
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    indicators = _members(connection, ids, t.data_set_indicator, t.indicator, "indicator_id")
    org_units = _members(connection, ids, t.data_set_org_unit, t.org_unit, "org_unit_id")
    return [
        DataSet(
            code=row["code"],
            name=row["name"],
            period_type=PeriodType(row["period_type"]),
            indicators=tuple(indicators.get(row["id"], [])),
            org_units=tuple(org_units.get(row["id"], [])),
            due=DueRule(row["due_day"], row["due_months_after"], row["lock_after_days"]),
            first_period=Period.parse(row["first_period"]),
            jan_feb_combined=bool(row["jan_feb_combined"]),
        )
        for row in rows
    ]


def _members(
    connection: Connection, ids: list[int], link: Table, target: Table, column: str
) -> dict[int, list[str]]:
    order = link.c.position if "position" in link.c else target.c.code
    query = (
        select(link.c.data_set_id, target.c.code)
        .join(target, target.c.id == link.c[column])
        .where(link.c.data_set_id.in_(ids))
        .order_by(link.c.data_set_id, order)
    )
    found: dict[int, list[str]] = {}
    for data_set_id, code in connection.execute(query):
        found.setdefault(data_set_id, []).append(code)
    return found


def submitted(connection: Connection, code: str, first: Period, last: Period) -> list[Submitted]:
    """Per assigned unit and period from ``first`` to ``last``: how many of the data set's
    indicators have a submitted or approved value, and when the last of them was first
    submitted (a value corrected after it was returned or reopened keeps its first report)."""
    d, di, do, o, u = (
        t.data_set,
        t.data_set_indicator,
        t.data_set_org_unit,
        t.observation,
        t.org_unit,
    )
    counted = sorted(status.value for status in REPORTED)
    first_report = func.coalesce(o.c.submitted_at, o.c.reported_at)
    query = (
        select(u.c.code, o.c.period, func.count(distinct(o.c.indicator_id)), func.max(first_report))
        .select_from(o)
        .join(di, di.c.indicator_id == o.c.indicator_id)
        .join(d, d.c.id == di.c.data_set_id)
        .join(do, (do.c.data_set_id == d.c.id) & (do.c.org_unit_id == o.c.org_unit_id))
        .join(u, u.c.id == o.c.org_unit_id)
        .where(
            d.c.code == code,
            o.c.status.in_(counted),
            o.c.sector == "",
            o.c.period_type == first.type.value,
            o.c.period >= str(first),  # canonical text orders within one period type
            o.c.period <= str(last),
        )
        .group_by(u.c.code, o.c.period)
    )
    return [Submitted(*row) for row in connection.execute(query)]


def reported_values(
    connection: Connection, indicators: Sequence[str], org_unit: str, periods: Sequence[Period]
) -> dict[tuple[str, str, str], tuple[Decimal, ObservationStatus]]:
    """(indicator, period, basis) → (value, status) of ``org_unit``'s stored values for all
    sectors in ``periods`` (what an entry template shows beside each field)."""
    o, i, u = t.observation, t.indicator, t.org_unit
    query = (
        select(i.c.code, o.c.period, o.c.basis, o.c.value, o.c.status)
        .join(i, i.c.id == o.c.indicator_id)
        .join(u, u.c.id == o.c.org_unit_id)
        .where(
            u.c.code == org_unit,
            i.c.code.in_(sorted(set(indicators))),
            o.c.period.in_(sorted({str(p) for p in periods})),
            o.c.sector == "",
        )
    )
    return {
        (code, period, basis): (value, ObservationStatus(status))
        for code, period, basis, value, status in connection.execute(query)
    }
