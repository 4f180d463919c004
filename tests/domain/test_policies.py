"""The way of a policy application (bioecon/domain/policies.py): 已申报 → 审核通过 → 公示中 →
已兑付, 不予支持 from any step before payment, nothing after payment or refusal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bioecon.domain.policies import (
    ApplicationStatus,
    ApplicationStep,
    Clause,
    application_key,
    next_status,
)
from bioecon.domain.policy_formulas import Combine, Eligibility, Formula, FormulaKind

S, A, R, P, D = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.APPROVED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.PUBLICIZED,
    ApplicationStatus.PAID,
)
APPROVE, REJECT, PUBLICIZE, PAY = list(ApplicationStep)
# every (status, step) written out by hand: the status reached, or None (refused)
TABLE = {
    (S, APPROVE): A, (S, REJECT): R, (S, PUBLICIZE): None, (S, PAY): None,
    (A, APPROVE): None, (A, REJECT): R, (A, PUBLICIZE): P, (A, PAY): None,
    (P, APPROVE): None, (P, REJECT): R, (P, PUBLICIZE): None, (P, PAY): D,
    (R, APPROVE): None, (R, REJECT): None, (R, PUBLICIZE): None, (R, PAY): None,
    (D, APPROVE): None, (D, REJECT): None, (D, PUBLICIZE): None, (D, PAY): None,
}  # fmt: skip


@pytest.mark.parametrize(("status", "step"), sorted(TABLE))
def test_each_step_leads_where_the_table_says(
    status: ApplicationStatus, step: ApplicationStep
) -> None:
    assert next_status(status, step) == TABLE[(status, step)]


def test_a_clause_is_valid_from_its_first_to_its_last_day() -> None:
    clause = Clause(
        "c", "n", "i", "d", None, date(2021, 1, 1), date(2023, 12, 31), "320100", None,
        (), (), Eligibility(Combine.ALL, ()), Formula(FormulaKind.FIXED, amount=Decimal(1)),
        None, None,
    )  # fmt: skip
    assert [clause.valid_on(d) for d in (date(2020, 12, 31), date(2021, 1, 1))] == [False, True]
    assert [clause.valid_on(d) for d in (date(2023, 12, 31), date(2024, 1, 1))] == [True, False]
    assert application_key("c", "9143", 2025) == "c/9143/2025"
