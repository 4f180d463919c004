"""目标动态调整 (a target's value changed by an approved adjustment): what it was, what it is,
why, who approved it and when — kept beside the plan, shown in the evaluation reports.

天门's plan asks for "动态调整" of its targets after the 中期评估; offices adjust a target by a
document of the approving body (规划领导小组, 市政府), never silently.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from bioecon.domain.model import Target, TargetOp
from bioecon.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class TargetAdjustment:
    """One adjustment of a plan's target: the values before and after, in the target's unit."""

    plan: str
    target: str  # the target's key
    old_value: Decimal
    new_value: Decimal
    old_value_high: Decimal | None  # a range's high end
    new_value_high: Decimal | None
    unit: str
    reason: str
    approved_by: str  # 审批机构
    approved_on: date
    document: str | None  # 文号
    recorded_by: str
    recorded_at: datetime


def adjusted(target: Target, value: Decimal, value_high: Decimal | None) -> Target:
    """The target with its new value; refused when nothing changes or a range loses its end."""
    if target.op is TargetOp.RANGE:
        if value_high is None or value_high <= value:
            raise InvalidValue("区间目标须给出高端值（--value-high），且高于低端值")
    elif value_high is not None:
        raise InvalidValue(f"目标 {target.key} 不是区间目标，不能有高端值")
    if value <= 0:
        raise InvalidValue(f"目标值 {value} 须大于 0")
    if value == target.value and value_high == target.value_high:
        raise InvalidValue(f"目标 {target.key} 的目标值已是 {value}，没有调整")
    return replace(target, value=value, value_high=value_high)
