"""Bulk inserts straight to the driver's executemany, for loads of many thousands of rows.

SQLAlchemy's per-row parameter construction costs more than the database's own work at this
scale (measured: 0.77 s of 1.2 s for 50,000 enterprises). Values still pass through each
column type's bind processor, so ExactDecimal's exactness check and scaling apply unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

Processor = Callable[[Any], Any]


def bulk_insert(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    dialect = connection.dialect
    processors = [_bind_processor(table.c[name].type, dialect) for name in columns]
    placeholder = "?" if dialect.paramstyle == "qmark" else "%s"
    statement = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join([placeholder] * len(columns))})"
    )
    extract = itemgetter(*columns)
    converted = [(at, process) for at, process in enumerate(processors) if process is not None]
    values: list[tuple[Any, ...]] = []
    for row in rows:
        found = extract(row)
        if len(columns) == 1:
            found = (found,)
        if converted:
            listed = list(found)
            for at, process in converted:
                listed[at] = process(listed[at])
            found = tuple(listed)
        values.append(found)
    connection.exec_driver_sql(statement, values)


def _bind_processor(column_type: TypeEngine[Any], dialect: Dialect) -> Processor | None:
    """What the driver is given for a value of the column: a type decorator's own conversion,
    then its dialect implementation's. (``TypeDecorator.bind_processor`` would chain the
    generic ``impl`` instead, which on psycopg turns an exact Decimal into a float: digits
    beyond the 15th were lost.)"""
    if not isinstance(column_type, TypeDecorator):
        return column_type.bind_processor(dialect)
    own = column_type.process_bind_param
    impl = column_type.load_dialect_impl(dialect).bind_processor(dialect)

    def process(value: Any) -> Any:
        converted = own(value, dialect)
        return impl(converted) if impl is not None else converted

    return process
