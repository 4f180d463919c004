"""The review workflow: every step from every status, expectations by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.model import ObservationStatus
from bioecon.domain.review import NoteRequired, ReviewStep, StepRefused, after, editable
from bioecon.errors import Conflict

D, S, A = ObservationStatus.DRAFT, ObservationStatus.SUBMITTED, ObservationStatus.APPROVED

# (status before, step) → status after; every pair not listed is refused.
ALLOWED = {
    (None, ReviewStep.SAVE): D,
    (D, ReviewStep.SAVE): D,
    (D, ReviewStep.SUBMIT): S,
    (S, ReviewStep.RECALL): D,
    (S, ReviewStep.APPROVE): A,
    (S, ReviewStep.REJECT): D,
    (A, ReviewStep.REOPEN): D,
}


@pytest.mark.parametrize("current", [None, D, S, A])
@pytest.mark.parametrize("step", list(ReviewStep))
def test_every_step_from_every_status(current: ObservationStatus | None, step: ReviewStep) -> None:
    if (current, step) in ALLOWED:
        assert after(current, step, "意见") == ALLOWED[current, step]
    else:
        with pytest.raises(StepRefused):
            after(current, step, "意见")


def test_an_approved_value_is_locked() -> None:
    assert not editable(A) and not editable(S)
    assert editable(D) and editable(None)
    with pytest.raises(StepRefused) as refused:
        after(A, ReviewStep.SAVE)
    assert (refused.value.current, refused.value.step) == (A, ReviewStep.SAVE)
    assert isinstance(refused.value, Conflict)  # exit 5 / HTTP 409 at the edges


@pytest.mark.parametrize("step", [ReviewStep.REJECT, ReviewStep.REOPEN])
@pytest.mark.parametrize("note", [None, "", "   "])
def test_returning_a_value_needs_a_reason(step: ReviewStep, note: str | None) -> None:
    current = S if step is ReviewStep.REJECT else A
    with pytest.raises(NoteRequired):
        after(current, step, note)


@given(st.lists(st.sampled_from(list(ReviewStep)), max_size=12))
def test_a_value_is_approved_only_by_an_approve_step(steps: list[ReviewStep]) -> None:
    status: ObservationStatus | None = None
    for step in steps:
        try:
            new = after(status, step, "原因")
        except StepRefused:
            continue
        assert new is not A or step is ReviewStep.APPROVE
        status = new
