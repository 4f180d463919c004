"""The application object: owns the database engine. No import-time globals.

``Bioecon(Settings.resolve())`` in the CLI, ``Bioecon(Settings(database_url=...))`` in a test:
each has its own engine, so tests run side by side on separate databases.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError

from bioecon.cache import FigureCache
from bioecon.errors import Conflict, InvalidValue
from bioecon.settings import Settings
from bioecon.store.engine import WRITER, make_engine
from bioecon.store.replicas import Replicas

CONCURRENT_WRITE = "另一个导入同时写入了相同的记录；请重试"


class Bioecon:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine: Engine = make_engine(settings.database_url)
        # derived figures by data version (bioecon/cache.py); none kept when the size is 0
        self.figures = FigureCache(settings.figure_cache)
        self.replicas = Replicas(settings.replica_urls, max_lag=settings.replica_max_lag)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back on any exception.

        A write reads what is stored, then writes the difference, so two writers must not
        interleave: a writer's transaction takes the database's write lock when it begins —
        SQLite's (BEGIN IMMEDIATE), PostgreSQL's transaction-scoped advisory lock — and a second
        writer waits for the first to commit, then reads what it wrote. A wait that times out,
        or a unique key a writer outside bioecon committed first, is a :class:`Conflict`
        (nothing was written; try again), mapped here, once, for every use case."""
        try:
            with self.engine.connect() as connection:
                connection.execution_options(**{WRITER: True})
                with connection.begin():
                    yield connection
                self.replicas.committed(connection)
        except (IntegrityError, OperationalError) as error:
            if not _lost_race(error):
                raise
            raise Conflict(CONCURRENT_WRITE) from error
        except (OverflowError, DataError) as error:
            raise _unstorable(error) from error

    @contextmanager
    def reading(self, *, replica: bool = False) -> Iterator[Connection]:
        """A connection for reads only (a value the database cannot hold is an
        :class:`InvalidValue`, as in :meth:`transaction`).

        ``replica=True``: the figures of pages and the API, which may come from a streaming
        replica (备库) when one is configured and fresh enough (bioecon/store/replicas.py); else,
        and for what decides access (sessions, accounts), the primary."""
        try:
            if replica:
                with self.replicas.connect() as found:
                    if found is not None:
                        yield found
                        return
            with self.engine.connect() as connection:
                yield connection
        except (OverflowError, DataError) as error:
            raise _unstorable(error) from error

    def close(self) -> None:
        self.engine.dispose()
        self.replicas.close()

    def __enter__(self) -> Bioecon:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _lost_race(error: DBAPIError) -> bool:
    """A write that lost to a concurrent one: a unique key another transaction committed first
    (SQLSTATE 23505), a serialization failure or deadlock (class 40), a lock not granted in
    time (55P03, SQLite's "database is locked"). Other integrity errors (a foreign key, a
    check) are bugs, and stay what they are."""
    sqlstate = getattr(error.orig, "sqlstate", None)
    if isinstance(sqlstate, str):
        return sqlstate in ("23505", "55P03") or sqlstate.startswith("40")
    text = str(error.orig)
    return text.startswith("UNIQUE constraint failed") or "database is locked" in text


def _unstorable(error: OverflowError | DataError) -> InvalidValue:
    """A value the database cannot hold, looked up or written: an integer beyond 64 bits
    (SQLite's driver raises OverflowError, PostgreSQL "integer out of range"), a NUL character
    in text (PostgreSQL). The readers refuse these with row and field first; this is the net
    under every other path (a code or id typed on the command line or in a URL)."""
    if isinstance(error, OverflowError):
        return InvalidValue("数值超出数据库可存储的范围（整数须小于2^63）；请检查输入")
    reason = (str(error.orig).strip().splitlines() or ["?"])[0]
    return InvalidValue(f"数据库无法存储这个值：{reason}；请检查输入")
