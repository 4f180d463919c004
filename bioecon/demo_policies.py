"""The demo's policy payout (模拟数据): 南京's clause 按照研发投入的15%、最高1000万元
(bioecon/data/policies/nanjing.yaml) with simulated 研发费用 of 2022 for 南京's simulated
enterprises, the 免申即享 matches of that year confirmed into applications on a day inside the
clause's validity, and those taken through 审核 (one award changed with its reason, one
application refused), 公示 and 兑付; and one guidance fund (引导基金) with its investments. Written only through :mod:`bioecon.services`;
deterministic (the draws come from each credit code)."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.catalogs import data_file_path
from bioecon.demo_accounts import DEMO_ORIGIN
from bioecon.demo_ledger import SIMULATED
from bioecon.domain.enterprise_input import EnterpriseFile, EnterpriseRow
from bioecon.domain.funds import Fund, FundInvestment
from bioecon.domain.policies import ApplicationStep
from bioecon.domain.registers import RegisterLoadReport
from bioecon.io.policy_file import read_clause_file
from bioecon.services import policies
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.enterprises import export_enterprises, load_enterprises

CLAUSE = "nj-rd-15"
DATA_YEAR = 2022  # the registry year the awards use (the clause runs 2021–2023)
FILED_ON = date(2023, 3, 15)  # inside the clause's validity
PAID_ON = date(2023, 6, 30)
REGION = "3201"  # 南京's org units
_BLANK = (  # a row's fields left blank: the registry keeps what it has
    "name",
    "org_unit",
    "industry_code",
    "industry_code_edition",
    "business_scope",
    "founded_on",
    "flags",
    "flags_valid_from",
    "flags_valid_to",
    "revenue",
    "output_value",
    "employees",
    "valuation",
    "valuation_unit",
)


def build_demo_policies(app: Bioecon) -> list[str]:
    """Load the clause, simulate 研发费用, confirm the matches and take them through the
    steps; return the build log's lines."""
    with data_file_path("policies/nanjing.yaml") as path:
        loaded = policies.load_clauses(
            app,
            actor=LOCAL_ADMIN,
            origin=DEMO_ORIGIN,
            clauses=read_clause_file(path),
            source="policies/nanjing.yaml",
        )
    load_enterprises(app, actor=LOCAL_ADMIN, origin=DEMO_ORIGIN, parsed=_rd_spending(app))
    matches = policies.match_clause(app, actor=LOCAL_ADMIN, clause=CLAUSE, year=DATA_YEAR)
    fresh = [m.enterprise for m in matches if not m.applied]
    policies.confirm_matches(
        app,
        actor=LOCAL_ADMIN,
        origin=DEMO_ORIGIN,
        clause=CLAUSE,
        year=DATA_YEAR,
        enterprises=fresh,
        today=FILED_ON,
    )
    for n, found in enumerate(m for m in matches if not m.applied):
        _steps(app, found.enterprise, n, found.award)
    funds = _fund(app)
    return [
        f"  {SIMULATED} policy clauses: {loaded.line()}",
        f"  {SIMULATED} {CLAUSE} {DATA_YEAR}: {len(matches)} matched, {len(fresh)} filed",
        f"  {SIMULATED} guidance fund: {funds.line()}",
    ]


FUND = Fund(
    "nj-bio-fund",
    "南京市生物医药产业投资基金（模拟）",
    "模拟基金管理有限公司",
    "320100",
    date(2021, 6, 1),
    Decimal(200000),  # 20亿元
    Decimal(200000),
    Decimal(80000),
    Decimal(1),  # 返投: at least 1 × paid-in capital in 南京 (simulated requirement)
)


def _fund(app: Bioecon) -> RegisterLoadReport:
    """One simulated fund with ten investments: eight in 南京's enterprises, two in 长沙's
    (not 返投), the first two exited — amounts drawn from each credit code."""
    registry = [e.uscc for e, _ in export_enterprises(app, actor=LOCAL_ADMIN)]
    local = [u for u in registry if u.startswith("913201")][:8]
    away = [u for u in registry if u.startswith("914301")][:2]
    investments = []
    for n, uscc in enumerate(local + away):
        draw = random.Random(f"{uscc} fund")
        amount = Decimal(draw.randrange(2000, 12000, 500))
        exited = n < 2
        investments.append(
            FundInvestment(
                FUND.code,
                uscc,
                date(2021 + n % 3, 1 + n, 15),
                amount,
                exited_on=date(2025, 6, 30) if exited else None,
                exit_amount=amount * Decimal("1.8") if exited else None,
            )
        )
    return policies.load_funds(
        app,
        actor=LOCAL_ADMIN,
        origin=DEMO_ORIGIN,
        funds=[FUND],
        investments=investments,
        source=f"{SIMULATED} fund",
    )


def _rd_spending(app: Bioecon) -> EnterpriseFile:
    """研发费用 of :data:`DATA_YEAR` (万元) for every 南京 enterprise with revenue that year:
    2–12 % of it, drawn from its credit code (the largest firms' passes 6667万元, so the
    1000万元 cap binds)."""
    rows: list[EnterpriseRow] = []
    for enterprise, years in export_enterprises(app, actor=LOCAL_ADMIN):
        revenue = next((y.revenue for y in years if y.year == DATA_YEAR), None)
        if not (enterprise.org_unit or "").startswith(REGION) or revenue is None:
            continue
        draw = random.Random(f"{enterprise.uscc} rd {DATA_YEAR}")
        rd = (revenue * Decimal(f"{draw.uniform(0.02, 0.12):.4f}")).quantize(Decimal("0.01"))
        blank = dict.fromkeys(_BLANK)
        rows.append(
            EnterpriseRow(
                row=len(rows) + 2, uscc=enterprise.uscc, year=DATA_YEAR, rd_spend=rd, **blank
            )
        )
    return EnterpriseFile(f"{SIMULATED} 研发费用 {DATA_YEAR}", tuple(rows), (), (), ())


def _steps(app: Bioecon, uscc: str, n: int, computed: Decimal | None) -> None:
    """The n-th filed application's way: every fifth is refused; the rest approved (the
    second with its award cut by a fifth, with the reason), publicized, and two in three
    paid."""

    def step(
        kind: ApplicationStep, award: Decimal | None = None, reason: str | None = None
    ) -> None:
        policies.take_step(
            app,
            actor=LOCAL_ADMIN,
            origin=DEMO_ORIGIN,
            clause=CLAUSE,
            enterprise=uscc,
            year=DATA_YEAR,
            step=kind,
            award=award,
            reason=reason,
            paid_on=PAID_ON if kind is ApplicationStep.PAY else None,
            voucher=f"NJKJ-2023-{n + 1:04d}" if kind is ApplicationStep.PAY else None,
        )

    if n % 5 == 4:
        step(ApplicationStep.REJECT, reason="（模拟）研发费用专项审计未通过")
        return
    if n == 1 and computed:
        cut = (computed * Decimal("0.8")).quantize(Decimal("0.0001"))
        step(ApplicationStep.APPROVE, award=cut, reason="（模拟）审计核减部分研发费用")
    else:
        step(ApplicationStep.APPROVE)
    step(ApplicationStep.PUBLICIZE)
    if n % 3 != 2:
        step(ApplicationStep.PAY)
