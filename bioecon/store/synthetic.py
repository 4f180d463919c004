"""The SQL of the benchmarks: bulk writes of generated data (bioecon.bench.synthetic) into an
empty, migrated database, the enterprise roll-up, and the raw reads of the pandas baseline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, func, select, text, update

from bioecon.domain.audit import AuditEvent
from bioecon.domain.model import (
    Enterprise,
    EnterpriseYear,
    Indicator,
    Observation,
    ObservationStatus,
    OrgUnit,
)
from bioecon.domain.periods import Period
from bioecon.store import audit, orgunits
from bioecon.store import indicators as indicator_store
from bioecon.store import tables as t
from bioecon.store.enterprises import insert_new
from bioecon.store.observations import ObservationWrite, save_observations

_BATCH = 20_000  # observations per executemany


def write_world(
    connection: Connection,
    *,
    org_units: Sequence[OrgUnit],
    indicators: Sequence[Indicator],
    observations: Sequence[Observation],
    enterprises: Sequence[tuple[Enterprise, Sequence[EnterpriseYear]]],
    reported_at: datetime,
) -> None:
    """Write generated records as they are (no checks: they are made valid). An observation
    without a report time gets ``reported_at``."""
    org_ids = orgunits.upsert(connection, org_units)
    indicator_ids = indicator_store.upsert(connection, indicators)
    writes = [
        ObservationWrite(
            indicator_id=indicator_ids[o.indicator],
            org_unit_id=org_ids[o.org_unit],
            sector=o.sector or "",
            period=Period.parse(o.period),
            basis=o.basis,
            value=o.value,
            status=o.status,
            source=o.source or "",
            reported_by=o.reported_by,
            reported_at=o.reported_at or reported_at,
        )
        for o in observations
    ]
    for offset in range(0, len(writes), _BATCH):
        save_observations(connection, writes[offset : offset + _BATCH])
    insert_new(connection, enterprises, org_ids, reported_at.date())


def roll_up_enterprise_revenue(
    connection: Connection, indicator: str, reported_by: str, reported_at: datetime
) -> int:
    """企业营业收入 summed by org unit and year, in SQL, into the ledger (1–12月累计) of
    ``indicator``; returns how many values that indicator now has."""
    indicator_id = connection.execute(
        select(t.indicator.c.id).where(t.indicator.c.code == indicator)
    ).scalar_one()
    statement = text(
        """
        INSERT INTO observation (indicator_id, org_unit_id, sector, period, period_type, year,
                                 period_index, basis, value, status, source, reported_by, reported_at,
                                 submitted_at)
        SELECT :indicator_id, e.org_unit_id, '', CAST(y.year AS VARCHAR(4)), 'year', y.year, 1, 'ytd',
               SUM(y.revenue), 'approved', '模拟数据 enterprise roll-up', :reported_by, :now, :now
        FROM enterprise_year y JOIN enterprise e ON e.id = y.enterprise_id
        WHERE y.revenue IS NOT NULL AND e.org_unit_id IS NOT NULL
        GROUP BY e.org_unit_id, y.year
        """
    )
    parameters = {"indicator_id": indicator_id, "reported_by": reported_by, "now": reported_at}
    connection.execute(statement, parameters)
    counted = connection.execute(
        select(func.count())
        .select_from(t.observation)
        .where(t.observation.c.indicator_id == indicator_id)
    ).scalar_one()
    return int(counted)


def observation_rows(connection: Connection) -> list[tuple[object, ...]]:
    """Every observation as plain tuples, for the pandas baseline: what a user's script reads."""
    o = t.observation
    query = (
        select(
            t.indicator.c.code,
            t.org_unit.c.code,
            o.c.period_type,
            o.c.year,
            o.c.period_index,
            o.c.basis,
            o.c.value,
        )
        .join(t.indicator, t.indicator.c.id == o.c.indicator_id)
        .join(t.org_unit, t.org_unit.c.id == o.c.org_unit_id)
    )
    return [tuple(r) for r in connection.execute(query)]


def org_unit_tree(connection: Connection) -> list[tuple[str, str | None, bool]]:
    """(code, parent code, additive) of every org unit."""
    parent = t.org_unit.alias("parent")
    rows = connection.execute(
        select(t.org_unit.c.code, parent.c.code, t.org_unit.c.additive).outerjoin(
            parent, parent.c.id == t.org_unit.c.parent_id
        )
    )
    return [(r[0], r[1], bool(r[2])) for r in rows]


def mark_submitted(connection: Connection, period: Period) -> int:
    """Set every value of ``period`` back to submitted (已报送, waiting for review): the review
    benchmark's queue. Returns how many values it marked."""
    o = t.observation
    result = connection.execute(
        update(o).where(o.c.period == str(period)).values(status=ObservationStatus.SUBMITTED.value)
    )
    return int(result.rowcount)


def add_history(connection: Connection, events: Sequence[AuditEvent]) -> None:
    """Append generated history events (the review benchmark's trail of logins and steps)."""
    for offset in range(0, len(events), _BATCH):
        audit.append(connection, events[offset : offset + _BATCH])
