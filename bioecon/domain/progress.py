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
from decimal import Decimal
from enum import StrEnum
from typing import Any

from bioecon.domain.messages import Message, clauses, month_label, year_label
from bioecon.domain.model import Target, TargetKind, TargetOp
from bioecon.errors import InvalidValue


class Status(StrEnum):
    """Progress status (进度状态), a stable code; people see its label from
    ``bioecon/data/strings.yaml`` (status.met → 达标 / Met), with colour and a marker."""

    MET = "met"  # 达标: the target is met
    ON_TRACK = "on_track"  # 正常: progressing as required
    LAGGING = "lagging"  # 滞后 (yellow)
    AT_RISK = "at_risk"  # 严重滞后 (red)
    NO_DATA = "no_data"  # 数据不足: not enough data to judge


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
    completion_rate: float | None = None  # percent
    time_progress: float | None = None  # percent
    gap: Decimal | None = None  # target − actual (how much is still to do)
    required_cagr: float | None = None  # percent a year
    actual_cagr: float | None = None  # percent a year
    growth_ratio: float | None = None
    projected: Decimal | None = None  # at the deadline
    projection_ratio: float | None = None
    by_method: dict[str, Status] = field(default_factory=dict)
    completion_rate_high: float | None = None  # ranges: against the high end


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
    reason: Message, target: Decimal | None = None, high: Decimal | None = None
) -> Evaluation:
    return Evaluation(
        status=Status.NO_DATA,
        explanation=reason,
        target=target,
        target_high=high,
        by_method={m.value: Status.NO_DATA for m in Method},
    )


def _cagr(start: float, end: float, years: float) -> float | None:
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return float((end / start) ** (1 / years)) - 1


def _fmt(value: Decimal | float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    number = float(value)
    text = f"{number:,.{digits}f}".replace(",", "")
    return text.rstrip("0").rstrip(".") if "." in text else text


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
) -> Evaluation:
    """Judge one target.

    ``actual``: the measured value (for recurring targets: this year's 累计 so far, with
    ``ytd_share`` = months elapsed / 12). ``base``: the baseline. ``time_now``: the as-of
    point on the time axis, used when there is no actual. ``horizon_start_t``: where time
    progress starts when there is no base (the year before the plan period).
    """
    if spec.kind is TargetKind.POLICY_RULE:
        return _no_data(Message("explain.policy_rule"))
    if spec.kind is TargetKind.RECURRING:
        return _recurring(spec, actual, ytd_share, thresholds)
    target, high = _levels(spec, base)
    if target is None:
        return _no_data(Message("explain.level_needs_base"), spec.value, spec.value_high)
    if actual is None:
        return _no_data(Message("explain.no_actual", {"as_of": _label_t(time_now)}), target, high)
    if spec.kind is TargetKind.INCREMENT and base is None:
        return _no_data(Message("explain.increment_needs_base"), target, high)
    if spec.deadline_year is None:
        return _no_data(Message("explain.no_deadline"), target, high)
    start_t = base.t if base is not None else horizon_start_t
    figures = _figures(spec, actual, base, (target, high), float(spec.deadline_year), start_t)
    return _judge(spec, actual, (target, high), figures, thresholds)


@dataclass(frozen=True, slots=True)
class _Figures:
    """What a judgement rests on (rates as fractions; ``projected`` to the cent)."""

    deadline: float
    completion: float | None
    completion_high: float | None
    time_progress: float | None  # percent
    required: float | None = None
    actual_rate: float | None = None
    ratio: float | None = None
    projected: Decimal | None = None
    projection_ratio: float | None = None


def _figures(
    spec: TargetSpec,
    actual: Observed,
    base: Observed | None,
    levels: tuple[Decimal, Decimal | None],
    deadline: float,
    start_t: float | None,
) -> _Figures:
    """Completion, time progress, growth rates and the projection to the deadline."""
    target, high = levels
    down = spec.op is TargetOp.LE
    base_value = base.value if base is not None else None
    time_progress = (
        min(max((actual.t - start_t) / (deadline - start_t), 0.0), 1.0) * 100
        if start_t is not None and deadline > start_t
        else None
    )
    figures = _Figures(
        deadline=deadline,
        completion=_completion(actual.value, target, base_value, down),
        completion_high=(
            _completion(actual.value, high, base_value, down) if high is not None else None
        ),
        time_progress=time_progress,
    )
    if base is None:
        return figures
    if spec.kind in (TargetKind.LEVEL, TargetKind.MULTIPLE) and not down:
        figures = _compounding(figures, actual, base, target)
    elif actual.t > base.t:
        slope = (float(actual.value) - float(base.value)) / (actual.t - base.t)
        projected = float(actual.value) + slope * max(deadline - actual.t, 0)
        figures = replace(figures, projected=Decimal(repr(projected)))
    return _projection(figures, base, target)


def _compounding(figures: _Figures, actual: Observed, base: Observed, target: Decimal) -> _Figures:
    """Required and actual CAGR, their ratio, and the actual projected at its CAGR."""
    deadline = figures.deadline
    required = _cagr(float(base.value), float(target), deadline - base.t)
    rate = _cagr(float(base.value), float(actual.value), actual.t - base.t)
    ratio = (
        rate / abs(required)
        if required is not None and rate is not None and required != 0
        else None
    )
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
    ratio = (
        (float(projected) - float(base.value)) / (float(target) - float(base.value))
        if target != base.value
        else None
    )
    return replace(figures, projected=projected.quantize(Decimal("0.01")), projection_ratio=ratio)


def _judge(
    spec: TargetSpec,
    actual: Observed,
    levels: tuple[Decimal, Decimal | None],
    figures: _Figures,
    thresholds: Thresholds,
) -> Evaluation:
    """The status by each method (达标 under all when met), the default method's verdict."""
    target, high = levels
    by_method = _by_method(figures, thresholds)
    met = _met(spec, actual.value, target, thresholds)
    if met:
        by_method = dict.fromkeys(by_method, Status.MET)
    return Evaluation(
        status=by_method[thresholds.default_method.value],
        explanation=_explain(spec, actual, target, met, figures),
        target=target,
        target_high=high,
        actual=actual.value,
        actual_period=actual.label,
        completion_rate=figures.completion,
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


def _by_method(figures: _Figures, thresholds: Thresholds) -> dict[str, Status]:
    return {
        Method.TIME_PROGRESS.value: _time_status(
            figures.completion, figures.time_progress, thresholds
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


def _completion(actual: Decimal, target: Decimal, base: Decimal | None, down: bool) -> float | None:
    """Share of the required change; where the base already meets the target (so no change
    is required), the plain ratio actual ÷ target instead."""
    required = base is not None and (target < base if down else target > base)
    if base is not None and required:
        return float((actual - base) / (target - base)) * 100
    if target == 0:
        return None
    if down:
        return float(target / actual) * 100 if actual else None
    return float(actual / target) * 100


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
    behind = time_progress - completion if completion is not None else None
    lead: Message | str = ""
    if behind is not None:
        key = "explain.recurring_behind" if behind > 0 else "explain.recurring_ahead"
        lead = Message(key, {"points": _fmt(behind if behind > 0 else -behind, 1)})
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


def _label_t(t: float) -> Message:
    year = math.floor(t + 1e-9)
    month = round((t - year) * 12)
    return month_label(year + 1, month) if 0 < month < 12 else year_label(year)


def _explain(
    spec: TargetSpec, actual: Observed, target: Decimal, met: bool, figures: _Figures
) -> Message:
    """2024实际…亿元，完成…%，时序进度…%（落后…个百分点），需年均增长…%，…，预计…年达…"""
    unit = spec.actual_unit
    stated = Message(
        "explain.actual", {"period": actual.label, "actual": _fmt(actual.value), "unit": unit}
    )
    if met:
        return clauses(stated, Message("explain.met", {"target": _fmt(target), "unit": unit}))
    return clauses(
        stated, *_progress_clauses(figures), *_outlook_clauses(figures, actual, target, unit)
    )


def _progress_clauses(figures: _Figures) -> list[Message]:
    """完成…%，时序进度…%（落后/超前…个百分点），需年均增长…%，实际年均增长…%."""
    found: list[Message] = []
    completion, time_progress = figures.completion, figures.time_progress
    if completion is not None:
        found.append(Message("explain.completion", {"completion": _fmt(completion, 1)}))
        if time_progress is not None:
            behind = time_progress - completion
            key = "explain.time_behind" if behind > 0 else "explain.time_ahead"
            points = _fmt(behind if behind > 0 else -behind, 1)
            found.append(Message(key, {"time_progress": _fmt(time_progress, 1), "points": points}))
    if figures.required is not None and figures.actual_rate is not None:
        rates = {
            "required": _fmt(figures.required * 100, 1),
            "actual": _fmt(figures.actual_rate * 100, 1),
        }
        found.append(Message("explain.growth", rates))
    return found


def _outlook_clauses(
    figures: _Figures, actual: Observed, target: Decimal, unit: str
) -> list[Message]:
    """The target year is over (say so instead of projecting into it), else the projection."""
    year = int(figures.deadline)
    if actual.t >= figures.deadline:
        return [
            Message("explain.deadline_passed", {"year": year, "target": _fmt(target), "unit": unit})
        ]
    projected = figures.projected
    if projected is None or not target:
        return []
    share = _fmt(float(projected / target) * 100, 0)
    return [
        Message(
            "explain.projected",
            {"year": year, "projected": _fmt(projected), "unit": unit, "share": share},
        )
    ]
