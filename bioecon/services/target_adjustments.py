"""目标动态调整 use cases: adjust a plan's target by an approved decision — the target takes
its new value, the adjustment is kept with its reason, approving body, date and document,
and the change enters the history — and list a plan's adjustments (shown in the 中期评估 and
总结评估 reports)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.domain.access import Principal
from bioecon.domain.amounts import check_storable
from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.domain.target_adjustment import TargetAdjustment, adjusted
from bioecon.errors import InvalidValue, NotFound
from bioecon.services._audit import record
from bioecon.services._plan_lookup import managed_plan_id, stored_plan_id
from bioecon.store import plans as plan_store
from bioecon.store import target_adjustments as store
from bioecon.store.migrate import ensure_current

MAX_TEXT = 2000  # characters of a reason


def adjust_target(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    plan: str,
    target: str,
    value: Decimal,
    value_high: Decimal | None = None,
    reason: str,
    approved_by: str,
    approved_on: date,
    document: str | None = None,
) -> TargetAdjustment:
    """Give ``plan``'s target ``target`` a new value by an approved adjustment. The reason
    and the approving body are required; the caller must manage plans over the plan's region.
    From then on every evaluation judges the target by its new value."""
    reason, approved_by = reason.strip(), approved_by.strip()
    if not reason or not approved_by:
        raise InvalidValue("调整目标须写明理由（--reason）和审批机构（--approved-by）")
    if len(reason) > MAX_TEXT or len(approved_by) > 200 or len(document or "") > 300:
        raise InvalidValue(f"理由不超过 {MAX_TEXT} 字，审批机构不超过 200 字，文号不超过 300 字")
    check_storable(value)
    if value_high is not None:
        check_storable(value_high)
    with app.transaction() as connection:
        ensure_current(connection)
        plan_id = managed_plan_id(connection, plan, actor)
        bundle = plan_store.load_bundle(connection, plan_id)
        found = [t for t in bundle.targets if t.key == target]
        if not found:
            raise NotFound(f"规划 {bundle.plan.code} 没有目标 {target}")
        old = found[0]
        new = adjusted(old, value, value_high)
        targets = tuple(new if t.key == target else t for t in bundle.targets)
        plan_store.save_plan(connection, dataclasses.replace(bundle, targets=targets))
        adjustment = TargetAdjustment(
            plan=bundle.plan.code,
            target=target,
            old_value=old.value,
            new_value=value,
            old_value_high=old.value_high,
            new_value_high=value_high,
            unit=old.unit,
            reason=reason,
            approved_by=approved_by,
            approved_on=approved_on,
            document=document.strip() if document and document.strip() else None,
            recorded_by=actor.login,
            recorded_at=datetime.now(UTC),
        )
        store.add(connection, plan_id, adjustment)
        change = (
            f"{bundle.plan.code}/{target}",
            AuditAction.UPDATE,
            _values(old.value, old.value_high),
            _values(value, value_high) | {"approved_by": approved_by, "document": document},
        )
        record(connection, actor, origin, AuditEntity.TARGET, [change], reason)
    return adjustment


def _values(value: Decimal, high: Decimal | None) -> dict[str, str | None]:
    return {"value": format(value, "f"), "value_high": None if high is None else format(high, "f")}


def target_adjustments(app: Bioecon, *, actor: Principal, plan: str) -> list[TargetAdjustment]:
    """The adjustments of a plan the caller may read, oldest first."""
    with app.reading() as connection:
        ensure_current(connection)
        return store.of_plan(connection, stored_plan_id(connection, plan, actor))
