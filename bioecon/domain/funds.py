"""产业投资引导基金 (government guidance funds): a fund's size, committed and paid-in capital and
its 返投 requirement; its investments in enterprises (and their projects) with exits; and its
standing — invested, invested locally (返投), the 返投 ratio against the requirement, exits and
what they returned (the figures a 绩效评价 starts from). Money in 万元. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Fund:
    """引导基金. ``reinvest_required``: the 返投 required, as a multiple of paid-in capital
    (1.5: at least 1.5 × 实缴 invested in enterprises of the fund's region); None: none set."""

    code: str
    name: str
    manager: str  # 基金管理人
    org_unit: str  # the region whose enterprises count as 返投
    established_on: date
    size: Decimal  # 基金规模 (认缴), 万元
    committed: Decimal  # 已认缴, 万元
    paid_in: Decimal  # 已实缴, 万元
    reinvest_required: Decimal | None


@dataclass(frozen=True, slots=True)
class FundInvestment:
    """One investment of a fund in an enterprise (for a project, where named); ``local``: the
    enterprise lay in the fund's region when recorded (counts as 返投)."""

    fund: str
    enterprise: str
    invested_on: date
    amount: Decimal  # 万元
    project: str | None = None
    exited_on: date | None = None
    exit_amount: Decimal | None = None  # 万元 returned by the exit
    local: bool = False


@dataclass(frozen=True, slots=True)
class FundStanding:
    """A fund with its sums (from SQL) and the figures they give."""

    fund: Fund
    investments: int
    invested: Decimal
    local: Decimal
    exits: int
    exited_cost: Decimal  # what the exited investments cost
    returned: Decimal  # what the exits returned

    @property
    def reinvest_ratio(self) -> Decimal | None:
        """返投比例: local investment ÷ paid-in capital (None without paid-in capital)."""
        return None if not self.fund.paid_in else self.local / self.fund.paid_in

    @property
    def reinvest_met(self) -> bool | None:
        """Whether the 返投 requirement is met (None: no requirement, or nothing paid in)."""
        ratio = self.reinvest_ratio
        required = self.fund.reinvest_required
        return None if ratio is None or required is None else ratio >= required

    @property
    def deployed(self) -> Decimal | None:
        """投资进度: invested ÷ paid-in capital."""
        return None if not self.fund.paid_in else self.invested / self.fund.paid_in

    @property
    def exit_multiple(self) -> Decimal | None:
        """What exits returned per yuan they cost (None before any exit)."""
        return None if not self.exited_cost else self.returned / self.exited_cost
