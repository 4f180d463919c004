"""Code ↔ id: records are known to users by code; integer ids stay inside the store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

_CHUNK = 5000  # codes per IN-list: both engines take far more; fewer round trips


def id_map(
    connection: Connection, table: Table, codes: Iterable[str], column: str = "code"
) -> dict[str, int]:
    """ids of the rows of ``table`` whose ``column`` is in ``codes``; unknown codes are absent."""
    wanted = sorted(set(codes))
    found: dict[str, int] = {}
    key = table.c[column]
    for offset in range(0, len(wanted), _CHUNK):
        chunk = wanted[offset : offset + _CHUNK]
        rows = connection.execute(select(key, table.c.id).where(key.in_(chunk)))
        found.update({row[0]: row[1] for row in rows})
    return found


def existing_codes(
    connection: Connection, table: Table, codes: Iterable[str], column: str = "code"
) -> set[str]:
    """The ``codes`` that ``table`` holds in ``column``."""
    return set(id_map(connection, table, codes, column))


def upsert_by_code(
    connection: Connection, table: Table, ids: dict[str, int], code: str, values: dict[str, Any]
) -> None:
    """Update the row of ``table`` with ``code`` (its id in ``ids``) or insert it, adding its id."""
    if code in ids:
        connection.execute(update(table).where(table.c.id == ids[code]).values(values))
    else:
        ids[code] = connection.execute(
            insert(table).values(code=code, **values).returning(table.c.id)
        ).scalar_one()
