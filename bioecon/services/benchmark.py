"""Use cases of the benchmark harness (`bioecon bench …`, bioecon.bench): a scratch database,
the bulk write of generated data, and the raw reads of the pandas baseline."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from bioecon.app import Bioecon
from bioecon.domain.audit import AuditEvent
from bioecon.domain.model import Enterprise, EnterpriseYear, Indicator, Observation, OrgUnit
from bioecon.domain.periods import Period
from bioecon.services.database import upgrade_database
from bioecon.settings import Settings
from bioecon.store import synthetic
from bioecon.store.maintenance import fresh_schema, refresh_statistics

_WRITTEN = ("org_unit", "indicator", "observation", "enterprise", "enterprise_year")


@contextmanager
def scratch_database(*, url: str, schema: str) -> Iterator[Bioecon]:
    """A migrated, empty database at ``url``: a new SQLite file, or on PostgreSQL a schema of
    its own, ``schema``, dropped and created (nothing else in the database is touched)."""
    settings = Settings.resolve(database_url=url)
    if settings.database_url.startswith("postgresql"):
        settings = Settings(database_url=fresh_schema(settings.database_url, schema))
    app = Bioecon(settings)
    try:
        upgrade_database(app)
        yield app
    finally:
        app.close()


def write_synthetic(
    app: Bioecon,
    *,
    org_units: Sequence[OrgUnit],
    indicators: Sequence[Indicator],
    observations: Sequence[Observation],
    enterprises: Sequence[tuple[Enterprise, Sequence[EnterpriseYear]]],
    rolled_up: str,
    reported_by: str,
) -> int:
    """Store generated data in one transaction, sum the enterprises' revenue into indicator
    ``rolled_up`` (reported by ``reported_by``), refresh the planner's statistics; returns the
    observations written."""
    now = datetime.now(UTC)
    with app.transaction() as connection:
        synthetic.write_world(
            connection,
            org_units=org_units,
            indicators=indicators,
            observations=observations,
            enterprises=enterprises,
            reported_at=now,
        )
        rolled = synthetic.roll_up_enterprise_revenue(connection, rolled_up, reported_by, now)
        refresh_statistics(connection, _WRITTEN)
    return len(observations) + rolled


def observation_table(app: Bioecon) -> list[tuple[object, ...]]:
    """(indicator, org unit, period type, year, index, basis, value) of every observation."""
    with app.reading() as connection:
        return synthetic.observation_rows(connection)


def org_unit_tree(app: Bioecon) -> list[tuple[str, str | None, bool]]:
    """(code, parent code, additive) of every org unit."""
    with app.reading() as connection:
        return synthetic.org_unit_tree(connection)


def queue_for_review(app: Bioecon, *, period: Period) -> int:
    """Put every value of ``period`` back to submitted (the review benchmark's queue)."""
    with app.transaction() as connection:
        marked = synthetic.mark_submitted(connection, period)
        refresh_statistics(connection, ("observation",))
    return marked


def write_history(app: Bioecon, *, events: Sequence[AuditEvent]) -> None:
    """Append generated history events in one transaction (the benchmark's audit trail)."""
    with app.transaction() as connection:
        synthetic.add_history(connection, events)
        refresh_statistics(connection, ("audit_event",))
