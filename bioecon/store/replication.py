"""The WAL positions and replica state PostgreSQL reports (streaming replication)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Connection, text

from bioecon.domain.replication import ReplicaState

_STATE = text(
    """
    SELECT pg_is_in_recovery() AS standby,
           (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint AS replayed,
           (pg_last_wal_receive_lsn() - '0/0'::pg_lsn)::bigint AS received,
           EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') AS streaming,
           EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())
               AS since_replay
    """
)

_WRITTEN = text("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint")


def replica_state(connection: Connection) -> ReplicaState:
    """The state of the server ``connection`` is open on (a replica, or a primary saying
    it is none)."""
    row = connection.execute(_STATE).one()
    since = row.since_replay
    return ReplicaState(
        standby=bool(row.standby),
        replayed=None if row.replayed is None else int(row.replayed),
        received=None if row.received is None else int(row.received),
        streaming=bool(row.streaming),
        since_replay=None if since is None else Decimal(str(since)),
    )


def written_position(connection: Connection) -> int:
    """The primary's WAL position now: after a commit, at or past that commit's record."""
    return int(connection.execute(_WRITTEN).scalar_one())
