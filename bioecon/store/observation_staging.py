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

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    Text,
    and_,
    case,
    exists,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.schema import CreateTable

from bioecon.domain import value_key
from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.domain.review import REPORTED
from bioecon.store import audit
from bioecon.store import tables as t
from bioecon.store.audit import DecimalText, json_of
from bioecon.store.types import ExactDecimal

_exact = ExactDecimal()
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
    Column("value", _exact),
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
COLUMNS = ("file_row", "indicator", "org_unit", "ok", *VALUES)  # a staged row's, in order
_VALUE_AT = COLUMNS.index("value")
# built once the rows are in (keeping it up to date row by row cost a third of the load);
# unique over the rows that met their own rules, so building it finds repeated keys too
_key = [staged.c[name] for name in KEY]
_ok = staged.c.ok == 1
unique_key_index = Index(
    "ix_observation_staged_key", *_key, unique=True, sqlite_where=_ok, postgresql_where=_ok
)
key_index = Index("ix_observation_staged_key", *_key)  # when the file repeats a key

Found = tuple[list[tuple[Any, ...]], int]  # the first rows found, and how many in all


# A load writes an entry per row into indexes of up to millions of entries (the stored rows',
# the history's, the staged rows'); with SQLite's default page cache of 2 MiB per database it
# re-reads their pages over and over. 64 MiB for the main and the temporary database during a
# load cut its CPU time by a tenth at 1M rows (docs/performance.md), well within the 500 MB
# memory goal; the connection's own sizes are restored when the load drops its table.
LOAD_CACHE_KIB = 65_536
_CACHES = ("main", "temp")


def create(connection: Connection) -> None:
    drop(connection)  # a connection from the pool may keep one from a load that failed
    if connection.dialect.name == "sqlite":
        connection.info["cache_size"] = [_pragma(connection, db) for db in _CACHES]
        for db in _CACHES:
            connection.exec_driver_sql(f"PRAGMA {db}.cache_size = -{LOAD_CACHE_KIB}")
    connection.execute(CreateTable(staged))  # without its index: see :func:`index`


def drop(connection: Connection) -> None:
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {staged.name}")
    for db, size in zip(_CACHES, connection.info.pop("cache_size", ()), strict=False):
        connection.exec_driver_sql(f"PRAGMA {db}.cache_size = {int(size)}")


def _pragma(connection: Connection, db: str) -> int:
    return int(connection.exec_driver_sql(f"PRAGMA {db}.cache_size").scalar_one())


def add(connection: Connection, rows: Sequence[list[Any]]) -> None:
    """Stage ``rows``, each a list in the order of :data:`COLUMNS`, by one executemany
    (PostgreSQL: COPY). The value is converted in place by its column type's own conversion
    (ExactDecimal: exactness checked, SQLite's millionths); the other columns are plain text
    and integers."""
    if not rows:
        return
    dialect = connection.dialect
    convert = _exact.process_bind_param
    at = _VALUE_AT
    for row in rows:
        row[at] = convert(row[at], dialect)
    if dialect.name == "postgresql":
        _copy(connection, rows)
    else:
        connection.exec_driver_sql(_insert_sql(dialect.paramstyle), list(map(tuple, rows)))


def _copy(connection: Connection, values: Sequence[list[Any]]) -> None:
    """PostgreSQL's COPY through psycopg (a stream of rows, not one statement per row)."""
    driver: Any = connection.connection.driver_connection
    with (
        driver.cursor() as cursor,
        cursor.copy(f"COPY {staged.name} ({', '.join(COLUMNS)}) FROM STDIN") as copy,
    ):
        for row in values:
            copy.write_row(row)


def _insert_sql(paramstyle: str) -> str:
    placeholder = "?" if paramstyle == "qmark" else "%s"
    marks = ", ".join([placeholder] * len(COLUMNS))
    return f"INSERT INTO {staged.name} ({', '.join(COLUMNS)}) VALUES ({marks})"


def index(connection: Connection) -> bool:
    """Index the staged rows by key: call once, after the last :func:`add`. Returns whether
    the keys are distinct (else :func:`repeated_keys` names the rows that repeat one)."""
    try:
        with connection.begin_nested():  # a failed CREATE aborts PostgreSQL's transaction
            unique_key_index.create(connection)
    except IntegrityError:
        key_index.create(connection)
        return False
    return True


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
        rows, counted = _first(connection, unknown, limit)
        found += rows
        count += counted
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
    return _first(connection, repeats, limit)


def _first(connection: Connection, query: Select[Any], limit: int) -> Found:
    """The first ``limit`` rows of ``query`` by file row, and how many it has (counted
    again only when there may be more)."""
    rows = [tuple(r) for r in connection.execute(query.order_by(staged.c.file_row).limit(limit))]
    return rows, len(rows) if len(rows) < limit else _count(connection, query)


def org_units(connection: Connection, status: str | None = None) -> list[str]:
    """The org-unit codes the staged rows name, sorted (every row's, read or not; with
    ``status``, of the rows that would be stored with it)."""
    code = staged.c.org_unit
    query = select(code).where(code.is_not(None))
    if status is not None:
        query = query.where(staged.c.status == status)
    return list(connection.execute(query.distinct().order_by(code)).scalars())


def rows_of(connection: Connection, codes: Sequence[str], limit: int) -> list[tuple[str, int]]:
    """(org unit, row) of the first ``limit`` rows, by row, that name one of ``codes``."""
    query = (
        select(staged.c.org_unit, staged.c.file_row)
        .where(staged.c.org_unit.in_(codes))
        .order_by(staged.c.file_row)
        .limit(limit)
    )
    return [(str(unit), int(row)) for unit, row in connection.execute(query)]


@dataclass(frozen=True, slots=True)
class Change:
    """Who writes a load and when, for the stored rows and their history."""

    actor: str
    origin: str
    reported_by: str | None
    at: datetime


def stored(connection: Connection, years: Mapping[str, Collection[int]]) -> int:
    """How many staged rows that met their rules have a stored row of their key; ``years``
    are the years of each indicator the rows name. 0 at once when nothing is stored for these
    (a first load, a new year), found on the stored rows' (indicator, year) index without a
    pass over the staged rows."""
    o, i = t.observation, t.indicator
    pairs = [and_(i.c.code == code, o.c.year.in_(sorted(y))) for code, y in years.items()]
    if not pairs:
        return 0
    anything = select(o.c.id).join(i, i.c.id == o.c.indicator_id).where(or_(*pairs)).limit(1)
    if connection.execute(anything).first() is None:
        return 0
    return _count(connection, _joined(select(staged.c.file_row)).join(o, _stored()))


def locked(connection: Connection, editable: Sequence[str], limit: int) -> Found:
    """(row, stored status, field) of each row that would change the value or source of a
    stored row whose status is not among ``editable``, by row."""
    o, s = t.observation, staged.c
    field = case((o.c.value != s.value, literal("value")), else_=literal("source"))
    query = (
        _joined(select(s.file_row, o.c.status, field))
        .join(o, _stored())
        .where(o.c.status.not_in(editable), _differs(o))
    )
    return _first(connection, query, limit)


def merge(
    connection: Connection, change: Change, editable: Sequence[str], existing: int
) -> tuple[int, int, int]:
    """Record and write the staged rows: update the stored rows of an ``editable`` status
    whose value, status or source differs, insert the new ones, one history event each (its
    old value from the stored row, its new from the staged), written before the change;
    returns (inserted, updated, unchanged). Every staged row must be ok and its codes known,
    and none may change a locked row (:func:`locked`); ``existing`` is :func:`stored`'s count
    (none: every row is new, and the passes that look for stored rows are skipped)."""
    o, i, g = t.observation, t.indicator, t.org_unit
    writable = and_(o.c.status.in_(editable), _differs(o, status=True))
    old = {"value": DecimalText(o.c.value), "status": o.c.status, "source": o.c.source}
    changed = _joined(_event(change, AuditAction.UPDATE, json_of(old))).join(o, _stored())
    updated = audit.append_selected(connection, changed.where(writable)) if existing else 0
    written = {"reported_by": change.reported_by, "reported_at": change.at}
    at = literal(change.at, o.c.submitted_at.type)
    reported = staged.c.status.in_(sorted(s.value for s in REPORTED))
    if updated:  # (a first load of new keys has none: skip its pass over the file)
        first = case((reported, func.coalesce(o.c.submitted_at, at)), else_=o.c.submitted_at)
        connection.execute(
            update(o)
            .where(_codes(), _stored(), writable)
            .values(
                value=staged.c.value,
                status=staged.c.status,
                source=staged.c.source,
                submitted_at=first,
                **written,
            )
        )
    new = ~exists().where(_stored()) if existing else true()
    created = _joined(_event(change, AuditAction.CREATE, null())).where(new)
    inserted = audit.append_selected(connection, created)
    rows = _joined(
        select(
            i.c.id,
            g.c.id,
            *(staged.c[name] for name in VALUES),
            literal(change.reported_by, String()),
            literal(change.at, o.c.reported_at.type),
            case((reported, at), else_=null()),
        )
    ).where(new)
    columns = ["indicator_id", "org_unit_id", *VALUES, *written, "submitted_at"]
    connection.execute(insert(o).from_select(columns, rows))
    return inserted, updated, existing - updated


def _joined(query: Select[Any]) -> Select[Any]:
    """``query`` over the ok staged rows joined to their indicator and org unit."""
    i, g = t.indicator, t.org_unit
    return (
        query.select_from(staged)
        .join(i, i.c.code == staged.c.indicator)
        .join(g, g.c.code == staged.c.org_unit)
        .where(staged.c.ok == 1)
    )


def _codes() -> ColumnElement[bool]:
    """The staged row's indicator and org unit (for an UPDATE … FROM; see :func:`_joined`)."""
    i, g = t.indicator, t.org_unit
    return and_(i.c.code == staged.c.indicator, g.c.code == staged.c.org_unit, staged.c.ok == 1)


def _stored() -> ColumnElement[bool]:
    """The stored row of the staged row's key (its indicator and org unit joined)."""
    o, i, g = t.observation, t.indicator, t.org_unit
    return and_(
        o.c.indicator_id == i.c.id,
        o.c.org_unit_id == g.c.id,
        o.c.sector == staged.c.sector,
        o.c.period == staged.c.period,
        o.c.basis == staged.c.basis,
    )


def _differs(o: Table, *, status: bool = False) -> ColumnElement[bool]:
    """The staged row changes the stored value or source (or, with ``status``, its status)."""
    changes = [o.c.value != staged.c.value, o.c.source.is_distinct_from(staged.c.source)]
    return or_(*changes, o.c.status != staged.c.status) if status else or_(*changes)


def _event(change: Change, action: AuditAction, old: ColumnElement[Any]) -> Select[Any]:
    """The columns of a staged row's history event (audit.EVENT_COLUMNS), its new value the
    staged row's; the record named as users name a value (domain.value_key)."""
    s = staged.c
    new = {"value": DecimalText(s.value), "status": s.status, "source": s.source}
    return select(
        literal(change.at, t.audit_event.c.at.type),
        literal(change.actor, String()),
        literal(change.origin, String()),
        literal(AuditEntity.OBSERVATION.value, String()),
        _record_key(),
        literal(action.value, String()),
        old,
        json_of(new),
        null(),
    )


def _record_key() -> ColumnElement[str]:
    """The staged row's :class:`~bioecon.domain.value_key.ValueKey` text, built in SQL."""
    *joined, last = (staged.c[name] for name in value_key.PARTS)
    key: ColumnElement[str] = joined[0]
    for part in joined[1:]:
        key = key + value_key.SEPARATOR + part
    return key + case((last != "", value_key.SEPARATOR + last), else_="")


def _count(connection: Connection, query: Any) -> int:
    return int(connection.execute(select(func.count()).select_from(query.subquery())).scalar_one())
