"""Which year judges a target (domain/actuals.py: judged_year, year_value)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.actuals import judged_year, year_value
from bioecon.domain.model import IndicatorNature
from bioecon.domain.periods import Period
from bioecon.domain.progress import Observed
from tests.domain.test_actuals import entry, monthly_flow

FLOW, STOCK = IndicatorNature.FLOW, IndicatorNature.STOCK


def test_the_deadline_year_judges_from_its_december_on() -> None:
    assert judged_year(2023, Period.month(2023, 11)) is None  # the year is not complete
    assert judged_year(2023, Period.month(2023, 12)) == 2023
    assert judged_year(2023, Period.month(2026, 11)) == 2023
    assert judged_year(None, Period.month(2026, 11)) is None


@given(st.integers(2000, 2040), st.integers(2000, 2040), st.integers(1, 12))
def test_judged_exactly_when_the_as_of_month_is_december_of_the_deadline_or_later(
    deadline: int, year: int, month: int
) -> None:
    judged = judged_year(deadline, Period.month(year, month))
    assert judged == (deadline if (year, month) >= (deadline, 12) else None)


def test_a_flow_is_judged_on_its_full_year_a_stock_on_its_year_end() -> None:
    # 8 a month in 2023 → 全年 96 at t = 2023, whatever comes after
    series = monthly_flow(Period.month(2023, 1), Period.month(2025, 6), 8)
    assert year_value(series, FLOW, 2023) == Observed(Decimal(96), 2023.0, "2023")
    assert year_value(series, FLOW, 2026) is None
    stocks = {
        Period.month(2023, 6): entry(Period.month(2023, 6), 5, None),
        Period.month(2023, 12): entry(Period.month(2023, 12), 7, None),
        Period.month(2024, 12): entry(Period.month(2024, 12), 9, None),
    }
    assert year_value(stocks, STOCK, 2023) == Observed(Decimal(7), 2023.0, "2023")


@given(st.integers(1, 10**6), st.integers(1, 12))
def test_the_full_year_of_a_constant_flow_is_twelve_months(month_value: int, month: int) -> None:
    series = monthly_flow(Period.month(2024, 1), Period.month(2025, month), month_value)
    found = year_value(series, FLOW, 2024)
    assert found is not None and found.value == 12 * month_value
