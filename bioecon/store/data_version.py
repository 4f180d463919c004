"""The data version (数据版本): the id of the latest recorded change (audit_event). Every change
is recorded in its own transaction (bioecon/services/_audit.py), writers take the database's
write lock one at a time (bioecon/app.py), and the history is append-only (its triggers refuse
deletes): so the version rises with every committed change and never comes back, even when
tables are emptied. A cache of derived figures keyed by it (bioecon/cache.py) never serves
figures older than the data: a reader takes the version before it computes."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from bioecon.store import tables as t


def current(connection: Connection) -> int:
    """The version the connection sees now (0 before the first recorded change): one lookup
    at the end of the history's primary key."""
    found = connection.execute(select(func.max(t.audit_event.c.id))).scalar()
    return int(found or 0)
