"""Review use cases (填报审核): submit, recall, approve, reject, reopen one reported value.

Each step checks the caller's role and scope (a reviewer only for its own unit and one level
below), the workflow (:mod:`bioecon.domain.review`: an approved value is locked until a
reviewer reopens it with a reason), then changes the value only if it is still what the
caller saw — so two reviewers acting at once never both succeed — and records the step, its
old and new status and the comment, in the history, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.audit import AuditAction, AuditEntity, AuditEvent
from bioecon.domain.model import ObservationStatus
from bioecon.domain.review import TRANSITIONS, ReviewStep, StepRefused, after
from bioecon.domain.value_key import ValueKey as ValueKey  # its home; callers say review.ValueKey
from bioecon.errors import Forbidden, NotFound
from bioecon.services._scope import permitted
from bioecon.store import audit, orgunits
from bioecon.store import observation_review as store
from bioecon.store.migrate import ensure_current


@dataclass(frozen=True, slots=True)
class Reviewed:
    key: ValueKey
    value: Decimal
    before: ObservationStatus
    after: ObservationStatus


_ACTIONS = {
    ReviewStep.SUBMIT: AuditAction.SUBMIT,
    ReviewStep.RECALL: AuditAction.RECALL,
    ReviewStep.APPROVE: AuditAction.APPROVE,
    ReviewStep.REJECT: AuditAction.REJECT,
    ReviewStep.REOPEN: AuditAction.REOPEN,
}


def review_value(
    app: Bioecon,
    *,
    actor: Principal,
    key: ValueKey,
    step: ReviewStep,
    origin: str,
    note: str | None = None,
    seen: Decimal | None = None,
) -> Reviewed:
    """Take ``step`` on the value ``key``. ``seen`` is the value the caller was shown (a
    page passes it): if the value changed since, the step is refused as a conflict."""
    if step not in _ACTIONS:
        raise ValueError(f"{step.value} changes a value; it is data entry, not a review step")
    now = datetime.now(UTC)
    with app.transaction() as connection:
        ensure_current(connection)
        if not orgunits.existing(connection, [key.org_unit]):
            raise NotFound(f"no org unit '{key.org_unit}'")
        if not permitted(connection, actor, [TRANSITIONS[step].action], [key.org_unit]):
            raise Forbidden(f"{actor.login} 无权对 {key.org_unit} 的数值执行此操作")
        stored = store.find(
            connection,
            indicator=key.indicator,
            org_unit=key.org_unit,
            period=str(key.period),
            basis=key.basis.value,
            sector=key.sector,
        )
        if stored is None:
            raise NotFound(f"no value {key}")
        target = after(stored.status, step, note)
        if seen is not None and seen != stored.value:
            raise StepRefused(stored.status, step)
        if not store.set_status(connection, stored, target, now):
            raise StepRefused(stored.status, step)  # changed between our read and write
        audit.append(
            connection,
            [
                AuditEvent(
                    at=now,
                    actor=actor.login,
                    origin=origin,
                    entity=AuditEntity.OBSERVATION,
                    record_key=str(key),
                    action=_ACTIONS[step],
                    old_value={"status": stored.status.value, "value": str(stored.value)},
                    new_value={"status": target.value, "value": str(stored.value)},
                    reason=note,
                )
            ],
        )
        return Reviewed(key, stored.value, stored.status, target)


@dataclass(frozen=True, slots=True)
class ReviewQueue:
    """The submitted values the caller reviews (oldest first, at most ``limit``), and how
    many there are in all."""

    values: tuple[store.PendingValue, ...]
    total: int


QUEUE_LIMIT = 500


def review_queue(app: Bioecon, *, actor: Principal, limit: int = QUEUE_LIMIT) -> ReviewQueue:
    """Every value waiting for the caller's review (已报送, in its review scope: a district
    reviewer sees its own unit and its parks, the city its districts)."""
    with app.reading() as connection:
        ensure_current(connection)
        units = store.units_with_status(connection, ObservationStatus.SUBMITTED)
        mine = permitted(connection, actor, [TRANSITIONS[ReviewStep.APPROVE].action], units)
        if not mine:
            return ReviewQueue((), 0)
        values, total = store.with_status(connection, ObservationStatus.SUBMITTED, mine, limit)
    return ReviewQueue(tuple(values), total)


def review_notes(
    app: Bioecon, *, actor: Principal, keys: Sequence[ValueKey]
) -> dict[ValueKey, AuditEvent]:
    """The latest rejection or reopening of each value (its comment goes back to the
    reporter: the entry form shows it while the value is a draft), for the values of org
    units the caller may read."""
    with app.reading() as connection:
        ensure_current(connection)
        readable = set(
            permitted(connection, actor, [Action.READ], sorted({k.org_unit for k in keys}))
        )
        shown = [key for key in keys if key.org_unit in readable]
        latest = audit.latest_returns(connection, (str(key) for key in shown))
    return {key: latest[str(key)] for key in shown if str(key) in latest}
