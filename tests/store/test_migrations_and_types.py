from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import DateTime, bindparam, func, insert, select, text

from bioecon.app import Bioecon
from bioecon.errors import ConfigurationError, DatabaseNotReady
from bioecon.settings import Settings
from bioecon.store import migrate
from bioecon.store import tables as t
from bioecon.store.engine import make_engine
from bioecon.store.tables import metadata


def test_upgrade_from_nothing_matches_the_tables_and_downgrades_cleanly(
    blank_database_url: str,
) -> None:
    engine = make_engine(blank_database_url)
    with engine.connect() as connection, pytest.raises(DatabaseNotReady, match="no bioecon schema"):
        migrate.ensure_current(connection)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    migrate.downgrade(engine, "base")
    with engine.connect() as connection:
        assert migrate.current_revision(connection) is None
        assert set(connection.dialect.get_table_names(connection)) <= {"alembic_version"}
    migrate.upgrade(engine)
    engine.dispose()


def _add_region(app: Bioecon) -> int:
    with app.transaction() as connection:
        return int(
            connection.execute(
                insert(t.org_unit)
                .values(code="X", name="x", level="city", additive=True)
                .returning(t.org_unit.c.id)
            ).scalar_one()
        )


def test_amounts_are_stored_and_summed_exactly(app: Bioecon) -> None:
    """0.1 summed ten times is exactly 1 in SQL on both backends (a float sum is not)."""
    region = _add_region(app)
    values = [Decimal("0.1")] * 10 + [
        Decimal("999999999999.999999"),
        Decimal("-999999999999.999999"),
        Decimal("0.000001"),
    ]
    with app.transaction() as connection:
        connection.execute(
            insert(t.project),
            [
                {
                    "code": f"P{n}",
                    "name": "p",
                    "org_unit_id": region,
                    "stage": "planned",
                    "total_investment": v,
                }
                for n, v in enumerate(values)
            ],
        )
    with app.reading() as connection:
        total = connection.execute(select(func.sum(t.project.c.total_investment))).scalar_one()
        stored = connection.execute(
            select(t.project.c.total_investment).where(t.project.c.code == "P10")
        ).scalar_one()
    assert total == Decimal("1.000001")
    assert stored == Decimal("999999999999.999999")


def test_a_value_the_ledger_cannot_hold_exactly_is_refused(app: Bioecon) -> None:
    region = _add_region(app)
    with (
        pytest.raises(Exception, match="more than 6 decimal places"),
        app.transaction() as connection,
    ):
        connection.execute(
            insert(t.project).values(
                code="P",
                name="p",
                org_unit_id=region,
                stage="planned",
                total_investment=Decimal("0.1234567"),
            )
        )


def test_foreign_keys_are_enforced(app: Bioecon) -> None:
    with pytest.raises(Exception, match=r"(?i)foreign key"), app.transaction() as connection:
        connection.execute(
            insert(t.org_unit).values(
                code="Y", name="y", level="park", parent_id=9999, additive=False
            )
        )


def test_settings_resolve_urls_from_option_environment_and_default() -> None:
    assert (
        Settings.resolve(database_url="postgres://u@h/db", environ={}).database_url
        == "postgresql+psycopg://u@h/db"
    )
    assert (
        Settings.resolve(environ={"BIOECON_DATABASE_URL": "sqlite:///x.db"}).database_url
        == "sqlite:///x.db"
    )
    assert Settings.resolve(environ={}).database_url.endswith("bioecon.db")
    from bioecon.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="unsupported database URL 'mysql://x'"):
        Settings.resolve(database_url="mysql://x", environ={})


def test_values_reported_before_0015_take_their_report_time_as_first_submission(
    blank_database_url: str,
) -> None:
    """Revision 0015 adds observation.submitted_at: a submitted or approved value stored
    before it was first submitted, at the latest, when it was last reported; a draft never."""
    engine = make_engine(blank_database_url)
    migrate.upgrade(engine, "0012")
    rows = [("2025-01", "submitted"), ("2025-02", "approved"), ("2025-03", "draft")]
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO org_unit (id, code, name, level, additive) "
                "VALUES (1, 'X', 'x', 'city', true)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO indicator (id, code, name, unit, nature, basis, period_type,"
                " aggregation, jan_feb_combined) VALUES (1, 'rev', '营业收入', '亿元', 'flow',"
                " 'ytd', 'month', 'sum', false)"
            )
        )
        for n, (period, status) in enumerate(rows, start=1):
            connection.execute(
                text(
                    "INSERT INTO observation (indicator_id, org_unit_id, sector, period,"
                    " period_type, year, period_index, basis, value, status, reported_at)"
                    " VALUES (1, 1, '', :period, 'month', 2025, :n, 'ytd', 1, :status, :at)"
                ).bindparams(bindparam("at", type_=DateTime(timezone=True))),
                {"period": period, "n": n, "status": status, "at": AT},
            )
    migrate.upgrade(engine)
    with engine.connect() as connection:
        o = t.observation
        got = connection.execute(select(o.c.period, o.c.submitted_at).order_by(o.c.period)).all()
    engine.dispose()
    assert [(period, at) for period, at in got] == [
        ("2025-01", AT),
        ("2025-02", AT),
        ("2025-03", None),
    ]


AT = datetime(2025, 2, 3, 4, 5, 6, tzinfo=UTC)


def test_replica_settings_are_read_and_checked() -> None:
    primary = "postgres://u@h/db"
    resolved = Settings.resolve(
        database_url=primary,
        environ={
            "BIOECON_REPLICA_URLS": "postgres://u@r1/db, postgresql://u@r2/db,",
            "BIOECON_REPLICA_MAX_LAG": "0.5",
        },
    )
    assert resolved.replica_urls == (
        "postgresql+psycopg://u@r1/db",
        "postgresql+psycopg://u@r2/db",
    )
    assert resolved.replica_max_lag == Decimal("0.5")
    assert Settings.resolve(database_url=primary, environ={}).replica_urls == ()
    with pytest.raises(ConfigurationError, match="BIOECON_REPLICA_URLS: 只读备库只能配合"):
        Settings.resolve(
            database_url="sqlite:///x.db", environ={"BIOECON_REPLICA_URLS": "postgres://u@r/db"}
        )
    for bad in ("soon", "-1", "NaN", "Infinity"):
        with pytest.raises(ConfigurationError, match="BIOECON_REPLICA_MAX_LAG: 须为"):
            Settings.resolve(database_url=primary, environ={"BIOECON_REPLICA_MAX_LAG": bad})
