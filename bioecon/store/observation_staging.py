"""A load's rows in a temporary table, checked and merged by the database itself.

A streamed observation file is written here piece by piece, so Python never holds the whole
file; the checks that compare rows with each other or with the database (codes it does not
hold, keys the file repeats) and the merge into ``observation`` are each one SQL statement,
on SQLite and PostgreSQL alike.

A TEMPORARY table, not a migrated one: it is private to the load's connection (two loads at
once cannot see each other's rows), it is created inside the load's transaction, so a refused
load leaves no trace, and it is not part of the schema that migrations and backups describe.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.schema import CreateTable

from bioecon.store import tables as t
from bioecon.store.bulk import bulk_insert
from bioecon.store.types import ExactDecimal

staged = Table(
    "observation_staged",
    MetaData(),  # not the schema's metadata: migrations and schema checks never see it
    Column("file_row", Integer, nullable=False),  # the row number the user sees
    Column("indicator", Text),  # NULL: unreadable, or a register's code (already reported)
    Column("org_unit", Text),
    Column("ok", Integer, nullable=False),  # 1: every cell read and the row's own rules met
    Column("sector", Text),
    Column("period", String(7)),
    Column("period_type", String(10)),
    Column("year", Integer),
    Column("period_index", Integer),
    Column("basis", String(20)),
    Column("value", ExactDecimal()),
    Column("status", String(12)),
    Column("source", Text),
    prefixes=["TEMPORARY"],
)
KEY = ("indicator", "org_unit", "sector", "period", "basis")
# what a row writes into ``observation`` besides its ids and who reported it
VALUES = (
    "sector",
    "period",
    "period_type",
    "year",
    "period_index",
    "basis",
    "value",
    "status",
    "source",
)
# built once the rows are in (keeping it up to date row by row cost a third of the load)
key_index = Index("ix_observation_staged_key", *(staged.c[name] for name in KEY))

Found = tuple[list[tuple[Any, ...]], int]  # the first rows found, and how many in all


def create(connection: Connection) -> None:
    drop(connection)  # a connection from the pool may keep one from a load that failed
    connection.execute(CreateTable(staged))  # without its index: see :func:`index`


def drop(connection: Connection) -> None:
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {staged.name}")


def add(connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    bulk_insert(connection, staged, rows)


def index(connection: Connection) -> None:
    """Index the staged rows by key: call once, after the last :func:`add`."""
    key_index.create(connection)


def unknown_codes(connection: Connection, limit: int) -> Found:
    """(row, column, code) of each code the database does not hold, by row."""
    found: list[tuple[Any, ...]] = []
    count = 0
    for column, table in (("indicator", t.indicator), ("org_unit", t.org_unit)):
        code = staged.c[column]
        unknown = (
            select(staged.c.file_row, literal(column), code)
            .outerjoin_from(staged, table, table.c.code == code)
            .where(code.is_not(None), table.c.id.is_(None))
        )
        found += [
            tuple(r) for r in connection.execute(unknown.order_by(staged.c.file_row).limit(limit))
        ]
        count += _count(connection, unknown)
    return found, count


def repeated_keys(connection: Connection, limit: int) -> Found:
    """(row, first row) of each row whose key an earlier row of the file has, by row."""
    key = [staged.c[name] for name in KEY]
    firsts = (
        select(*key, func.min(staged.c.file_row).label("first_row"))
        .where(staged.c.ok == 1)
        .group_by(*key)
        .having(func.count() > 1)
        .subquery()
    )
    repeats = (
        select(staged.c.file_row, firsts.c.first_row)
        .join_from(staged, firsts, and_(*(column == firsts.c[column.name] for column in key)))
        .where(staged.c.ok == 1, staged.c.file_row > firsts.c.first_row)
    )
    rows = connection.execute(repeats.order_by(staged.c.file_row).limit(limit))
    return [tuple(r) for r in rows], _count(connection, repeats)


def merge(
    connection: Connection, reported_by: str | None, reported_at: datetime
) -> tuple[int, int, int]:
    """Update the stored rows whose value, status or source differs, insert the new ones;
    returns (inserted, updated, unchanged). Every staged row must be ok and its codes known."""
    o, i, g = t.observation, t.indicator, t.org_unit
    stored = and_(
        o.c.indicator_id == i.c.id,
        o.c.org_unit_id == g.c.id,
        o.c.sector == staged.c.sector,
        o.c.period == staged.c.period,
        o.c.basis == staged.c.basis,
    )
    # only rows that met every rule (a refused file never gets here; this is the guarantee)
    codes = and_(i.c.code == staged.c.indicator, g.c.code == staged.c.org_unit, staged.c.ok == 1)
    written = {"reported_by": reported_by, "reported_at": reported_at}
    changed = or_(
        o.c.value != staged.c.value,
        o.c.status != staged.c.status,
        o.c.source.is_distinct_from(staged.c.source),
    )
    total = _count(connection, select(staged.c.file_row).where(staged.c.ok == 1))
    existing = _count(connection, select(staged.c.file_row).where(codes, stored))
    updated = connection.execute(
        update(o)
        .where(codes, stored, changed)
        .values(value=staged.c.value, status=staged.c.status, source=staged.c.source, **written)
    ).rowcount
    new = (
        select(
            i.c.id,
            g.c.id,
            *(staged.c[name] for name in VALUES),
            literal(reported_by, String()),
            literal(reported_at, o.c.reported_at.type),
        )
        .select_from(staged)
        .join(i, i.c.code == staged.c.indicator)
        .join(g, g.c.code == staged.c.org_unit)
        .where(staged.c.ok == 1, ~exists().where(stored))
    )
    connection.execute(
        insert(o).from_select(["indicator_id", "org_unit_id", *VALUES, *written], new)
    )
    return total - existing, updated, existing - updated


def _count(connection: Connection, query: Any) -> int:
    return int(connection.execute(select(func.count()).select_from(query.subquery())).scalar_one())
