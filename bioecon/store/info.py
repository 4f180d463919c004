"""What a database holds: row counts per table."""

from __future__ import annotations

from sqlalchemy import Connection, func, inspect, select

from bioecon.store.tables import metadata


def row_counts(connection: Connection) -> dict[str, int]:
    """Rows per bioecon table that exists in the database."""
    present = set(inspect(connection).get_table_names())
    return {
        name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
        for name, table in metadata.tables.items()
        if name in present
    }
