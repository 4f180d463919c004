"""The target path: from the base to the target at one rate, each year's level by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.trajectory import target_path


def test_changsha_4000_from_2000_doubles_in_five_years() -> None:
    # 2000 → 4000 over 2020–2025: rate 2^(1/5) = 1.148698…; 2021: 2297.40, 2022: 2639.02
    path = target_path(2020, 2000.0, 2025, 4000.0)
    assert [y for y, _ in path] == [2020, 2021, 2022, 2023, 2024, 2025]
    assert path[1][1] == pytest.approx(2297.397, abs=0.01)
    assert path[2][1] == pytest.approx(2639.016, abs=0.01)
    assert path[-1] == (2025, 4000.0)


def test_a_zero_base_takes_a_straight_line() -> None:
    # 0 → 10 over 4 years: 2.5 a year
    assert target_path(2021, 0.0, 2025, 10.0) == [
        (2021, 0.0),
        (2022, 2.5),
        (2023, 5.0),
        (2024, 7.5),
        (2025, 10.0),
    ]


def test_a_deadline_not_after_the_base_is_the_target_alone() -> None:
    assert target_path(2025, 100.0, 2025, 200.0) == [(2025, 200.0)]


_level = st.floats(min_value=0.01, max_value=1e9)


@given(st.integers(2000, 2030), _level, st.integers(1, 15), _level)
def test_the_path_runs_from_base_to_target_monotonically(
    base_year: int, base: float, years: int, target: float
) -> None:
    path = target_path(base_year, base, base_year + years, target)
    assert path[0] == (base_year, base) and path[-1] == (base_year + years, target)
    levels = [level for _, level in path]
    rising = levels == sorted(levels)
    falling = levels == sorted(levels, reverse=True)
    assert rising or falling or max(levels) - min(levels) < 1e-6 * max(levels)
