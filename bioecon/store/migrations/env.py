"""Alembic environment: runs on the connection bioecon hands over (see bioecon.store.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from bioecon.store.tables import metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("bioecon migrations run through `bioecon db upgrade`")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite alters tables by copy; keep migrations portable
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
