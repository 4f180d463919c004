"""The same file loaded twice at the same time, by two real writers with their own connections
(threads started together at a barrier, and two `bioecon` processes), on SQLite and
PostgreSQL: one load writes the file; the other waits and finds it unchanged, or is refused as
a conflict (exit 5) — never a traceback, and the database holds the file exactly once."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bioecon.app import Bioecon
from bioecon.domain.model import ObservationStatus
from bioecon.errors import Conflict
from bioecon.io.observations import read_observation_file
from bioecon.io.planfile import read_plan_file
from bioecon.services import observations as observation_service
from bioecon.services import plans as plan_service
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.settings import Settings
from bioecon.store import tables as t

DATA = Path(__file__).parent / "data"
PLAN = DATA / "changsha.plan.yaml"
OBSERVATIONS = DATA / "changsha-observations.csv"
BIOECON = str(Path(sys.executable).with_name("bioecon"))
ROUNDS = 2
# What the files hold, counted by hand: 26 targets and 27 tasks; 90 rows below the header.
PLAN_ONCE = {"plan": 1, "target": 26, "task": 27}


def _counts(url: str, *names: str) -> dict[str, int]:
    with Bioecon(Settings(database_url=url)) as app, app.reading() as connection:
        tables = t.metadata.tables
        count = select(func.count())
        return {
            name: int(connection.execute(count.select_from(tables[name])).scalar_one())
            for name in names
        }


def _load_plan(app: Bioecon) -> str:
    parsed = read_plan_file(PLAN)
    report = plan_service.load_plan(
        app,
        actor=LOCAL_ADMIN,
        origin="test",
        bundle=parsed.bundle,
        source=parsed.source,
        locate=parsed.locate,
    )
    return report.outcome


def _load_observations(app: Bioecon) -> str:
    report = observation_service.load_observations(
        app,
        actor=LOCAL_ADMIN,
        origin="test",
        parsed=read_observation_file(OBSERVATIONS, sheet=None),
        status=ObservationStatus.APPROVED,
        reported_by="test",
    )
    return "created" if report.inserted else "unchanged"


def _together(url: str, load: Callable[[Bioecon], str]) -> list[str]:
    """``load`` in two threads at once, each with its own app (engine, connection)."""
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def writer() -> None:
        with Bioecon(Settings(database_url=url)) as app:
            with app.reading():
                pass  # connected before the barrier: the loads themselves start together
            barrier.wait()
            try:
                outcomes.append(load(app))
            except Conflict:
                outcomes.append("conflict")

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return sorted(outcomes)


def _empty(url: str) -> None:
    with Bioecon(Settings(database_url=url)) as app, app.transaction() as connection:
        connection.execute(t.org_unit.update().values(parent_id=None))  # refers to itself
        for table in reversed(t.metadata.sorted_tables):
            if table is not t.audit_event:  # append-only: its triggers refuse deletes
                connection.execute(table.delete())


def test_two_plan_loads_at_once_write_the_plan_once(database_url: str) -> None:
    for _ in range(ROUNDS):
        _empty(database_url)
        outcomes = _together(database_url, _load_plan)
        assert outcomes in (["created", "unchanged"], ["conflict", "created"])
        assert _counts(database_url, *PLAN_ONCE) == PLAN_ONCE


def test_two_observation_loads_at_once_write_the_rows_once(database_url: str) -> None:
    for _ in range(ROUNDS):
        _empty(database_url)
        with Bioecon(Settings(database_url=database_url)) as app:
            _load_plan(app)
        outcomes = _together(database_url, _load_observations)
        assert outcomes in (["created", "unchanged"], ["conflict", "created"])
        assert _counts(database_url, "observation") == {"observation": 90}


@pytest.mark.parametrize("command", [["plan", "load", str(PLAN)]])
def test_two_bioecon_processes_loading_one_file_exit_0_and_0_or_5(
    database_url: str, command: list[str]
) -> None:
    for _ in range(ROUNDS):
        _empty(database_url)
        runs = [
            subprocess.Popen(
                [BIOECON, "--db", database_url, *command],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for _ in range(2)
        ]
        results = sorted((run.wait(timeout=120), run.communicate()[0]) for run in runs)
        codes = [code for code, _ in results]
        assert codes in ([0, 0], [0, 5]), results
        assert all("Traceback" not in output for _, output in results)
        if codes == [0, 5]:
            assert results[1][1].strip() == "error: 另一个导入同时写入了相同的记录；请重试"
        else:
            assert sorted(output.split()[-1] for _, output in results) == ["created", "unchanged"]
        assert _counts(database_url, *PLAN_ONCE) == PLAN_ONCE
