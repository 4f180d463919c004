"""目标进度评估 (target progress): three recognised methods side by side, one decides.

Time is measured in years on one axis: a full-year figure of year Y sits at ``t = Y``; a
figure at the end of month m of year y (a stock, or a trailing-12-month flow) sits at
``t = y − 1 + m/12``. The baseline sits at its year ``t0``; the deadline at ``T``.

- **时序进度 method** (the Chinese practice, the default): completion rate — the share of the
  required change achieved, ``(actual − base) / (target − base)``, or ``actual / target``
  without a base — against time progress ``(t − t0) / (T − t0)``; the status follows how many
  percentage points completion lags time.
- **Growth ratio** (Statistics Canada / Eurostat / Open SDG): ``R = actual CAGR / required
  CAGR`` with ``CAGR_actual = (actual/base)^(1/(t − t0)) − 1`` and ``CAGR_required =
  (target/base)^(1/(T − t0)) − 1``.
- **Projection ratio** (UN Statistics Division): project the actual at its CAGR to ``T`` and
  compare the projected change with the required one, ``(projected − base)/(target − base)``.

For increments, shares and recurring targets growth is linear, so CAGR methods do not apply
and the projection is linear. Every verdict comes with a one-line explanation citing its
numbers, a :class:`~bioecon.domain.messages.Message` rendered in the reader's language. Thresholds are data (``bioecon/data/progress.yaml``), overridable per plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from bioecon.domain.messages import Message, Param, clauses, month_label, year_label
from bioecon.domain.model import Target, TargetKind, TargetOp
from bioecon.errors import InvalidValue


class Status(StrEnum):
    """Progress status (进度状态), a stable code; people see its label from
    ``bioecon/data/strings.yaml`` (status.met → 达标 / Met), with colour and a marker."""

    MET = "met"  # 达标: the target is met
    ON_TRACK = "on_track"  # 正常: progressing as required
    LAGGING = "lagging"  # 滞后 (yellow)
    AT_RISK = "at_risk"  # 严重滞后 (red)
    MISSED = "missed"  # 未达标: the deadline year is over and the target was not met
    NO_DATA = "no_data"  # 数据不足: not enough data to judge


class Formula(StrEnum):
    """Which completion rule applied (formula.<code> in strings.yaml; docs/progress.md §2)."""

    DISTANCE = "distance"  # 进度 (actual − base)/(target − base) decides
    NO_BASE = "no_base"  # no base: 完成率 actual ÷ target decides
    BASE_BEYOND_TARGET = "base_beyond_target"  # the base already meets the target: 完成率
    BASE_EQUALS_TARGET = "base_equals_target"  # the base is the target: 完成率
    CAP = "cap"  # a ceiling (<=, base within it): within → 达标, above → 超出上限
    RECURRING = "recurring"  # 每年…: this year's 累计 against the yearly value
    BEFORE_BASE = "before_base"  # the as-of date is before the base year's end: 规划期未开始
    NEEDS_BASE = "needs_base"  # 翻番/新增 without a base: no level to reach


class Measure(StrEnum):
    """The measure the 时序进度 method compares with time progress (`decided_by`)."""

    PROGRESS = "progress"  # 进度: share of the distance from base to target covered
    COMPLETION_RATE = "completion_rate"  # 完成率: actual ÷ target


class Method(StrEnum):
    TIME_PROGRESS = "time_progress"
    GROWTH_RATIO = "growth_ratio"
    PROJECTION_RATIO = "projection_ratio"


@dataclass(frozen=True, slots=True)
class Thresholds:
    default_method: Method = Method.TIME_PROGRESS
    lagging_points: float = 10.0
    at_risk_points: float = 30.0
    growth_on_track: float = 0.95
    growth_lagging: float = 0.60
    projection_on_track: float = 0.95
    projection_lagging: float = 0.10
    approx_tolerance: float = 0.05

    @classmethod
    def from_mapping(cls, data: dict[str, Any], base: Thresholds | None = None) -> Thresholds:
        """Read the layout of ``progress.yaml`` (every key optional) over ``base``."""
        result = base or cls()
        flat: dict[str, Any] = {}
        if "default_method" in data:
            flat["default_method"] = Method(data["default_method"])
        for section, prefix in (
            ("time_progress", ""),
            ("growth_ratio", "growth_"),
            ("projection_ratio", "projection_"),
        ):
            for key, value in (data.get(section) or {}).items():
                name = f"{prefix}{key}" if prefix else key
                if name not in cls.__dataclass_fields__:
                    raise InvalidValue(f"unknown threshold {section}.{key}")
                flat[name] = float(value)
        if "approx_tolerance" in data:
            flat["approx_tolerance"] = float(data["approx_tolerance"])
        unknown = set(data) - {
            "default_method",
            "time_progress",
            "growth_ratio",
            "projection_ratio",
            "approx_tolerance",
        }
        if unknown:
            raise InvalidValue(f"unknown threshold section(s): {', '.join(sorted(unknown))}")
        return replace(result, **flat)


@dataclass(frozen=True, slots=True)
class Observed:
    """A measured value and where it sits in time."""

    value: Decimal
    t: float  # years, see the module docstring
    label: str  # "2024", "2024-07/2025-06", "2025-06"


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """What evaluation needs to know of a target."""

    kind: TargetKind
    op: TargetOp
    value: Decimal
    value_high: Decimal | None
    unit: str
    deadline_year: int | None
    level_unit: str | None = None  # unit of the levels when not ``unit`` (翻番: 倍 → 亿元)

    @property
    def actual_unit(self) -> str:
        """The unit actual, target level and projection are stated in."""
        return self.level_unit or self.unit


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation:
    """A verdict and the figures behind it; a figure that cannot be worked out is ``None``."""

    status: Status
    explanation: Message
    target: Decimal | None = None  # the level to reach (翻番: base × 2); ranges: the low end
    target_high: Decimal | None = None
    actual: Decimal | None = None
    actual_period: str | None = None
    completion_rate: float | None = None  # 完成率 actual ÷ target, percent (新增: = 进度)
    progress: float | None = None  # 进度 (actual − base)/(target − base), percent
    decided_by: Measure | None = None  # which of the two the 时序进度 method compares
    formula: Formula | None = None
    time_progress: float | None = None  # percent
    gap: Decimal | None = None  # target − actual (how much is still to do)
    required_cagr: float | None = None  # percent a year
    actual_cagr: float | None = None  # percent a year
    growth_ratio: float | None = None
    projected: Decimal | None = None  # at the deadline
    projection_ratio: float | None = None
    by_method: dict[str, Status] = field(default_factory=dict)
    completion_rate_high: float | None = None  # ranges: against the high end
    latest: Decimal | None = None  # after the deadline: the latest value, shown beside
    latest_period: str | None = None


@dataclass(frozen=True, slots=True)
class TargetEvaluation:
    """A plan's target with its verdict: what `bioecon evaluate` lists."""

    plan: str
    target: Target
    org_unit: (
        str  # the unit whose figures were judged (the target's subject, else the plan's region)
    )
    evaluation: Evaluation
    level_unit: str | None = None  # unit of target/actual levels when not the target's own

    @property
    def unit(self) -> str:
        """The unit the evaluation's target, actual, gap and projection are in."""
        return self.level_unit or self.target.unit


def _no_data(
    reason: Message,
    target: Decimal | None = None,
    high: Decimal | None = None,
    *,
    actual: Observed | None = None,
    formula: Formula | None = None,
) -> Evaluation:
    return Evaluation(
        status=Status.NO_DATA,
        explanation=reason,
        target=target,
        target_high=high,
        actual=actual.value if actual is not None else None,
        actual_period=actual.label if actual is not None else None,
        formula=formula,
        by_method={m.value: Status.NO_DATA for m in Method},
    )


def _cagr(start: float, end: float, years: float) -> float | None:
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return float((end / start) ** (1 / years)) - 1


def _fmt(value: Decimal | float | None, digits: int = 2) -> str:
    """The number as the explanation shows it, rounded half up (四舍五入: 71.25 → 71.3); a value
    that rounds to zero is "0", never "-0"."""
    if value is None:
        return "—"
    number = _half_up(value, digits)
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _half_up(value: Decimal | float, digits: int) -> Decimal:
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    rounded = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)  # −0.0 → 0.0


def _band(ratio: float | None, on_track: float, lagging: float) -> Status:
    if ratio is None:
        return Status.NO_DATA
    if ratio >= on_track:
        return Status.ON_TRACK
    return Status.LAGGING if ratio >= lagging else Status.AT_RISK


def evaluate(
    spec: TargetSpec,
    *,
    actual: Observed | None,
    base: Observed | None,
    time_now: float,
    horizon_start_t: float | None,
    thresholds: Thresholds,
    ytd_share: float | None = None,
    latest: Observed | None = None,
    missing: Message | None = None,
) -> Evaluation:
    """Judge one target.

    ``actual``: the measured value — once the deadline year is over, the deadline year's
    (:func:`bioecon.domain.actuals.judged_year`), with ``latest`` the latest value, shown
    beside without changing the verdict; for recurring targets this year's 累计 so far, with
    ``ytd_share`` = months elapsed / 12. ``base``: the baseline. ``time_now``: the as-of
    point on the time axis. ``horizon_start_t``: where time progress starts when there is no
    base (the year before the plan period). ``missing``: why there is no actual.
    """
    if spec.kind is TargetKind.POLICY_RULE:
        return _no_data(Message("explain.policy_rule"))
    if spec.kind is TargetKind.RECURRING:
        result = _recurring(spec, actual, ytd_share, thresholds)
    else:
        result = _evaluate_level(spec, actual, base, time_now, horizon_start_t, thresholds)
    if actual is None and missing is not None and result.formula is not Formula.BEFORE_BASE:
        result = replace(result, explanation=missing)  # the caller knows why
    return _beside(result, latest, time_now, spec.actual_unit)


def _evaluate_level(
    spec: TargetSpec,
    actual: Observed | None,
    base: Observed | None,
    time_now: float,
    horizon_start_t: float | None,
    thresholds: Thresholds,
) -> Evaluation:
    target, high = _levels(spec, base)
    if target is None:
        reason = Message("explain.level_needs_base")
        return _no_data(
            reason, spec.value, spec.value_high, actual=actual, formula=Formula.NEEDS_BASE
        )
    start_t = base.t if base is not None else horizon_start_t
    if start_t is not None and time_now < start_t - 1e-9:
        reason = Message("explain.before_base", {"year": round(start_t)})
        return _no_data(reason, target, high, actual=actual, formula=Formula.BEFORE_BASE)
    if actual is None:
        return _no_data(Message("explain.no_actual", {"as_of": _label_t(time_now)}), target, high)
    if spec.deadline_year is None:
        return _no_data(Message("explain.no_deadline"), target, high, actual=actual)
    formula = _formula(spec, base, target)
    levels = (target, high)
    figures = _figures(spec, actual, base, levels, float(spec.deadline_year), start_t, formula)
    return _judge(spec, actual, levels, figures, thresholds)


def _formula(spec: TargetSpec, base: Observed | None, target: Decimal) -> Formula:
    """Which rule measures completion (docs/progress.md, "One definition per target kind")."""
    down = spec.op is TargetOp.LE
    if down and (base is None or base.value <= target):
        return Formula.CAP
    if base is None:
        return Formula.NO_BASE
    if base.value == target:
        return Formula.BASE_EQUALS_TARGET
    if (base.value > target) if down else (base.value < target):
        return Formula.DISTANCE
    return Formula.BASE_BEYOND_TARGET


def _beside(result: Evaluation, latest: Observed | None, time_now: float, unit: str) -> Evaluation:
    """The latest value beside a verdict on the deadline year ("2026年最新：…")."""
    if latest is None or latest.label == result.actual_period:
        return result
    line = Message(
        "explain.latest",
        {
            "year": math.ceil(time_now - 1e-9),
            "period": latest.label,
            "actual": _fmt(latest.value),
            "unit": unit,
        },
    )
    return replace(
        result,
        latest=latest.value,
        latest_period=latest.label,
        explanation=clauses(result.explanation, line),
    )


@dataclass(frozen=True, slots=True)
class _Figures:
    """What a judgement rests on (rates as fractions; ``projected`` to the cent)."""

    deadline: float
    formula: Formula
    completion: float | None  # percent
    completion_high: float | None
    progress: float | None  # percent
    time_progress: float | None  # percent
    required: float | None = None
    actual_rate: float | None = None
    ratio: float | None = None
    projected: Decimal | None = None
    projection_ratio: float | None = None

    @property
    def measure(self) -> Measure:
        return Measure.PROGRESS if self.progress is not None else Measure.COMPLETION_RATE

    @property
    def deciding(self) -> float | None:
        """The percentage the 时序进度 method compares with time progress."""
        return self.progress if self.progress is not None else self.completion


def _figures(
    spec: TargetSpec,
    actual: Observed,
    base: Observed | None,
    levels: tuple[Decimal, Decimal | None],
    deadline: float,
    start_t: float | None,
    formula: Formula,
) -> _Figures:
    """完成率, 进度, time progress, growth rates and the projection to the deadline."""
    target, high = levels
    distance = formula is Formula.DISTANCE and base is not None
    base_value = base.value if base is not None else Decimal(0)

    def rate(level: Decimal | None) -> float | None:
        if level is None:
            return None
        if distance and spec.kind is TargetKind.INCREMENT:  # 新增: 完成率 is 进度
            return _share(actual.value, level, base_value)
        return float(actual.value / level) * 100 if level else None

    figures = _Figures(
        deadline=deadline,
        formula=formula,
        completion=rate(target),
        completion_high=rate(high),
        progress=_share(actual.value, target, base_value) if distance else None,
        time_progress=_time_progress(actual.t, start_t, deadline),
    )
    if base is None or formula not in (Formula.DISTANCE, Formula.CAP):
        return figures
    compounding = spec.kind in (TargetKind.LEVEL, TargetKind.MULTIPLE)
    if formula is Formula.DISTANCE and compounding and spec.op is not TargetOp.LE:
        return _projection(_compounding(figures, actual, base, target), base, target)
    projected = _linear(actual, base, deadline)
    if formula is Formula.CAP:  # a ceiling has no distance to cover, only the projection
        cent = projected.quantize(Decimal("0.01")) if projected is not None else None
        return replace(figures, projected=cent)
    return _projection(replace(figures, projected=projected), base, target)


def _time_progress(t: float, start_t: float | None, deadline: float) -> float | None:
    """时序进度 (t − t0)/(T − t0) in percent, within 0–100."""
    if start_t is None or deadline <= start_t:
        return None
    return min(max((t - start_t) / (deadline - start_t), 0.0), 1.0) * 100


def _share(actual: Decimal, target: Decimal, base: Decimal) -> float:
    """进度: the share of the distance from base to target covered, in percent."""
    return float((actual - base) / (target - base)) * 100


def _linear(actual: Observed, base: Observed, deadline: float) -> Decimal | None:
    """The actual carried on at its average change a year since the base, to the deadline."""
    if actual.t <= base.t:
        return None
    slope = (float(actual.value) - float(base.value)) / (actual.t - base.t)
    return Decimal(repr(float(actual.value) + slope * max(deadline - actual.t, 0)))


def _compounding(figures: _Figures, actual: Observed, base: Observed, target: Decimal) -> _Figures:
    """Required and actual CAGR, their ratio, and the actual projected at its CAGR."""
    deadline = figures.deadline
    required = _cagr(float(base.value), float(target), deadline - base.t)
    rate = _cagr(float(base.value), float(actual.value), actual.t - base.t)
    ratio = rate / required if required is not None and rate is not None and required else None
    projected = (
        Decimal(repr(float(actual.value) * (1 + rate) ** max(deadline - actual.t, 0)))
        if rate is not None
        else None
    )
    return replace(figures, required=required, actual_rate=rate, ratio=ratio, projected=projected)


def _projection(figures: _Figures, base: Observed, target: Decimal) -> _Figures:
    """The projection ratio (of the unrounded projection); the projection to the cent."""
    projected = figures.projected
    if projected is None:
        return figures
    ratio = (float(projected) - float(base.value)) / (float(target) - float(base.value))
    return replace(figures, projected=projected.quantize(Decimal("0.01")), projection_ratio=ratio)


def _judge(
    spec: TargetSpec,
    actual: Observed,
    levels: tuple[Decimal, Decimal | None],
    figures: _Figures,
    thresholds: Thresholds,
) -> Evaluation:
    """达标 under every method when met; 未达标 when the deadline year is over and it is
    not; a ceiling its own verdict; else each method's band, the default method deciding."""
    target, high = levels
    met = _met(spec, actual.value, target, thresholds)
    final = actual.t >= figures.deadline - 1e-9
    if figures.formula is Formula.CAP:
        by_method = dict.fromkeys(
            (m.value for m in Method), _cap_status(met, final, figures.projected, target)
        )
    elif met or final:
        by_method = {m.value: Status.MET if met else Status.MISSED for m in Method}
    else:
        by_method = _by_method(figures, thresholds)
    return Evaluation(
        status=by_method[thresholds.default_method.value],
        explanation=_explain(spec, actual, target, met, figures),
        target=target,
        target_high=high,
        actual=actual.value,
        actual_period=actual.label,
        completion_rate=figures.completion,
        progress=figures.progress,
        decided_by=figures.measure,
        formula=figures.formula,
        time_progress=figures.time_progress,
        gap=target - actual.value,
        required_cagr=_percent(figures.required),
        actual_cagr=_percent(figures.actual_rate),
        growth_ratio=figures.ratio,
        projected=figures.projected,
        projection_ratio=figures.projection_ratio,
        by_method=by_method,
        completion_rate_high=figures.completion_high,
    )


def _cap_status(met: bool, final: bool, projected: Decimal | None, cap: Decimal) -> Status:
    """A ceiling: above it 严重滞后 before the deadline and 未达标 after; within it 达标,
    or 滞后 before the deadline when the actual's trend carries it above the cap."""
    if not met:
        return Status.MISSED if final else Status.AT_RISK
    if not final and projected is not None and projected > cap:
        return Status.LAGGING
    return Status.MET


def _by_method(figures: _Figures, thresholds: Thresholds) -> dict[str, Status]:
    return {
        Method.TIME_PROGRESS.value: _time_status(
            figures.deciding, figures.time_progress, thresholds
        ),
        Method.GROWTH_RATIO.value: _band(
            figures.ratio, thresholds.growth_on_track, thresholds.growth_lagging
        ),
        Method.PROJECTION_RATIO.value: _band(
            figures.projection_ratio, thresholds.projection_on_track, thresholds.projection_lagging
        ),
    }


def _percent(rate: float | None) -> float | None:
    return rate * 100 if rate is not None else None


def _levels(spec: TargetSpec, base: Observed | None) -> tuple[Decimal | None, Decimal | None]:
    """The levels to reach. 翻番 (×value) and 新增 (+value) need the base."""
    if spec.kind is TargetKind.MULTIPLE:
        return (base.value * spec.value, None) if base is not None else (None, None)
    if spec.kind is TargetKind.INCREMENT:
        if base is None:
            return None, None
        high = base.value + spec.value_high if spec.value_high is not None else None
        return base.value + spec.value, high
    return spec.value, spec.value_high


def _met(spec: TargetSpec, actual: Decimal, target: Decimal, thresholds: Thresholds) -> bool:
    if spec.op is TargetOp.LE:
        return actual <= target
    if spec.op is TargetOp.APPROX:
        return float(actual) >= float(target) * (1 - thresholds.approx_tolerance)
    return actual >= target


def _time_status(
    completion: float | None, time_progress: float | None, thresholds: Thresholds
) -> Status:
    if completion is None or time_progress is None:
        return Status.NO_DATA
    behind = time_progress - completion
    if behind <= thresholds.lagging_points:
        return Status.ON_TRACK
    return Status.LAGGING if behind <= thresholds.at_risk_points else Status.AT_RISK


def _recurring(
    spec: TargetSpec, actual: Observed | None, ytd_share: float | None, thresholds: Thresholds
) -> Evaluation:
    """每年…: this year's 累计 against the yearly value, time progress = months / 12."""
    if actual is None or ytd_share is None:
        return _no_data(Message("explain.no_ytd"), spec.value, spec.value_high)
    met = _met(spec, actual.value, spec.value, thresholds)
    completion = float(actual.value / spec.value) * 100 if spec.value else None
    time_progress = ytd_share * 100
    status = Status.MET if met else _time_status(completion, time_progress, thresholds)
    projected = (
        (actual.value / Decimal(repr(ytd_share))).quantize(Decimal("0.01"))
        if ytd_share > 0
        else None
    )
    return Evaluation(
        status=status,
        explanation=_explain_recurring(
            spec.unit, actual.value, completion, time_progress, projected
        ),
        target=spec.value,
        target_high=spec.value_high,
        actual=actual.value,
        actual_period=actual.label,
        completion_rate=completion,
        decided_by=Measure.COMPLETION_RATE,
        formula=Formula.RECURRING,
        time_progress=time_progress,
        gap=spec.value - actual.value,
        projected=projected,
        projection_ratio=float(projected / spec.value)
        if projected is not None and spec.value
        else None,
        by_method={m.value: status for m in Method},
    )


def _explain_recurring(
    unit: str,
    actual: Decimal,
    completion: float | None,
    time_progress: float,
    projected: Decimal | None,
) -> Message:
    """本年累计…，完成年度目标的…%（时序进度…%，落后…个百分点），按当前进度全年约…"""
    lead: Message | str = ""
    if completion is not None:
        points = _points(time_progress, completion)
        if points:
            key = "explain.recurring_behind" if points > 0 else "explain.recurring_ahead"
            lead = Message(key, {"points": _fmt(abs(points), 1)})
    done = Message(
        "explain.recurring",
        {
            "actual": _fmt(actual),
            "unit": unit,
            "completion": _fmt(completion, 1),
            "time_progress": _fmt(time_progress, 1),
            "lead": lead,
        },
    )
    if projected is None:
        return clauses(done)
    return clauses(
        done, Message("explain.recurring_projected", {"projected": _fmt(projected), "unit": unit})
    )


def _points(time_progress: float, done: float) -> Decimal:
    """Points behind time progress as the explanation states them (one decimal; 0 when even)."""
    return _half_up(time_progress - done, 1)


def _label_t(t: float) -> Message:
    year = math.floor(t + 1e-9)
    month = round((t - year) * 12)
    return month_label(year + 1, month) if 0 < month < 12 else year_label(year)


def _explain(
    spec: TargetSpec, actual: Observed, target: Decimal, met: bool, figures: _Figures
) -> Message:
    """2024实际…亿元，完成率…%，进度…%，时序进度…%（落后…个百分点），需年均增长…%，…"""
    unit = spec.actual_unit
    stated = Message(
        "explain.actual", {"period": actual.label, "actual": _fmt(actual.value), "unit": unit}
    )
    if figures.formula is Formula.CAP:
        return clauses(stated, *_cap_clauses(figures, actual, target, met, unit))
    if met:
        return clauses(stated, Message("explain.met", {"target": _fmt(target), "unit": unit}))
    return clauses(
        stated,
        *_progress_clauses(spec, figures),
        *_outlook_clauses(spec, figures, actual, target),
    )


def _cap_clauses(
    figures: _Figures, actual: Observed, cap: Decimal, met: bool, unit: str
) -> list[Message]:
    """未超出上限…（为上限的…%）[，预计…年达…，将超出上限] / [目标年…已过，]超出上限…"""
    year = int(figures.deadline)
    final = actual.t >= figures.deadline - 1e-9
    if not met:
        return [_cap_exceeded(figures, cap, unit, final=final)]
    numbers = {"target": _fmt(cap), "unit": unit, "completion": _fmt(figures.completion, 1)}
    found = [Message("explain.cap_within", numbers)]
    if not final and figures.projected is not None and figures.projected > cap:
        projected: dict[str, Param] = {
            "year": year,
            "projected": _fmt(figures.projected),
            "unit": unit,
        }
        found.append(Message("explain.cap_projected", projected))
    return found


def _cap_exceeded(figures: _Figures, cap: Decimal, unit: str, *, final: bool) -> Message:
    """[目标年…已过，]超出上限…（为上限的…%）"""
    return Message(
        "explain.cap_exceeded_final" if final else "explain.cap_exceeded",
        {
            "year": int(figures.deadline),
            "target": _fmt(cap),
            "unit": unit,
            "completion": _fmt(figures.completion, 1),
        },
    )


def _progress_clauses(spec: TargetSpec, figures: _Figures) -> list[Message]:
    """完成率…%，进度…%，时序进度…%（落后/超前…个百分点），需年均增长…%，实际年均增长…%."""
    found: list[Message] = []
    if figures.completion is not None:
        found.append(Message("explain.completion", {"completion": _fmt(figures.completion, 1)}))
    if figures.progress is not None and spec.kind is not TargetKind.INCREMENT:
        found.append(Message("explain.progress", {"progress": _fmt(figures.progress, 1)}))
    deciding, time_progress = figures.deciding, figures.time_progress
    if deciding is not None and time_progress is not None:
        points = _points(time_progress, deciding)
        key = (
            "explain.time_behind"
            if points > 0
            else ("explain.time_ahead" if points < 0 else "explain.time_even")
        )
        found.append(
            Message(key, {"time_progress": _fmt(time_progress, 1), "points": _fmt(abs(points), 1)})
        )
    if figures.required is not None and figures.actual_rate is not None:
        rates = {
            "required": _fmt(figures.required * 100, 1),
            "actual": _fmt(figures.actual_rate * 100, 1),
        }
        found.append(Message("explain.growth", rates))
    return found


def _outlook_clauses(
    spec: TargetSpec, figures: _Figures, actual: Observed, target: Decimal
) -> list[Message]:
    """The target year is over (say so instead of projecting into it), else the projection
    and the projection ratio — the very number the projection method bands."""
    year, unit = int(figures.deadline), spec.actual_unit
    if actual.t >= figures.deadline - 1e-9:
        if spec.op is TargetOp.LE:
            return [_cap_exceeded(figures, target, unit, final=True)]
        return [
            Message("explain.deadline_passed", {"year": year, "target": _fmt(target), "unit": unit})
        ]
    if figures.projected is None or figures.projection_ratio is None:
        return []
    share = _fmt(figures.projection_ratio * 100, 1)
    return [
        Message(
            "explain.projected",
            {"year": year, "projected": _fmt(figures.projected), "unit": unit, "share": share},
        )
    ]
