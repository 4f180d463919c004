"""考核计分 (scoring units in an assessment): the methods offices publish, each a pure function
of the units' inputs, with the arithmetic of every score kept for the page that shows it.

An assessment item scores every assessed unit (区县、园区 or 部门) on one input — a completion,
a level, a growth rate, a count of tasks on time — by one :class:`ScoringMethod`:

* 完成即满分 (``completion``): met → the item's weight; not met → 0, or in proportion
  (``partial``).
* 按比例 (``proportional``): weight × actual ÷ target, capped (``cap``, e.g. 1.2 for 120 %).
* 功效系数法 (``efficacy``): weight × (floor + (1 − floor) × (x − 不允许值) ÷ (满意值 − 不允许值)),
  the ratio clipped to 0–1 and the floor 60 % by default (0 below 不允许值 with
  ``zero_below``).
* 排名计分 (``ranking``): the first gets the weight, each rank below ``step`` of it less (5 %),
  or the points of a table by rank; ties share a rank (1, 1, 3).
* 比平均 (``average``): the weight, plus ``per_unit`` points for each unit of the input above
  the assessed units' average (minus below), between 0 and weight × (1 + ``bonus_cap``).

Every method has a polarity: for ``lower`` (lower is better: 能耗, 投诉) the comparison turns
round (target ÷ actual, the difference from the average negated, the ranking ascending).

A unit without an input scores 0 on that item, and says so. Scores are exact decimals,
each item's rounded half up to two places (as a score sheet prints them) before the total.
Sources: 国务院办公厅《关于开展政府绩效管理试点工作的意见》and the provincial 高质量发展
绩效评价 schemes (功效系数法 with 满意值/不允许值, 60 + 40); 南京、长沙 市对区考核办法
(完成即满分, 按比例计分封顶, 排名计分, 与全市平均比较加减分).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from bioecon.domain.messages import Message, Param
from bioecon.errors import InvalidValue

POINTS = Decimal("0.01")  # a score sheet's precision
HUNDRED = Decimal(100)


class ScoringMethod(StrEnum):
    """How an item turns a unit's input into points (scoring_method.* in strings.yaml)."""

    COMPLETION = "completion"  # 完成即满分
    PROPORTIONAL = "proportional"  # 按比例
    EFFICACY = "efficacy"  # 功效系数法
    RANKING = "ranking"  # 排名计分
    AVERAGE = "average"  # 比平均


class Polarity(StrEnum):
    """Whether more of the input is better (正向) or less (逆向: 能耗、事故、投诉)."""

    HIGHER = "higher"
    LOWER = "lower"


@dataclass(frozen=True, slots=True)
class Rule:
    """An item's method and its parameters (only those of its method are used)."""

    method: ScoringMethod
    weight: Decimal
    polarity: Polarity = Polarity.HIGHER
    target: Decimal | None = None  # completion, proportional: the level to reach
    partial: bool = False  # completion: in proportion when not met, instead of 0
    cap: Decimal = Decimal(1)  # proportional: the highest completion counted (1.2 = 120 %)
    satisfactory: Decimal | None = None  # efficacy: 满意值
    disallowed: Decimal | None = None  # efficacy: 不允许值
    floor: Decimal = Decimal("0.6")  # efficacy: the share of the weight at 不允许值
    zero_below: bool = False  # efficacy: 0, not the floor, beyond 不允许值
    step: Decimal = Decimal("0.05")  # ranking: the share of the weight lost per rank
    table: tuple[Decimal, ...] = ()  # ranking: points by rank instead of ``step``
    per_unit: Decimal = Decimal(0)  # average: points per unit of difference from the average
    bonus_cap: Decimal = Decimal(0)  # average: the most above the weight, as its share

    def __post_init__(self) -> None:
        if self.weight < 0:
            raise InvalidValue(f"权重 {self.weight} 不能为负数")
        needs = {
            ScoringMethod.COMPLETION: ("target",),
            ScoringMethod.PROPORTIONAL: ("target",),
            ScoringMethod.EFFICACY: ("satisfactory", "disallowed"),
        }.get(self.method, ())
        missing = [name for name in needs if getattr(self, name) is None]
        if missing:
            raise InvalidValue(f"{self.method.value} 计分缺少参数：{'、'.join(missing)}")
        if self.target is not None and self.target <= 0 and self.method in _RATIOS:
            raise InvalidValue(f"目标值 {self.target} 须大于 0（按比例、完成即满分以它作除数）")
        if self.satisfactory is not None and self.satisfactory == self.disallowed:
            raise InvalidValue("满意值与不允许值不能相同")
        if not Decimal(0) <= self.floor <= Decimal(1):
            raise InvalidValue(f"功效系数的底分比例 {self.floor} 须在 0 与 1 之间")
        if self.cap < 0 or self.bonus_cap < 0 or self.step < 0:
            raise InvalidValue("封顶、加分上限和名次扣分不能为负数")


_RATIOS = (ScoringMethod.COMPLETION, ScoringMethod.PROPORTIONAL)


@dataclass(frozen=True, slots=True)
class Score:
    """A unit's points on one item and how they were worked out (assess.* in strings.yaml)."""

    unit: str
    points: Decimal
    working: Message


def score_item(rule: Rule, inputs: Mapping[str, Decimal | None]) -> dict[str, Score]:
    """Every assessed unit's score on one item: ``inputs`` holds each unit's input (None:
    no data, 0 points). Ranking and the average look at all units with an input."""
    known = {unit: value for unit, value in inputs.items() if value is not None}
    if rule.method is ScoringMethod.RANKING:
        ranks = competition_ranks(known, lower_first=rule.polarity is Polarity.LOWER)
    average = sum(known.values(), Decimal(0)) / len(known) if known else None
    scores: dict[str, Score] = {}
    for unit, value in inputs.items():
        if value is None:
            scores[unit] = Score(unit, Decimal(0), Message("assess.no_input"))
        elif rule.method is ScoringMethod.RANKING:
            scores[unit] = _ranked(unit, value, ranks[unit], rule)
        elif rule.method is ScoringMethod.AVERAGE:
            assert average is not None
            scores[unit] = _against_average(unit, value, average, rule)
        else:
            scores[unit] = _SCORERS[rule.method](unit, value, rule)
    return scores


def rounded(points: Decimal) -> Decimal:
    """Half up to two places, as a score sheet prints it."""
    return points.quantize(POINTS, rounding=ROUND_HALF_UP)


def shown(value: Decimal) -> str:
    """A number as the working shows it: thousands grouped, up to two places, no trailing 0."""
    shown = value.quantize(POINTS, rounding=ROUND_HALF_UP).normalize()
    return f"{shown:,f}"


def _percent(share: Decimal) -> str:
    return shown(share * HUNDRED) + "%"


def _completion_share(value: Decimal, rule: Rule) -> Decimal:
    """actual ÷ target, or target ÷ actual when lower is better (0 of a 0 actual: full)."""
    assert rule.target is not None
    if rule.polarity is Polarity.HIGHER:
        return value / rule.target
    return Decimal(1) if value <= 0 else rule.target / value


def _completion(unit: str, value: Decimal, rule: Rule) -> Score:
    assert rule.target is not None
    met = value >= rule.target if rule.polarity is Polarity.HIGHER else value <= rule.target
    params = {"actual": shown(value), "target": shown(rule.target), "weight": shown(rule.weight)}
    if met:
        return Score(unit, rounded(rule.weight), Message("assess.completion_met", params))
    if not rule.partial:
        return Score(unit, Decimal(0), Message("assess.completion_missed", params))
    share = min(_completion_share(value, rule), Decimal(1))
    points = rounded(rule.weight * share)
    params |= {"rate": _percent(share), "score": shown(points)}
    return Score(unit, points, Message("assess.completion_partial", params))


def _proportional(unit: str, value: Decimal, rule: Rule) -> Score:
    assert rule.target is not None
    share = _completion_share(value, rule)
    counted = min(max(share, Decimal(0)), rule.cap)
    points = rounded(rule.weight * counted)
    params = {
        "actual": shown(value),
        "target": shown(rule.target),
        "rate": _percent(share),
        "weight": shown(rule.weight),
        "score": shown(points),
    }
    if counted != share:
        params["counted"] = _percent(counted)
        return Score(unit, points, Message("assess.proportional_capped", params))
    return Score(unit, points, Message("assess.proportional", params))


def _efficacy(unit: str, value: Decimal, rule: Rule) -> Score:
    assert rule.satisfactory is not None and rule.disallowed is not None
    ratio = (value - rule.disallowed) / (rule.satisfactory - rule.disallowed)
    params = {
        "actual": shown(value),
        "satisfactory": shown(rule.satisfactory),
        "disallowed": shown(rule.disallowed),
        "weight": shown(rule.weight),
    }
    if ratio < 0 and rule.zero_below:
        return Score(unit, Decimal(0), Message("assess.efficacy_zero", params))
    clipped = min(max(ratio, Decimal(0)), Decimal(1))
    share = rule.floor + (1 - rule.floor) * clipped
    points = rounded(rule.weight * share)
    params |= {
        "ratio": _percent(clipped),
        "floor": _percent(rule.floor),
        "share": _percent(share),
        "score": shown(points),
    }
    return Score(unit, points, Message("assess.efficacy", params))


def _ranked(unit: str, value: Decimal, rank: int, rule: Rule) -> Score:
    params: dict[str, Param] = {"actual": shown(value), "rank": rank, "weight": shown(rule.weight)}
    if rule.table:
        points = rule.table[rank - 1] if rank <= len(rule.table) else rule.table[-1]
        return Score(unit, rounded(points), Message("assess.ranking_table", params))
    share = max(Decimal(1) - rule.step * (rank - 1), Decimal(0))
    points = rounded(rule.weight * share)
    params |= {"step": _percent(rule.step), "score": shown(points)}
    return Score(unit, points, Message("assess.ranking", params))


def _against_average(unit: str, value: Decimal, average: Decimal, rule: Rule) -> Score:
    difference = value - average if rule.polarity is Polarity.HIGHER else average - value
    highest = rule.weight * (1 + rule.bonus_cap)
    points = rounded(min(max(rule.weight + rule.per_unit * difference, Decimal(0)), highest))
    params = {
        "actual": shown(value),
        "average": shown(average),
        "difference": shown(difference),
        "per_unit": shown(rule.per_unit),
        "weight": shown(rule.weight),
        "score": shown(points),
    }
    return Score(unit, points, Message("assess.average", params))


_SCORERS = {
    ScoringMethod.COMPLETION: _completion,
    ScoringMethod.PROPORTIONAL: _proportional,
    ScoringMethod.EFFICACY: _efficacy,
}


def competition_ranks(
    values: Mapping[str, Decimal], *, lower_first: bool = False
) -> dict[str, int]:
    """标准竞争排名: the best is 1, equal values share a rank and the next rank skips
    (values 9, 9, 7 → 1, 1, 3). ``lower_first``: the smallest value is best."""
    ordered = sorted(values.values(), reverse=not lower_first)
    first_at: dict[Decimal, int] = {}
    for position, value in enumerate(ordered, start=1):
        first_at.setdefault(value, position)
    return {unit: first_at[value] for unit, value in values.items()}


# --- totals, adjustments, vetoes and grades -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Adjustment:
    """加分 (positive) or 扣分 (negative) for a unit, with its reason."""

    unit: str
    points: Decimal
    reason: str


@dataclass(frozen=True, slots=True)
class Grade:
    """A grade band: a total at least ``minimum`` (and below the next band) earns it."""

    name: str
    minimum: Decimal


@dataclass(frozen=True, slots=True)
class Totals:
    """How items' scores become a unit's result."""

    grades: tuple[Grade, ...]  # highest first; the last band's minimum is the floor
    bonus_cap: Decimal | None = None  # the most 加分 counted per unit
    deduction_cap: Decimal | None = None  # the most 扣分 counted per unit (a positive number)
    veto_grade: str = "不合格"  # the grade of a unit under 一票否决

    def __post_init__(self) -> None:
        if not self.grades:
            raise InvalidValue("至少需要一个等次")
        minima = [g.minimum for g in self.grades]
        if minima != sorted(minima, reverse=True) or len(set(minima)) != len(minima):
            raise InvalidValue("等次须按分数线从高到低排列，分数线不能重复")

    def grade_of(self, total: Decimal) -> str:
        for grade in self.grades:
            if total >= grade.minimum:
                return grade.name
        return self.grades[-1].name


@dataclass(frozen=True, slots=True)
class Result:
    """A unit's assessment: item scores, adjustments, total, grade and rank (None when vetoed)."""

    unit: str
    items: tuple[Decimal, ...]  # in the scheme's order of items
    bonus: Decimal  # the 加分 counted (after the cap)
    deduction: Decimal  # the 扣分 counted (after the cap), a positive number
    total: Decimal
    grade: str
    rank: int | None
    vetoed: tuple[str, ...]  # the reasons of 一票否决


def results(
    units: Sequence[str],
    item_scores: Sequence[Mapping[str, Score]],
    adjustments: Sequence[Adjustment],
    vetoes: Mapping[str, Sequence[str]],
    totals: Totals,
) -> list[Result]:
    """Each unit's total (item points + 加分 − 扣分, each capped), grade and rank; a vetoed
    unit keeps its points but takes the veto grade and no rank. Ranks share ties (1, 1, 3).
    Results come in rank order (vetoed last), ties in the order of ``units``."""
    found: list[Result] = []
    for unit in units:
        points = tuple(
            scores[unit].points if unit in scores else Decimal(0) for scores in item_scores
        )
        plus = sum((a.points for a in adjustments if a.unit == unit and a.points > 0), Decimal(0))
        minus = -sum((a.points for a in adjustments if a.unit == unit and a.points < 0), Decimal(0))
        if totals.bonus_cap is not None:
            plus = min(plus, totals.bonus_cap)
        if totals.deduction_cap is not None:
            minus = min(minus, totals.deduction_cap)
        total = sum(points, Decimal(0)) + plus - minus
        vetoed = tuple(vetoes.get(unit, ()))
        grade = totals.veto_grade if vetoed else totals.grade_of(total)
        found.append(Result(unit, points, plus, minus, total, grade, None, vetoed))
    ranks = competition_ranks({r.unit: r.total for r in found if not r.vetoed})
    ranked = [
        Result(r.unit, r.items, r.bonus, r.deduction, r.total, r.grade, ranks.get(r.unit), r.vetoed)
        for r in found
    ]
    order = {unit: n for n, unit in enumerate(units)}
    return sorted(ranked, key=lambda r: (r.rank is None, r.rank or 0, order[r.unit]))


# --- a scheme: what is scored, on what input, by which rule ---------------------------------


class InputKind(StrEnum):
    """Where an item's input comes from (assess_input.* in strings.yaml)."""

    LEDGER = "ledger"  # 结果性指标: a ledger indicator's figure of the unit at the month
    PROJECTS = (
        "projects"  # 过程性: the share of the unit's key projects on 序时进度 (not red/yellow)
    )
    TASKS = "tasks"  # 过程性: the share of the work items led by the unit's departments not lagging
    NOTICES = "notices"  # 过程性: 督办 notices to the unit's departments in the year to the month
    REPORTS = "reports"  # 过程性: 按时报送率 of a data set's reports in the year to the month
    QUALITATIVE = "qualitative"  # 定性评价: named evaluator groups' scores (0–100), weighted


class NoticeCount(StrEnum):
    """Which 督办 count a notices item takes (notice_count.* in strings.yaml)."""

    RAISED = "raised"  # 收到的提示单、督办单、联系单
    SUPERVISION = "supervision"  # 其中督办单
    REPLY_OVERDUE = "reply_overdue"  # 逾期未回复
    CLOSED = "closed"  # 已销号


class Measure(StrEnum):
    """Which figure of a ledger entry an item takes (assess_measure.* in strings.yaml)."""

    YTD = "ytd"  # 1–N月累计
    VALUE = "value"  # 当期值 / 期末值
    YTD_YOY = "ytd_yoy"  # 累计同比 %
    YOY = "yoy"  # 同比 %


@dataclass(frozen=True, slots=True)
class EvaluatorGroup:
    """A group that scores a qualitative item (市领导, 职能部门, 服务对象) and its weight."""

    name: str
    weight: Decimal


@dataclass(frozen=True, slots=True)
class Item:
    """One assessment item: its input and its scoring rule; ``targets`` set a target per unit
    (a plan's allocation: 湘江新区 1200亿元, 浏阳经开区 800亿元) over the rule's own."""

    key: str
    name: str
    source: InputKind
    rule: Rule
    indicator: str | None = None  # LEDGER
    notice_count: NoticeCount | None = None  # NOTICES: which count
    data_set: str | None = None  # REPORTS: the 填报任务 whose reports count
    measure: Measure = Measure.YTD
    sector: str | None = None
    groups: tuple[EvaluatorGroup, ...] = ()  # QUALITATIVE
    targets: Mapping[str, Decimal] | None = None

    def __post_init__(self) -> None:
        if self.source is InputKind.LEDGER and not self.indicator:
            raise InvalidValue(f"考核项 {self.key} 取自监测台账，须写明 indicator")
        if self.source is InputKind.REPORTS and not self.data_set:
            raise InvalidValue(f"考核项 {self.key} 取自报送及时性，须写明填报任务（reports）")
        if self.source is InputKind.NOTICES and self.notice_count is None:
            raise InvalidValue(f"考核项 {self.key} 取自督办，须写明计数（notices）")
        if self.source is InputKind.QUALITATIVE:
            if not self.groups:
                raise InvalidValue(f"定性考核项 {self.key} 须列出评价组及其权重")
            if sum(g.weight for g in self.groups) != 1:
                raise InvalidValue(f"定性考核项 {self.key} 的评价组权重之和须为 1")

    def rule_for(self, unit: str) -> Rule:
        """The rule a unit is scored by: its own target where the item allocates one."""
        if self.targets and unit in self.targets:
            return _with_target(self.rule, self.targets[unit])
        return self.rule


def _with_target(rule: Rule, target: Decimal) -> Rule:
    return replace(rule, target=target)


def qualitative_input(
    groups: Sequence[EvaluatorGroup], scores: Mapping[str, Sequence[Decimal]]
) -> Decimal | None:
    """Σ weight × the mean of each group's scores (0–100): the unit's qualitative input; None
    when a group has not scored it (the item then scores nothing, and says so)."""
    total = Decimal(0)
    for group in groups:
        given = scores.get(group.name, ())
        if not given:
            return None
        total += group.weight * sum(given, Decimal(0)) / len(given)
    return total


class AssessedUnits(StrEnum):
    """What a scheme assesses (assessed_units.* in strings.yaml): org units (区县、园区), or
    departments (责任单位: 市工信局, 市科技局 …) by their responsible-unit codes."""

    ORG_UNITS = "org_units"
    DEPARTMENTS = "departments"


_ORG_UNIT_INPUTS = (InputKind.LEDGER, InputKind.REPORTS)  # figures kept by org unit


@dataclass(frozen=True, slots=True)
class Scheme:
    """考核方案: the year, the assessed units, the items with their weights, the totals' rules,
    the year's 加分/扣分, 一票否决 and qualitative scores."""

    code: str
    name: str
    year: int
    plan: str | None  # the plan whose key projects process items count
    units: tuple[str, ...]
    items: tuple[Item, ...]
    totals: Totals
    adjustments: tuple[Adjustment, ...] = ()
    vetoes: Mapping[str, tuple[str, ...]] | None = None
    # item key → unit → evaluator group → the scores given
    qualitative: Mapping[str, Mapping[str, Mapping[str, tuple[Decimal, ...]]]] | None = None
    assesses: AssessedUnits = AssessedUnits.ORG_UNITS

    def __post_init__(self) -> None:
        keys = [i.key for i in self.items]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise InvalidValue(f"考核项编号重复：{'、'.join(repeated)}")
        if len(set(self.units)) != len(self.units):
            raise InvalidValue("被考核单位重复")
        named = {a.unit for a in self.adjustments} | set(self.vetoes or {})
        strangers = sorted(named - set(self.units))
        if strangers:
            raise InvalidValue(f"加扣分或一票否决的单位不在被考核单位中：{'、'.join(strangers)}")
        if any(i.source is InputKind.PROJECTS for i in self.items) and not self.plan:
            raise InvalidValue("过程性项目考核项须有 scheme.plan（重点项目所属的规划）")
        if any(i.source is InputKind.TASKS for i in self.items) and not self.plan:
            raise InvalidValue("过程性任务考核项须有 scheme.plan（任务所属的规划）")
        if self.assesses is AssessedUnits.DEPARTMENTS:
            if not self.plan:
                raise InvalidValue("考核部门的方案须有 scheme.plan（部门承担其任务、项目的规划）")
            by_org_unit = [i.key for i in self.items if i.source in _ORG_UNIT_INPUTS]
            if by_org_unit:
                raise InvalidValue(
                    f"考核部门的方案不能有取自监测台账或报送及时性的考核项（按区域统计）：{'、'.join(by_org_unit)}"
                )
