"""The path a level target sets from its base to its deadline (目标路径): the level each year
must reach for the target to be met on time at a steady rate of growth, what the overview's
trend chart draws beside the actual values."""

from __future__ import annotations


def target_path(
    base_year: int, base: float, deadline_year: int, target: float
) -> list[tuple[int, float]]:
    """(year, level) from the base year to the deadline, growing at one constant annual rate
    (the required CAGR) from ``base`` to ``target``; a straight line where either level is not
    positive (a rate cannot be taken); just the target when the deadline is not after the base."""
    if deadline_year <= base_year:
        return [(deadline_year, target)]
    years = deadline_year - base_year
    if base > 0 and target > 0:
        rate = (target / base) ** (1 / years)
        return [(base_year + n, base * rate**n) for n in range(years)] + [(deadline_year, target)]
    step = (target - base) / years
    return [(base_year + n, base + step * n) for n in range(years)] + [(deadline_year, target)]
