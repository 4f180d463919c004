"""考核方案文件 (an assessment scheme, YAML the plan office edits) → :class:`Scheme`: every
problem named by its field and line, in Chinese, and nothing read until the whole file is.

    scheme: {code: cs-parks-2026, name: 长沙市生物经济园区考核, year: 2026, plan: changsha-2025}
    units: [XJXQ, LYJK]
    grades: [{name: 优秀, min: 90}, {name: 良好, min: 80}, {name: 一般, min: 0}]
    bonus_cap: 5
    deduction_cap: 10
    items:
      - {key: R1, name: 生物医药产业规模, weight: 40, method: proportional, cap: 1.2,
         input: {ledger: biomedicine_scale, measure: ytd}, targets: {XJXQ: 1200, LYJK: 800}}
      - {key: P1, name: 重点项目按序时推进, weight: 30, method: proportional, target: 100,
         input: {projects: on_schedule}}
      - {key: Q1, name: 工作评价, weight: 30, method: proportional, target: 100,
         input: {qualitative: [{group: 市领导, weight: 0.4}, {group: 职能部门, weight: 0.6}]}}
    adjustments: [{unit: XJXQ, points: 2, reason: 获省级表彰}]
    vetoes: [{unit: LYJK, reason: 数据造假}]
    scores: [{item: Q1, unit: XJXQ, group: 市领导, score: 92}]

docs/assessment.md documents every field and method.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bioecon.domain.assessment import (
    Adjustment,
    AssessedUnits,
    EvaluatorGroup,
    Grade,
    InputKind,
    Item,
    Measure,
    NoticeCount,
    Polarity,
    Rule,
    Scheme,
    ScoringMethod,
    Totals,
)
from bioecon.errors import InvalidInput, InvalidValue, Problem
from bioecon.io.yaml_source import read_yaml_file, validation_problems

MAX_BYTES = 2_000_000  # a scheme of hundreds of units and items is a few hundred KB

Code = Annotated[str, Field(min_length=1, max_length=80)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Points = Annotated[Decimal, Field(allow_inf_nan=False, ge=-1000, le=1000)]  # weights, 加扣分
Figure = Annotated[Decimal, Field(allow_inf_nan=False, gt=-(10**12), lt=10**12)]  # targets …


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Header(_Model):
    code: Code
    name: Name
    year: int = Field(ge=1990, le=2100)
    plan: Code | None = None
    assesses: AssessedUnits = AssessedUnits.ORG_UNITS


class _Grade(_Model):
    name: Name
    min: Points


class _Group(_Model):
    group: Name
    weight: Annotated[Decimal, Field(allow_inf_nan=False, gt=0, le=1)]


class _Input(_Model):
    ledger: Code | None = None
    measure: Measure = Measure.YTD
    sector: Code | None = None
    projects: Literal["on_schedule"] | None = None
    tasks: Literal["on_schedule"] | None = None
    notices: NoticeCount | None = None
    reports: Code | None = None  # a data set's code
    qualitative: list[_Group] | None = None


class _Item(_Model):
    key: Code
    name: Name
    weight: Points
    method: ScoringMethod
    polarity: Polarity = Polarity.HIGHER
    input: _Input
    target: Figure | None = None
    targets: dict[Code, Figure] | None = None
    partial: bool = False
    cap: Points = Decimal(1)
    satisfactory: Figure | None = None
    disallowed: Figure | None = None
    floor: Points = Decimal("0.6")
    zero_below: bool = False
    step: Points = Decimal("0.05")
    table: list[Points] = []
    per_unit: Figure = Decimal(0)
    bonus_cap: Points = Decimal(0)


class _Adjustment(_Model):
    unit: Code
    points: Points
    reason: Name


class _Veto(_Model):
    unit: Code
    reason: Name


class _Score(_Model):
    item: Code
    unit: Code
    group: Name
    score: Annotated[Decimal, Field(allow_inf_nan=False, ge=0, le=100)]


class _SchemeFile(_Model):
    scheme: _Header
    units: list[Code] = Field(min_length=1, max_length=5000)
    grades: list[_Grade] = [
        _Grade(name="优秀", min=Decimal(90)),
        _Grade(name="良好", min=Decimal(80)),
        _Grade(name="一般", min=Decimal(0)),
    ]
    bonus_cap: Points | None = None
    deduction_cap: Points | None = None
    veto_grade: Name = "不合格"
    items: list[_Item] = Field(min_length=1, max_length=500)
    adjustments: list[_Adjustment] = []
    vetoes: list[_Veto] = []
    scores: list[_Score] = []


def read_scheme_file(path: Path) -> Scheme:
    """The scheme in ``path``, or :class:`InvalidInput` naming every problem and its line."""
    data, lines = read_yaml_file(path, MAX_BYTES)
    try:
        parsed = _SchemeFile.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(str(path), validation_problems(error, lines, _message)) from None
    problems: list[Problem] = []
    items: list[Item] = []
    for n, item in enumerate(parsed.items):
        try:
            items.append(_item(item))
        except InvalidValue as error:
            problems.append(Problem(f"items[{n}] ({item.key})", str(error)))
    problems += _score_problems(parsed)
    if problems:
        raise InvalidInput(str(path), problems)
    try:
        return Scheme(
            code=parsed.scheme.code,
            name=parsed.scheme.name,
            year=parsed.scheme.year,
            plan=parsed.scheme.plan,
            units=tuple(parsed.units),
            items=tuple(items),
            totals=Totals(
                grades=tuple(Grade(g.name, g.min) for g in parsed.grades),
                bonus_cap=parsed.bonus_cap,
                deduction_cap=parsed.deduction_cap,
                veto_grade=parsed.veto_grade,
            ),
            adjustments=tuple(Adjustment(a.unit, a.points, a.reason) for a in parsed.adjustments),
            vetoes=_vetoes(parsed.vetoes),
            qualitative=_scores(parsed.scores),
            assesses=parsed.scheme.assesses,
        )
    except InvalidValue as error:
        raise InvalidInput(str(path), [Problem("", str(error))]) from None


def _item(item: _Item) -> Item:
    sources = [
        kind
        for kind, given in (
            (InputKind.LEDGER, item.input.ledger),
            (InputKind.PROJECTS, item.input.projects),
            (InputKind.TASKS, item.input.tasks),
            (InputKind.NOTICES, item.input.notices),
            (InputKind.REPORTS, item.input.reports),
            (InputKind.QUALITATIVE, item.input.qualitative),
        )
        if given is not None
    ]
    if len(sources) != 1:
        raise InvalidValue(
            "input 须且只须写 ledger、projects、tasks、notices、reports、qualitative 之一"
        )
    rule = Rule(
        method=item.method,
        weight=item.weight,
        polarity=item.polarity,
        target=item.target if item.target is not None else _any_target(item),
        partial=item.partial,
        cap=item.cap,
        satisfactory=item.satisfactory,
        disallowed=item.disallowed,
        floor=item.floor,
        zero_below=item.zero_below,
        step=item.step,
        table=tuple(item.table),
        per_unit=item.per_unit,
        bonus_cap=item.bonus_cap,
    )
    groups = tuple(EvaluatorGroup(g.group, g.weight) for g in item.input.qualitative or ())
    return Item(
        key=item.key,
        name=item.name,
        source=sources[0],
        rule=rule,
        indicator=item.input.ledger,
        notice_count=item.input.notices,
        data_set=item.input.reports,
        measure=item.input.measure,
        sector=item.input.sector,
        groups=groups,
        targets=item.targets,
    )


def _any_target(item: _Item) -> Decimal | None:
    """A rule scored against per-unit targets needs one to be built with: the first unit's
    (every unit is scored against its own; a unit not listed has no target and is refused)."""
    return next(iter(item.targets.values())) if item.targets else None


def _score_problems(parsed: _SchemeFile) -> list[Problem]:
    qualitative = {i.key: {g.group for g in i.input.qualitative or ()} for i in parsed.items}
    problems = []
    for n, score in enumerate(parsed.scores):
        if score.unit not in parsed.units:
            problems.append(Problem(f"scores[{n}].unit", f"{score.unit} 不是被考核单位"))
        if score.item not in qualitative or not qualitative[score.item]:
            problems.append(Problem(f"scores[{n}].item", f"{score.item} 不是定性考核项"))
        elif score.group not in qualitative[score.item]:
            groups = "、".join(sorted(qualitative[score.item]))
            problems.append(
                Problem(f"scores[{n}].group", f"{score.group} 不是其评价组（{groups}）")
            )
    named = [("adjustments", n, a.unit) for n, a in enumerate(parsed.adjustments)]
    named += [("vetoes", n, v.unit) for n, v in enumerate(parsed.vetoes)]
    for name, n, unit in named:
        if unit not in parsed.units:
            problems.append(Problem(f"{name}[{n}].unit", f"{unit} 不是被考核单位"))
    for n, item in enumerate(parsed.items):
        for unit in item.targets or {}:
            if unit not in parsed.units:
                problems.append(Problem(f"items[{n}].targets.{unit}", f"{unit} 不是被考核单位"))
        if item.targets and item.target is None:
            missing = [u for u in parsed.units if u not in item.targets]
            if missing:
                where = f"items[{n}].targets"
                problems.append(Problem(where, f"缺少这些单位的目标：{'、'.join(missing)}"))
    return problems


def _vetoes(vetoes: list[_Veto]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for veto in vetoes:
        found.setdefault(veto.unit, []).append(veto.reason)
    return {unit: tuple(reasons) for unit, reasons in found.items()}


def _scores(scores: list[_Score]) -> dict[str, dict[str, dict[str, tuple[Decimal, ...]]]]:
    found: dict[str, dict[str, dict[str, list[Decimal]]]] = {}
    for s in scores:
        found.setdefault(s.item, {}).setdefault(s.unit, {}).setdefault(s.group, []).append(s.score)
    return {
        item: {unit: {g: tuple(v) for g, v in groups.items()} for unit, groups in units.items()}
        for item, units in found.items()
    }


_BOUNDS = {
    "greater_than_equal": ("ge", "不能小于"),
    "greater_than": ("gt", "须大于"),
    "less_than_equal": ("le", "不能大于"),
    "less_than": ("lt", "须小于"),
}


def _message(item: Any) -> str:
    """A pydantic finding in Chinese: what is wrong with the field, and what was given."""
    kind, given, context = item["type"], item.get("input"), item.get("ctx", {})
    if kind == "missing":
        return "缺少必填字段"
    if kind == "extra_forbidden":
        return "未知字段（方案文件可写的字段见 docs/assessment.md）"
    if kind == "enum":
        return f"「{given}」不是可选值之一：{context.get('expected', '')}"
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        return f"「{given}」{words} {context.get(name)}"
    if kind in ("decimal_parsing", "decimal_type", "int_parsing", "int_type", "finite_number"):
        return f"「{given}」不是数值"
    if kind == "too_short":
        return "至少需要一项"
    if kind == "too_long":
        return f"超过上限 {context.get('max_length')}"
    if kind == "literal_error":
        return f"「{given}」不是可选值之一：{context.get('expected', '')}"
    return f"{item['msg']}（填写的是：{given!r}）"
