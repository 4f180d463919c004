"""The demo's simulated ledger (模拟数据), each indicator reported at its own period type and
basis.

Rows for every ledger indicator a plan declares and ``bioecon/data/demo/plans.yaml``
calibrates, as the catalogue defines it (``catalogs.indicator_catalogue()``):

- flows (产业规模, 产值 …) are 1–N月累计 passing through the calibration points, with
  seasonality and noise; a quarterly or yearly flow is reported at its quarter- or year-ends;
- stocks (集群数, 人才数, 覆盖率 …) are levels at each period's end, geometric between the points,
  whole numbers for counts;
- money flows are shared among the region's districts (which add up to the region's total);
  counts and rates are reported by the region itself (a count is not split into fractions, a
  rate is not additive); a calibration's ``sector`` reports the series for that sector only.

Monthly money flows are drawn first and parks after them, then the other series, so adding an
indicator of another kind leaves the earlier series as they were. A few deliberate data-quality
problems are planted in 长沙's monthly rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from bioecon.catalogs import unit_registry
from bioecon.domain.model import (
    Aggregation,
    Indicator,
    IndicatorNature,
    ObservationStatus,
    OrgUnit,
    PlanBundle,
)
from bioecon.domain.observation_input import CodeReference, ObservationFile, ObservationRow
from bioecon.domain.periods import Period, PeriodType

SIMULATED = "模拟数据 (simulated data)"
FIRST_MONTH = Period.month(2020, 1)
_SEASON = (0.72, 0.78, 1.02, 0.98, 1.0, 1.06, 0.97, 0.96, 1.04, 1.0, 1.08, 1.39)  # sums to 12
Series = list[tuple[Period, Decimal]]  # 1–N月累计 (flows) or levels (stocks) by period
LOWER_BOUND_MARGIN = 1.01  # a published "超过/突破 X" is calibrated 1 % above X, so it is exceeded
PARK_NOISE = 0.05  # a park's month is its share of its container's month, ±5 %


@dataclass(frozen=True, slots=True)
class _Ledger:
    """The series drawn so far, by (indicator, org unit), and the sector each indicator's
    series reports (None: the total)."""

    series: dict[tuple[str, str], Series]
    sectors: dict[str, str | None]


def simulated_ledger(
    spec: dict[str, Any],
    bundle: PlanBundle,
    org_units: list[OrgUnit],
    last: Period,
    rng: random.Random,
) -> ObservationFile:
    """The plan's simulated ledger to ``last``, as a parsed observation file."""
    definitions = {i.code: i for i in bundle.indicators}
    calibration = {
        code: points
        for code, points in (spec.get("calibration") or {}).items()
        if code in definitions
    }
    monthly = {c: p for c, p in calibration.items() if _shared_monthly(definitions[c])}
    ledger = _Ledger(_reported_series(spec, monthly, org_units, last, rng), {})
    _zones(spec, definitions, ledger, org_units, last, rng)
    for code, points in calibration.items():
        if code not in monthly:
            _other_series(spec, definitions[code], points, org_units, last, rng, ledger)
    ledger.sectors.update({c: p.get("sector") for c, p in calibration.items()})
    rows = [
        _row(definitions[indicator], unit, period, value, ledger.sectors.get(indicator))
        for (indicator, unit), values in ledger.series.items()
        for period, value in values
    ]
    rows = _plant_problems(rows, spec["code"]) + _unreviewed(spec, definitions, ledger.series, last)
    rows = [replace(r, row=n + 2) for n, r in enumerate(rows)]
    references = tuple(
        CodeReference(r.row, column, code)
        for r in rows
        for column, code in (("indicator", r.indicator), ("org_unit", r.org_unit))
    )
    return ObservationFile(f"{SIMULATED} {spec['code']}", tuple(rows), (), references, 0)


def _shared_monthly(definition: Indicator) -> bool:
    """A monthly money flow: districts share it month by month."""
    return definition.period_type == PeriodType.MONTH and _shared(definition)


def _shared(definition: Indicator) -> bool:
    """Districts share money flows; counts and rates are the region's own."""
    return (
        definition.nature is IndicatorNature.FLOW
        and definition.aggregation is Aggregation.SUM
        and unit_registry().measures(definition.unit, "money_")
    )


def _zones(
    spec: dict[str, Any],
    definitions: dict[str, Indicator],
    ledger: _Ledger,
    org_units: list[OrgUnit],
    last: Period,
    rng: random.Random,
) -> None:
    """Parks and zones: their own calibration, or a share of the unit containing them."""
    for zone, indicators in (spec.get("zones") or {}).items():
        parent = next(u.parent for u in org_units if u.code == zone)
        for indicator, points in indicators.items():
            if indicator not in definitions:
                continue
            if "of_container" in points:
                container = ledger.series[(indicator, str(parent))]
                ledger.series[(indicator, zone)] = _part_of(container, points["of_container"], rng)
            else:
                ledger.series[(indicator, zone)] = _series(_points(points), last, 1.0, rng)


def _reported_series(
    spec: dict[str, Any],
    calibration: dict[str, Any],
    org_units: list[OrgUnit],
    last: Period,
    rng: random.Random,
) -> dict[tuple[str, str], Series]:
    """The region's districts (or the region itself) share each calibrated monthly total."""
    reporters = _districts(spec, org_units)
    weights = [rng.uniform(0.5, 2.0) for _ in reporters]
    series: dict[tuple[str, str], Series] = {}
    for indicator, points in calibration.items():
        for unit, weight in zip(reporters, weights, strict=True):
            share = weight / sum(weights)
            series[(indicator, unit.code)] = _series(_points(points), last, share, rng)
    return series


def _districts(spec: dict[str, Any], org_units: list[OrgUnit]) -> list[OrgUnit]:
    region = str(spec["region"])
    districts = [u for u in org_units if u.parent == region and u.additive]
    return districts or [next(u for u in org_units if u.code == region)]


def _other_series(
    spec: dict[str, Any],
    definition: Indicator,
    points: dict[Any, Any],
    org_units: list[OrgUnit],
    last: Period,
    rng: random.Random,
    ledger: _Ledger,
) -> None:
    """A quarterly or yearly flow (shared by the districts, reported at its period ends) or a
    stock (the region's levels)."""
    native = PeriodType(definition.period_type)
    calibrated = _points(points)
    if definition.nature is IndicatorNature.STOCK:
        whole = unit_registry().is_count(definition.unit)
        levels = _levels(calibrated, last, native, whole=whole)
        ledger.series[(definition.code, str(spec["region"]))] = levels
        return
    reporters = _districts(spec, org_units) if _shared(definition) else []
    reporters = reporters or [next(u for u in org_units if u.code == str(spec["region"]))]
    weights = [rng.uniform(0.5, 2.0) for _ in reporters]
    whole = unit_registry().is_count(definition.unit)
    for unit, weight in zip(reporters, weights, strict=True):
        flow = _series(calibrated, last, weight / sum(weights), rng, native)
        ledger.series[(definition.code, unit.code)] = (
            [(p, v.quantize(Decimal(1))) for p, v in flow] if whole else flow
        )


def _levels(points: dict[int, float], last: Period, native: PeriodType, *, whole: bool) -> Series:
    """Period-end levels of a stock from the earliest calibration year (or FIRST_MONTH's) to
    the last complete period: the calibrated year-end levels, geometric within a year."""
    rows: Series = []
    period = Period(native, min(FIRST_MONTH.year, min(points)), 1)
    while period.end_ordinal <= last.end_ordinal:
        before, after = _yearly(points, period.year - 1), _yearly(points, period.year)
        level = before * (after / before) ** (period.last_month / 12)
        rows.append((period, Decimal(round(level)) if whole else _cents(Decimal(f"{level:.4f}"))))
        period = period.next()
    return rows


def _points(spec: dict[Any, Any]) -> dict[int, float]:
    """Calibration points: a number is passed through, ``{above: X}`` (超过X) is exceeded;
    ``sector`` is not a point."""
    return {
        int(year): float(value["above"]) * LOWER_BOUND_MARGIN
        if isinstance(value, dict)
        else float(value)
        for year, value in spec.items()
        if year != "sector"
    }


def _yearly(points: dict[int, float], year: int) -> float:
    """A year's total passing through the calibration points (geometric between and beyond)."""
    years = sorted(points)
    if len(years) == 1:
        return points[years[0]] * 1.11 ** (year - years[0])
    growth = float((points[years[-1]] / points[years[0]]) ** (1 / (years[-1] - years[0])))
    anchor = min(years, key=lambda y: abs(y - year))
    return float(points[anchor] * growth ** (year - anchor))


def _seasons(native: PeriodType) -> tuple[float, ...]:
    """The seasonal weights of a year's periods (months, quarters or the year), summing to 12."""
    size = native.months
    return tuple(sum(_SEASON[i : i + size]) for i in range(0, 12, size))


def _year_noise(rng: random.Random, seasons: tuple[float, ...]) -> list[float]:
    """Noise (±3 %) per period of the year, scaled so that the year still adds up to its total."""
    noise = [rng.uniform(0.97, 1.03) for _ in seasons]
    scale = 12 / sum(s * n for s, n in zip(seasons, noise, strict=True))
    return [n * scale for n in noise]


def _series(
    points: dict[int, float],
    last: Period,
    share: float,
    rng: random.Random,
    native: PeriodType = PeriodType.MONTH,
) -> Series:
    """1–N月累计 values, period by period (months, quarters or years), from the first period of
    the earliest calibration year (or FIRST_MONTH's) to the last complete one: every full year
    adds up to ``share`` of its calibrated total."""
    rows: Series = []
    ytd = 0.0
    seasons = _seasons(native)
    period = Period(native, min(FIRST_MONTH.year, min(points)), 1)
    noise = _year_noise(rng, seasons)
    while period.end_ordinal <= last.end_ordinal:
        if period.index == 1:
            ytd, noise = 0.0, _year_noise(rng, seasons)
        season = seasons[period.index - 1] * noise[period.index - 1]
        ytd += _yearly(points, period.year) * share * season / 12
        rows.append((period, Decimal(f"{ytd:.2f}")))
        period = period.next()
    return rows


def _part_of(container: Series, share: float, rng: random.Random) -> Series:
    """A park's 累计: each month ``share`` (≤ 0.9) of its container's month, ±PARK_NOISE, so a
    part never exceeds the whole it lies in."""
    rows: Series = []
    ytd, before = 0.0, Decimal(0)
    for period, total in container:
        if period.index == 1:
            ytd, before = 0.0, Decimal(0)
        ytd += float(total - before) * share * rng.uniform(1 - PARK_NOISE, 1 + PARK_NOISE)
        before = total
        rows.append((period, Decimal(f"{ytd:.2f}")))
    return rows


def _unreviewed(
    spec: dict[str, Any],
    definitions: dict[str, Indicator],
    series: dict[tuple[str, str], Series],
    last: Period,
) -> list[ObservationRow]:
    """Reports still under review (draft 草稿, submitted 已报送): a park's latest months, a share
    of its container's 累计, for the review workflow to show. Parks are not added into any
    total, so these rows change no roll-up even where unreviewed figures are admitted."""
    rows = []
    for report in spec.get("unreviewed") or []:
        period = last.shift(-int(report["months_back"]))
        container = dict(series[(report["indicator"], str(report["container"]))])
        if period in container:
            value = (container[period] * Decimal(str(report["share"]))).quantize(Decimal("0.01"))
            status = ObservationStatus(report["status"])
            definition = definitions[report["indicator"]]
            rows.append(_row(definition, report["org_unit"], period, value, None, status))
    return rows


def _row(
    definition: Indicator,
    org_unit: str,
    period: Period,
    value: Decimal,
    sector: str | None,
    status: ObservationStatus = ObservationStatus.APPROVED,
) -> ObservationRow:
    """One row (numbered later), in the indicator's own basis (累计 or period-end level)."""
    return ObservationRow(
        0, definition.code, org_unit, period, value, sector, definition.basis, status
    )


def _plant_problems(rows: list[ObservationRow], plan: str) -> list[ObservationRow]:
    """A few deliberate problems for `bioecon data check` to find (长沙 only): a missing month
    (岳麓区 2024-07), a falling 累计 (开福区 2025-03: 95 % of February's, so it falls whatever the
    noise) and outlying months (雨花区 2024-09 to 12 ×1.8, whose 同比/环比 jump past the bound)."""
    if plan != "changsha-2025":
        return rows
    result: list[ObservationRow] = []
    for row in rows:
        if row.period.type is not PeriodType.MONTH:
            result.append(row)
            continue
        if row.org_unit == "430104" and str(row.period) == "2024-07":
            continue  # 缺报
        if row.org_unit == "430105" and str(row.period) == "2025-03":
            row = replace(row, value=_cents(result[-1].value * Decimal("0.95")))  # 累计值回落
        if row.org_unit == "430111" and row.period.year == 2024 and row.period.index >= 9:
            row = replace(row, value=_cents(row.value * Decimal("1.8")))  # 增速异常
        result.append(row)
    return result


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))
