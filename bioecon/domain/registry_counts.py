"""When the enterprise registry is counted for a target (企业名录计数日): the day flags are
judged on, the year of figures, and the base date increments are counted from. Pure.

A level target counts the tier's members on the last day of the as-of month, or of its
deadline year once that has passed; figure-based tiers on the latest complete year up to
then. An increment target (新增, 新引进, 新培育, 引进培育) counts only the members that were
not members at the end of its base year (rules: docs/progress.md, "Increments").
"""

from __future__ import annotations

import calendar
from datetime import date

from bioecon.domain.periods import Period


def count_day(as_of: Period, deadline_year: int | None) -> date:
    """The last day of the month ``as_of``, or of ``deadline_year`` when that is earlier."""
    last = date(as_of.year, as_of.index, calendar.monthrange(as_of.year, as_of.index)[1])
    if deadline_year is not None and deadline_year < as_of.year:
        return date(deadline_year, 12, 31)
    return last


def complete_year(day: date) -> int:
    """The latest year whose figures are complete on ``day`` (its own year on 31 December)."""
    return day.year if (day.month, day.day) == (12, 31) else day.year - 1


def base_day(year: int) -> date:
    """The end of the base year: members then are not entrants."""
    return date(year, 12, 31)
