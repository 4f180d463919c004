"""The monthly 项目调度 report of a plan's key projects, from its rows: counts by stage, 总投资,
年度计划投资, 1–N月累计完成投资 against the annual plan and 序时进度, 计划开工 vs 实际开工, and the
red and yellow lists with their 责任单位. Pure: the rows come from one query
(bioecon.store.projects.report_lines); the rules are bioecon.domain.project_warnings'."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bioecon.domain.model import ProjectStage
from bioecon.domain.periods import Period
from bioecon.domain.project_warnings import (
    Colour,
    Preset,
    completion_rate,
    investment_colour,
    months_late,
    start_colour,
    statistics_colour,
    time_progress,
    worst,
)
from bioecon.domain.projects import LIST_SEPARATOR

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One project as the report reads it. Money: 总投资 亿元; annual plan and completed 万元."""

    code: str
    name: str
    org_unit: str | None
    responsible_unit: str | None
    stage: ProjectStage
    annual_class: str | None
    total_investment: Decimal | None
    annual_plan: Decimal | None  # 年度计划投资 of the report's year
    completed: Decimal | None  # the latest 1–N月累计 of the year up to the report's month
    reported: str | None  # the month of that figure (YYYY-MM)
    planned_start: date | None
    actual_start: date | None
    in_statistics: date | None
    category: str | None
    lists: str | None  # 列入清单 (LIST_SEPARATOR)
    selected_year: int | None
    selection_score: Decimal | None = None  # 总分 in the report year's selection (每年遴选)
    chosen: bool | None = None  # 入选 in it (None: not a candidate)


@dataclass(frozen=True, slots=True)
class ProjectFilter:
    """The project list's filters (None: any)."""

    stage: ProjectStage | None = None
    colour: Colour | None = None
    org_unit: str | None = None
    category: str | None = None
    listed: str | None = None  # one name of 列入清单 (市重点)
    year: int | None = None  # 入库年份
    chosen: bool | None = None  # True: chosen in the report year's selection (每年遴选)

    def keeps(self, verdict: LineVerdict) -> bool:
        line = verdict.line
        wanted = (
            (self.stage, line.stage),
            (self.colour, verdict.colour),
            (self.org_unit, line.org_unit),
            (self.category, line.category),
            (self.year, line.selected_year),
        )
        lists = (line.lists or "").split(LIST_SEPARATOR)
        return (
            all(w is None or w == v for w, v in wanted)
            and (self.listed is None or self.listed in lists)
            and (self.chosen is None or bool(line.chosen) == self.chosen)
        )


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """A project's figures and colours for the month."""

    line: ReportLine
    completion: Decimal | None  # % of the annual plan
    gap: Decimal | None  # percentage points above (+) or below (−) 序时进度
    investment: Colour
    start: Colour
    statistics: Colour

    @property
    def colour(self) -> Colour:
        return worst((self.investment, self.start, self.statistics))


@dataclass(frozen=True, slots=True)
class MonthlyReport:
    plan: str
    period: Period
    preset: str
    projects: int
    by_stage: dict[ProjectStage, int]
    total_investment: Decimal  # 亿元
    annual_plan: Decimal  # 万元
    completed: Decimal  # 万元
    completion: Decimal | None  # % of the annual plan
    schedule: Decimal  # 序时进度 %
    gap: Decimal | None  # percentage points above (+) or below (−) 序时进度
    planned_starts: int  # 计划开工 by this month of the year
    actual_starts: int  # 实际开工 this year by this month
    early_starts: int  # 提前开工: started before the planned start's month
    late_starts: int  # 未按计划开工: planned by now, not started
    lines: tuple[LineVerdict, ...]
    candidates: int = 0  # the report year's selection (每年遴选): its candidates
    chosen: int = 0  # and those chosen

    def listed(self, colour: Colour) -> list[LineVerdict]:
        return [v for v in self.lines if v.colour is colour]


def judge(line: ReportLine, preset: Preset, period: Period) -> LineVerdict:
    """A project's colours at the end of ``period``."""
    completion = completion_rate(line.completed or ZERO, line.annual_plan)
    gap = None if completion is None else completion - time_progress(period.index)
    return LineVerdict(
        line,
        completion,
        gap,
        investment_colour(preset.investment, completion, period.index),
        start_colour(preset.start, line.planned_start, line.actual_start, period),
        statistics_colour(preset.statistics, line.actual_start, line.in_statistics, period),
    )


def _this_year(day: date | None, period: Period) -> bool:
    return day is not None and day.year == period.year and day.month <= period.index


def monthly_report(
    plan: str, period: Period, preset: Preset, lines: list[ReportLine]
) -> MonthlyReport:
    """The report of ``plan``'s projects for ``period`` (a month)."""
    verdicts = tuple(judge(line, preset, period) for line in lines)
    planned = sum((line.annual_plan or ZERO for line in lines), ZERO)
    completed = sum((line.completed or ZERO for line in lines), ZERO)
    completion = completion_rate(completed, planned)
    schedule = time_progress(period.index)
    return MonthlyReport(
        plan,
        period,
        preset.code,
        len(lines),
        dict(Counter(line.stage for line in lines)),
        sum((line.total_investment or ZERO for line in lines), ZERO),
        planned,
        completed,
        completion,
        schedule,
        None if completion is None else completion - schedule,
        sum(1 for line in lines if _this_year(line.planned_start, period)),
        sum(1 for line in lines if _this_year(line.actual_start, period)),
        sum(1 for line in lines if _early(line, period)),
        sum(1 for line in lines if _this_year(line.planned_start, period) and _late(line, period)),
        verdicts,
        sum(1 for line in lines if line.chosen is not None),
        sum(1 for line in lines if line.chosen),
    )


def _early(line: ReportLine, period: Period) -> bool:
    started, due = line.actual_start, line.planned_start
    return (
        _this_year(started, period)
        and started is not None
        and due is not None
        and (started.year, started.month) < (due.year, due.month)
    )


def _late(line: ReportLine, period: Period) -> bool:
    return (
        line.planned_start is not None
        and months_late(line.planned_start, line.actual_start, period) > 0
    )
