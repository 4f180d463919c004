"""填报任务 (a data set): which indicators which org units report, for which periods, by when.

A data set is indicators × one period type × the org units assigned to report it, with a due
rule (每月5日前, an optional lock) and whether January and February are reported together.
A unit has reported a period once every indicator of the data set has a submitted or approved
value for it; :func:`standing` says whether that was on time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bioecon.domain.model import Indicator, ObservationStatus
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.reporting_calendar import DueRule, Timeliness, due_date, timeliness


@dataclass(frozen=True, slots=True)
class DataSet:
    code: str
    name: str
    period_type: PeriodType
    indicators: tuple[str, ...]
    org_units: tuple[str, ...]  # the reporting units assigned
    due: DueRule
    first_period: Period  # the first period asked for
    jan_feb_combined: bool = False


@dataclass(frozen=True, slots=True)
class ReportStanding:
    """One unit's report of one period: how many of the data set's indicators it has
    submitted, when the last of them came, and whether that was on time."""

    org_unit: str
    period: Period
    due_on: date
    expected: int
    reported: int
    submitted_on: date | None  # the day the report became complete (its last value)
    timeliness: Timeliness


def standing(
    data_set: DataSet,
    org_unit: str,
    period: Period,
    reported: int,
    last_reported_on: date | None,
    today: date,
) -> ReportStanding:
    """A unit's standing for ``period``: complete when all indicators are in."""
    expected = len(data_set.indicators)
    complete_on = last_reported_on if reported >= expected else None
    return ReportStanding(
        org_unit,
        period,
        due_date(period, data_set.due),
        expected,
        reported,
        complete_on,
        timeliness(period, data_set.due, complete_on, today),
    )


@dataclass(frozen=True, slots=True)
class EntryField:
    """One field of an entry form or template: the indicator, and what is already known."""

    indicator: Indicator
    value: Decimal | None  # this period's stored value, if any
    status: ObservationStatus | None
    previous: Decimal | None  # 上期值
    last_year: Decimal | None  # 去年同期值


@dataclass(frozen=True, slots=True)
class EntrySheet:
    data_set: DataSet
    org_unit: str
    org_unit_name: str
    period: Period
    fields: tuple[EntryField, ...]
    writable: bool = True  # the caller reports (or manages plans) for the unit
    reviewable: bool = False  # the caller reviews the unit: it may reopen an approved value


@dataclass(frozen=True, slots=True)
class OnTimeRate:
    """One unit's record over the periods already due: 按时报送率 = on time / due."""

    org_unit: str
    due: int
    on_time: int
    late: int
    overdue: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def on_time_rates_of(standings: Sequence[ReportStanding]) -> list[OnTimeRate]:
    """Each unit's on-time record (按时报送率) over its standings already due."""
    by_unit: dict[str, list[ReportStanding]] = {}
    for s in standings:
        by_unit.setdefault(s.org_unit, []).append(s)
    rates = []
    for unit, own in by_unit.items():
        kinds = [s.timeliness for s in own if s.timeliness is not Timeliness.NOT_DUE]
        rates.append(
            OnTimeRate(
                unit,
                len(kinds),
                kinds.count(Timeliness.ON_TIME),
                kinds.count(Timeliness.LATE),
                kinds.count(Timeliness.OVERDUE),
            )
        )
    return rates
