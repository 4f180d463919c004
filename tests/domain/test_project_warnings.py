"""序时进度 warnings: every preset of bioecon/data/projects/warnings.yaml on hand-computed
cases (the arithmetic in the comments), and the rules' properties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.catalogs import project_stages, project_warnings
from bioecon.domain.model import ProjectStage
from bioecon.domain.periods import Period
from bioecon.domain.project_warnings import (
    Colour,
    MonthsRule,
    completion_rate,
    investment_colour,
    months_late,
    start_colour,
    statistics_colour,
    time_progress,
    worst,
)
from bioecon.errors import InvalidValue

POINTS = project_warnings().presets["points"]
RATIO = project_warnings().presets["ratio"]
SEVERITY = {Colour.GREEN: 0, Colour.YELLOW: 1, Colour.RED: 2}


def test_time_progress_is_the_share_of_the_year_gone() -> None:
    assert time_progress(6) == Decimal(50)  # 6/12
    assert time_progress(12) == Decimal(100)
    assert time_progress(3) == Decimal(25)  # 3/12


def test_completion_is_a_percentage_of_the_annual_plan() -> None:
    assert completion_rate(Decimal(4500), Decimal(10000)) == Decimal(45)  # 4500/10000
    assert completion_rate(Decimal(10), None) is None
    assert completion_rate(Decimal(10), Decimal(0)) is None


@pytest.mark.parametrize(
    ("completion", "month", "expected"),
    [
        ("50", 6, Colour.GREEN),  # 序时 6/12 = 50: on schedule
        ("41", 6, Colour.GREEN),  # 9 points below: under the 10-point margin
        ("40", 6, Colour.YELLOW),  # 10 points below: yellow from 10
        ("20", 6, Colour.YELLOW),  # 30 below: still yellow (red is more than 30)
        ("19.9", 6, Colour.RED),  # 30.1 below
        ("0", 3, Colour.YELLOW),  # 序时 3/12 = 25: 25 below
        ("0", 4, Colour.RED),  # 序时 4/12 = 33.3: 33.3 below
    ],
)
def test_the_points_preset(completion: str, month: int, expected: Colour) -> None:
    assert investment_colour(POINTS.investment, Decimal(completion), month) is expected


@pytest.mark.parametrize(
    ("completion", "month", "expected"),
    [
        ("40", 6, Colour.GREEN),  # 40/50 = 80 % of 序时: not below 80
        ("39.9", 6, Colour.YELLOW),  # 79.8 %
        ("30", 6, Colour.YELLOW),  # 60 %: not below 60
        ("29.9", 6, Colour.RED),  # 59.8 %
        ("60", 9, Colour.GREEN),  # 序时 9/12 = 75; 60/75 = 80 %
        ("44", 9, Colour.RED),  # 44/75 = 58.7 %
    ],
)
def test_the_ratio_preset(completion: str, month: int, expected: Colour) -> None:
    assert investment_colour(RATIO.investment, Decimal(completion), month) is expected


def test_no_annual_plan_raises_no_investment_warning() -> None:
    assert investment_colour(POINTS.investment, None, 6) is Colour.GREEN


@pytest.mark.parametrize("preset", ["points", "ratio"])
@pytest.mark.parametrize(
    ("period", "actual", "expected"),
    [
        (Period.month(2026, 2), None, Colour.GREEN),  # planned 03-15: not due yet
        (Period.month(2026, 3), None, Colour.YELLOW),  # March ended without a start: 1 month
        (Period.month(2026, 4), None, Colour.YELLOW),  # 4−3+1 = 2 months
        (Period.month(2026, 5), None, Colour.RED),  # 5−3+1 = 3 months
        (Period.month(2026, 5), date(2026, 4, 2), Colour.GREEN),  # started, late but started
        (Period.month(2026, 3), date(2026, 4, 2), Colour.YELLOW),  # the start is after March
    ],
)
def test_the_start_rule(preset: str, period: Period, actual: date | None, expected: Colour) -> None:
    rule = project_warnings().presets[preset].start
    assert start_colour(rule, date(2026, 3, 15), actual, period) is expected


@pytest.mark.parametrize("preset", ["points", "ratio"])
@pytest.mark.parametrize(
    ("period", "counted", "expected"),
    [
        (Period.month(2026, 2), None, Colour.GREEN),  # before the start (03-10)
        (Period.month(2026, 3), None, Colour.GREEN),  # the start month itself: 0 months
        (Period.month(2026, 4), None, Colour.YELLOW),  # 1 month after the start
        (Period.month(2026, 5), None, Colour.YELLOW),  # 2 months: not yet more than 2
        (Period.month(2026, 6), None, Colour.RED),  # 3 months: more than 2
        (Period.month(2026, 6), date(2026, 4, 30), Colour.GREEN),  # 入统 in April
    ],
)
def test_the_statistics_rule(
    preset: str, period: Period, counted: date | None, expected: Colour
) -> None:
    rule = project_warnings().presets[preset].statistics
    assert statistics_colour(rule, date(2026, 3, 10), counted, period) is expected


def test_worst_is_the_most_severe() -> None:
    assert worst([Colour.GREEN, Colour.RED, Colour.YELLOW]) is Colour.RED
    assert worst([]) is Colour.GREEN


def test_every_preset_says_its_source_and_the_stage_codelists_resolve_names() -> None:
    for preset in project_warnings().presets.values():
        assert preset.source and preset.name
    seven = project_stages().for_plan("changsha-2025")
    five = project_stages().for_plan("changchun-2025")
    assert (seven.name, five.name) == ("七个一批", "五个一批")
    assert seven.resolve("达产") is ProjectStage.FULL_PRODUCTION
    assert five.resolve("洽谈一批") is ProjectStage.NEGOTIATING
    with pytest.raises(InvalidValue, match="不是五个一批的阶段"):
        five.resolve("建设")  # 五个一批 has no 建设


_percent = st.decimals(min_value=0, max_value=200, places=1)
_months = st.integers(min_value=1, max_value=12)


@given(_percent, _percent, _months)
def test_more_completion_is_never_more_severe(low: Decimal, high: Decimal, month: int) -> None:
    low, high = min(low, high), max(low, high)
    for preset in (POINTS, RATIO):
        less = investment_colour(preset.investment, low, month)
        more = investment_colour(preset.investment, high, month)
        assert SEVERITY[more] <= SEVERITY[less]


@given(_months, _months)
def test_at_or_above_schedule_is_green(month: int, extra: int) -> None:
    completion = time_progress(month) + extra
    for preset in (POINTS, RATIO):
        assert investment_colour(preset.investment, completion, month) is Colour.GREEN


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=60),
)
def test_waiting_longer_is_never_less_severe(due: date, first: int, more: int) -> None:
    rule = MonthsRule(1, 3)
    start = due.year * 12 + due.month - 1
    earlier = Period.from_month_ordinal(start + first)
    later = Period.from_month_ordinal(start + first + more)
    assert months_late(due, None, later) == months_late(due, None, earlier) + more
    for colour in (start_colour, statistics_colour):
        before, after = colour(rule, due, None, earlier), colour(rule, due, None, later)
        assert SEVERITY[after] >= SEVERITY[before]
