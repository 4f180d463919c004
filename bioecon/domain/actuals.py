"""What counts as a target's actual and base value (实际值, 基期值), from one ledger series —
the entries of one (indicator, sector, org unit) by period. Pure; the evaluation service
reads the series (only :func:`periods_needed`) and hands the results to
:mod:`bioecon.domain.progress`. Rules (docs/progress.md):

- flow indicators (产业规模, 产值): the **trailing 12 months** to the as-of month —
  累计(as-of) + 全年(上年) − 累计(上年同期) — when the series has those three figures; a year-end
  period's own 1–12月累计 when the latest period ends a year; else the latest full year at or
  before it. The actual's ``label`` says which.
- stock indicators (企业数): the latest period-end value at or before the as-of period.
- once the deadline year T is complete at the as-of month (as-of ≥ December of T), the
  target is judged on T (:func:`judged_year`, :func:`year_value`): the 全年 (1–12月累计)
  of flows, the year-end of stocks; the latest value is shown beside it.
- recurring targets (每年…): this year's 累计 so far, with the share of the year elapsed.
- the base: the target's own ``baseline_value``/``baseline_year`` when the plan gives them;
  else the series' full-year value of the year before the plan period.
"""

from __future__ import annotations

from decimal import Decimal

from bioecon.domain.ledger import LedgerEntry
from bioecon.domain.model import IndicatorNature, Target
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.progress import Observed

Series = dict[Period, LedgerEntry]


def time_of(period: Period) -> float:
    """A period's end on the time axis of :mod:`bioecon.domain.progress` (2025-06 → 2024.5)."""
    return period.year - 1 + period.last_month / 12


def periods_needed(
    native: PeriodType, nature: IndicatorNature, base_years: set[int], last: Period
) -> list[Period]:
    """The periods the actual and base are read from (only these need deriving):

    - stocks: the 12 months (4 quarters, 1 year) up to ``last`` — the actual is the latest
      value among them — and the base years' year-ends;
    - flows: ``last`` and the same period a year earlier (trailing 12 months), the last two
      complete year-ends (full-year fallback) and the base years' year-ends.
    """
    per_year = 12 // native.months

    def year_end(year: int) -> Period:
        return Period(native, year, per_year)

    wanted = {year_end(year) for year in base_years}
    if nature is IndicatorNature.STOCK:
        wanted |= {last.shift(-n) for n in range(per_year)}
    else:
        complete = last.year if last.index == per_year else last.year - 1
        wanted |= {last, last.same_period_last_year(), year_end(complete), year_end(complete - 1)}
    return sorted(p for p in wanted if p <= last)


def full_year(series: Series, year: int) -> Decimal | None:
    """1–12月累计 (or the year's last period's 累计/value) of ``year``."""
    for period, entry in series.items():
        if period.year == year and period.last_month == 12:
            return (
                entry.ytd
                if entry.ytd is not None
                else (entry.value if period.type is PeriodType.YEAR else None)
            )
    return None


def judged_year(deadline_year: int | None, as_of: Period) -> int | None:
    """The deadline year when it is complete at ``as_of`` (December of it or later): the
    target is then judged on that year, not on later data. ``None`` before."""
    if deadline_year is None:
        return None
    complete = as_of.year if as_of.last_month == 12 else as_of.year - 1
    return deadline_year if complete >= deadline_year else None


def year_value(series: Series, nature: IndicatorNature, year: int) -> Observed | None:
    """A complete year's figure at ``t = year`` — its 1–12月累计 (flows) or year-end value
    (stocks): the actual of a deadline year, the base of a base year; ``None`` if lacking."""
    if nature is IndicatorNature.STOCK:
        value = next(
            (
                entry.value
                for period, entry in series.items()
                if period.year == year and period.last_month == 12
            ),
            None,
        )
    else:
        value = full_year(series, year)
    return Observed(value, float(year), str(year)) if value is not None else None


def actual_of(
    series: Series, nature: IndicatorNature, as_of: Period, *, recurring: bool
) -> tuple[Observed | None, float | None]:
    """The actual as of ``as_of`` and, for a recurring target, the share of its year that has
    elapsed (months ÷ 12; ``None`` otherwise). ``(None, None)`` when the series has none."""
    if not series:
        return None, None
    latest = max(p for p in series if p.end_ordinal <= as_of.end_ordinal)
    if nature is IndicatorNature.STOCK:
        return _latest_level(series, latest), None
    if recurring:
        entry = series.get(latest)
        if entry is None or entry.ytd is None:
            return None, None
        label = f"{latest.year}-01/{latest}"
        return Observed(entry.ytd, time_of(latest), label), latest.last_month / 12
    return _flow(series, latest), None


def _latest_level(series: Series, latest: Period) -> Observed | None:
    for period in sorted((p for p in series if p <= latest), reverse=True):
        value = series[period].value
        if value is not None:
            return Observed(value, time_of(period), str(period))
    return None


def _flow(series: Series, latest: Period) -> Observed | None:
    """The year to ``latest`` if it ends a year; else the trailing 12 months; else the latest
    full year before."""
    this = series.get(latest)
    if latest.last_month == 12 and this is not None and this.ytd is not None:
        return Observed(this.ytd, float(latest.year), str(latest.year))
    same_last_year = series.get(latest.same_period_last_year())
    full_last_year = full_year(series, latest.year - 1)
    if (
        this
        and this.ytd is not None
        and same_last_year
        and same_last_year.ytd is not None
        and full_last_year is not None
    ):
        start = latest.shift(-(12 // latest.type.months) + 1)
        ttm = this.ytd + full_last_year - same_last_year.ytd
        return Observed(ttm, time_of(latest), f"{start.months()[0]}/{latest.months()[-1]}")
    first_year = min(p.year for p in series)
    for year in range(latest.year - (0 if latest.last_month == 12 else 1), first_year - 1, -1):
        value = full_year(series, year)
        if value is not None:
            return Observed(value, float(year), str(year))
    return None


def base_of(
    target: Target, series: Series, nature: IndicatorNature, horizon_start: int | None
) -> Observed | None:
    """The target's base: its own baseline (in ``baseline_year``, else the year before the
    plan period), else the series' year-end value (stocks) or full year (flows) of the year
    before the plan period."""
    if target.baseline_value is not None:
        year = target.baseline_year or (horizon_start - 1 if horizon_start else None)
        return Observed(target.baseline_value, float(year), str(year)) if year is not None else None
    if horizon_start is None:
        return None
    return year_value(series, nature, horizon_start - 1)
