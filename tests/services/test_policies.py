"""Policy clauses and their payout (政策条款库与政策兑现), on both backends: the clause file
loaded all or nothing, 免申即享 matching, an application through 审核 → 公示 → 兑付 with each
step in the history, duplicates across a clause group and the yearly cap refused, the support
ledger and the budget — every figure worked by hand below.

The registry (万元; 高新技术企业 held since 2020-01-01 where marked):
    A 岳麓 430104  高新技术企业  研发费用 2025: 8000   营业收入 300000   hosts PL-YL (省级)
    B 雨花 430111  高新技术企业  研发费用 2025: 2000   营业收入 400000
    C 岳麓 430104  —             研发费用 2025: 5000   营业收入 100000
    D 岳麓 430104  高新技术企业  (no 研发费用)         营业收入  50000

cs-rd (all: 高新技术企业, 研发费用 > 0; 15 % of 研发费用, at most 1000; 1000 a year; group rd):
    A: 0.15 × 8000 = 1200 → 1000 (cap);  B: 0.15 × 2000 = 300;  C: no flag;  D: no 研发费用.
    Matches: A 1000, B 300. After A is granted 900 (a reason given): A's match shows 100 left.
cs-rd-fixed (group rd, fixed 50): A holding a live cs-rd application is refused (不重复享受).
cs-any (any: 营业收入 ≥ 350000, 高新技术企业 ... of none: C is neither): fixed 20;
    matches A (flag), B (both), D (flag) — not C (营业收入 100000, no flag).
cs-platform (table by platform level: national 500, provincial 200): A with PL-YL → 200.
Budget after A (cs-rd 900 paid) and B (cs-rd 300 approved, not paid), cs-platform A 200
submitted: cs-rd 430104 2025: 1 application, granted 900, paid 900; cs-rd 430111 2025: 1, 300,
0; cs-platform 430104 2025: 1, 0, 0.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from stdnum.cn.uscc import calc_check_digit

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditAction
from bioecon.domain.policies import Application, ApplicationStatus, ApplicationStep, BudgetLine
from bioecon.domain.registers import RegisterLoadReport
from bioecon.errors import Conflict, Forbidden, InvalidInput, NotFound
from bioecon.io.enterprises import read_enterprise_file
from bioecon.io.planfile import read_plan_file
from bioecon.io.policy_file import read_clause_file, read_fund_file
from bioecon.io.registers import PLATFORMS, read_register_file
from bioecon.services import enterprises, plans
from bioecon.services import policies as service
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.platforms import load_platforms

HERE = "cli:test"
YUELU, YUHUA = "430104", "430111"
A, B, C, D = (
    body + calc_check_digit(body)
    for body in ("91430104MA4L00001", "91430111MA4L00002", "91430104MA4L00003", "91430104MA4L00004")
)
DAY = date(2026, 3, 1)
REGISTRY = f"""\
统一社会信用代码,企业名称,区域,行业代码,经营范围,成立日期,资质标识,资质起始日期,年度,营业收入,研发费用
{A},甲生物,430104,2761,生物药品生产,2012-05-01,高新技术企业,2020-01-01,2025,300000,8000
{B},乙生物,430111,2761,生物药品生产,2012-05-01,高新技术企业,2020-01-01,2025,400000,2000
{C},丙生物,430104,2761,生物药品生产,2012-05-01,,,2025,100000,5000
{D},丁生物,430104,2761,生物药品生产,2012-05-01,高新技术企业,2020-01-01,2025,50000,
"""
PLATFORMS_FILE = f"""\
平台代码,平台名称,类型,级别,依托单位统一社会信用代码,所在区域,认定日期,认定文件,状态,撤销日期,备注
PL-YL,岳麓实验室,重点实验室,省级,{A},430104,2022-03-01,,有效,,
"""
CLAUSES = """\
clauses:
  - code: cs-rd
    name: 研发投入补助
    issuer: 长沙市科学技术局
    document: 长沙市生物经济行动方案
    article: 第五条
    valid_from: 2025-01-01
    valid_to: 2027-12-31
    org_unit: "430100"
    plan: changsha-2025
    serves: [T01]
    conditions:
      all:
        - {field: flag, op: has, value: 高新技术企业}
        - {field: rd_spend, op: gt, value: 0}
    formula: {kind: rate, base: rd_spend, rate: 0.15, cap: 1000}
    year_cap: 1000
    group: rd
  - code: cs-rd-fixed
    name: 研发定额奖励
    issuer: 长沙市工业和信息化局
    document: 长沙市生物经济行动方案
    valid_from: 2025-01-01
    org_unit: "430100"
    formula: {kind: fixed, amount: 50}
    group: rd
  - code: cs-any
    name: 规模或资质奖励
    issuer: 长沙市工业和信息化局
    document: 长沙市生物经济行动方案
    valid_from: 2025-01-01
    org_unit: "430100"
    conditions:
      any:
        - {field: revenue, op: ge, value: 350000}
        - {field: flag, op: has, value: 高新技术企业}
    formula: {kind: fixed, amount: 20}
  - code: cs-platform
    name: 平台建设奖励
    issuer: 长沙市科学技术局
    document: 长沙市创新平台奖励办法
    valid_from: 2025-01-01
    org_unit: "430100"
    formula: {kind: table, key: platform_level, table: {national: 500, provincial: 200}}
"""
REVIEWER = Principal("yuelu-reviewer", Role.REVIEWER, Scope(YUELU))
REPORTER = Principal("yuelu-reporter", Role.REPORTER, Scope(YUELU))
YUHUA_REPORTER = Principal("yuhua-reporter", Role.REPORTER, Scope(YUHUA))
VIEWER = Principal("yuelu-viewer", Role.VIEWER, Scope(YUELU))


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def office(app: Bioecon, changsha_plan_file: Path, tmp_path: Path) -> Bioecon:
    parsed = read_plan_file(changsha_plan_file)
    plans.load_plan(app, actor=LOCAL_ADMIN, origin=HERE, bundle=parsed.bundle, source=parsed.source)
    registry = read_enterprise_file(_write(tmp_path, "firms.csv", REGISTRY))
    enterprises.load_enterprises(app, actor=LOCAL_ADMIN, origin=HERE, parsed=registry)
    platforms = read_register_file(_write(tmp_path, "platforms.csv", PLATFORMS_FILE), PLATFORMS)
    load_platforms(app, actor=LOCAL_ADMIN, origin=HERE, parsed=platforms)
    clauses = read_clause_file(_write(tmp_path, "clauses.yaml", CLAUSES))
    service.load_clauses(app, actor=LOCAL_ADMIN, origin=HERE, clauses=clauses, source="clauses")
    return app


def _apply(app: Bioecon, clause: str, firm: str, **more: object) -> Application:
    actor = more.pop("actor", LOCAL_ADMIN)
    assert isinstance(actor, Principal)
    platform = more.get("platform")
    return service.apply_for(
        app,
        actor=actor,
        origin=HERE,
        clause=clause,
        enterprise=firm,
        year=2025,
        today=DAY,
        platform=str(platform) if platform else None,
    )


def _step(app: Bioecon, clause: str, firm: str, step: ApplicationStep, **more: object) -> None:
    actor = more.pop("actor", LOCAL_ADMIN)
    assert isinstance(actor, Principal)
    award = more.get("award")
    service.take_step(
        app,
        actor=actor,
        origin=HERE,
        clause=clause,
        enterprise=firm,
        year=2025,
        step=step,
        award=award if isinstance(award, Decimal) else None,
        reason=str(more["reason"]) if "reason" in more else None,
        paid_on=date(2026, 6, 30) if step is ApplicationStep.PAY else None,
        voucher="CSKJ-0001" if step is ApplicationStep.PAY else None,
    )


def test_the_register_loads_once_and_reads_back(office: Bioecon, tmp_path: Path) -> None:
    clauses = service.list_clauses(office, actor=LOCAL_ADMIN)
    assert [c.code for c in clauses] == ["cs-any", "cs-platform", "cs-rd", "cs-rd-fixed"]
    rd = next(c for c in clauses if c.code == "cs-rd")
    assert (rd.serves, rd.year_cap, rd.group, rd.valid_to) == (
        ("T01",),
        Decimal(1000),
        "rd",
        date(2027, 12, 31),
    )
    again = read_clause_file(_write(tmp_path, "again.yaml", CLAUSES))
    report = service.load_clauses(
        office, actor=LOCAL_ADMIN, origin=HERE, clauses=again, source="again"
    )
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)


def test_a_rule_target_must_be_a_policy_rule_of_the_plan(office: Bioecon, tmp_path: Path) -> None:
    text = CLAUSES.replace("    serves: [T01]\n", "    rule_targets: [T01, T99]\n", 1)
    clauses = read_clause_file(_write(tmp_path, "bad.yaml", text))
    with pytest.raises(InvalidInput) as refused:
        service.load_clauses(office, actor=LOCAL_ADMIN, origin=HERE, clauses=clauses, source="x")
    messages = [p.message for p in refused.value.problems]
    assert messages == [
        "规划 changsha-2025 中没有目标「T99」",
        "rule_targets：目标「T01」不是政策条款（policy_rule）",
    ]


def test_a_bad_file_is_refused_whole_naming_line_and_field(tmp_path: Path) -> None:
    text = (
        CLAUSES.replace("rate: 0.15", "rate: 15", 1)  # line 16: a percentage, not a share
        .replace("op: gt", "op: above", 1)  # line 15
        .replace("valid_from: 2025-01-01\n    org_unit: \"430100\"\n    formula: {kind: fixed",
                 "valid_from: 2025-02-30\n    org_unit: \"430100\"\n    formula: {kind: fixed", 1)
    )  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        read_clause_file(_write(tmp_path, "bad.yaml", text))
    assert [str(p) for p in refused.value.problems] == [
        "第15行 clauses[0].conditions.all[1].op: 「above」不是可用的值（可用：ge、gt、le、lt、eq、has、prefix）",
        "第16行 clauses[0].formula.rate: 比例 15 大于1：写作小数（15% 写 0.15）",
        "第23行 clauses[1].valid_from: 「2025-02-30」不是有效日期（写作 2024-01-01）",
    ]


def test_free_matching_lists_the_eligible_with_the_award_and_the_data(office: Bioecon) -> None:
    found = service.match_clause(office, actor=LOCAL_ADMIN, clause="cs-rd", year=2025)
    assert [(m.enterprise, m.computed, m.award, m.applied) for m in found] == [
        (A, Decimal(1000), Decimal(1000), False),
        (B, Decimal(300), Decimal(300), False),
    ]
    assert found[0].facts == {"rd_spend": "8000", "flag": ["高新技术企业"]}
    anyone = service.match_clause(office, actor=LOCAL_ADMIN, clause="cs-any", year=2025)
    assert [m.enterprise for m in anyone] == sorted([A, B, D])
    # a 岳麓 reviewer reads no financial figures: matching reads them, so it is refused
    with pytest.raises(Forbidden):
        service.match_clause(office, actor=REVIEWER, clause="cs-rd", year=2025)


def test_an_application_through_review_publicity_and_payout(office: Bioecon) -> None:
    filed = _apply(office, "cs-rd", A, actor=REPORTER)
    assert (filed.status, filed.computed, filed.award) == (
        ApplicationStatus.SUBMITTED,
        Decimal(1000),
        Decimal(1000),
    )
    with pytest.raises(Forbidden):  # a reporter files, it does not review
        _step(office, "cs-rd", A, ApplicationStep.APPROVE, actor=REPORTER)
    with pytest.raises(Conflict):  # 公示 before 审核
        _step(office, "cs-rd", A, ApplicationStep.PUBLICIZE)
    with pytest.raises(InvalidInput) as refused:  # above the yearly cap of 1000
        _step(office, "cs-rd", A, ApplicationStep.APPROVE, award=Decimal(1200), reason="x")
    assert "超过每户每年上限 1000 万元" in refused.value.problems[0].message
    with pytest.raises(InvalidInput) as refused:  # changed without a reason
        _step(office, "cs-rd", A, ApplicationStep.APPROVE, award=Decimal(900))
    assert [p.location for p in refused.value.problems] == ["reason"]
    _step(
        office, "cs-rd", A, ApplicationStep.APPROVE, actor=REVIEWER, award=Decimal(900),
        reason="审计核减研发费用",
    )  # fmt: skip
    _step(office, "cs-rd", A, ApplicationStep.PUBLICIZE)
    _step(office, "cs-rd", A, ApplicationStep.PAY)
    page = service.application_page(
        office, actor=LOCAL_ADMIN, clause="cs-rd", enterprise=A, year=2025
    )
    assert (page.application.status, page.application.award) == (
        ApplicationStatus.PAID,
        Decimal(900),
    )
    steps = [(e.action, e.actor, e.reason) for e in page.history]
    assert steps == [
        (AuditAction.SUBMIT, "yuelu-reporter", None),
        (AuditAction.APPROVE, "yuelu-reviewer", "审计核减研发费用"),
        (AuditAction.PUBLICIZE, LOCAL_ADMIN.login, None),
        (AuditAction.PAY, LOCAL_ADMIN.login, None),
    ]
    assert page.history[1].new_value == {
        "status": "approved",
        "award": "900",
        "reason": "审计核减研发费用",
    }
    assert page.history[3].new_value == {
        "status": "paid",
        "paid_on": "2026-06-30",
        "voucher": "CSKJ-0001",
    }
    with pytest.raises(Conflict):  # nothing follows payment
        _step(office, "cs-rd", A, ApplicationStep.REJECT, reason="x")


def test_duplicates_and_the_yearly_cap_are_enforced(office: Bioecon) -> None:
    _apply(office, "cs-rd", A)
    with pytest.raises(Conflict, match="不可重复申报"):
        _apply(office, "cs-rd", A)
    with pytest.raises(Conflict, match="同一事项不重复享受"):
        _apply(office, "cs-rd-fixed", A)
    _step(office, "cs-rd", A, ApplicationStep.APPROVE, award=Decimal(900), reason="核减")
    found = service.match_clause(office, actor=LOCAL_ADMIN, clause="cs-rd", year=2025)
    assert [(m.enterprise, m.award, m.applied) for m in found] == [
        (A, Decimal(100), True),  # 1000 − 900 left this year
        (B, Decimal(300), False),
    ]
    with pytest.raises(InvalidInput, match="problem"):  # not eligible: C holds no flag
        _apply(office, "cs-rd", C)
    with pytest.raises(InvalidInput):  # refused: a reason is required
        _step(office, "cs-rd", A, ApplicationStep.REJECT)
    _step(office, "cs-rd", A, ApplicationStep.REJECT, reason="材料不实")
    _apply(office, "cs-rd-fixed", A)  # the group's place is free again once refused


def test_scope_decides_who_files_and_who_sees_the_data(office: Bioecon) -> None:
    with pytest.raises(NotFound):  # 雨花 reads nothing of 岳麓's enterprises
        _apply(office, "cs-rd", A, actor=YUHUA_REPORTER)
    with pytest.raises(Forbidden):  # a viewer files nothing
        _apply(office, "cs-rd", A, actor=VIEWER)
    _apply(office, "cs-rd", A, actor=REPORTER)
    shown = service.application_page(office, actor=VIEWER, clause="cs-rd", enterprise=A, year=2025)
    assert shown.application.facts == {}  # no financial fields for a viewer
    assert all("facts" not in (e.new_value or {}) for e in shown.history)
    with pytest.raises(NotFound):
        service.application_page(
            office, actor=YUHUA_REPORTER, clause="cs-rd", enterprise=A, year=2025
        )


def test_the_support_ledger_and_the_budget(office: Bioecon) -> None:
    _apply(office, "cs-rd", A)
    _step(office, "cs-rd", A, ApplicationStep.APPROVE, award=Decimal(900), reason="核减")
    _step(office, "cs-rd", A, ApplicationStep.PUBLICIZE)
    _step(office, "cs-rd", A, ApplicationStep.PAY)
    _apply(office, "cs-rd", B)
    _step(office, "cs-rd", B, ApplicationStep.APPROVE)
    platform = _apply(office, "cs-platform", A, platform="PL-YL")
    assert platform.award == Decimal(200)  # 省级 → 200
    assert service.budget_summary(office, actor=LOCAL_ADMIN) == [
        BudgetLine("cs-platform", YUELU, 2025, 1, Decimal(0), Decimal(0)),
        BudgetLine("cs-rd", YUELU, 2025, 1, Decimal(900), Decimal(900)),
        BudgetLine("cs-rd", YUHUA, 2025, 1, Decimal(300), Decimal(0)),
    ]
    lines = service.support_ledger(office, actor=LOCAL_ADMIN, enterprise=A)
    assert [(s.clause, s.status, s.award, s.paid, s.platform) for s in lines] == [
        ("cs-platform", ApplicationStatus.SUBMITTED, None, None, "PL-YL"),
        ("cs-rd", ApplicationStatus.PAID, Decimal(900), Decimal(900), None),
    ]
    by_platform = service.support_ledger(office, actor=LOCAL_ADMIN, platform="PL-YL")
    assert [s.clause for s in by_platform] == ["cs-platform"]
    # a 岳麓 user's budget holds only 岳麓's enterprises
    assert [b.org_unit for b in service.budget_summary(office, actor=VIEWER)] == [YUELU, YUELU]


FUNDS = f"""\
funds:
  - code: yl-fund
    name: 岳麓生物基金
    manager: 岳麓基金管理公司
    org_unit: "430104"
    established_on: 2023-01-01
    size: 10000
    committed: 8000
    paid_in: 5000
    reinvest_required: 0.6
    investments:
      - {{enterprise: {A}, invested_on: 2023-03-01, amount: 3000, exited_on: 2025-06-30, exit_amount: 4500}}
      - {{enterprise: {B}, invested_on: 2023-05-01, amount: 2000}}
      - {{enterprise: {C}, invested_on: 2024-01-10, amount: 1000}}
"""


def test_a_fund_its_reinvestment_and_exits(office: Bioecon, tmp_path: Path) -> None:
    """Invested 3000 + 2000 + 1000 = 6000; 返投 (A and C lie in 岳麓, B in 雨花) 3000 + 1000 =
    4000; 4000 / 5000 paid in = 0.8 ≥ 0.6 required: met; 6000 / 5000 = 1.2 deployed; one exit
    of cost 3000 returning 4500: 1.5."""
    funds, investments = read_fund_file(_write(tmp_path, "funds.yaml", FUNDS))

    def load() -> RegisterLoadReport:
        return service.load_funds(
            office, actor=LOCAL_ADMIN, origin=HERE, funds=funds, investments=investments, source="f"
        )

    assert load().created == 1
    (standing,) = service.fund_standings(office, actor=LOCAL_ADMIN)
    assert (standing.investments, standing.invested, standing.local) == (
        3,
        Decimal(6000),
        Decimal(4000),
    )
    assert (standing.reinvest_ratio, standing.reinvest_met) == (Decimal("0.8"), True)
    assert (standing.deployed, standing.exits, standing.exit_multiple) == (
        Decimal("1.2"),
        1,
        Decimal("1.5"),
    )
    assert service.fund_standings(office, actor=YUHUA_REPORTER) == []  # 岳麓's fund
    assert [s.fund.code for s in service.fund_standings(office, actor=VIEWER)] == ["yl-fund"]
    assert load().unchanged == 1


LATER = f"""\
统一社会信用代码,企业名称,区域,行业代码,经营范围,成立日期,资质标识,资质起始日期,年度,营业收入,研发费用
{A},甲生物,430104,2761,生物药品生产,2012-05-01,,,2026,330000,
{B},乙生物,430111,2761,生物药品生产,2012-05-01,,,2026,420000,
{C},丙生物,430104,2761,生物药品生产,2012-05-01,,,2026,90000,
"""


def test_supported_enterprises_beside_comparable_ones(office: Bioecon, tmp_path: Path) -> None:
    """A granted under cs-rd for 2025: 300000 → 330000, growth 10 %. Comparable (met cs-rd's
    conditions in 2025, not granted): B, 400000 → 420000, 5 %. C never met them (no flag), D
    has no 2026 revenue: in neither group. Gap: 10 − 5 = 5 points."""
    later = read_enterprise_file(_write(tmp_path, "later.csv", LATER))
    enterprises.load_enterprises(office, actor=LOCAL_ADMIN, origin=HERE, parsed=later)
    _apply(office, "cs-rd", A)
    _step(office, "cs-rd", A, ApplicationStep.APPROVE)
    found = service.support_effect(office, actor=LOCAL_ADMIN, clause="cs-rd", year=2025, later=2026)
    assert (found.supported.enterprises, found.supported.growth) == (1, Decimal("0.1"))
    assert (found.comparable.enterprises, found.comparable.growth) == (1, Decimal("0.05"))
    assert found.gap == Decimal("0.05")
    with pytest.raises(Forbidden):  # revenue is a financial field
        service.support_effect(office, actor=REVIEWER, clause="cs-rd", year=2025, later=2026)
