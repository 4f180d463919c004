"""Bulk inserts straight to the driver's executemany, for loads of many thousands of rows.

SQLAlchemy's per-row parameter construction costs more than the database's own work at this
scale (measured: 0.77 s of 1.2 s for 50,000 enterprises). Values still pass through each
column type's bind processor, so ExactDecimal's exactness check and scaling apply unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table


def bulk_insert(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    dialect = connection.dialect
    processors: list[Callable[[Any], Any] | None] = [
        table.c[name].type.bind_processor(dialect) for name in columns
    ]
    placeholder = "?" if dialect.paramstyle == "qmark" else "%s"
    statement = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join([placeholder] * len(columns))})"
    )
    values = [
        tuple(
            process(row[name]) if process is not None else row[name]
            for name, process in zip(columns, processors, strict=True)
        )
        for row in rows
    ]
    connection.exec_driver_sql(statement, values)
