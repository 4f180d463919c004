"""Database housekeeping that is not part of the schema."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import Connection, create_engine, text


def fresh_schema(url: str, schema: str) -> str:
    """Drop and create PostgreSQL schema ``schema``; return ``url`` with it as search path."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
        raise ValueError(f"unsafe schema name {schema!r}")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def refresh_statistics(connection: Connection, tables: Sequence[str] = ("observation",)) -> None:
    """Update the query planner's statistics after a large write (ANALYZE, on both engines).

    Without them PostgreSQL estimates a freshly loaded table at a handful of rows and picks
    nested loops that cost seconds; SQLite's planner uses them too (sqlite_stat1).
    """
    for table in tables:
        if not re.fullmatch(r"[a-z_]+", table):
            raise ValueError(f"unsafe table name {table!r}")
        connection.execute(text(f"ANALYZE {table}"))
