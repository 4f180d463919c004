"""Reads from a real PostgreSQL streaming replica, writes to the primary.

Needs a primary (BIOECON_TEST_POSTGRES_URL) and a hot standby streaming from it
(BIOECON_TEST_REPLICA_URL, the same database on the replica's port); `.ci/run` starts both on
loopback. Replay is paused on the replica (``pg_wal_replay_pause()``) to make it lag on demand."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bioecon.app import Bioecon
from bioecon.io.directory_files import read_org_unit_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.database import database_info
from bioecon.services.orgunits import load_org_units
from bioecon.services.plans import org_unit_context
from bioecon.settings import Settings, normalise_database_url
from tests.conftest import _empty_postgres

REPLICA_URL = os.environ.get("BIOECON_TEST_REPLICA_URL")
NO_REPLICA = "replica tests need BIOECON_TEST_REPLICA_URL (.ci/run starts a hot standby)"


@pytest.fixture
def primary_url(postgres_url: str) -> str:
    _empty_postgres(postgres_url)
    return postgres_url


@pytest.fixture
def replica_url() -> Iterator[str]:
    if not REPLICA_URL:
        pytest.skip(NO_REPLICA)
    url = normalise_database_url(REPLICA_URL)
    yield url
    _replay(url, "resume")  # whatever a test did, the replica replays again


def _replay(url: str, what: str) -> None:
    engine = create_engine(url)
    with engine.connect() as connection:
        connection.execute(text(f"SELECT pg_wal_replay_{what}()"))
    engine.dispose()


def _app(primary: str, replica: str, *, max_lag: str = "5") -> Bioecon:
    return Bioecon(
        Settings(database_url=primary, replica_urls=(replica,), replica_max_lag=Decimal(max_lag))
    )


def _served_by_standby(app: Bioecon) -> bool:
    with app.reading(replica=True) as connection:
        return bool(connection.execute(text("SELECT pg_is_in_recovery()")).scalar_one())


def _caught_up(app: Bioecon, timeout: float = 20.0) -> None:
    """Wait until the replica serves this app's reads (it has replayed the app's writes)."""
    deadline = time.monotonic() + timeout
    while not _served_by_standby(app):
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.05)


def _units(folder: Path, name: str) -> Path:
    source = folder / f"units-{name}.csv"
    source.write_text(f"代码,名称,层级,上级代码\n340100,{name},地级市,\n", encoding="utf-8")
    return source


def _load(app: Bioecon, source: Path) -> None:
    load_org_units(app, actor=LOCAL_ADMIN, origin="test", file=read_org_unit_file(source))


def _name(app: Bioecon) -> str:
    return org_unit_context(app, actor=LOCAL_ADMIN, code="340100").name


def test_reads_go_to_the_replica_once_it_has_replayed_the_writes(
    primary_url: str, replica_url: str, tmp_path: Path
) -> None:
    with _app(primary_url, replica_url) as app:
        _load(app, _units(tmp_path, "合肥市"))
        _caught_up(app)
        assert _name(app) == "合肥市"  # from the standby: the write has been replayed there
        with app.reading() as connection:  # without replica=True: always the primary
            assert connection.execute(text("SELECT pg_is_in_recovery()")).scalar_one() is False


def test_a_process_reads_its_own_write_while_the_replica_lags(
    primary_url: str, replica_url: str, tmp_path: Path
) -> None:
    with _app(primary_url, replica_url) as app:
        _load(app, _units(tmp_path, "合肥市"))
        _caught_up(app)
        _replay(replica_url, "pause")
        _load(app, _units(tmp_path, "新合肥市"))  # committed on the primary, not replayed
        assert not _served_by_standby(app)  # the replica has not replayed this write
        assert _name(app) == "新合肥市"  # so the primary answers: the user sees their write
        _replay(replica_url, "resume")
        _caught_up(app)
        assert _name(app) == "新合肥市"  # and the standby, once replayed, says the same


def test_another_process_reads_the_replica_only_within_the_lag_it_allows(
    primary_url: str, replica_url: str, tmp_path: Path
) -> None:
    with _app(primary_url, replica_url) as writer:
        _load(writer, _units(tmp_path, "合肥市"))
        _caught_up(writer)
        _replay(replica_url, "pause")
        _load(writer, _units(tmp_path, "新合肥市"))
        time.sleep(0.3)  # the replica receives the WAL (received > replayed) but does not apply it
    # Another process (another web worker) has written nothing itself. With a bound of 0 s a
    # backlog of any age sends it to the primary; with an hour's bound, the replica's older
    # state is accepted: the documented limit of `replica_max_lag`.
    with _app(primary_url, replica_url, max_lag="0") as strict:
        assert not _served_by_standby(strict)
        assert _name(strict) == "新合肥市"
    with _app(primary_url, replica_url, max_lag="3600") as lenient:
        assert _served_by_standby(lenient)
        assert _name(lenient) == "合肥市"


def test_an_unreachable_replica_is_passed_over_and_reported(
    primary_url: str, replica_url: str, tmp_path: Path
) -> None:
    dead = normalise_database_url("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2")
    with _app(primary_url, dead) as app:
        _load(app, _units(tmp_path, "合肥市"))
        assert _name(app) == "合肥市"  # the primary answers
        (report,) = app.replicas.reports()
        assert report.url.startswith("postgresql+psycopg://postgres@127.0.0.1:1/none")
        assert report.refusal is not None and report.refusal.startswith("无法连接")
    with _app(primary_url, replica_url) as app:
        _caught_up(app)
        (report,) = app.replicas.reports()
        assert report.refusal is None
        # what `bioecon db info` shows of it
        assert database_info(app).replicas == {report.url: "用于读取"}


def test_the_primary_is_not_taken_for_a_replica(primary_url: str, tmp_path: Path) -> None:
    with _app(primary_url, primary_url) as app:
        _load(app, _units(tmp_path, "合肥市"))
        (report,) = app.replicas.reports()
        assert report.refusal == "不是备库（未处于恢复状态）"
        assert _name(app) == "合肥市"
