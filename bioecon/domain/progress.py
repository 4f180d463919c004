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
and the projection is linear. Every verdict comes with a one-line Chinese explanation citing
its numbers. Thresholds are data (``bioecon/data/progress.yaml``), overridable per plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from bioecon.domain.model import Target, TargetKind, TargetOp
from bioecon.errors import InvalidValue


class Status(StrEnum):
    """Progress status: colour plus text in every front end."""

    ACHIEVED = "达标"  # on track: the target is met
    NORMAL = "正常"  # normal: progressing as required
    LAGGING = "滞后"  # lagging (yellow)
    AT_RISK = "严重滞后"  # at risk (red)
    NO_DATA = "数据不足"  # not enough data to judge

    @property
    def english(self) -> str:
        return _ENGLISH[self]


_ENGLISH = {
    Status.ACHIEVED: "on track (met)",
    Status.NORMAL: "normal",
    Status.LAGGING: "lagging",
    Status.AT_RISK: "at risk",
    Status.NO_DATA: "no data",
}


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


@dataclass(frozen=True, slots=True)
class Evaluation:
    target: Decimal | None  # the level to reach (翻番: base × 2); ranges: the low end
    target_high: Decimal | None
    actual: Decimal | None
    actual_period: str | None
    completion_rate: float | None  # percent
    time_progress: float | None  # percent
    gap: Decimal | None  # target − actual (how much is still to do)
    required_cagr: float | None  # percent a year
    actual_cagr: float | None  # percent a year
    growth_ratio: float | None
    projected: Decimal | None  # at the deadline
    projection_ratio: float | None
    status: Status
    explanation: str
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


def _no_data(reason: str, target: Decimal | None = None, high: Decimal | None = None) -> Evaluation:
    return Evaluation(
        target,
        high,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        Status.NO_DATA,
        reason,
        {m.value: Status.NO_DATA for m in Method},
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
        return Status.NORMAL
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
        return _no_data("资金支持标准，不作进度评估")
    if spec.kind is TargetKind.RECURRING:
        return _recurring(spec, actual, ytd_share, thresholds)
    target, high = _levels(spec, base)
    if target is None:
        return _no_data("翻番/新增目标缺少基期值，无法换算目标值", spec.value, spec.value_high)
    if actual is None:
        return _no_data(f"截至{_label_t(time_now)}无实际值", target, high)
    if spec.kind is TargetKind.INCREMENT and base is None:
        return _no_data("新增目标缺少基期值", target, high)
    if spec.deadline_year is None:
        return _no_data("目标未写明期限年份", target, high)

    deadline = float(spec.deadline_year)
    start_t = base.t if base is not None else horizon_start_t
    down = spec.op is TargetOp.LE
    met = _met(spec, actual.value, target, thresholds)
    completion = _completion(actual.value, target, base.value if base else None, down)
    completion_high = (
        _completion(actual.value, high, base.value if base else None, down)
        if high is not None
        else None
    )
    time_progress = (
        min(max((actual.t - start_t) / (deadline - start_t), 0.0), 1.0) * 100
        if start_t is not None and deadline > start_t
        else None
    )
    compounding = spec.kind in (TargetKind.LEVEL, TargetKind.MULTIPLE) and not down
    required = actual_rate = ratio = projection_ratio = None
    projected: Decimal | None = None
    if base is not None and compounding:
        required = _cagr(float(base.value), float(target), deadline - base.t)
        actual_rate = _cagr(float(base.value), float(actual.value), actual.t - base.t)
        if required is not None and actual_rate is not None and required != 0:
            ratio = actual_rate / abs(required)
        if actual_rate is not None:
            projected = Decimal(
                repr(float(actual.value) * (1 + actual_rate) ** max(deadline - actual.t, 0))
            )
    elif base is not None and actual.t > base.t:
        slope = (float(actual.value) - float(base.value)) / (actual.t - base.t)
        projected = Decimal(repr(float(actual.value) + slope * max(deadline - actual.t, 0)))
    if projected is not None and base is not None and target != base.value:
        projection_ratio = (float(projected) - float(base.value)) / (
            float(target) - float(base.value)
        )
    if projected is not None:
        projected = projected.quantize(Decimal("0.01"))

    by_method = {
        Method.TIME_PROGRESS.value: _time_status(completion, time_progress, thresholds),
        Method.GROWTH_RATIO.value: _band(
            ratio, thresholds.growth_on_track, thresholds.growth_lagging
        ),
        Method.PROJECTION_RATIO.value: _band(
            projection_ratio, thresholds.projection_on_track, thresholds.projection_lagging
        ),
    }
    if met:
        by_method = dict.fromkeys(by_method, Status.ACHIEVED)
    status = by_method[thresholds.default_method.value]
    explanation = _explain(
        spec,
        status,
        met,
        actual,
        target,
        completion,
        time_progress,
        required,
        actual_rate,
        projected,
        deadline,
    )
    return Evaluation(
        target=target,
        target_high=high,
        actual=actual.value,
        actual_period=actual.label,
        completion_rate=completion,
        time_progress=time_progress,
        gap=target - actual.value,
        required_cagr=required * 100 if required is not None else None,
        actual_cagr=actual_rate * 100 if actual_rate is not None else None,
        growth_ratio=ratio,
        projected=projected,
        projection_ratio=projection_ratio,
        status=status,
        explanation=explanation,
        by_method=by_method,
        completion_rate_high=completion_high,
    )


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
        return Status.NORMAL
    return Status.LAGGING if behind <= thresholds.at_risk_points else Status.AT_RISK


def _recurring(
    spec: TargetSpec, actual: Observed | None, ytd_share: float | None, thresholds: Thresholds
) -> Evaluation:
    """每年…: this year's 累计 against the yearly value, time progress = months / 12."""
    if actual is None or ytd_share is None:
        return _no_data("本年累计无实际值", spec.value, spec.value_high)
    met = _met(spec, actual.value, spec.value, thresholds)
    completion = float(actual.value / spec.value) * 100 if spec.value else None
    time_progress = ytd_share * 100
    status = Status.ACHIEVED if met else _time_status(completion, time_progress, thresholds)
    projected = (
        (actual.value / Decimal(repr(ytd_share))).quantize(Decimal("0.01"))
        if ytd_share > 0
        else None
    )
    behind = time_progress - completion if completion is not None else None
    lead = (
        ""
        if behind is None
        else (
            f"，落后时序进度{_fmt(behind, 1)}个百分点"
            if behind > 0
            else f"，超时序进度{_fmt(-behind, 1)}个百分点"
        )
    )
    explanation = (
        f"本年累计{_fmt(actual.value)}{spec.unit}，完成年度目标的{_fmt(completion, 1)}%"
        f"（时序进度{_fmt(time_progress, 1)}%{lead}）"
        + (f"，按当前进度全年约{_fmt(projected)}{spec.unit}" if projected is not None else "")
    )
    return Evaluation(
        target=spec.value,
        target_high=spec.value_high,
        actual=actual.value,
        actual_period=actual.label,
        completion_rate=completion,
        time_progress=time_progress,
        gap=spec.value - actual.value,
        required_cagr=None,
        actual_cagr=None,
        growth_ratio=None,
        projected=projected,
        projection_ratio=float(projected / spec.value)
        if projected is not None and spec.value
        else None,
        status=status,
        explanation=explanation,
        by_method={m.value: status for m in Method},
    )


def _label_t(t: float) -> str:
    year = math.floor(t + 1e-9)
    month = round((t - year) * 12)
    return f"{year + 1}年{month}月" if 0 < month < 12 else f"{year}年"


def _explain(
    spec: TargetSpec,
    status: Status,
    met: bool,
    actual: Observed,
    target: Decimal,
    completion: float | None,
    time_progress: float | None,
    required: float | None,
    actual_rate: float | None,
    projected: Decimal | None,
    deadline: float,
) -> str:
    unit = spec.actual_unit
    parts = [f"{actual.label}实际{_fmt(actual.value)}{unit}"]
    if met:
        parts.append(f"已达到目标{_fmt(target)}{unit}")
        return "，".join(parts)
    if completion is not None:
        text = f"完成{_fmt(completion, 1)}%"
        if time_progress is not None:
            behind = time_progress - completion
            where = (
                f"落后{_fmt(behind, 1)}个百分点"
                if behind > 0
                else f"超前{_fmt(-behind, 1)}个百分点"
            )
            text += f"，时序进度{_fmt(time_progress, 1)}%（{where}）"
        parts.append(text)
    if required is not None and actual_rate is not None:
        parts.append(
            f"需年均增长{_fmt(required * 100, 1)}%，实际年均增长{_fmt(actual_rate * 100, 1)}%"
        )
    if actual.t >= deadline:  # the target year is over: say so instead of projecting into it
        parts.append(f"目标年{int(deadline)}年已过，未达到目标{_fmt(target)}{unit}")
    elif projected is not None and target:
        parts.append(
            f"预计{int(deadline)}年达{_fmt(projected)}{unit}，为目标的{_fmt(float(projected / target) * 100, 0)}%"
        )
    return "，".join(parts)
