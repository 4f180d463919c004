"""Data-set use cases (填报任务): load one, list them, and what each unit has reported —
on time, late or overdue (催报) — with on-time rates per unit.

A unit's period counts as reported once every indicator of the data set has a submitted or
approved value for it; the day it was complete is the day the last of them was first
submitted (首次报送): a value returned or reopened and corrected after the due date keeps
the day it was first reported, so the correction does not make the period late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.data_sets import (
    DataSet,
    OnTimeRate,
    ReportStanding,
    on_time_rates_of,
    standing,
)
from bioecon.domain.reporting_calendar import ended_periods, office_day
from bioecon.errors import InvalidInput, NotFound, Problem
from bioecon.services._scope import permitted, require
from bioecon.store import data_sets as store
from bioecon.store import indicators, orgunits
from bioecon.store.migrate import ensure_current


@dataclass(frozen=True, slots=True)
class DataSetLoadReport:
    code: str
    created: bool
    indicators: int
    org_units: int


def load_data_set(app: Bioecon, *, actor: Principal, data_set: DataSet) -> DataSetLoadReport:
    """Insert or replace a data set; its indicators and org units must exist, and the caller
    must manage plans over every assigned unit."""
    with app.transaction() as connection:
        ensure_current(connection)
        indicator_ids = indicators.ids(connection, data_set.indicators)
        org_ids = orgunits.ids(connection, data_set.org_units)
        problems = [
            Problem(f"indicators[{n}]", f"no indicator '{code}'")
            for n, code in enumerate(data_set.indicators)
            if code not in indicator_ids
        ] + [
            Problem(f"org_units[{n}]", f"no org unit '{code}'")
            for n, code in enumerate(data_set.org_units)
            if code not in org_ids
        ]
        if problems:
            raise InvalidInput(f"data set {data_set.code}", problems)
        require(connection, actor, Action.MANAGE_PLANS, data_set.org_units)
        created = store.save(
            connection,
            data_set,
            [indicator_ids[c] for c in data_set.indicators],
            [org_ids[c] for c in data_set.org_units],
        )
        return DataSetLoadReport(
            data_set.code, created, len(data_set.indicators), len(data_set.org_units)
        )


def list_data_sets(app: Bioecon, *, actor: Principal) -> list[DataSet]:
    """Every data set with at least one assigned unit in the caller's scope."""
    with app.reading() as connection:
        ensure_current(connection)
        data_sets = store.listed(connection)
        units = sorted({unit for d in data_sets for unit in d.org_units})
        readable = set(permitted(connection, actor, [Action.READ], units))  # one tree read
    return [d for d in data_sets if readable.intersection(d.org_units)]


def reporting_status(
    app: Bioecon, *, actor: Principal, code: str, today: date, org_unit: str | None = None
) -> list[ReportStanding]:
    """Each assigned unit in the caller's scope (and in ``org_unit``'s subtree) × each
    period that has ended by ``today``: reported on time, late, not yet due, or overdue."""
    with app.reading() as connection:
        ensure_current(connection)
        found = store.listed(connection, code)
        if not found:
            raise NotFound(f"no data set '{code}'")
        data_set = found[0]
        units = permitted(connection, actor, [Action.READ], data_set.org_units, under=org_unit)
        periods = ended_periods(
            data_set.first_period, today, jan_feb_combined=data_set.jan_feb_combined
        )
        if not periods or not units:
            return []
        reported = {
            (s.org_unit, s.period): s
            for s in store.submitted(connection, code, periods[0], periods[-1])
        }
    standings = []
    for unit in units:
        for period in periods:
            got = reported.get((unit, str(period)))
            count = got.indicators if got else 0
            on = office_day(got.last_reported_at) if got else None
            standings.append(standing(data_set, unit, period, count, on, today))
    return standings


def on_time_rates(
    app: Bioecon, *, actor: Principal, code: str, today: date, org_unit: str | None = None
) -> list[OnTimeRate]:
    """Per unit, over the periods already due by ``today``: on time, late, overdue."""
    standings = reporting_status(app, actor=actor, code=code, today=today, org_unit=org_unit)
    return on_time_rates_of(standings)
