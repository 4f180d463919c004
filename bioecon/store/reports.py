"""Published reports (发布的报告): the record of a bulletin and the values it used, and the
values a later bulletin uses that differ from them (修订)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Select, and_, insert, or_, select

from bioecon.store import tables as t
from bioecon.store.orgunits import Reach, reached, subtree


@dataclass(frozen=True, slots=True)
class ValueRow:
    indicator: str
    org_unit: str
    sector: str
    period: str
    basis: str
    value: Decimal
    status: str


@dataclass(frozen=True, slots=True)
class RevisedRow:
    indicator: str
    org_unit: str
    period: str
    earlier: Decimal
    now: Decimal | None  # None: no longer counted


@dataclass(frozen=True, slots=True)
class PublishedRow:
    id: int
    kind: str
    plan_code: str
    period: str
    built_at: datetime
    built_by: str
    content_hash: str
    content: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Selection:
    """The values a bulletin uses: the observations of ``indicators`` in ``region``'s subtree
    (and in ``reach``) whose period ends by the month ``until`` (year, month), of the counted
    ``statuses``."""

    region: str
    indicators: tuple[str, ...]
    until: tuple[int, int]
    statuses: tuple[str, ...]
    reach: Reach


def _used(selection: Selection) -> Select[Any]:
    o, i, u = t.observation, t.indicator, t.org_unit
    year, month = selection.until
    within_year = [
        and_(o.c.period_type == "month", o.c.period_index <= month),
        and_(o.c.period_type == "quarter", o.c.period_index * 3 <= month),
    ]
    if month == 12:
        within_year.append(o.c.period_type == "year")
    ended = or_(o.c.year < year, and_(o.c.year == year, or_(*within_year)))
    return (
        select(i.c.code, u.c.code, o.c.sector, o.c.period, o.c.basis, o.c.value, o.c.status)
        .select_from(o.join(i, i.c.id == o.c.indicator_id).join(u, u.c.id == o.c.org_unit_id))
        .where(
            i.c.code.in_(sorted(set(selection.indicators))),
            o.c.org_unit_id.in_(select(subtree(selection.region).c.id)),
            reached(o.c.org_unit_id, selection.reach),
            o.c.status.in_(list(selection.statuses)),
            ended,
        )
    )


def used_values(connection: Connection, selection: Selection) -> list[ValueRow]:
    """The values of ``selection``, by key."""
    query = _used(selection)
    rows = connection.execute(query.order_by(*query.selected_columns[:5]))
    return [ValueRow(*row) for row in rows]


def revised_values(connection: Connection, selection: Selection, earlier: int) -> list[RevisedRow]:
    """The values of ``selection`` whose value differs from what the published report
    ``earlier`` used under the same key: one join of the two."""
    now = _used(selection).subquery("now")
    r = t.published_report_value
    query = (
        select(now.c[0], now.c[1], now.c.period, r.c.value, now.c.value)
        .select_from(
            now.join(
                r,
                and_(
                    r.c.report_id == earlier,
                    r.c.indicator == now.c[0],
                    r.c.org_unit == now.c[1],
                    r.c.sector == now.c.sector,
                    r.c.period == now.c.period,
                    r.c.basis == now.c.basis,
                ),
            )
        )
        .where(r.c.value != now.c.value)
        .order_by(now.c[0], now.c[1], now.c.period)
    )
    return [RevisedRow(*row) for row in connection.execute(query)]


def latest_published(connection: Connection, *, kind: str, plan_code: str) -> PublishedRow | None:
    """The most recently published report of ``kind`` for the plan."""
    p = t.published_report
    found = connection.execute(
        select(p)
        .where((p.c.kind == kind) & (p.c.plan_code == plan_code))
        .order_by(p.c.id.desc())
        .limit(1)
    ).first()
    return PublishedRow(*found) if found else None


def published(connection: Connection, report_id: int) -> tuple[PublishedRow, list[ValueRow]] | None:
    """A published report and the values it recorded, by key."""
    p, r = t.published_report, t.published_report_value
    found = connection.execute(select(p).where(p.c.id == report_id)).first()
    if found is None:
        return None
    rows = connection.execute(
        select(r.c.indicator, r.c.org_unit, r.c.sector, r.c.period, r.c.basis, r.c.value)
        .add_columns(r.c.status)
        .where(r.c.report_id == report_id)
        .order_by(r.c.indicator, r.c.org_unit, r.c.sector, r.c.period, r.c.basis)
    )
    return PublishedRow(*found), [ValueRow(*row) for row in rows]


def list_published(connection: Connection, plan_codes: Sequence[str]) -> list[PublishedRow]:
    """Every published report of these plans, newest first."""
    p = t.published_report
    rows = connection.execute(
        select(p).where(p.c.plan_code.in_(list(plan_codes))).order_by(p.c.id.desc())
    )
    return [PublishedRow(*row) for row in rows]


def record(
    connection: Connection,
    *,
    kind: str,
    plan_code: str,
    period: str,
    built_at: datetime,
    built_by: str,
    content_hash: str,
    content: dict[str, Any],
    values: Sequence[ValueRow],
) -> int:
    """Store a published report and its values; its id."""
    p = t.published_report
    report_id: int = connection.execute(
        insert(p)
        .values(
            kind=kind,
            plan_code=plan_code,
            period=period,
            built_at=built_at,
            built_by=built_by,
            content_hash=content_hash,
            content=content,
        )
        .returning(p.c.id)
    ).scalar_one()
    if values:
        connection.execute(
            insert(t.published_report_value),
            [
                {
                    "report_id": report_id,
                    "indicator": v.indicator,
                    "org_unit": v.org_unit,
                    "sector": v.sector,
                    "period": v.period,
                    "basis": v.basis,
                    "value": v.value,
                    "status": v.status,
                }
                for v in values
            ],
        )
    return report_id


def revised_since(
    connection: Connection, report_id: int, statuses: Sequence[str]
) -> list[RevisedRow]:
    """The values the published report used that are now different, or no longer counted
    (reopened, deleted: ``now`` None), by key: one join of its rows with the observations."""
    r, o, i, u = t.published_report_value, t.observation, t.indicator, t.org_unit
    current = (
        select(i.c.code, u.c.code.label("org"), o.c.sector, o.c.period, o.c.basis, o.c.value)
        .select_from(o.join(i, i.c.id == o.c.indicator_id).join(u, u.c.id == o.c.org_unit_id))
        .where(o.c.status.in_(list(statuses)))
        .subquery("now")
    )
    query = (
        select(r.c.indicator, r.c.org_unit, r.c.period, r.c.value, current.c.value)
        .select_from(
            r.outerjoin(
                current,
                and_(
                    current.c.code == r.c.indicator,
                    current.c.org == r.c.org_unit,
                    current.c.sector == r.c.sector,
                    current.c.period == r.c.period,
                    current.c.basis == r.c.basis,
                ),
            )
        )
        .where(
            (r.c.report_id == report_id)
            & (current.c.value.is_(None) | (current.c.value != r.c.value))
        )
        .order_by(r.c.indicator, r.c.org_unit, r.c.period)
    )
    return [RevisedRow(*row) for row in connection.execute(query)]
