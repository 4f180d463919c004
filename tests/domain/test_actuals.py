"""What counts as the actual and the base (domain/actuals.py), on hand-built series."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.actuals import Series, actual_of, base_of, periods_needed, time_of
from bioecon.domain.ledger import LedgerEntry
from bioecon.domain.model import IndicatorNature, Target
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.progress import Observed
from tests.domain.test_plan_rules import LEVEL

FLOW, STOCK = IndicatorNature.FLOW, IndicatorNature.STOCK
MONTH = Period.month


def decimal(x: int | None) -> Decimal | None:
    return None if x is None else Decimal(x)


def entry(period: Period, value: int | None, ytd: int | None) -> LedgerEntry:
    return LedgerEntry(
        "x", "430100", None, period, decimal(value), decimal(ytd), None, None, None, None
    )


def monthly_flow(first: Period, last: Period, month_value: int) -> Series:
    """A flow of ``month_value`` every month, its 累计 restarting each January."""
    series: Series = {}
    period = first
    while period <= last:
        series[period] = entry(period, month_value, month_value * period.index)
        period = period.shift(1)
    return series


def target(baseline: str | None = None, year: int | None = None) -> Target:
    """A level target (4000亿元) with or without the plan's own baseline."""
    return replace(
        LEVEL, baseline_value=Decimal(baseline) if baseline else None, baseline_year=year
    )


def test_the_trailing_twelve_months_of_a_monthly_flow() -> None:
    # 累计 2025-06 = 600, 全年 2024 = 1200, 累计 2024-06 = 600 → 600 + 1200 − 600 = 1200
    series = monthly_flow(MONTH(2024, 1), MONTH(2025, 6), 100)
    actual, share = actual_of(series, FLOW, MONTH(2025, 6), recurring=False)
    assert actual == Observed(Decimal(1200), 2024.5, "2024-07/2025-06") and share is None


def test_a_year_end_is_its_own_full_year_and_later_months_are_not_read() -> None:
    series = monthly_flow(MONTH(2024, 1), MONTH(2025, 6), 100)
    # as of 2024-12 the series' later months are after as_of and do not count
    actual, _ = actual_of(series, FLOW, MONTH(2024, 12), recurring=False)
    assert actual == Observed(Decimal(1200), 2024.0, "2024")


def test_the_full_year_wins_when_the_trailing_window_is_incomplete() -> None:
    # no 累计 2024-05, so no trailing 12 months to 2025-05: the full year 2024 (累计 2024-12)
    months = monthly_flow(MONTH(2024, 6), MONTH(2025, 5), 100)
    actual, _ = actual_of(months, FLOW, MONTH(2025, 5), recurring=False)
    assert actual == Observed(Decimal(1200), 2024.0, "2024")
    # 2023 reported only as a year (value 900); 2024 has no year-end either: 2023 it is
    series: Series = {
        Period.of_year(2023): entry(Period.of_year(2023), 900, None),
        **monthly_flow(MONTH(2024, 6), MONTH(2024, 12), 100),
        **monthly_flow(MONTH(2025, 1), MONTH(2025, 5), 100),
    }
    del series[MONTH(2024, 12)]  # and no 2024 year-end: the full year 2024 is unknown
    actual, _ = actual_of(series, FLOW, MONTH(2025, 5), recurring=False)
    assert actual == Observed(Decimal(900), 2023.0, "2023")


def test_a_stock_is_its_latest_level_and_a_recurring_target_its_year_so_far() -> None:
    series = {
        MONTH(2025, 4): entry(MONTH(2025, 4), 290, None),
        MONTH(2025, 5): entry(MONTH(2025, 5), None, None),
    }
    assert actual_of(series, STOCK, MONTH(2025, 6), recurring=False) == (
        Observed(Decimal(290), 2024 + 4 / 12, "2025-04"),
        None,
    )
    flow = monthly_flow(MONTH(2025, 1), MONTH(2025, 3), 10)
    # 累计 2025-03 = 30, a quarter of the year gone
    assert actual_of(flow, FLOW, MONTH(2025, 3), recurring=True) == (
        Observed(Decimal(30), 2024.25, "2025-01/2025-03"),
        0.25,
    )
    assert actual_of({}, FLOW, MONTH(2025, 3), recurring=False) == (None, None)


@given(
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=2, max_value=11),
)
def test_a_constant_month_gives_twelve_times_the_month(month_value: int, month: int) -> None:
    series = monthly_flow(MONTH(2024, 1), MONTH(2025, month), month_value)
    actual, _ = actual_of(series, FLOW, MONTH(2025, month), recurring=False)
    assert actual is not None and actual.value == 12 * month_value


@given(
    st.integers(min_value=1, max_value=1000),
    st.lists(st.integers(min_value=0, max_value=10**5), min_size=18, max_size=18),
    st.integers(min_value=0, max_value=17),
    st.sampled_from([FLOW, STOCK]),
    st.booleans(),
)
def test_a_scaled_series_scales_the_actual(
    factor: int, values: list[int], last: int, nature: IndicatorNature, recurring: bool
) -> None:
    periods = [MONTH(2024, 1).shift(n) for n in range(18)]
    ytd = [sum(values[i - p.index + 1 : i + 1]) for i, p in enumerate(periods)]
    series = {p: entry(p, v, y) for p, v, y in zip(periods, values, ytd, strict=True)}
    scaled = {
        p: entry(p, v * factor, y * factor) for p, v, y in zip(periods, values, ytd, strict=True)
    }
    as_of = periods[last]
    (actual, share), (big, big_share) = (
        actual_of(s, nature, as_of, recurring=recurring) for s in (series, scaled)
    )
    if actual is None:
        assert big is None
    else:
        assert big is not None
        assert (big.value, big.t, big.label) == (actual.value * factor, actual.t, actual.label)
        assert big_share == share


def test_the_base_is_the_plans_own_else_the_year_before_the_plan() -> None:
    series = monthly_flow(MONTH(2020, 1), MONTH(2020, 12), 50)  # 全年 2020 = 600
    assert base_of(target("250", 2019), series, FLOW, 2021) == Observed(
        Decimal(250), 2019.0, "2019"
    )
    assert base_of(target("250"), series, FLOW, 2021) == Observed(Decimal(250), 2020.0, "2020")
    assert base_of(target("250"), series, FLOW, None) is None  # no year to place it at
    assert base_of(target(), series, FLOW, 2021) == Observed(Decimal(600), 2020.0, "2020")
    assert base_of(target(), series, STOCK, 2021) == Observed(Decimal(50), 2020.0, "2020")
    assert (
        base_of(target(), series, FLOW, 2022) is None
        and base_of(target(), series, FLOW, None) is None
    )


def test_the_periods_read() -> None:
    last = MONTH(2025, 6)
    # flows: 2025-06, 2024-06, the year-ends 2024-12 and 2023-12, and the base year's 2020-12
    assert periods_needed(PeriodType.MONTH, FLOW, {2020}, last) == [
        MONTH(2020, 12),
        MONTH(2023, 12),
        MONTH(2024, 6),
        MONTH(2024, 12),
        MONTH(2025, 6),
    ]
    # stocks: the four quarters up to 2025Q2, and 2020Q4
    assert periods_needed(PeriodType.QUARTER, STOCK, {2020}, Period.quarter(2025, 2)) == [
        Period.quarter(2020, 4),
        Period.quarter(2024, 3),
        Period.quarter(2024, 4),
        Period.quarter(2025, 1),
        Period.quarter(2025, 2),
    ]
    assert time_of(MONTH(2025, 6)) == 2024.5 and time_of(Period.of_year(2024)) == 2024.0
