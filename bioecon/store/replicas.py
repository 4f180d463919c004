"""Reads from PostgreSQL streaming replicas (备库), writes to the primary (主库).

The app object holds one :class:`Replicas`: an engine per configured replica, the WAL position
of this process's last commit, and which replicas are down. A read that may come from a replica
(``Bioecon.reading(replica=True)``) takes the replicas in turn and uses the first that
:func:`bioecon.domain.replication.replica_refusal` accepts: one that has replayed this
process's last write and has no backlog older than ``replica_max_lag``. Otherwise the primary
answers, so a page never shows figures older than what its own process wrote. docs/replicas.md
says what this does not cover (another worker's write, until the replica replays it)."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from bioecon.domain.replication import replica_refusal
from bioecon.errors import DatabaseNotReady
from bioecon.store.engine import describe_url, make_engine
from bioecon.store.replication import replica_state, written_position

DOWN_SECONDS = 10.0
"""A replica that could not be reached is not tried again for this long (each try would cost a
connection attempt on every read)."""


@dataclass(frozen=True, slots=True)
class ReplicaReport:
    """One replica as `bioecon db info` shows it: its address, and why it is passed over
    (``None``: it serves reads)."""

    url: str
    refusal: str | None


class Replicas:
    def __init__(self, urls: tuple[str, ...], *, max_lag: Decimal) -> None:
        self._engines: tuple[Engine, ...] = tuple(make_engine(url) for url in urls)
        self._max_lag = max_lag
        self._turn = itertools.count()
        self._lock = threading.Lock()
        self._written = 0  # WAL position after this process's last commit
        self._down_until: dict[int, float] = {}
        self._primary_until = 0.0  # after a commit whose position could not be read

    @property
    def configured(self) -> bool:
        return bool(self._engines)

    def committed(self, connection: Connection) -> None:
        """Record where the primary's WAL stands after a commit on ``connection``."""
        if not self._engines:
            return
        try:
            position = written_position(connection)
        except DBAPIError:  # committed, but the position is unknown: the primary reads a while
            with self._lock:
                self._primary_until = time.monotonic() + float(self._max_lag)
            return
        with self._lock:
            self._written = max(self._written, position)

    @contextmanager
    def connect(self) -> Iterator[Connection | None]:
        """A connection to a replica fresh enough to read from, or ``None``."""
        for index in self._in_turn():
            connection, _ = self._open(index)
            if connection is not None:
                with connection:
                    yield connection
                return
        yield None

    def reports(self) -> tuple[ReplicaReport, ...]:
        """Every replica, tried now, with why it would be passed over."""
        found = []
        for index, engine in enumerate(self._engines):
            connection, refusal = self._open(index)  # down or not: tried now
            if connection is not None:
                connection.close()
            found.append(ReplicaReport(url=describe_url(engine), refusal=refusal))
        return tuple(found)

    def close(self) -> None:
        for engine in self._engines:
            engine.dispose()

    def _in_turn(self) -> list[int]:
        if not self._engines:
            return []
        now = time.monotonic()
        with self._lock:
            if now < self._primary_until:
                return []
            start = next(self._turn) % len(self._engines)
            order = [(start + step) % len(self._engines) for step in range(len(self._engines))]
            return [index for index in order if self._down_until.get(index, 0.0) <= now]

    def _open(self, index: int) -> tuple[Connection | None, str | None]:
        """An open connection to replica ``index`` if it may serve reads, else why not (the
        caller skips replicas that are down: :meth:`_in_turn`)."""
        try:
            connection = self._engines[index].connect()
        except (DatabaseNotReady, DBAPIError) as error:
            with self._lock:
                self._down_until[index] = time.monotonic() + DOWN_SECONDS
            return None, f"无法连接：{str(error).splitlines()[0]}"
        try:
            state = replica_state(connection)
        except DBAPIError as error:
            connection.close()
            return None, f"无法读取复制状态：{str(error.orig).splitlines()[0]}"
        with self._lock:
            written = self._written
        refusal = replica_refusal(state, written=written, max_lag=self._max_lag)
        if refusal is not None:
            connection.close()
            return None, refusal
        return connection, None
