"""The key-project pages in real Chromium: a reporter of a project's unit logs in, opens its
plan's project list (colours, filters), the project's page (the chart drawn by
static/project-chart.js, the stage timeline) and enters a month's progress through the form —
refused first with the problem shown, then saved. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bioecon.app import Bioecon
from bioecon.demo import build_demo
from bioecon.domain.access import Role, Scope
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.projects import project_page
from bioecon.settings import Settings
from bioecon.web.app import create_app
from bioecon.web.server import serving
from tests.web.conftest import BUILD_DAY
from tests.web.test_browser import ARTIFACTS, CHROMIUM, FLAGS, require_chromium
from tests.web_login import PASSWORD, add_account

PROJECT = "changsha-2025-P03"  # demo_projects.py: far behind its plan (red)
LIST = "/plans/changsha-2025/projects?period=2025-12"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    database = tmp_path_factory.mktemp("projects") / "demo.db"
    with Bioecon(Settings(database_url=f"sqlite:///{database}")) as bioecon:
        build_demo(bioecon, today=BUILD_DAY)
        unit = project_page(bioecon, actor=LOCAL_ADMIN, code=PROJECT).record.org_unit
        add_account(bioecon, "project-reporter", Role.REPORTER, Scope(unit))
        with serving(create_app(bioecon, simulated=True)) as base:
            yield base


def _logged_in(browser: Any, site: str) -> Any:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"{site}/login?next={LIST}", wait_until="networkidle")
    page.fill("#login", "project-reporter")
    page.fill("#password", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(site + LIST)
    return page


def test_list_project_page_and_a_progress_entry_in_chromium(site: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = _logged_in(browser, site)
        row = page.locator("#project-list tr", has_text=PROJECT)
        assert row.locator(".light-red").count() == 1  # the reporter sees its unit's projects
        page.screenshot(path=str(ARTIFACTS / "projects-list.png"), full_page=True)
        row.locator("a").click()
        page.wait_for_url(f"{site}/projects/{PROJECT}")
        page.wait_for_selector("#chart canvas")  # drawn by static/project-chart.js
        assert "模拟开工令" in page.locator("#stage-history").inner_text()
        page.screenshot(path=str(ARTIFACTS / "project-page.png"), full_page=True)
        page.fill("#progress-period", "2026-01")
        page.fill("#progress-completed", "12亿")
        page.click("#save-progress")
        assert "本年累计完成投资（万元）" in page.locator("#problems").inner_text()
        page.screenshot(path=str(ARTIFACTS / "project-progress-refused.png"), full_page=True)
        page.fill("#progress-completed", "1234")
        page.fill("#progress-image", "主体结构施工")
        page.click("#save-progress")
        assert "2026-01" in page.locator("#saved").inner_text()
        first = page.locator("#progress-entries tbody tr").first.inner_text()
        assert "2026-01" in first and "1234" in first and "主体结构施工" in first
        page.screenshot(path=str(ARTIFACTS / "project-progress-saved.png"), full_page=True)
        browser.close()
