"""The monthly bulletin's content as a typed record, and its content hash.

Everything a bulletin says is in :class:`Bulletin`: the narrative and every table are
rendered from it alone, so a bulletin rebuilt from a published record (its content and the
values it used) is the same bulletin, with the same :func:`content_hash`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter

from bioecon.domain.periods import PeriodType
from bioecon.domain.reporting_calendar import Timeliness

KIND_MONTHLY = "monthly"  # 统计监测月报
KIND_QUARTERLY = "quarterly"  # 统计监测季报: the same sections, as of a quarter's last month
KIND_MIDTERM = "midterm"  # 中期评估报告: every target as of a month near mid-horizon
KIND_FINAL = "final"  # 总结评估报告: every target as of the plan's last month (or after)
KIND_ANNUAL = "annual"  # 年度总结: every target as of a year's December
KINDS = (KIND_MONTHLY, KIND_QUARTERLY, KIND_ANNUAL, KIND_MIDTERM, KIND_FINAL)
EVALUATIONS = (KIND_ANNUAL, KIND_MIDTERM, KIND_FINAL)  # the kinds that list every target
# what each kind reports on: a month, a quarter or a year (its figures: that period's last month)
PERIOD_TYPES = {
    KIND_MONTHLY: PeriodType.MONTH,
    KIND_QUARTERLY: PeriodType.QUARTER,
    KIND_ANNUAL: PeriodType.YEAR,
    KIND_MIDTERM: PeriodType.MONTH,
    KIND_FINAL: PeriodType.MONTH,
}
# the months a kind of bulletin covers: its 增速 pace compares with this many months before
# (a summary or an evaluation states the year's figures without a pace)
PACE_MONTHS = {KIND_MONTHLY: 1, KIND_QUARTERLY: 3} | dict.fromkeys(EVALUATIONS, 12)


@dataclass(frozen=True, slots=True)
class Headline:
    """One headline indicator of the region (当月, 1–N月累计, 同比, 累计同比)."""

    indicator: str
    subject: str  # how the bulletin names it: 全市生物医药产业
    unit: str
    cumulative: bool  # a flow with 1–N月累计; a stock shows its period-end level only
    value: Decimal | None  # 当月
    ytd: Decimal | None  # 1–N月累计
    yoy: float | None  # 同比, percent
    ytd_yoy: float | None  # 累计同比, percent
    ytd_yoy_before: float | None  # 累计同比 a month earlier (增速加快/回落)
    completion: float | None = None  # 完成目标 %, of the target on this indicator and subject
    time_progress: float | None = None  # 时序进度 %, of that target
    deadline_year: int | None = None  # None: a yearly target (每年…)
    trend: tuple[tuple[str, Decimal | None], ...] = ()  # (month, 当月) up to the bulletin's


@dataclass(frozen=True, slots=True)
class TargetLine:
    """A target with its status, as the bulletin lists it."""

    key: str
    metric: str
    subject: str
    status: str  # a progress Status value
    completion: float | None
    time_progress: float | None
    responsible: str  # 责任单位, by name


@dataclass(frozen=True, slots=True)
class EvaluatedTarget:
    """A target as an evaluation report (中期/总结评估) lists it: what the plan set, what was
    reached by the evaluation's month, and the verdict with its explanation."""

    key: str
    metric: str
    subject: str
    unit: str  # of target, actual and projected
    op: str  # a TargetOp value (>=, ~, range …)
    target: Decimal | None  # the level to reach (翻番: base × 2); a range's low end
    target_high: Decimal | None
    deadline_year: int | None  # None: a yearly target
    nature: str | None  # 预期性/约束性 (a TargetNature value)
    actual: Decimal | None
    actual_period: str | None
    completion: float | None
    time_progress: float | None
    projected: Decimal | None  # at the deadline, at the pace so far
    status: str
    explanation: str  # the verdict's reason, in words
    responsible: str


@dataclass(frozen=True, slots=True)
class AdjustmentLine:
    """A target adjustment (目标动态调整) as an evaluation report states it."""

    target: str  # its key
    metric: str
    subject: str
    unit: str
    old_value: Decimal
    new_value: Decimal
    old_value_high: Decimal | None
    new_value_high: Decimal | None
    reason: str
    approved_by: str
    approved_on: str  # YYYY-MM-DD
    document: str | None


@dataclass(frozen=True, slots=True)
class DistrictLine:
    """A district (区县) of the region on the first headline indicator."""

    org_unit: str
    name: str
    ytd: Decimal | None
    ytd_yoy: float | None


@dataclass(frozen=True, slots=True)
class QualityNote:
    severity: str
    indicator: str  # its name
    org_unit: str  # its name
    period: str
    message: str


@dataclass(frozen=True, slots=True)
class UsedValue:
    """One reported value the bulletin used: its key, value and review status."""

    indicator: str
    org_unit: str
    sector: str
    period: str
    basis: str
    value: Decimal
    status: str


@dataclass(frozen=True, slots=True)
class Revision:
    """A value that differs from what an earlier published bulletin used (修订)."""

    indicator: str  # its name
    org_unit: str  # its name
    period: str
    earlier: Decimal
    now: Decimal | None  # None: no longer counted (reopened for correction, deleted)
    unit: str


@dataclass(frozen=True, slots=True)
class ProjectLine:
    """A key project with a warning (红灯/黄灯), as the bulletin lists it."""

    code: str
    name: str
    responsible: str  # 责任单位, as the project ledger names it ('' when none)
    annual_plan: Decimal | None  # 年度计划投资, 万元
    completed: Decimal | None  # 1–N月累计完成投资, 万元
    completion: float | None  # % of the annual plan
    gap: float | None  # percentage points above (+) or below (−) 序时进度
    colour: str  # the worst of the project's warnings (a Colour value: red, yellow)
    warnings: tuple[str, ...]  # what is behind: investment, start, statistics (WARNING_KINDS)


WARNING_KINDS = ("investment", "start", "statistics")  # 投资进度, 开工, 入统


@dataclass(frozen=True, slots=True)
class ProjectSummary:
    """The plan's key projects against 序时进度 (项目调度) for the bulletin's month."""

    projects: int
    annual_plan: Decimal  # 万元
    completed: Decimal  # 万元
    completion: float | None  # % of the annual plan (None: no annual plan)
    schedule: float  # 序时进度 %
    gap: float | None  # percentage points above (+) or below (−) 序时进度
    planned_starts: int
    actual_starts: int
    early_starts: int
    late_starts: int
    red: int
    yellow: int
    warned: tuple[ProjectLine, ...]  # red first, then yellow, each in the ledger's order


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A lagging work item as the bulletin lists it (任务督办: red first, then yellow)."""

    code: str
    title: str
    kind: str  # a WorkItemKind value: 年度工作要点 or 分解任务
    lead: str  # 牵头单位, by name, joined with 、 ('' when none)
    deadline: str | None  # 完成时限 (2026Q4, 2026-06, 2026)
    percent: float  # the latest reported 完成进度 %
    schedule: float  # 序时进度 %
    missing: int  # reports due and not filed
    overdue: bool  # the deadline passed undone
    colour: str  # a TaskColour value: red, yellow


@dataclass(frozen=True, slots=True)
class TaskSummary:
    """The plan's work items on the bulletin's last day, counted from the reports filed by
    then (the same colours the task pages show on that day)."""

    as_of: str  # YYYY-MM-DD: the day the colours are of
    work_points: int  # 年度工作要点
    sub_tasks: int  # 分解任务
    colours: dict[str, int]  # TaskColour value → items, in the TaskColour order, nonzero only
    done: int
    overdue: int  # past the deadline undone
    missing: int  # reports due and not filed, over all items
    lagging: tuple[TaskRow, ...]


@dataclass(frozen=True, slots=True)
class Bulletin:
    """统计监测月报 of one plan for one month, or (``kind`` quarterly) 季报 for one quarter:
    ``period`` is what it reports on (2026-10, 2026Q3), ``month`` the month of its figures."""

    plan: str
    plan_title: str
    region: str
    region_name: str
    period: str  # 2026-10, or 2026Q3 for a 季报
    year: int
    month: int
    headlines: tuple[Headline, ...]
    statuses: dict[str, int]  # status value → number of targets, in the Status order
    lagging: tuple[TargetLine, ...]
    district_indicator: str  # the subject the districts are compared on ('' when none)
    district_unit: str
    districts: tuple[DistrictLine, ...]
    quality_errors: int
    quality_warnings: int
    quality: tuple[QualityNote, ...]  # the first few findings
    earlier_report: int | None  # the published bulletin the revisions are against
    earlier_period: str | None
    revisions: tuple[Revision, ...]
    values: tuple[UsedValue, ...] = ()
    kind: str = KIND_MONTHLY
    # added after the first bulletins were published: None in their records (and left out of
    # their content, so their hash stays the one recorded at publication)
    projects: ProjectSummary | None = None
    # an evaluation's (中期/总结评估): the plan's horizon and every target with its verdict
    horizon_start: int | None = None
    horizon_end: int | None = None
    evaluated: tuple[EvaluatedTarget, ...] | None = None
    adjusted: tuple[AdjustmentLine, ...] | None = None  # approved by the report's month
    tasks: TaskSummary | None = None  # the plan's work items (任务推进), on the report's last day


@dataclass(frozen=True, slots=True)
class Release:
    """One period of a periodic report on the release calendar (发布日历): when it is due,
    and whether (and when) it was published."""

    kind: str  # monthly, quarterly, annual
    period: str  # 2026-10, 2026Q3, 2026
    due: date
    published_id: int | None  # the first report published for it
    published_on: date | None  # its day in China
    timeliness: Timeliness  # 未到期, 按时发布, 逾期发布, 逾期未发布


_ADAPTER = TypeAdapter(Bulletin)


def to_plain(bulletin: Bulletin) -> dict[str, Any]:
    """The record as JSON values (what a published report keeps, without its values)."""
    plain = _ADAPTER.dump_python(replace(bulletin, values=()), mode="json")
    assert isinstance(plain, dict)
    plain.pop("values")
    for name in _ADDED_LATER:
        if plain[name] is None:
            plain.pop(name)
    return plain


# fields a record published before them does not hold
_ADDED_LATER = ("projects", "horizon_start", "horizon_end", "evaluated", "adjusted", "tasks")


def from_plain(content: dict[str, Any], values: tuple[UsedValue, ...]) -> Bulletin:
    """The record of a published report: its content and the values it used."""
    return replace(_ADAPTER.validate_python({**content, "values": ()}), values=values)


def content_hash(bulletin: Bulletin) -> str:
    """sha256 of the content and of the values used, in canonical JSON: the data version."""
    values = sorted(
        [v.indicator, v.org_unit, v.sector, v.period, v.basis, _exact(v.value), v.status]
        for v in bulletin.values
    )
    text = json.dumps(
        {"content": to_plain(bulletin), "values": values},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _exact(value: Decimal) -> str:
    """One spelling per number (12.340000 and 12.34 are one value)."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text
