from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.periods import Period, PeriodType, period_range
from bioecon.errors import InvalidValue

periods = st.one_of(
    st.builds(Period.month, st.integers(1990, 2100), st.integers(1, 12)),
    st.builds(Period.quarter, st.integers(1990, 2100), st.integers(1, 4)),
    st.builds(Period.of_year, st.integers(1990, 2100)),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06", Period.month(2025, 6)),
        ("2025-6", Period.month(2025, 6)),
        ("202506", Period.month(2025, 6)),
        ("2025/06", Period.month(2025, 6)),
        ("2025年6月", Period.month(2025, 6)),
        ("2025年06月份", Period.month(2025, 6)),
        ("２０２５年６月", Period.month(2025, 6)),
        (" 2025-06 ", Period.month(2025, 6)),
        ("2025Q2", Period.quarter(2025, 2)),
        ("2025q2", Period.quarter(2025, 2)),
        ("2025年二季度", Period.quarter(2025, 2)),
        ("2025年第二季度", Period.quarter(2025, 2)),
        ("2025年第4季度", Period.quarter(2025, 4)),
        ("2025", Period.of_year(2025)),
        ("2025年", Period.of_year(2025)),
    ],
)
def test_parse_accepts_the_forms_chinese_tables_use(text: str, expected: Period) -> None:
    assert Period.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2025-13",
        "2025-00",
        "2025Q5",
        "2025年13月",
        "2025年五季度",
        "June 2025",
        "",
        "25-06",
        "2025-06-01",
    ],
)
def test_parse_refuses_impossible_or_unknown_periods_naming_the_text(text: str) -> None:
    with pytest.raises(InvalidValue, match=repr(text) if text else "period"):
        Period.parse(text)


def test_canonical_text_and_chinese_labels() -> None:
    assert str(Period.month(2025, 6)) == "2025-06"
    assert str(Period.quarter(2025, 2)) == "2025Q2"
    assert str(Period.of_year(2025)) == "2025"
    assert Period.month(2025, 6).label_zh == "2025年6月"
    assert Period.quarter(2025, 2).label_zh == "2025年第二季度"


def test_previous_same_period_last_year_and_year_to_date() -> None:
    january = Period.month(2025, 1)
    assert january.previous() == Period.month(2024, 12)
    assert Period.quarter(2025, 1).previous() == Period.quarter(2024, 4)
    assert Period.of_year(2025).previous() == Period.of_year(2024)
    assert Period.month(2025, 6).same_period_last_year() == Period.month(2024, 6)
    assert Period.quarter(2025, 2).year_to_date() == [Period.month(2025, m) for m in range(1, 7)]
    assert Period.month(2025, 3).year_to_date() == [Period.month(2025, m) for m in (1, 2, 3)]
    assert Period.quarter(2025, 3).months() == [Period.month(2025, m) for m in (7, 8, 9)]
    assert Period.month(2025, 8).to(PeriodType.QUARTER) == Period.quarter(2025, 3)
    assert Period.containing(date(2025, 11, 30)) == Period.month(2025, 11)
    with pytest.raises(InvalidValue):
        Period.of_year(2025).to(PeriodType.MONTH)


def test_order_is_by_first_month_then_shorter_first() -> None:
    assert sorted(
        [
            Period.of_year(2025),
            Period.quarter(2025, 1),
            Period.month(2025, 1),
            Period.month(2024, 12),
        ]
    ) == [
        Period.month(2024, 12),
        Period.month(2025, 1),
        Period.quarter(2025, 1),
        Period.of_year(2025),
    ]


def test_period_range_is_inclusive_and_needs_one_kind() -> None:
    assert [str(p) for p in period_range(Period.month(2024, 11), Period.month(2025, 2))] == [
        "2024-11",
        "2024-12",
        "2025-01",
        "2025-02",
    ]
    assert period_range(Period.month(2025, 3), Period.month(2025, 1)) == []
    with pytest.raises(InvalidValue):
        period_range(Period.month(2025, 1), Period.quarter(2025, 1))


@given(periods)
def test_text_round_trips(period: Period) -> None:
    assert Period.parse(str(period)) == period


@given(periods)
def test_chinese_label_round_trips(period: Period) -> None:
    assert Period.parse(period.label_zh) == period


@given(periods, st.integers(-40, 40))
def test_shift_is_invertible_and_monotone(period: Period, steps: int) -> None:
    moved = period.shift(steps)
    assert moved.shift(-steps) == period
    assert (moved > period) == (steps > 0)
    assert moved.start_ordinal - period.start_ordinal == steps * period.type.months


@given(periods)
def test_same_period_last_year_is_one_year_of_steps_back(period: Period) -> None:
    per_year = 12 // period.type.months
    assert period.same_period_last_year() == period.shift(-per_year)
    assert period.previous().next() == period


@given(periods)
def test_months_partition_the_period_and_ytd_ends_with_it(period: Period) -> None:
    months = period.months()
    assert len(months) == period.type.months
    assert all(period.contains(m) for m in months)
    ytd = period.year_to_date()
    assert ytd[-1] == months[-1] and len(ytd) == period.last_month
    assert period.to(PeriodType.YEAR).contains(period)


@given(periods, periods)
def test_order_is_total_and_consistent_with_equality(a: Period, b: Period) -> None:
    assert (a < b) + (a == b) + (a > b) == 1
