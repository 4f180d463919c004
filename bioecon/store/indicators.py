"""Indicators (指标): lookup by code, upsert, and what a plan declared."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, RowMapping, select

from bioecon.domain.model import Indicator
from bioecon.records import copy_into, row_values
from bioecon.store import tables as t
from bioecon.store.keys import existing_codes, id_map, upsert_by_code


def by_code(connection: Connection, codes: Iterable[str]) -> dict[str, tuple[int, Indicator]]:
    """(id, indicator) of the stored indicators among ``codes``, by code."""
    rows = connection.execute(select(t.indicator).where(t.indicator.c.code.in_(sorted(set(codes)))))
    return {r.code: (r.id, from_row(r._mapping)) for r in rows}


def ids(connection: Connection, codes: Iterable[str]) -> dict[str, int]:
    return id_map(connection, t.indicator, codes)


def existing(connection: Connection, codes: Iterable[str]) -> set[str]:
    return existing_codes(connection, t.indicator, codes)


def from_row(row: RowMapping) -> Indicator:
    return copy_into(Indicator, row)


def of_plan(connection: Connection, plan_id: int) -> list[Indicator]:
    """The indicators a plan's file declared, in the file's order."""
    link = t.plan_indicator
    rows = connection.execute(
        select(t.indicator)
        .join(link, link.c.indicator_id == t.indicator.c.id)
        .where(link.c.plan_id == plan_id)
        .order_by(link.c.position)
    )
    return [from_row(r._mapping) for r in rows]


def upsert(connection: Connection, indicators: Sequence[Indicator]) -> dict[str, int]:
    """Insert or update ``indicators`` by code; returns code → id of every one."""
    found = ids(connection, (i.code for i in indicators))
    for item in indicators:
        values = row_values(item, exclude={"code"})
        upsert_by_code(connection, t.indicator, found, item.code, values)
    return found


def every(connection: Connection) -> list[Indicator]:
    """Every stored indicator, by code."""
    rows = connection.execute(select(t.indicator).order_by(t.indicator.c.code))
    return [from_row(r._mapping) for r in rows]
