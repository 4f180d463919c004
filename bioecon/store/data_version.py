"""The data version (数据版本): a counter that every recorded change raises in its own
transaction (:func:`bioecon.store.audit.append` and ``append_selected`` call :func:`bump`; so
do the benchmarks' bulk writes). A cache of derived figures keyed by it (bioecon/cache.py)
never serves figures older than the data: a reader takes the version before it computes."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from bioecon.store import tables as t

_ROW = t.data_version.c.id == 1


def current(connection: Connection) -> int:
    """The version the connection sees now (0 before the first recorded change)."""
    found = connection.execute(select(t.data_version.c.version).where(_ROW)).scalar()
    return int(found or 0)


def bump(connection: Connection) -> None:
    """Raise the version, in the caller's transaction (it commits with the change)."""
    raised = connection.execute(
        update(t.data_version).where(_ROW).values(version=t.data_version.c.version + 1)
    )
    if raised.rowcount == 0:
        connection.execute(insert(t.data_version).values(id=1, version=1))
