"""When a read may go to a streaming replica: hand-written cases, then properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.replication import ReplicaState, replica_refusal

FIVE = Decimal(5)


def state(
    *,
    standby: bool = True,
    replayed: int | None = 1_000,
    received: int | None = 1_000,
    streaming: bool = True,
    since: str | None = "120",
) -> ReplicaState:
    return ReplicaState(
        standby=standby,
        replayed=replayed,
        received=received,
        streaming=streaming,
        since_replay=None if since is None else Decimal(since),
    )


@pytest.mark.parametrize(
    ("replica", "written", "expected"),
    [
        # caught up: all it received is applied, however long ago the last commit was (120 s)
        (state(), 1_000, None),
        (state(), 0, None),  # this process has written nothing
        # this process committed at 1,001, the replica has applied up to 1,000
        (state(), 1_001, "备库尚未回放本进程最近一次写入"),
        # a backlog (1,200 received, 1,000 applied) whose last applied commit is 3 s old: ≤ 5 s
        (state(received=1_200, since="3"), 1_000, None),
        # the same backlog, 5 s exactly: still within the bound
        (state(received=1_200, since="5"), 1_000, None),
        # 5.001 s: beyond it
        (state(received=1_200, since="5.001"), 1_000, "备库回放延迟超过 5 秒"),
        # a backlog and no commit ever applied: its age is unknown
        (state(received=1_200, since=None), 1_000, "备库回放延迟超过 5 秒"),
        (state(standby=False), 0, "不是备库（未处于恢复状态）"),
        (state(replayed=None, received=None), 0, "备库尚未回放任何日志"),
        (state(streaming=False), 0, "备库未与主库保持流复制连接"),
    ],
)
def test_the_refusals(replica: ReplicaState, written: int, expected: str | None) -> None:
    assert replica_refusal(replica, written=written, max_lag=FIVE) == expected


positions = st.integers(min_value=0, max_value=2**62)
lags = st.decimals(min_value=0, max_value=10_000, places=3)
states = st.builds(
    ReplicaState,
    standby=st.booleans(),
    replayed=st.none() | positions,
    received=st.none() | positions,
    streaming=st.booleans(),
    since_replay=st.none() | lags,
)


@given(states, positions, positions, lags)
def test_a_replica_fit_for_a_later_write_is_fit_for_an_earlier_one(
    replica: ReplicaState, first: int, second: int, max_lag: Decimal
) -> None:
    earlier, later = sorted((first, second))
    if replica_refusal(replica, written=later, max_lag=max_lag) is None:
        assert replica_refusal(replica, written=earlier, max_lag=max_lag) is None


@given(states, positions, lags, lags)
def test_a_wider_lag_bound_never_refuses_what_a_narrower_one_accepts(
    replica: ReplicaState, written: int, first: Decimal, second: Decimal
) -> None:
    narrow, wide = sorted((first, second))
    if replica_refusal(replica, written=written, max_lag=narrow) is None:
        assert replica_refusal(replica, written=written, max_lag=wide) is None


@given(states, positions, lags)
def test_an_accepted_replica_has_replayed_the_write_and_streams(
    replica: ReplicaState, written: int, max_lag: Decimal
) -> None:
    if replica_refusal(replica, written=written, max_lag=max_lag) is None:
        assert replica.standby and replica.streaming
        assert replica.replayed is not None and replica.replayed >= written
