"""Shared fixtures. Storage tests take ``app``, which runs them once on a real SQLite file
and once on a real PostgreSQL database (when BIOECON_TEST_POSTGRES_URL is set; skipped with
the reason otherwise). The summary line says how many tests ran on each backend."""

from __future__ import annotations

import os
import shutil
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bioecon.app import Bioecon
from bioecon.settings import Settings, normalise_database_url
from bioecon.store import migrate
from bioecon.store.engine import make_engine
from bioecon.store.tables import metadata

POSTGRES_URL = os.environ.get("BIOECON_TEST_POSTGRES_URL")
NO_POSTGRES = "PostgreSQL tests need BIOECON_TEST_POSTGRES_URL (.ci/run sets it)"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "bioecon.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The test database, emptied and migrated once per session."""
    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    url = normalise_database_url(POSTGRES_URL)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    migrate.upgrade(engine)
    engine.dispose()
    yield url


def _empty_postgres(url: str) -> None:
    engine = create_engine(url)
    names = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


def _sqlite_copy(template: Path, folder: Path) -> str:
    path = folder / "bioecon.db"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    request.node.user_properties.append(("backend", request.param))
    return str(request.param)


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database of the test's backend."""
    if backend == "sqlite":
        return _sqlite_copy(request.getfixturevalue("sqlite_template"), tmp_path)
    url: str = request.getfixturevalue("postgres_url")
    _empty_postgres(url)
    return url


@pytest.fixture
def app(database_url: str) -> Iterator[Bioecon]:
    with Bioecon(Settings(database_url=database_url)) as instance:
        yield instance


@pytest.fixture
def blank_database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[str]:
    """A database with no tables at all (PostgreSQL: a fresh schema, dropped afterwards)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'blank.db'}"
        return
    url: str = request.getfixturevalue("postgres_url")
    schema = f"blank_{uuid.uuid4().hex[:10]}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in url else "?"
    yield f"{url}{separator}options=-csearch_path%3D{schema}"
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture
def changsha_plan_file() -> Path:
    """The 长沙 plan written by hand from the gold annotation (offsets into the seed text)."""
    return DATA / "changsha.plan.yaml"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", "call") not in ("call", "setup"):
                continue
            if outcome == "passed" and report.when != "call":
                continue
            backend = dict(getattr(report, "user_properties", [])).get("backend")
            if backend:
                counts[(str(backend), outcome)] += 1
    if not counts:
        return
    terminalreporter.section("tests per storage backend")
    for backend in ("sqlite", "postgresql"):
        parts = [
            f"{counts[(backend, o)]} {o}"
            for o in ("passed", "failed", "skipped", "error")
            if counts[(backend, o)]
        ]
        terminalreporter.write_line(f"{backend}: {', '.join(parts) or 'none'}")
    if not POSTGRES_URL:
        terminalreporter.write_line(f"postgresql cases skipped: {NO_POSTGRES}")
