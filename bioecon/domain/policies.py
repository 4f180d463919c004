"""政策条款库与政策兑现 (policy clauses and their payout): a clause with its issuer, document,
article and validity, linked to the plan's ``policy_rule`` targets and to the targets it
serves, with its eligibility and award formula as data (:mod:`bioecon.domain.policy_formulas`);
an application's way from 申报 through 审核 and 公示 to 兑付, and the support ledger.

Pure: the rules of which step may follow which, what a step needs (a reason, an amount) and
the award an application may still receive under the clause's yearly cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from bioecon.domain.policy_formulas import Eligibility, FactField, Formula


@dataclass(frozen=True, slots=True)
class Clause:
    """政策条款. ``rule_targets``: the plan's ``policy_rule`` target keys it carries out;
    ``serves``: the plan's target keys it serves; ``year_cap``: at most this much (万元) to one
    enterprise in one year under the clause; ``group``: clauses of one group are not enjoyed
    twice (同一事项不重复享受) — an enterprise holds one live application per group and year."""

    code: str
    name: str
    issuer: str
    document: str
    article: str | None
    valid_from: date
    valid_to: date | None
    org_unit: str
    plan: str | None
    rule_targets: tuple[str, ...]
    serves: tuple[str, ...]
    eligibility: Eligibility
    formula: Formula
    year_cap: Decimal | None
    group: str | None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def fields(self) -> tuple[FactField, ...]:
        """Every field the clause reads, in the enumeration's order."""
        wanted = self.eligibility.fields() | self.formula.fields()
        return tuple(f for f in FactField if f in wanted)


class ApplicationStatus(StrEnum):
    """Where an application stands (申报 → 审核 → 公示 → 兑付)."""

    SUBMITTED = "submitted"  # 已申报
    APPROVED = "approved"  # 审核通过
    REJECTED = "rejected"  # 不予支持
    PUBLICIZED = "publicized"  # 公示中
    PAID = "paid"  # 已兑付


class ApplicationStep(StrEnum):
    """What the office does to an application."""

    APPROVE = "approve"  # 审核通过 (with the award, changed only with a reason)
    REJECT = "reject"  # 不予支持 (with a reason)
    PUBLICIZE = "publicize"  # 公示
    PAY = "pay"  # 兑付 (with the payment's date and voucher)


_NEXT: dict[ApplicationStep, tuple[frozenset[ApplicationStatus], ApplicationStatus]] = {
    ApplicationStep.APPROVE: (frozenset({ApplicationStatus.SUBMITTED}), ApplicationStatus.APPROVED),
    ApplicationStep.REJECT: (
        frozenset(
            {ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED, ApplicationStatus.PUBLICIZED}
        ),
        ApplicationStatus.REJECTED,
    ),
    ApplicationStep.PUBLICIZE: (
        frozenset({ApplicationStatus.APPROVED}),
        ApplicationStatus.PUBLICIZED,
    ),
    ApplicationStep.PAY: (frozenset({ApplicationStatus.PUBLICIZED}), ApplicationStatus.PAID),
}

LIVE = frozenset(set(ApplicationStatus) - {ApplicationStatus.REJECTED})
"""Statuses that hold a place: they count against caps and duplicates."""
GRANTED = frozenset(
    {ApplicationStatus.APPROVED, ApplicationStatus.PUBLICIZED, ApplicationStatus.PAID}
)
"""Statuses whose award is granted (counted against the yearly cap)."""


def next_status(status: ApplicationStatus, step: ApplicationStep) -> ApplicationStatus | None:
    """The status ``step`` leads to from ``status``, or None when it may not be taken."""
    allowed, reached = _NEXT[step]
    return reached if status in allowed else None


def application_key(clause: str, enterprise: str, year: int) -> str:
    """How users (and the audit trail) name an application: ``条款/信用代码/年度``."""
    return f"{clause}/{enterprise}/{year}"


@dataclass(frozen=True, slots=True)
class Application:
    """政策兑现申请: an enterprise's application under a clause for a year's data.
    ``computed``: what the formula gave (None: a fact was missing); ``award``: the amount
    granted (the computed one unless changed with ``reason``); ``facts``: the data used."""

    clause: str
    enterprise: str
    enterprise_name: str
    year: int
    status: ApplicationStatus
    computed: Decimal | None
    award: Decimal | None
    reason: str | None
    facts: dict[str, object]
    project: str | None = None
    platform: str | None = None
    paid_on: date | None = None
    voucher: str | None = None
    org_unit: str | None = None

    @property
    def key(self) -> str:
        return application_key(self.clause, self.enterprise, self.year)


@dataclass(frozen=True, slots=True)
class Match:
    """免申即享: an enterprise whose data of the year meet a clause, with the award it would
    receive (after what it was already granted under the clause that year) and the data used."""

    enterprise: str
    name: str
    org_unit: str | None
    computed: Decimal | None
    award: Decimal | None
    facts: dict[str, object]
    applied: bool  # it already holds an application under the clause for the year


@dataclass(frozen=True, slots=True)
class SupportLine:
    """One line of a support ledger (扶持台账): an application and its amounts."""

    clause: str
    clause_name: str
    enterprise: str
    enterprise_name: str
    year: int
    status: ApplicationStatus
    award: Decimal | None
    paid: Decimal | None
    paid_on: date | None
    project: str | None
    platform: str | None


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """资金兑现汇总: by clause, org unit and year, what was granted (审核通过 and after) and
    paid (兑付), in 万元, and how many applications."""

    clause: str
    org_unit: str | None
    year: int
    applications: int
    granted: Decimal
    paid: Decimal


@dataclass(frozen=True, slots=True)
class EffectGroup:
    """One group of enterprises of a clause's effect: how many had revenue in both years and
    their summed revenue (万元) in each."""

    enterprises: int
    base: Decimal
    later: Decimal

    @property
    def growth(self) -> Decimal | None:
        """Pooled revenue growth: Σ later ÷ Σ base − 1 (None without a base)."""
        return None if not self.base else self.later / self.base - 1


@dataclass(frozen=True, slots=True)
class Effect:
    """What enterprises granted support under a clause for ``year`` did by ``later``, beside
    comparable ones: those whose data of ``year`` met the same conditions and were not
    granted. An association, not an effect proven: who applies and who is approved is not
    random (self-selection), and the groups differ in ways the data does not hold."""

    clause: str
    year: int
    later: int
    supported: EffectGroup
    comparable: EffectGroup

    @property
    def gap(self) -> Decimal | None:
        """Supported growth minus comparable growth (None when either is unknown)."""
        a, b = self.supported.growth, self.comparable.growth
        return None if a is None or b is None else a - b
