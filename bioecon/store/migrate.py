"""Schema migrations: upgrade, and the check every command makes before touching data."""

from __future__ import annotations

import weakref
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from bioecon.errors import DatabaseNotReady

_MIGRATIONS = Path(__file__).with_name("migrations")
_CURRENT: weakref.WeakSet[Engine] = weakref.WeakSet()
"""Engines whose database was found at the code's revision: checked once per engine (a
process's app), not on every use case's call; upgrading or downgrading through this module
forgets the engine. (A schema changed under a running server by another process is met by
the database's own errors; `bioecon db upgrade` is run with the server stopped.)"""


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str:
    """The code's schema revision (read once: the scripts ship with the package)."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    _CURRENT.discard(engine)
    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    _CURRENT.discard(engine)
    with engine.begin() as connection:
        command.downgrade(_config(connection), revision)


def ensure_current(connection: Connection) -> None:
    """Raise :class:`DatabaseNotReady` unless the schema is at the code's revision (asked of
    the database once per engine, while it is not)."""
    if connection.engine in _CURRENT:
        return
    current = current_revision(connection)
    head = head_revision()
    if current != head:
        state = "has no bioecon schema" if current is None else f"is at revision {current}"
        raise DatabaseNotReady(
            f"the database {state}; this bioecon expects {head}: run `bioecon db upgrade`"
        )
    _CURRENT.add(connection.engine)
