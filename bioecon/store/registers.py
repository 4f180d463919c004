"""What the platform, approval and project registers share in SQL: the org-unit subtree a
count or a listing covers, upsert by the register's key, and COUNT of the rows valid on a day.

A row is valid on ``day`` when it was approved on or before it and has not ended by it
(:class:`Register`: the column of its end and whether the row still counts on that day).
Rules: docs/registers.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Table,
    and_,
    func,
    insert,
    or_,
    select,
    update,
)

from bioecon.domain.registers import RegisterCount
from bioecon.records import copy_into
from bioecon.store.orgunits import EVERYWHERE, Reach, in_subtree, reached

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


@dataclass(frozen=True, slots=True)
class Register:
    """A register's table and dates: rows count from ``approved_on`` until ``end`` (a column
    name); ``end_counts``: whether a row still counts on its end day (有效期至 does, 撤销日期
    does not)."""

    table: Table
    key: str  # the column rows are known by (code, number)
    end: str
    end_counts: bool


def fetch(
    connection: Connection,
    register: Register,
    query: Select[Any],
    cls: type[R],
    keys: Iterable[str],
) -> dict[str, R]:
    """The stored records among ``keys`` (``query`` reads them as ``cls``), by key."""
    column = register.table.c[register.key]
    rows = connection.execute(query.where(column.in_(sorted(set(keys)))))
    return {str(getattr(r, register.key)): copy_into(cls, r._mapping) for r in rows}


def listed(
    connection: Connection,
    register: Register,
    query: Select[Any],
    cls: type[R],
    org_unit: str | None,
    reach: Reach = EVERYWHERE,
) -> list[R]:
    """Every record in ``reach`` (and in ``org_unit``'s subtree), in ``query``'s order."""
    table = register.table
    rows = connection.execute(
        query.where(in_subtree(table, org_unit) & reached(table.c.org_unit_id, reach))
    )
    return [copy_into(cls, r._mapping) for r in rows]


def valid_on(register: Register, day: date) -> ColumnElement[bool]:
    table = register.table
    end = table.c[register.end]
    still = end >= day if register.end_counts else end > day
    return and_(table.c.approved_on <= day, or_(end.is_(None), still))


def count(
    connection: Connection,
    register: Register,
    wanted: RegisterCount,
    *,
    day: date,
    org_unit: str,
    since: date | None = None,
) -> int:
    """How many rows of ``register`` with ``wanted``'s values are valid on ``day`` in
    ``org_unit``'s subtree; with ``since``, only those approved after it."""
    table = register.table
    query = (
        select(func.count())
        .select_from(table)
        .where(valid_on(register, day), in_subtree(table, org_unit))
    )
    for column, accepted in wanted.values.items():
        query = query.where(table.c[column].in_(list(accepted)))
    if since is not None:
        query = query.where(table.c.approved_on > since)
    return int(connection.execute(query).scalar_one())


def has_rows(connection: Connection, register: Register) -> bool:
    """Whether the register holds any row at all (an empty register counts nothing)."""
    return connection.execute(select(register.table.c.id).limit(1)).first() is not None


def upsert_by_key(
    connection: Connection,
    table: Table,
    key: str,
    rows: Sequence[Mapping[str, Any]],
    stored: Mapping[str, int],
) -> tuple[int, int]:
    """Insert the rows whose ``key`` is new, update those ``stored`` holds (key → id);
    returns (created, updated)."""
    created = updated = 0
    for row in rows:
        found = stored.get(str(row[key]))
        if found is None:
            connection.execute(insert(table).values(dict(row)))
            created += 1
        else:
            connection.execute(update(table).where(table.c.id == found).values(dict(row)))
            updated += 1
    return created, updated
