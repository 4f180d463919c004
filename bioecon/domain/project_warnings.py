"""序时进度 warnings of key projects: one pure function per rule — investment against 序时进度
(by percentage points or by ratio), a planned start not met, a started project not yet in the
statistics (入统) — with the presets of ``bioecon/data/projects/warnings.yaml``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from bioecon.domain.periods import Period

MONTHS_A_YEAR = 12
HUNDRED = Decimal(100)


class Colour(StrEnum):
    """A project's warning colour (红黄绿灯): green raises no warning."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


_ORDER = (Colour.GREEN, Colour.YELLOW, Colour.RED)


class InvestmentMethod(StrEnum):
    POINTS = "points"  # percentage points below 序时进度
    RATIO = "ratio"  # completion as a % of 序时进度


@dataclass(frozen=True, slots=True)
class InvestmentRule:
    method: InvestmentMethod
    yellow: Decimal
    red: Decimal


@dataclass(frozen=True, slots=True)
class MonthsRule:
    """Yellow from ``yellow`` months late, red from ``red`` months late."""

    yellow: int
    red: int


@dataclass(frozen=True, slots=True)
class Preset:
    code: str
    name: str
    source: str
    investment: InvestmentRule
    start: MonthsRule
    statistics: MonthsRule


@dataclass(frozen=True, slots=True)
class WarningBook:
    presets: Mapping[str, Preset]
    plans: Mapping[str, str]
    default: str

    def for_plan(self, plan: str | None) -> Preset:
        return self.presets[self.plans.get(plan or "", self.default)]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> WarningBook:
        presets = {code: _preset(code, raw) for code, raw in data["presets"].items()}
        plans = {str(k): str(v) for k, v in (data.get("plans") or {}).items()}
        unknown = sorted({*plans.values(), data["default"]} - presets.keys())
        if unknown:
            raise ValueError(f"warnings.yaml names unknown presets: {', '.join(unknown)}")
        return cls(presets, plans, str(data["default"]))


def _preset(code: str, raw: Mapping[str, Any]) -> Preset:
    money = raw["investment"]
    rule = InvestmentRule(
        InvestmentMethod(money["method"]), Decimal(str(money["yellow"])), Decimal(str(money["red"]))
    )
    start, counted = raw["start"], raw["statistics"]
    return Preset(
        code,
        str(raw["name"]),
        str(raw["source"]),
        rule,
        MonthsRule(int(start["yellow"]), int(start["red"])),
        MonthsRule(int(counted["yellow"]), int(counted["red"])),
    )


def time_progress(month: int) -> Decimal:
    """序时进度 of month ``month`` in %: the share of the year gone by its end (6 → 50)."""
    return Decimal(month) * HUNDRED / MONTHS_A_YEAR


def completion_rate(completed: Decimal, annual_plan: Decimal | None) -> Decimal | None:
    """1–N月累计完成投资 as a % of 年度计划投资 (None without a positive plan)."""
    if annual_plan is None or annual_plan <= 0:
        return None
    return completed * HUNDRED / annual_plan


def investment_colour(rule: InvestmentRule, completion: Decimal | None, month: int) -> Colour:
    """The colour of a completion rate (%) at the end of ``month`` (no plan: no warning)."""
    if completion is None:
        return Colour.GREEN
    schedule = time_progress(month)
    if rule.method is InvestmentMethod.POINTS:
        below = schedule - completion
        return _graded(below > rule.red, below >= rule.yellow)
    share = completion * HUNDRED / schedule
    return _graded(share < rule.red, share < rule.yellow)


def _graded(red: bool, yellow: bool) -> Colour:
    return Colour.RED if red else Colour.YELLOW if yellow else Colour.GREEN


def _month(day: date) -> int:
    return day.year * MONTHS_A_YEAR + day.month - 1


def _ordinal(period: Period) -> int:
    return period.year * MONTHS_A_YEAR + period.index - 1


def months_late(due: date, done: date | None, period: Period) -> int:
    """How many months, counted at the end of ``period``, a thing due in ``due``'s month has
    not been done (done by then: 0). Due this month and not done: 1."""
    now = _ordinal(period)
    if done is not None and _month(done) <= now:
        return 0
    return max(0, now - _month(due) + 1)


def start_colour(
    rule: MonthsRule, planned_start: date | None, actual_start: date | None, period: Period
) -> Colour:
    """未按计划开工: the planned start's month ended without a start."""
    if planned_start is None:
        return Colour.GREEN
    late = months_late(planned_start, actual_start, period)
    return _graded(late >= rule.red, late >= rule.yellow)


def statistics_colour(
    rule: MonthsRule, actual_start: date | None, in_statistics: date | None, period: Period
) -> Colour:
    """开工未入统: months after the start's month without 入统 (the start month itself: 0)."""
    if actual_start is None or _month(actual_start) > _ordinal(period):
        return Colour.GREEN
    late = months_late(actual_start, in_statistics, period) - 1
    return _graded(late >= rule.red, late >= rule.yellow)


def worst(colours: Iterable[Colour]) -> Colour:
    """The most severe colour (none: green)."""
    return max(colours, key=_ORDER.index, default=Colour.GREEN)
