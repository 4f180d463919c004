"""Which rows other rows refer to, read from the schema's foreign keys (so a table added later
is counted without a change here): what may be deleted without breaking a reference."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Table, delete, select

from bioecon.store import tables as t


def referenced(connection: Connection, table: Table, ids: Iterable[int]) -> set[int]:
    """The ``ids`` of ``table`` that a row of any table refers to by a foreign key, other than
    the rows deleted with them (``ON DELETE CASCADE``)."""
    wanted = sorted(set(ids))
    found: set[int] = set()
    if not wanted:
        return found
    for other in t.metadata.tables.values():
        for key in other.foreign_keys:
            if key.column.table is table and key.ondelete != "CASCADE":
                rows = connection.execute(select(key.parent).where(key.parent.in_(wanted)))
                found.update(int(value) for (value,) in rows if value is not None)
    return found


def delete_unreferenced(connection: Connection, table: Table, ids: Iterable[int]) -> list[str]:
    """Delete the rows among ``ids`` nothing refers to, repeatedly (a parent goes once its last
    child has gone); returns their codes."""
    pending = set(ids)
    gone: list[str] = []
    while pending:
        free = pending - referenced(connection, table, pending)
        if not free:
            break
        codes = connection.execute(select(table.c.code).where(table.c.id.in_(sorted(free))))
        gone += sorted(str(code) for (code,) in codes)
        connection.execute(delete(table).where(table.c.id.in_(sorted(free))))
        pending -= free
    return gone
