"""The key-project library's records (项目库): a project's ledger record with its planned
values kept apart from its actuals, its monthly progress (月度调度) and its stage changes, and
the per-plan stage codelists (七个一批, 五个一批, annual classes) read from
``bioecon/data/projects/stages.yaml``. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bioecon.domain.evidence import Evidence
from bioecon.domain.model import ProjectStage
from bioecon.domain.periods import Period
from bioecon.errors import InvalidValue

LIST_SEPARATOR = "、"
"""How a cell lists several values (列入清单: 市重点、省重大), as Chinese lists are written."""


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    """One row of a project ledger (项目台账). Money: 总投资 in 亿元 as the library has always
    kept it; the annual plan (年度计划投资) in 万元, as monthly 调度 tables write it."""

    code: str
    name: str
    stage: ProjectStage  # 实际建设阶段 (the latest recorded)
    org_unit: str | None = None
    plan: str | None = None
    enterprise: str | None = None  # 业主单位 credit code
    owner: str | None = None  # 业主单位
    responsible_unit: str | None = None  # 责任单位
    lead_unit: str | None = None  # 牵头单位
    leader: str | None = None  # 联系领导 / 负责领导
    task_force: str | None = None  # 服务专班
    industry: str | None = None  # 行业
    category: str | None = None  # 生物产业类别
    location: str | None = None  # 建设地点
    planned_stage: ProjectStage | None = None  # 计划建设阶段 (this year)
    annual_class: str | None = None  # 新开工/续建/竣工投产/预备 (stages.yaml annual_classes)
    total_investment: Decimal | None = None  # 计划总投资, 亿元
    actual_total_investment: Decimal | None = None  # 实际总投资, 亿元
    plan_year: int | None = None  # the year of annual_plan
    annual_plan: Decimal | None = None  # 年度计划投资, 万元
    planned_start: date | None = None  # 计划开工
    actual_start: date | None = None  # 实际开工
    planned_production: date | None = None  # 计划投产
    actual_production: date | None = None  # 实际投产
    in_statistics: date | None = None  # 入统 (纳入固定资产投资统计) 日期
    approval_document: str | None = None  # 立项批复/备案
    environment_document: str | None = None  # 环评批复
    land_document: str | None = None  # 用地手续
    lists: str | None = None  # 列入清单: 市重点、省重大、国家重大 (LIST_SEPARATOR)
    origin: str | None = None  # 项目来源: 招商引资, 海外大项目 …
    start_year: int | None = None
    end_year: int | None = None
    selected_year: int | None = None  # 遴选/入库年份
    stage_on: date | None = None  # the day the stage was reached (the stage history's date)
    stage_evidence: str | None = None  # 阶段依据 (开工令, 签约文本 …)


# fields of a ledger row that are not part of the stored record's comparison: the stage
# history's date and evidence are recorded with the stage change, not with the project
EVENT_FIELDS = ("stage_on", "stage_evidence")


@dataclass(frozen=True, slots=True)
class ProgressEntry:
    """One month's progress of a project (月度调度): 1–N月累计完成投资 of the period's year in
    万元, 形象进度 as text, the problems met and what needs coordination."""

    project: str  # the project's code
    period: Period  # a month
    completed: Decimal  # 本年1–N月累计完成投资, 万元
    image_progress: str | None = None  # 形象进度
    problems: str | None = None  # 存在问题
    coordination: str | None = None  # 需协调事项

    @property
    def key(self) -> str:
        """How users name the entry: ``P01/2026-10``."""
        return f"{self.project}/{self.period}"


@dataclass(frozen=True, slots=True)
class StageEvent:
    """One stage change of a project: when, on what evidence, recorded by whom."""

    project: str
    stage: ProjectStage
    on: date
    evidence: str | None
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class ProjectPage:
    """What a project's page shows: its record, stage history, progress (who entered each
    month, when, and its photos) and annual plans, and whether the caller enters progress."""

    record: ProjectRecord
    stages: tuple[StageEvent, ...]
    progress: tuple[ProgressEntry, ...]
    year_plans: Mapping[int, Decimal]  # 年度计划投资, 万元, by year
    recorded: Mapping[str, tuple[str, datetime]] = field(default_factory=dict)  # YYYY-MM →
    photos: tuple[Evidence, ...] = ()
    enters: bool = False  # the caller enters the project's progress

    def photos_of(self, period: Period) -> list[Evidence]:
        """The photos of the month ``period``'s entry."""
        return [p for p in self.photos if p.period == str(period)]

    def chart(self, year: int) -> dict[str, list[str | None]]:
        """Month by month of ``year``: 序时 planned (annual plan × m/12) and actual
        year-to-date investment (万元; None: not reported), as text for the page's chart."""
        plan = self.year_plans.get(year)
        done = {e.period.index: e.completed for e in self.progress if e.period.year == year}
        months = range(1, 13)
        return {
            "periods": [f"{year:04d}-{m:02d}" for m in months],
            "planned": [None if plan is None else str(plan * m / 12) for m in months],
            "actual": [None if m not in done else str(done[m]) for m in months],
        }


@dataclass(frozen=True, slots=True)
class StageDefinition:
    code: ProjectStage
    name: str
    definition: str


@dataclass(frozen=True, slots=True)
class Codelist:
    """A plan's stages in order, with their definitions and the optional entry thresholds
    (入库门槛, 亿元 of 计划总投资) by annual class."""

    code: str
    name: str
    source: str
    stages: tuple[StageDefinition, ...]
    thresholds: Mapping[str, Decimal]

    def name_of(self, stage: ProjectStage) -> str:
        return next((s.name for s in self.stages if s.code is stage), stage.value)

    def resolve(self, text: str) -> ProjectStage:
        """A stage by its code or its Chinese name (签约 or 签约一批), or InvalidValue."""
        for stage in self.stages:
            if text in (stage.code.value, stage.name, f"{stage.name}一批"):
                return stage.code
        names = "、".join(s.name for s in self.stages)
        raise InvalidValue(f"「{text}」不是{self.name}的阶段；可用：{names}")


@dataclass(frozen=True, slots=True)
class StageBook:
    """stages.yaml: the codelists, which a plan uses, and the annual classes."""

    codelists: Mapping[str, Codelist]
    plans: Mapping[str, str]
    default: str
    annual_classes: Mapping[str, str]  # code → Chinese name

    def for_plan(self, plan: str | None) -> Codelist:
        return self.codelists[self.plans.get(plan or "", self.default)]

    def annual_class(self, text: str) -> str:
        for code, name in self.annual_classes.items():
            if text in (code, name):
                return code
        names = "、".join(self.annual_classes.values())
        raise InvalidValue(f"「{text}」不是年度项目类别；可用：{names}")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> StageBook:
        lists = {
            code: Codelist(
                code,
                str(raw["name"]),
                str(raw["source"]),
                tuple(
                    StageDefinition(ProjectStage(s["code"]), str(s["name"]), str(s["definition"]))
                    for s in raw["stages"]
                ),
                {k: Decimal(str(v)) for k, v in (raw.get("thresholds") or {}).items()},
            )
            for code, raw in data["codelists"].items()
        }
        classes = {str(c["code"]): str(c["name"]) for c in data["annual_classes"]["classes"]}
        plans = {str(k): str(v) for k, v in (data.get("plans") or {}).items()}
        unknown = sorted({*plans.values(), data["default"]} - lists.keys())
        if unknown:
            raise ValueError(f"stages.yaml names unknown codelists: {', '.join(unknown)}")
        return cls(lists, plans, str(data["default"]), classes)


def record_problems(record: ProjectRecord, book: StageBook) -> list[tuple[str, str]]:
    """The rules one ledger row breaks, as (field, message): its stages in its plan's
    codelist, dates in order, the annual plan with its year, the entry threshold."""
    codelist = book.for_plan(record.plan)
    known = {s.code for s in codelist.stages}
    found = [
        (name, f"{stage.value} 不在{codelist.name}中")
        for name, stage in (("stage", record.stage), ("planned_stage", record.planned_stage))
        if stage is not None and stage not in known
    ]
    if record.annual_plan is not None and record.plan_year is None:
        found.append(("plan_year", "填写了年度计划投资，须同时填写计划年度"))
    for early, late in (
        ("planned_start", "planned_production"),
        ("actual_start", "actual_production"),
    ):
        first, then = getattr(record, early), getattr(record, late)
        if first is not None and then is not None and then < first:
            found.append((late, f"{then} 早于开工日期 {first}；请核对"))
    if record.start_year and record.end_year and record.end_year < record.start_year:
        found.append(("end_year", f"{record.end_year} 早于开始年份 {record.start_year}"))
    floor = codelist.thresholds.get(record.annual_class or "")
    if floor is not None and (record.total_investment or Decimal(0)) < floor:
        found.append(("total_investment", f"低于{codelist.name}入库门槛（{floor}亿元）"))
    return found


def stored_part(record: ProjectRecord) -> ProjectRecord:
    """The record as the library stores it: without the stage-change fields."""
    return ProjectRecord(
        **{f.name: getattr(record, f.name) for f in fields(record)} | dict.fromkeys(EVENT_FIELDS)
    )


def plain_fields(record: object, names: Sequence[str]) -> dict[str, Any]:
    """The named fields as JSON values for an audit event: numbers and dates as text."""
    values: dict[str, Any] = {}
    for name in names:
        value = getattr(record, name)
        values[name] = value if value is None or isinstance(value, (str, int)) else str(value)
    return values


def changed(
    before: object | None, after: object, names: Sequence[str]
) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """(old, new) of an audit event: every field of a new record, the differing ones of an
    updated one."""
    if before is None:
        return None, plain_fields(after, names)
    differing = [n for n in names if getattr(before, n) != getattr(after, n)]
    return plain_fields(before, differing), plain_fields(after, differing)
