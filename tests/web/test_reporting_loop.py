"""The reporting loop of issue #13 in real headless Chromium, over the demo database, each
person in their own browser context (their own cookies): a park reporter (填报员 of
浏阳经开区) enters a month and submits it; the district reviewer (浏阳市) returns it with a
comment; the reporter sees the comment, corrects and resubmits; the reviewer approves; the
city's plan office sees the value counted and the target's status change; the reviewer then
reopens it from the form with a reason, and it is a draft again, no longer counted.

The target: 长沙 T11, 浏阳经开区 生物经济产业规模 ≥ 800 亿元 by 2025. Its 2025-12 value is the
simulated one until the test reopens it (a reviewer's step, with a reason): a draft does not
count, so the city first sees T11 without a 2025-12 value; the reporter then enters 790
(below 800: returned), then 812; once approved, T11 is 达标 with 812.00 — by hand: 812 ≥ 800.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bioecon.app import Bioecon
from bioecon.demo import build_demo
from bioecon.domain.data_sets import DataSet
from bioecon.domain.model import ReportingBasis
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.reporting_calendar import DueRule
from bioecon.domain.review import ReviewStep
from bioecon.services import accounts, review
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.data_sets import load_data_set
from bioecon.settings import Settings
from bioecon.web.app import create_app
from bioecon.web.server import serving
from tests.web.conftest import BUILD_DAY
from tests.web.test_browser import ARTIFACTS, CHROMIUM, FLAGS, require_chromium
from tests.web_login import PASSWORD

DECEMBER = Period.month(2025, 12)
LOOP = DataSet(
    code="loop",
    name="浏阳经开区月报（测试）",
    period_type=PeriodType.MONTH,
    indicators=("bio_economy_scale",),
    org_units=("CS-LYJK",),
    due=DueRule(5, 1, None),  # no lock: the test runs long after 2026-01-05
    first_period=DECEMBER,
)
KEY = review.ValueKey("bio_economy_scale", "CS-LYJK", DECEMBER, ReportingBasis.YTD)
FORM = "/reporting/loop/CS-LYJK/2025-12"
PLAN = "/plans/changsha-2025?as_of=2025-12"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    database = tmp_path_factory.mktemp("loop") / "demo.db"
    with Bioecon(Settings(database_url=f"sqlite:///{database}")) as bioecon:
        build_demo(bioecon, today=BUILD_DAY)
        for login in ("lyjk-report", "ly-review", "cs-office"):
            accounts.reset_password(
                bioecon, actor=LOCAL_ADMIN, login=login, password=PASSWORD, origin="tests"
            )
        load_data_set(bioecon, actor=LOCAL_ADMIN, data_set=LOOP)
        review.review_value(
            bioecon, actor=LOCAL_ADMIN, key=KEY, step=ReviewStep.REOPEN, origin="tests",
            note="测试：请园区重新填报12月数",
        )  # fmt: skip
        with serving(create_app(bioecon)) as base:
            yield base


def _person(browser: Any, site: str, login: str) -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{site}/login?next=/reporting", wait_until="networkidle")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{site}/reporting")
    return page


def _t11(page: Any, site: str) -> tuple[str, str]:
    page.goto(site + PLAN, wait_until="networkidle")
    row = page.locator("#row-T11")
    row.scroll_into_view_if_needed()
    return row.locator(".status").inner_text(), row.inner_text()


def test_report_return_correct_approve_and_the_city_counts_it(site: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def shot(page: Any, name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"loop-{name}.png"))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        city = _person(browser, site, "cs-office")
        status, _ = _t11(city, site)
        assert status != "达标"  # the reopened value is a draft: 2025-12 not counted
        reporter = _person(browser, site, "lyjk-report")
        assert reporter.locator("#due-loop-CS-LYJK-2025-12").count() == 1
        shot(reporter, "0-reporting")
        reporter.click(f"a[href='{FORM}']")
        assert (
            "测试：请园区重新填报12月数" in reporter.locator("#note-bio_economy_scale").inner_text()
        )
        reporter.fill("#value-bio_economy_scale", "790亿")
        reporter.click("#submit")
        problem = reporter.locator("#problem-bio_economy_scale").inner_text()
        assert (
            problem
            == "「790亿」不是数值：只填数字，不带单位或“亿”“万” (is not a number; write the value alone, without unit or 亿/万)"
        )
        shot(reporter, "1-refused")
        reporter.fill("#value-bio_economy_scale", "790")
        reporter.click("#submit")
        assert "已报送" in reporter.locator("#saved").inner_text()
        shot(reporter, "2-submitted")

        reviewer = _person(browser, site, "ly-review")
        reviewer.goto(site + "/review", wait_until="networkidle")
        row = reviewer.locator("#pending-bio_economy_scale-CS-LYJK-2025-12")
        assert "790" in row.inner_text()
        shot(reviewer, "3-queue")
        row.locator("input.note").fill("与统计快报不符，请核实")
        row.locator("button.reject").click()
        reviewer.wait_for_url(f"{site}/review?done=reject")
        assert reviewer.locator("#pending-bio_economy_scale-CS-LYJK-2025-12").count() == 0

        reporter.goto(site + FORM, wait_until="networkidle")
        note = reporter.locator("#note-bio_economy_scale").inner_text()
        assert "退回" in note and "ly-review" in note and "与统计快报不符，请核实" in note
        reporter.fill("#value-bio_economy_scale", "812")
        reporter.click("#submit")
        assert "已报送" in reporter.locator("#saved").inner_text()
        shot(reporter, "4-resubmitted")
        status, _ = _t11(city, site)
        assert status != "达标"  # submitted, not yet approved: still not counted

        reviewer.goto(site + "/review", wait_until="networkidle")
        row = reviewer.locator("#pending-bio_economy_scale-CS-LYJK-2025-12")
        assert "812" in row.inner_text()
        row.locator("button.approve").click()
        reviewer.wait_for_url(f"{site}/review?done=approve")

        status, text = _t11(city, site)
        assert status == "达标" and "812.00" in text
        shot(city, "5-city")
        reporter.goto(f"{site}{FORM}?lang=en", wait_until="networkidle")
        assert reporter.locator("#field-bio_economy_scale").inner_text().endswith("\tapproved")
        shot(reporter, "6-english")

        # the reviewer reopens the approved value with a reason: a draft again, not counted
        reviewer.goto(site + FORM, wait_until="networkidle")
        reviewer.fill("#reason-bio_economy_scale", "统计局反馈口径有误，需修正")
        shot(reviewer, "7-reopen")
        reviewer.click("#reopen-button-bio_economy_scale")
        reviewer.wait_for_url(f"{site}{FORM}?done=reopen")
        assert reviewer.locator("#reopen-bio_economy_scale").count() == 0
        status, _ = _t11(city, site)
        assert status != "达标"
        reporter.goto(site + FORM, wait_until="networkidle")
        assert "统计局反馈口径有误" in reporter.locator("#note-bio_economy_scale").inner_text()
        assert reporter.locator("#value-bio_economy_scale").input_value() == "812"
        shot(reporter, "8-reopened")
        browser.close()
