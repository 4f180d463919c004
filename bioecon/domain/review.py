"""The review workflow of a reported value (填报审核): 草稿 → 已报送 → 已审核, bottom-up.

A reporter saves a draft and submits it (or recalls a submission before it is reviewed); a
reviewer approves it, or rejects it with a comment back to the reporter (退回, the value
returns to draft); an approved value is locked, and changing it needs a reviewer to reopen it
with a reason (the value returns to draft, to be corrected and submitted again). Only
approved values count in the ledger. Each step is kept as an event, so the history shows who
returned what and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bioecon.domain.access import Action
from bioecon.domain.model import ObservationStatus
from bioecon.errors import Conflict, InvalidValue

DRAFT, SUBMITTED, APPROVED = (
    ObservationStatus.DRAFT,
    ObservationStatus.SUBMITTED,
    ObservationStatus.APPROVED,
)


class ReviewStep(StrEnum):
    """One step of the workflow."""

    SAVE = "save"  # 保存草稿 (a new value, or a draft changed)
    SUBMIT = "submit"  # 报送
    RECALL = "recall"  # 撤回 (the reporter, before review)
    APPROVE = "approve"  # 审核通过
    REJECT = "reject"  # 退回 (with a comment)
    REOPEN = "reopen"  # 重新打开已审核的值 (with a reason)


@dataclass(frozen=True, slots=True)
class Transition:
    step: ReviewStep
    sources: frozenset[ObservationStatus | None]  # None: no value stored yet
    target: ObservationStatus
    action: Action  # what the caller's role must grant, in scope
    needs_note: bool  # a comment or reason is required


TRANSITIONS = {
    t.step: t
    for t in (
        Transition(ReviewStep.SAVE, frozenset({None, DRAFT}), DRAFT, Action.REPORT, False),
        Transition(ReviewStep.SUBMIT, frozenset({DRAFT}), SUBMITTED, Action.REPORT, False),
        Transition(ReviewStep.RECALL, frozenset({SUBMITTED}), DRAFT, Action.REPORT, False),
        Transition(ReviewStep.APPROVE, frozenset({SUBMITTED}), APPROVED, Action.REVIEW, False),
        Transition(ReviewStep.REJECT, frozenset({SUBMITTED}), DRAFT, Action.REVIEW, True),
        Transition(ReviewStep.REOPEN, frozenset({APPROVED}), DRAFT, Action.REVIEW, True),
    )
}


class StepRefused(Conflict):
    """A step the value's status does not allow (someone moved it on meanwhile, or the step
    is out of order); the front end names both in the reader's language."""

    def __init__(self, current: ObservationStatus | None, step: ReviewStep) -> None:
        self.current = current
        self.step = step
        state = current.value if current is not None else "none"
        super().__init__(
            f"该数值的状态已不允许此操作，请刷新后重试 "
            f"(review step {step.value} is not allowed from status {state})"
        )


class NoteRequired(InvalidValue):
    """A rejection or reopening without its comment or reason."""

    def __init__(self, step: ReviewStep) -> None:
        self.step = step
        super().__init__(
            f"退回须写明意见，重新打开须写明原因 (review step {step.value} needs a comment or reason)"
        )


def after(
    current: ObservationStatus | None, step: ReviewStep, note: str | None = None
) -> ObservationStatus:
    """The status a value has after ``step``; refuses a step its status does not allow
    (:class:`StepRefused`, a :class:`Conflict`: the value moved on, e.g. someone approved it
    meanwhile) and a rejection or reopening without a comment (:class:`NoteRequired`)."""
    transition = TRANSITIONS[step]
    if current not in transition.sources:
        raise StepRefused(current, step)
    if transition.needs_note and not (note and note.strip()):
        raise NoteRequired(step)
    return transition.target


REPORTED = frozenset({SUBMITTED, APPROVED})
"""The statuses of a value that has been reported (报送): what the reporting calendar counts,
and what sets a value's first submission (首次报送时间)."""


def editable(current: ObservationStatus | None) -> bool:
    """Whether the value itself may be changed: only a draft (or a value not yet entered);
    a submitted value is recalled first, an approved one reopened."""
    return current in TRANSITIONS[ReviewStep.SAVE].sources
