"""One policy application in real Chromium, through every step: a reporter of an enterprise's
district files it from the clause page (refused first for a year without data), the
district's plan office approves it with a changed award (refused first without a reason),
publicizes it and pays it; the application's history shows each step with who took it and
why. Screenshots go to test-artifacts/.

The clause (a copy of 南京's demo clause, valid to 2030 so today may file): 15 % of 研发费用,
at most 1000 万元. The enterprise is the demo's 模拟企业nan090 (栖霞… 320114), whose simulated
研发费用 of 2022 is 797.6 万元 (demo_policies.py): 0.15 × 797.6 = 119.64 万元."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bioecon.app import Bioecon
from bioecon.demo import build_demo
from bioecon.domain.access import Role, Scope
from bioecon.io.policy_file import read_clause_file
from bioecon.services import policies
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.settings import Settings
from bioecon.web.app import create_app
from bioecon.web.server import serving
from tests.web.conftest import BUILD_DAY
from tests.web.test_browser import ARTIFACTS, CHROMIUM, FLAGS, require_chromium
from tests.web_login import PASSWORD, add_account

FIRM, UNIT = "913201000000009081", "320114"  # 模拟企业nan090
CLAUSE = "nj-rd-15-test"
APPLICATION = f"/policies/{CLAUSE}/applications/{FIRM}/2022"
CLAUSE_FILE = """\
clauses:
  - code: nj-rd-15-test
    name: 攻关项目研发投入补助（测试）
    issuer: 南京市科学技术局
    document: 南京市生物经济发展三年行动计划（2021—2023年）
    article: （六）关键技术攻关工程 第1条
    valid_from: 2021-01-01
    valid_to: 2030-12-31
    org_unit: "320100"
    plan: nanjing-2023
    rule_targets: [T11, T12]
    conditions:
      all:
        - {field: flag, op: has, value: 高新技术企业}
        - {field: rd_spend, op: gt, value: 0}
    formula: {kind: rate, base: rd_spend, rate: 0.15, cap: 1000}
    year_cap: 1000
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    folder = tmp_path_factory.mktemp("policies")
    with Bioecon(Settings(database_url=f"sqlite:///{folder / 'demo.db'}")) as bioecon:
        build_demo(bioecon, today=BUILD_DAY)
        path = Path(folder / "clauses.yaml")
        path.write_text(CLAUSE_FILE, encoding="utf-8")
        policies.load_clauses(
            bioecon,
            actor=LOCAL_ADMIN,
            origin="test",
            clauses=read_clause_file(path),
            source=str(path),
        )
        add_account(bioecon, "policy-reporter", Role.REPORTER, Scope(UNIT))
        add_account(bioecon, "policy-office", Role.PLAN_OFFICE, Scope(UNIT))
        with serving(create_app(bioecon, simulated=True)) as base:
            yield base


def _logged_in(browser: Any, site: str, login: str, path: str) -> Any:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"{site}/login?next={path}", wait_until="networkidle")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(site + path)
    return page


def test_an_application_through_review_publicity_and_payout_in_chromium(site: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = _logged_in(browser, site, "policy-reporter", f"/policies/{CLAUSE}")
        assert "0.15 × 研发费用（万元），最高 1000" in page.locator("#formula").inner_text()
        page.fill("#apply-enterprise", FIRM)
        page.fill("#apply-year", "2025")  # no 研发费用 of 2025: not eligible
        page.click("#apply")
        refusal = page.locator("#problems").inner_text()
        assert "不满足申报条件" in refusal and "所用数据" not in refusal  # a reporter's
        page.screenshot(path=str(ARTIFACTS / "policy-apply-refused.png"), full_page=True)
        page.fill("#apply-year", "2022")
        page.click("#apply")
        page.wait_for_url(site + APPLICATION)
        assert page.locator("#application-status").inner_text() == "已申报"
        assert page.locator("#application-computed").inner_text() == "119.64"
        assert page.locator("#application-facts").inner_text() == "—"  # no financials
        page.screenshot(path=str(ARTIFACTS / "policy-submitted.png"), full_page=True)

        office = _logged_in(browser, site, "policy-office", APPLICATION)
        assert "研发费用（万元）：797.6" in office.locator("#application-facts").inner_text()
        office.fill("#approve-award", "100")
        office.click("#approve")  # a changed award without a reason
        assert "须说明理由" in office.locator("#problems").inner_text()
        office.fill("#approve-award", "100")
        office.fill("#approve-reason", "部分研发费用不予认定")
        office.click("#approve")
        office.wait_for_selector("#publicize")
        assert office.locator("#application-award").inner_text() == "100"
        office.screenshot(path=str(ARTIFACTS / "policy-approved.png"), full_page=True)
        office.click("#publicize")
        office.wait_for_selector("#pay")
        office.fill("#pay-voucher", "NJKJ-TEST-1")
        office.click("#pay")
        office.wait_for_selector("#saved")
        assert office.locator("#application-status").inner_text() == "已兑付"
        history = office.locator("#application-history li").all_inner_texts()
        assert [h.split(" ", 2)[2] for h in history] == [
            "申报 记录人：policy-reporter",
            "审核通过 记录人：policy-office · 理由：部分研发费用不予认定",
            "公示 记录人：policy-office",
            "兑付 记录人：policy-office",
        ]
        office.screenshot(path=str(ARTIFACTS / "policy-paid.png"), full_page=True)
        office.goto(f"{site}/policy-ledger?enterprise={FIRM}", wait_until="networkidle")
        row = office.locator("#support-ledger tbody tr", has_text="（测试）").inner_text()
        assert "已兑付" in row and "100" in row
        office.screenshot(path=str(ARTIFACTS / "policy-ledger.png"), full_page=True)
        browser.close()
