"""The 督办 loop in real Chromium: on the demo, 长沙's office raises a 提示单 on a lagging task
(K04: its 2025Q3 deadline passed undone, red), the lead unit's department replies with its
measures, the office closes it (销号); the task's history shows each step with who and when,
and the 督办 list shows it closed. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bioecon.app import Bioecon
from bioecon.demo import build_demo
from bioecon.domain.access import Role, Scope
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.tasks import task_page
from bioecon.settings import Settings
from bioecon.web.app import create_app
from bioecon.web.server import serving
from tests.web.conftest import BUILD_DAY
from tests.web.test_browser import ARTIFACTS, CHROMIUM, FLAGS, require_chromium
from tests.web_login import PASSWORD, add_account

TASK = "changsha-2025-2025-K04"  # demo_tasks.py: Q2's report missing, deadline 2025Q3
PAGE = f"/tasks/{TASK}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    database = tmp_path_factory.mktemp("tasks") / "demo.db"
    with Bioecon(Settings(database_url=f"sqlite:///{database}")) as bioecon:
        build_demo(bioecon, today=BUILD_DAY)
        unit = task_page(bioecon, actor=LOCAL_ADMIN, code=TASK).line.item.lead_units[0]
        add_account(bioecon, "cs-office", Role.PLAN_OFFICE, Scope("430100"))
        add_account(bioecon, "cs-dept", Role.DEPARTMENT, Scope(responsible_unit=unit))
        with serving(create_app(bioecon, simulated=True)) as base:
            yield base


def _logged_in(browser: Any, site: str, login: str) -> Any:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"{site}/login?next={PAGE}", wait_until="networkidle")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(site + PAGE)
    return page


def test_raise_reply_close_and_the_history_in_chromium(site: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        office = _logged_in(browser, site, "cs-office")
        assert office.locator("#task-colour.task-red").count() == 1
        assert "逾期未报" in office.locator("#due-reports").inner_text()
        office.screenshot(path=str(ARTIFACTS / "task-lagging.png"), full_page=True)
        office.fill("#notice-reason", "二季度进展逾期未报，完成时限已过")
        office.click("#raise-notice")
        office.wait_for_selector("#done")
        history = office.locator("#notice-history")
        assert "提示单" in history.inner_text() and "待回复" in history.inner_text()
        assert "下发 · cs-office：二季度进展逾期未报" in history.inner_text()
        office.screenshot(path=str(ARTIFACTS / "task-notice-raised.png"), full_page=True)

        dept = _logged_in(browser, site, "cs-dept")
        assert dept.locator("#raise-form").count() == 0  # only the office raises
        dept.fill(".reply-form textarea", "已补报二季度进展，增派专班按周调度")
        dept.click(".reply-form button")
        dept.wait_for_selector("#done")
        assert "回复 · cs-dept：已补报二季度进展" in dept.locator("#notice-history").inner_text()
        assert dept.locator(".close-form").count() == 0  # only the office closes
        dept.screenshot(path=str(ARTIFACTS / "task-notice-replied.png"), full_page=True)

        office.reload()
        office.fill(".close-form textarea", "措施可行，同意销号")
        office.click(".close-form button")
        office.wait_for_selector("#done")
        section = office.locator("#notice-history section").last
        steps = section.locator("ol.steps li").all_inner_texts()
        assert [s.split(" ", 2)[2].split(" · ")[0] for s in steps] == ["下发", "回复", "销号"]
        assert [s.split(" · ")[1].split("：")[0] for s in steps] == [
            "cs-office",
            "cs-dept",
            "cs-office",
        ]
        assert "已销号" in section.locator(".state").inner_text()
        office.screenshot(path=str(ARTIFACTS / "task-notice-closed.png"), full_page=True)
        office.goto(f"{site}/notices?state=closed", wait_until="networkidle")
        assert TASK in office.locator("#notices").inner_text()
        office.screenshot(path=str(ARTIFACTS / "notices-list.png"), full_page=True)
        office.goto(f"{site}/plans/changsha-2025/tasks", wait_until="networkidle")
        assert office.locator(f"#task-{TASK} .task-red").count() == 1
        office.screenshot(path=str(ARTIFACTS / "tasks-list.png"), full_page=True)
        dept.goto(f"{site}{PAGE}", wait_until="networkidle")
        dept.locator("#task-record a[href^='/units/']").first.click()  # the lead unit's board
        dept.wait_for_selector("#board-due")
        assert TASK in dept.locator("table.tasks").inner_text()
        dept.screenshot(path=str(ARTIFACTS / "unit-board.png"), full_page=True)
        browser.close()
