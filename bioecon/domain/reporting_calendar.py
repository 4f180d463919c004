"""填报日历 (the reporting calendar of a data set): when a period is due, when it locks, and
whether a unit reported on time.

A data set says "每月5日前报上月数据": period 2025-06 is due on 2025-07-05 (the due day of the
month after the period ends; a quarter or year likewise after its last month). A day beyond
the month's length is its last day (31 → 2025-02-28). An optional lock closes the period to
new or changed values ``lock_after_days`` days after it is due. With 1–2月合并 there is no
January period: the February report covers both months.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum

from bioecon.domain.periods import Period, PeriodType, period_range
from bioecon.errors import InvalidValue

BEIJING = timezone(timedelta(hours=8), "北京时间")
"""Due days are days in China, which keeps one time zone without daylight saving (UTC+8)."""


def office_day(moment: datetime) -> date:
    """The day in China of a stored moment (stored in UTC; a naive one is read as UTC)."""
    return office_time(moment).date()


def office_time(moment: datetime) -> datetime:
    """A stored moment (UTC; a naive one is read as UTC) as the time in China."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BEIJING)


class Timeliness(StrEnum):
    """How a unit's report of one period stands (报送及时性)."""

    NOT_DUE = "not_due"  # 未到期: not reported, due date not reached
    ON_TIME = "on_time"  # 按时报送
    LATE = "late"  # 逾期报送: reported after the due date
    OVERDUE = "overdue"  # 逾期未报: not reported, due date passed


@dataclass(frozen=True, slots=True)
class DueRule:
    """When a data set's periods are due: the ``due_day`` of the month ``months_after`` the
    period's last month, and an optional lock ``lock_after_days`` after that."""

    due_day: int
    months_after: int = 1
    lock_after_days: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.due_day <= 31:
            raise InvalidValue(f"due day {self.due_day} is outside 1–31")
        if not 0 <= self.months_after <= 12:
            raise InvalidValue(f"months after {self.months_after} is outside 0–12")
        if self.lock_after_days is not None and self.lock_after_days < 0:
            raise InvalidValue("lock_after_days must not be negative")


def due_date(period: Period, rule: DueRule) -> date:
    """The last day on which a report of ``period`` is on time."""
    ordinal = period.year * 12 + period.last_month - 1 + rule.months_after
    year, month = divmod(ordinal, 12)
    month += 1
    return date(year, month, min(rule.due_day, calendar.monthrange(year, month)[1]))


def locked(period: Period, rule: DueRule, today: date) -> bool:
    """Whether ``period`` is closed to new or changed values on ``today``."""
    if rule.lock_after_days is None:
        return False
    return today > due_date(period, rule) + timedelta(days=rule.lock_after_days)


def timeliness(period: Period, rule: DueRule, submitted_on: date | None, today: date) -> Timeliness:
    """A unit's standing for ``period``: reported (on time or late) or not (due or overdue)."""
    due = due_date(period, rule)
    if submitted_on is not None:
        return Timeliness.ON_TIME if submitted_on <= due else Timeliness.LATE
    return Timeliness.OVERDUE if today > due else Timeliness.NOT_DUE


def reported_periods(
    first: Period, last: Period, *, jan_feb_combined: bool = False
) -> list[Period]:
    """The periods a data set asks for from ``first`` to ``last`` (one type): every one,
    except January when 1–2月 are reported together."""
    if first.type is not last.type:
        raise InvalidValue(f"{first} and {last} are periods of different types")
    periods = period_range(first, last)
    if jan_feb_combined and first.type is PeriodType.MONTH:
        return [p for p in periods if p.index != 1]
    return periods


def ended_periods(first: Period, today: date, *, jan_feb_combined: bool = False) -> list[Period]:
    """Every period a data set asks for from ``first`` whose last day is before ``today``
    (what 催报 and the on-time rates look at), oldest first."""
    last = None
    probe = first
    while probe.last_day < today:
        last, probe = probe, probe.next()
    if last is None:
        return []
    return reported_periods(first, last, jan_feb_combined=jan_feb_combined)
