"""Target adjustments (目标动态调整): add one, list a plan's."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from bioecon.domain.target_adjustment import TargetAdjustment
from bioecon.records import copy_into
from bioecon.store import tables as t


def add(connection: Connection, plan_id: int, adjustment: TargetAdjustment) -> None:
    a = adjustment
    connection.execute(
        insert(t.target_adjustment).values(
            plan_id=plan_id,
            target_key=a.target,
            old_value=a.old_value,
            new_value=a.new_value,
            old_value_high=a.old_value_high,
            new_value_high=a.new_value_high,
            unit=a.unit,
            reason=a.reason,
            approved_by=a.approved_by,
            approved_on=a.approved_on,
            document=a.document,
            recorded_by=a.recorded_by,
            recorded_at=a.recorded_at,
        )
    )


def of_plan(connection: Connection, plan_id: int) -> list[TargetAdjustment]:
    """The plan's adjustments, oldest first (by approval day, then as recorded)."""
    a, p = t.target_adjustment, t.plan
    rows = connection.execute(
        select(a, p.c.code.label("plan"), a.c.target_key.label("target"))
        .join(p, p.c.id == a.c.plan_id)
        .where(a.c.plan_id == plan_id)
        .order_by(a.c.approved_on, a.c.id)
    )
    return [copy_into(TargetAdjustment, r._mapping) for r in rows]
