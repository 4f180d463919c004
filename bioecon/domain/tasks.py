"""Tasks broken down (任务分解), their progress reports (进展填报), the reports each owes by
the plan's cadence, and the status colour of a task by a preset. Pure.

A plan's 重点任务 becomes annual work points (年度工作要点) and each unit's sub-tasks (分解任务),
each a :class:`WorkItem` with lead and co units (codes of the responsible-unit table), a
responsible leader, a deadline (a year, quarter or month), a deliverable and the targets and
key projects it serves. A department reports each period of the cadence
(``bioecon/data/tasks/cadence.yaml``); a report is due ``due_days`` after its period ends. The
colour presets (``bioecon/data/tasks/status_presets.yaml``, each with its source) are the
rules of :func:`task_colour`. docs/tasks.md explains both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from bioecon.domain.periods import Period, PeriodType, period_range
from bioecon.domain.reporting_calendar import office_day
from bioecon.errors import InvalidValue

HUNDRED = Decimal(100)


class WorkItemKind(StrEnum):
    """What a row of the breakdown is."""

    WORK_POINT = "work_point"  # 年度工作要点
    SUB_TASK = "sub_task"  # 分解任务 (a unit's part of a work point)


class TaskColour(StrEnum):
    """A task's status colour (四色: 红黄蓝绿)."""

    GREEN = "green"  # 绿: done, or on time
    BLUE = "blue"  # 蓝: under way, on schedule
    YELLOW = "yellow"  # 黄: behind, or caught up after missing
    RED = "red"  # 红: the deadline or a report missed


class ReportTiming(StrEnum):
    """How a period's report stands against its due day."""

    ON_TIME = "on_time"  # 按时报送
    LATE = "late"  # 逾期补报
    MISSING = "missing"  # 逾期未报
    NOT_DUE = "not_due"  # 未到期


class PresetMethod(StrEnum):
    """How a colour preset reads a task."""

    FOUR_COLOURS = "four_colours"  # 红黄蓝绿 by status: done, on schedule, behind, overdue
    TIMELINESS = "timeliness"  # on time green, missed red, caught up after missing yellow


@dataclass(frozen=True, slots=True)
class WorkItem:
    """年度工作要点 or 分解任务 of a plan: who, by when, to what end."""

    code: str  # 任务编号
    plan: str
    kind: WorkItemKind
    year: int
    title: str
    task: str | None = None  # the plan's 重点任务 key (K01); None: added by the plan office
    parent: str | None = None  # a sub-task's work point (its code)
    lead_units: tuple[str, ...] = ()  # responsible-unit codes
    co_units: tuple[str, ...] = ()
    leader: str | None = None  # 责任领导
    deadline: Period | None = None  # 完成时限
    deliverable: str | None = None  # 成果形式
    targets: tuple[str, ...] = ()  # the plan's target keys
    projects: tuple[str, ...] = ()  # key-project codes

    @property
    def units(self) -> tuple[str, ...]:
        return (*self.lead_units, *self.co_units)

    @property
    def last_day(self) -> date:
        """The deadline's last day; the end of the item's year without one."""
        return (self.deadline or Period.of_year(self.year)).last_day


@dataclass(frozen=True, slots=True)
class WorkReport:
    """A department's progress report of one period: what was done, how far, what reached."""

    item: str
    period: Period
    text: str
    percent: Decimal | None = None  # 完成进度, 0–100; 100 is done
    milestone: str | None = None  # 节点目标
    reported_by: str = ""
    reported_at: datetime | None = None

    @property
    def done(self) -> bool:
        return self.percent is not None and self.percent >= HUNDRED


def report_problems(report: WorkReport) -> list[tuple[str, str]]:
    """(field, message) for each rule a report breaks: some text, a percent in 0–100, and
    a percent or a milestone."""
    problems = []
    if not report.text.strip():
        problems.append(("text", "请填写进展情况"))
    if report.percent is not None and not 0 <= report.percent <= HUNDRED:
        problems.append(("percent", f"完成进度{report.percent}不在0至100之间"))
    if report.percent is None and not report.milestone:
        problems.append(("percent", "请填写完成进度（%）或已完成的节点目标"))
    return problems


@dataclass(frozen=True, slots=True)
class Cadence:
    """A plan's reporting cadence: one report per ``period`` (month, quarter or year), due
    ``due_days`` days after the period ends."""

    period: PeriodType
    due_days: int

    def due_on(self, period: Period) -> date:
        return period.last_day + timedelta(days=self.due_days)

    def periods(self, item: WorkItem) -> list[Period]:
        """The periods ``item`` reports: from January of its year to its deadline's period."""
        first = Period.month(item.year, 1).to(self.period)
        last = Period.containing(item.last_day, self.period)
        return period_range(first, max(first, last))


@dataclass(frozen=True, slots=True)
class DueReport:
    """One report an item owes: its period, due day, and how it stands."""

    item: str
    period: Period
    due_on: date
    timing: ReportTiming
    reported_at: datetime | None = None


def due_reports(
    item: WorkItem, reports: Sequence[WorkReport], cadence: Cadence, today: date
) -> list[DueReport]:
    """Each period's report of ``item`` and its timing on ``today``. A report filed by its due
    day (in China) is on time, later is late; none by the due day is missing; a period whose
    due day is still ahead is not due. Once a report says done (100 %), later periods owe
    nothing."""
    by_period = {str(r.period): r for r in reports}
    done = min((r.period for r in reports if r.done), default=None)
    found: list[DueReport] = []
    for period in cadence.periods(item):
        if done is not None and period > done:
            break
        due = cadence.due_on(period)
        report = by_period.get(str(period))
        at = report.reported_at if report else None
        if at is not None:
            timing = ReportTiming.ON_TIME if office_day(at) <= due else ReportTiming.LATE
        else:
            timing = ReportTiming.MISSING if today > due else ReportTiming.NOT_DUE
        found.append(DueReport(item.code, period, due, timing, at))
    return found


@dataclass(frozen=True, slots=True)
class ColourPreset:
    """A colour preset of ``status_presets.yaml``: its method and margin, name and source."""

    code: str
    name: str
    source: str
    method: PresetMethod
    behind_points: Decimal = Decimal(10)  # four colours: behind 序时 by more → yellow
    explanation: Mapping[TaskColour, str] | None = None  # what each colour means, for the page


@dataclass(frozen=True, slots=True)
class TaskStatus:
    """An item's standing on a day: its progress against 序时进度, reports and colour."""

    item: str
    colour: TaskColour
    percent: Decimal  # the latest reported percent (0 before any)
    schedule: Decimal  # 序时进度: the share of the item's time gone by, in %
    done_on: date | None  # the day a report first said done
    missing: int  # reports due and not filed
    late: int  # reports filed after their due day
    overdue: bool  # the deadline passed without a done report


def schedule_share(item: WorkItem, today: date) -> Decimal:
    """序时进度 of ``item`` on ``today``: days gone since 1 January of its year over the days
    to its deadline's last day, in % (0 before, 100 after)."""
    start = date(item.year, 1, 1)
    total = (item.last_day - start).days + 1
    gone = min(max((today - start).days + 1, 0), total)
    return Decimal(gone) * HUNDRED / Decimal(total)


def task_status(
    item: WorkItem,
    reports: Sequence[WorkReport],
    cadence: Cadence,
    preset: ColourPreset,
    today: date,
) -> TaskStatus:
    """The status of ``item`` on ``today`` by ``preset`` (see :func:`task_colour`)."""
    ordered = sorted((r for r in reports if r.percent is not None), key=lambda r: r.period)
    percent = ordered[-1].percent if ordered and ordered[-1].percent is not None else Decimal(0)
    done = [office_day(r.reported_at) for r in reports if r.done and r.reported_at is not None]
    done_on = min(done, default=None)
    timings = [d.timing for d in due_reports(item, reports, cadence, today)]
    overdue = done_on is None and today > item.last_day
    facts = TaskStatus(
        item.code,
        TaskColour.GREEN,
        percent,
        schedule_share(item, today),
        done_on,
        timings.count(ReportTiming.MISSING),
        timings.count(ReportTiming.LATE),
        overdue,
    )
    return replace(facts, colour=task_colour(facts, item, preset))


def task_colour(facts: TaskStatus, item: WorkItem, preset: ColourPreset) -> TaskColour:
    """The colour of an item's facts by ``preset``.

    four colours (红黄蓝绿): green when done; red when the deadline passed undone; yellow when
    a report is missing or progress is more than ``behind_points`` below 序时进度; else blue.

    timeliness: red when the deadline passed undone or a report is missing; yellow when it
    caught up after missing (a report filed late, or done after the deadline); else green.
    """
    if preset.method is PresetMethod.FOUR_COLOURS:
        if facts.done_on is not None:
            return TaskColour.GREEN
        if facts.overdue:
            return TaskColour.RED
        behind = facts.schedule - facts.percent > preset.behind_points
        return TaskColour.YELLOW if facts.missing or behind else TaskColour.BLUE
    if facts.overdue or facts.missing:
        return TaskColour.RED
    late_done = facts.done_on is not None and facts.done_on > item.last_day
    return TaskColour.YELLOW if facts.late or late_done else TaskColour.GREEN


@dataclass(frozen=True, slots=True)
class TaskLine:
    """A work item with its status on a day and its units' names."""

    item: WorkItem
    status: TaskStatus
    lead_names: tuple[str, ...]
    co_names: tuple[str, ...]
    lead_homes: tuple[str | None, ...] = ()  # the org unit of each lead unit (None: shared)


LAGGING = frozenset({TaskColour.YELLOW, TaskColour.RED})
"""The colours that call for a notice (督办)."""


@dataclass(frozen=True, slots=True)
class TaskBook:
    """The colour presets and cadences of ``bioecon/data/tasks``, with the plans' choices."""

    presets: Mapping[str, ColourPreset]
    default_preset: str
    plan_presets: Mapping[str, str]
    default_cadence: Cadence
    plan_cadences: Mapping[str, Cadence]

    def preset_for(self, plan: str) -> ColourPreset:
        return self.presets[self.plan_presets.get(plan, self.default_preset)]

    def cadence_for(self, plan: str) -> Cadence:
        return self.plan_cadences.get(plan, self.default_cadence)

    @classmethod
    def from_mapping(cls, presets: Mapping[str, Any], cadence: Mapping[str, Any]) -> TaskBook:
        found = {code: _preset(code, raw) for code, raw in presets["presets"].items()}
        chosen = {str(k): str(v) for k, v in (presets.get("plans") or {}).items()}
        unknown = sorted({*chosen.values(), str(presets["default"])} - found.keys())
        if unknown:
            raise InvalidValue(f"status_presets.yaml names unknown presets: {', '.join(unknown)}")
        return cls(
            found,
            str(presets["default"]),
            chosen,
            _cadence(cadence["default"]),
            {str(k): _cadence(v) for k, v in (cadence.get("plans") or {}).items()},
        )


def _preset(code: str, raw: Mapping[str, Any]) -> ColourPreset:
    colours = raw.get("colours") or {}
    return ColourPreset(
        code,
        str(raw["name"]),
        str(raw["source"]),
        PresetMethod(raw["method"]),
        Decimal(str(raw.get("behind_points", 10))),
        {TaskColour(k): str(v) for k, v in colours.items()},
    )


def _cadence(raw: Mapping[str, Any]) -> Cadence:
    return Cadence(PeriodType(raw["period"]), int(raw["due_days"]))
