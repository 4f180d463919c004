"""Engine creation: one place that knows the backends' connection quirks."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import DBAPIError

from bioecon.errors import DatabaseNotReady


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets its parent folder created and foreign keys on."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _make_folder(Path(parsed.database).expanduser().parent)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True)
        event.listen(engine, "connect", _postgres_on_connect)
        event.listen(engine, "begin", _postgres_begin)
    event.listen(engine, "handle_error", _unreachable)
    return engine


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseNotReady(
            f"无法创建数据库文件夹 {folder}：{error.strerror}；请检查 --db 地址"
        ) from None


def _unreachable(context: ExceptionContext) -> None:
    """A failed connection attempt (no connection yet) becomes one line naming the server —
    host and port, or the SQLite file — never the password, instead of a driver traceback."""
    if context.connection is not None or not isinstance(context.sqlalchemy_exception, DBAPIError):
        return
    url = context.engine.url if context.engine is not None else None
    reason = (str(context.original_exception).strip().splitlines() or ["?"])[0]
    if url is not None and url.password:
        reason = reason.replace(str(url.password), "***")
    raise DatabaseNotReady(
        f"无法连接数据库 {_server(url)}：{reason}；请检查服务器是否在运行、--db 地址是否正确"
    ) from None


def _server(url: URL | None) -> str:
    """Where the database is: ``host:port/name`` for a server, the file for SQLite."""
    if url is None:
        return "(unknown)"
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def _postgres_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # The ledger statements run in tens of milliseconds, but their estimated cost crosses
    # jit_above_cost, and compiling them took ~100 ms of a 120 ms statement (measured with
    # EXPLAIN ANALYZE; docs/performance.md). JIT pays off only for queries of many seconds.
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    dbapi_connection.commit()


WRITER = "bioecon_writer"
"""Execution option of a connection that will write: its transaction takes the write lock when
it begins (SQLite: BEGIN IMMEDIATE; PostgreSQL: :data:`WRITE_LOCK`), so a second writer waits for
the first to commit and then reads what it wrote, instead of reading a state that is gone when
it writes."""

WRITE_LOCK = 0x62696F65  # "bioe": the key of bioecon's transaction-scoped advisory lock
WRITE_WAIT = "60s"
"""How long a PostgreSQL writer waits for another (SQLite: busy_timeout, 5 s): loads of a few
hundred thousand rows take about as long; beyond it the writer gives up with a Conflict."""


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # The driver's own transaction handling begins a transaction only before the first write,
    # so a use case's reads would see no consistent state; bioecon begins it (_sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()
    # 两年平均增速 needs sqrt; SQLite builds without math functions lack it.
    dbapi_connection.create_function("sqrt", 1, _sqrt, deterministic=True)


def _postgres_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(WRITER, False):
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{WRITE_WAIT}'")
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


def _sqlite_begin(connection: Connection) -> None:
    writer = connection.get_execution_options().get(WRITER, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


def _sqrt(value: float | None) -> float | None:
    return math.sqrt(value) if value is not None and value >= 0 else None


def describe_url(engine: Engine) -> str:
    """The URL with any password hidden."""
    return engine.url.render_as_string(hide_password=True)
