"""The reporting calendar: due dates, locks and timeliness worked by hand."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.periods import Period
from bioecon.domain.reporting_calendar import (
    DueRule,
    Timeliness,
    due_date,
    ended_periods,
    locked,
    reported_periods,
    timeliness,
)
from bioecon.errors import InvalidValue

MONTHLY = DueRule(due_day=5)  # 每月5日前报上月数据
QUARTERLY = DueRule(due_day=15)  # 季后15日内


@pytest.mark.parametrize(
    ("period", "rule", "due"),
    [
        (Period.month(2025, 6), MONTHLY, date(2025, 7, 5)),
        (Period.month(2025, 12), MONTHLY, date(2026, 1, 5)),  # across the year end
        (Period.quarter(2025, 2), QUARTERLY, date(2025, 7, 15)),  # Q2 ends in June
        (Period.of_year(2025), DueRule(due_day=31, months_after=2), date(2026, 2, 28)),
        (Period.month(2024, 1), DueRule(due_day=31), date(2024, 2, 29)),  # leap February
    ],
)
def test_due_dates(period: Period, rule: DueRule, due: date) -> None:
    assert due_date(period, rule) == due


def test_timeliness_on_the_due_day_and_after() -> None:
    june = Period.month(2025, 6)
    assert timeliness(june, MONTHLY, date(2025, 7, 5), date(2025, 7, 9)) is Timeliness.ON_TIME
    assert timeliness(june, MONTHLY, date(2025, 7, 6), date(2025, 7, 9)) is Timeliness.LATE
    assert timeliness(june, MONTHLY, None, date(2025, 7, 5)) is Timeliness.NOT_DUE
    assert timeliness(june, MONTHLY, None, date(2025, 7, 6)) is Timeliness.OVERDUE


def test_a_period_locks_the_given_days_after_it_is_due() -> None:
    rule = DueRule(due_day=5, lock_after_days=10)  # due 07-05, open through 07-15
    june = Period.month(2025, 6)
    assert not locked(june, rule, date(2025, 7, 15))
    assert locked(june, rule, date(2025, 7, 16))
    assert not locked(june, MONTHLY, date(2030, 1, 1))  # no lock declared


def test_january_is_not_asked_for_when_january_and_february_are_combined() -> None:
    first, last = Period.month(2025, 1), Period.month(2025, 4)
    assert [str(p) for p in reported_periods(first, last, jan_feb_combined=True)] == [
        "2025-02",
        "2025-03",
        "2025-04",
    ]
    assert len(reported_periods(first, last)) == 4


def test_the_periods_that_have_ended_by_a_day() -> None:
    # on 2025-07-05 June has ended (06-30), July has not; 2025-01 is skipped (1–2月合并)
    ended = ended_periods(Period.month(2025, 1), date(2025, 7, 5), jan_feb_combined=True)
    assert [str(p) for p in ended] == ["2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert ended_periods(Period.month(2025, 7), date(2025, 7, 5)) == []
    # a quarter ends on its last day: Q2 has ended on 07-01, not on 06-30
    assert ended_periods(Period.quarter(2025, 2), date(2025, 6, 30)) == []
    assert ended_periods(Period.quarter(2025, 2), date(2025, 7, 1)) == [Period.quarter(2025, 2)]


@pytest.mark.parametrize(
    "kwargs", [{"due_day": 0}, {"due_day": 32}, {"due_day": 5, "lock_after_days": -1}]
)
def test_impossible_rules_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(InvalidValue):
        DueRule(**kwargs)


@given(
    year=st.integers(2000, 2100),
    month=st.integers(1, 12),
    day=st.integers(1, 31),
    after=st.integers(0, 12),
)
def test_a_period_is_never_due_before_it_ends(year: int, month: int, day: int, after: int) -> None:
    period = Period.month(year, month)
    due = due_date(period, DueRule(due_day=day, months_after=after))
    last_day = date(year, month, 28)
    assert after == 0 or due > last_day
    assert (due.year * 12 + due.month) - (year * 12 + month) == after
