"""When a read may be served by a PostgreSQL streaming replica (备库) rather than the primary.

A replica replays the primary's write-ahead log (WAL); a position in it is an LSN, written here
as the number of bytes from the log's start. The rule is pure: the store reads a replica's
state (:func:`bioecon.store.replication.replica_state`), this decides."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class ReplicaState:
    """What a replica says about itself.

    ``standby``: it is in recovery (a replica, not a primary); ``replayed``/``received``: the
    WAL positions it has applied and has received (``None`` when it has none); ``streaming``:
    its WAL receiver is connected to the primary; ``since_replay``: seconds since the last
    transaction it applied was committed on the primary (``None`` before the first)."""

    standby: bool
    replayed: int | None
    received: int | None
    streaming: bool
    since_replay: Decimal | None


def replica_refusal(state: ReplicaState, *, written: int, max_lag: Decimal) -> str | None:
    """Why a read must not go to this replica, or ``None`` when it may.

    - it must be a replica that has replayed something and is streaming from the primary
      (a broken link cannot tell how far behind it is);
    - it must have replayed ``written``, the position just after this process's last commit
      (a user reads what they have just written);
    - a backlog (received but not yet applied) must be younger than ``max_lag`` seconds:
      a replica that has applied all it received is as fresh as streaming makes it, however
      long ago the primary last wrote."""
    if not state.standby:
        return "不是备库（未处于恢复状态）"
    if state.replayed is None:
        return "备库尚未回放任何日志"
    if not state.streaming:
        return "备库未与主库保持流复制连接"
    if state.replayed < written:
        return "备库尚未回放本进程最近一次写入"
    backlog = state.received is not None and state.received > state.replayed
    if backlog and (state.since_replay is None or state.since_replay > max_lag):
        return f"备库回放延迟超过 {max_lag} 秒"
    return None
