"""The platform's records as plain, immutable types (no I/O). Names follow docs/glossary.md.

Stored identity is by *code* (a plan's ``code``, an org unit's ``code``, a target's ``key``
within its plan), never by database id, so a plan file can be loaded into any database and
exported back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any


class OrgLevel(StrEnum):
    """行政/管理层级 of an org unit."""

    PROVINCE = "province"  # 省级
    CITY = "city"  # 地级市
    DISTRICT = "district"  # 县级: 市辖区、县、县级市
    TOWN = "town"  # 乡级: 街道、镇、乡
    PARK = "park"  # 园区: 开发区、高新区、产业园
    ZONE = "zone"  # 功能区: 国家级新区、跨区的产业片区


class IndicatorNature(StrEnum):
    """流量 (flow: summed over time, e.g. 营业收入) or 存量 (stock: a level at period end,
    e.g. 企业数)."""

    FLOW = "flow"
    STOCK = "stock"


class ReportingBasis(StrEnum):
    """How a reported figure relates to time (统计口径)."""

    MONTH_VALUE = "month_value"  # 当月值 / 当期值
    YTD = "ytd"  # 1–N月累计值
    PERIOD_END = "period_end"  # 期末值 (stocks)


class Aggregation(StrEnum):
    """How an indicator combines across org units and sectors."""

    SUM = "sum"  # additive: 产值, 企业数
    NONE = "none"  # not additive (rates, shares): each unit reports its own


class TargetKind(StrEnum):
    """What a target's value means."""

    LEVEL = "level"  # 达到4000亿元
    INCREMENT = "increment"  # 新增3—5个 (over the baseline)
    MULTIPLE = "multiple"  # 翻番 (× the baseline)
    SHARE = "share"  # 占比达到30% (a percentage)
    RECURRING = "recurring"  # 每年遴选30个 (every year)
    POLICY_RULE = "policy_rule"  # 按研发投入的15%、最高1000万元 (a funding rule, not a goal)


class TargetOp(StrEnum):
    """Comparison a target sets: = 达到, >= 突破/以上, <= 不超过/最高, ~ 左右, range a—b, x 倍."""

    EQ = "="
    GE = ">="
    LE = "<="
    APPROX = "~"
    RANGE = "range"
    TIMES = "x"


class TargetNature(StrEnum):
    """指标属性 of a plan's 主要指标 table: 预期性 (expected) or 约束性 (binding)."""

    EXPECTED = "预期性"
    BINDING = "约束性"


class MappingMethod(StrEnum):
    """How a target's indicator was chosen (docs/indicators.md)."""

    RULE = "rule"  # a mapping rule of bioecon/data/indicator_mapping.yaml matched
    FUZZY = "fuzzy"  # the metric resembles the indicator's name or an alias
    MANUAL = "manual"  # chosen by a person (`bioecon plan map --set/--accept`, a plan file)


class ObservationStatus(StrEnum):
    """填报状态: 草稿 → 已报送 → 已审核."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"


class TaskUnitRole(StrEnum):
    LEAD = "lead"  # 牵头单位 (or the first-named 责任单位)
    CO = "co"  # 配合单位 / further 责任单位


class ProjectStage(StrEnum):
    """Every stage a plan's codelist may use (七个一批, 五个一批: bioecon/data/projects/
    stages.yaml says which, in what order, with definitions)."""

    PLANNED = "planned"  # 谋划
    NEGOTIATING = "negotiating"  # 洽谈
    SIGNED = "signed"  # 签约
    STARTED = "started"  # 开工
    UNDER_CONSTRUCTION = "under_construction"  # 在建
    COMPLETED = "completed"  # 竣工
    IN_PRODUCTION = "in_production"  # 投产
    FULL_PRODUCTION = "full_production"  # 达产


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where a record was read from: ``text[start:end] == quote`` in the plan's source text."""

    quote: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Plan:
    """规划/行动计划: one published plan document."""

    code: str
    title: str
    region: str  # org unit code of the jurisdiction
    issuer: str | None = None
    issued_on: date | None = None
    horizon_start: int | None = None
    horizon_end: int | None = None
    source_path: str | None = None
    source_text: str | None = None
    source_sha256: str | None = None
    thresholds: dict[str, Any] | None = None  # overrides of bioecon/data/progress.yaml
    tiers: list[dict[str, Any]] | None = (
        None  # the plan's own tier rules (bioecon/data/tiers.yaml schema)
    )


@dataclass(frozen=True, slots=True)
class OrgUnit:
    """区域/园区: a node of the org-unit hierarchy.

    ``additive`` says whether the unit's figures are part of its parent's sum. Districts and
    counties partition their city, so they are additive. A park lies *inside* a district and
    its enterprises are already counted there, so a park is not additive: it is shown under
    its parent for drill-down but never added into the parent's total. That is how roll-ups
    avoid double counting (see docs/architecture.md).
    """

    code: str
    name: str
    level: OrgLevel
    parent: str | None = None
    division_code: str | None = None  # 统计用区划代码 (12 digits) where one exists
    additive: bool = True
    name_en: str | None = None


@dataclass(frozen=True, slots=True)
class ResponsibleUnit:
    """责任单位: a department or body named as responsible for tasks (市发改委 ...)."""

    code: str
    name: str
    org_unit: str | None = None  # the jurisdiction it belongs to
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Indicator:
    """指标: a monitored quantity."""

    code: str
    name: str
    unit: str
    nature: IndicatorNature = IndicatorNature.FLOW
    basis: ReportingBasis = ReportingBasis.YTD
    period_type: str = "month"  # a PeriodType value
    aggregation: Aggregation = Aggregation.SUM
    name_en: str | None = None
    description: str | None = None
    jan_feb_combined: bool = False  # 1–2月 reported together (monthly: no January period)


@dataclass(frozen=True, slots=True)
class Target:
    """目标: a number the plan commits to, traced to its sentence."""

    key: str
    metric: str
    kind: TargetKind
    op: TargetOp
    value: Decimal
    unit: str
    indicator: str | None = None  # indicator code once mapped; free-text metric until then
    subject: str | None = None  # the subject as the plan words it (全市生物医药产业)
    subject_org_unit: str | None = None
    subject_sector: str | None = None
    qualifier: str | None = None  # class threshold of the counted thing (年主营业务收入过100亿元)
    value_high: Decimal | None = None
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    deadline_year: int | None = None
    nature: TargetNature | None = None  # 属性 of a 主要指标 table row: 预期性/约束性
    source: SourceSpan | None = None
    note: str | None = None
    mapping_method: MappingMethod | None = None  # how ``indicator`` was chosen
    mapping_confidence: Decimal | None = None  # 0–1; classes in indicator_mapping.yaml
    mapping_reason: str | None = None  # why (the rule, the similar name, who chose)


@dataclass(frozen=True, slots=True)
class Task:
    """重点任务: a task paragraph with its lead and co-responsible units."""

    key: str
    heading: str
    section: str | None = None
    text: str | None = None
    lead_units: tuple[str, ...] = ()  # responsible unit codes
    co_units: tuple[str, ...] = ()
    start: int | None = None  # offset of the paragraph in the plan's source text


@dataclass(frozen=True, slots=True)
class Observation:
    """监测台账的一条: a value of an indicator for an org unit (and sector) in a period."""

    indicator: str
    org_unit: str
    period: str  # canonical Period text
    value: Decimal
    basis: ReportingBasis
    sector: str | None = None
    status: ObservationStatus = ObservationStatus.SUBMITTED
    source: str | None = None
    reported_by: str | None = None
    reported_at: datetime | None = None


@dataclass(frozen=True, slots=True, order=True)
class EnterpriseFlag:
    """资质标识 (专精特新, 上市, 链主 …) held from ``valid_from`` to ``valid_to`` (inclusive; None:
    open). A flag without ``valid_from`` counts only from the day the registry recorded it."""

    name: str
    valid_from: date | None = None
    valid_to: date | None = None

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Enterprise:
    """企业: identified by its 统一社会信用代码."""

    uscc: str
    name: str
    org_unit: str | None = None
    industry_code: str | None = None  # GB/T 4754 code
    industry_code_edition: str = "GB/T 4754-2017"
    business_scope: str | None = None
    founded_on: date | None = None
    flags: tuple[EnterpriseFlag, ...] = ()  # sorted by name; 专精特新, 高新技术企业, 上市, 链主 ...


@dataclass(frozen=True, slots=True)
class EnterpriseYear:
    """企业年度数据. Money in 万元 (the unit of enterprise statistical returns); valuation in
    its own ``valuation_unit`` (独角兽 are valued in 亿美元)."""

    uscc: str
    year: int
    revenue: Decimal | None = None  # 营业收入 (主营业务收入), 万元
    output_value: Decimal | None = None  # 工业总产值, 万元
    rd_spend: Decimal | None = None  # 研发费用, 万元
    employees: int | None = None  # 从业人员, 人
    valuation: Decimal | None = None
    valuation_unit: str | None = None


@dataclass(frozen=True, slots=True)
class Project:
    """重点项目 (项目库, 五个一批)."""

    code: str
    name: str
    org_unit: str | None = None
    plan: str | None = None
    enterprise: str | None = None  # uscc
    stage: ProjectStage = ProjectStage.PLANNED
    total_investment: Decimal | None = None  # 亿元
    start_year: int | None = None
    end_year: int | None = None
    category: str | None = None
    selected_year: int | None = None  # 遴选/入库年份: entered the key-project list that year


@dataclass(frozen=True, slots=True)
class PlanBundle:
    """A plan with everything its plan file declares: the unit of load and export."""

    plan: Plan
    org_units: tuple[OrgUnit, ...] = ()
    responsible_units: tuple[ResponsibleUnit, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    targets: tuple[Target, ...] = ()
    tasks: tuple[Task, ...] = ()
