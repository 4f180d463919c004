"""The key-project pages in real Chromium: a reporter of a project's unit logs in, opens its
plan's project list (colours, filters), the project's page (the chart drawn by
static/project-chart.js, the stage timeline) and enters a month's progress through the form —
refused first with the problem shown, then saved; the department of the project's
responsible unit enters a month with a site photo, shown in the page's history. Screenshots
go to test-artifacts/."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bioecon.app import Bioecon
from bioecon.demo import build_demo
from bioecon.demo_accounts import DEPARTMENT
from bioecon.domain.access import Role, Scope
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.orgunits import responsible_unit_named
from bioecon.services.projects import project_page
from bioecon.settings import Settings
from bioecon.web.app import create_app
from bioecon.web.server import serving
from tests.web.conftest import BUILD_DAY
from tests.web.test_browser import ARTIFACTS, CHROMIUM, FLAGS, require_chromium
from tests.web_login import PASSWORD, add_account

PROJECT = "changsha-2025-P03"  # demo_projects.py: far behind its plan (red)
LIST = "/plans/changsha-2025/projects?period=2025-12"
DEPARTMENT_PROJECT = "changsha-2025-P06"  # demo_projects.py: answered for by 市发展改革委


def tiny_png(width: int = 24, height: int = 16) -> bytes:
    """A real PNG (a blue rectangle) the browser draws: signature, IHDR, IDAT, IEND."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x30\x60\xc0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    database = tmp_path_factory.mktemp("projects") / "demo.db"
    with Bioecon(Settings(database_url=f"sqlite:///{database}")) as bioecon:
        build_demo(bioecon, today=BUILD_DAY)
        record = project_page(bioecon, actor=LOCAL_ADMIN, code=PROJECT).record
        add_account(bioecon, "project-reporter", Role.REPORTER, Scope(record.org_unit))
        unit = responsible_unit_named(bioecon, actor=LOCAL_ADMIN, name=DEPARTMENT)
        add_account(bioecon, "project-dept", Role.DEPARTMENT, Scope(responsible_unit=unit))
        with serving(create_app(bioecon, simulated=True)) as base:
            yield base


def _logged_in(browser: Any, site: str, login: str = "project-reporter", to: str = LIST) -> Any:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"{site}/login?next={to}", wait_until="networkidle")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(site + to)
    return page


def test_list_project_page_and_a_progress_entry_in_chromium(site: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = _logged_in(browser, site)
        row = page.locator("#project-list tr", has_text=PROJECT)
        assert row.locator(".light-red").count() == 1  # the reporter sees its unit's projects
        # 2025's selection (demo_registers.py) of the reporter's unit, ranked by 总分 from 1
        ranks = page.locator("#selection-list tbody tr td:first-child").all_inner_texts()
        assert ranks[0] == "1" and ranks == sorted(ranks, key=int)
        assert page.locator("#selection-list tbody tr.chosen").count() >= 1
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


def test_the_responsible_units_department_enters_a_month_with_a_photo_in_chromium(
    site: str, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    photo = tmp_path / "现场.png"
    photo.write_bytes(tiny_png())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = _logged_in(browser, site, "project-dept", f"/projects/{DEPARTMENT_PROJECT}")
        page.fill("#progress-period", "2026-01")
        page.fill("#progress-completed", "880")
        page.fill("#progress-image", "设备进场安装")
        page.set_input_files("#progress-photos", str(photo))
        page.click("#save-progress")
        assert "2026-01" in page.locator("#saved").inner_text()
        first = page.locator("#progress-entries tbody tr").first
        text = first.inner_text()
        assert "2026-01" in text and "880" in text and "设备进场安装" in text
        assert "project-dept" in text  # who entered it, in the page's history
        image = first.locator("td.photos img")
        image.wait_for()
        assert image.get_attribute("alt") == "现场.png"
        assert page.evaluate("i => i.naturalWidth", image.element_handle()) == 24  # drawn
        page.screenshot(path=str(ARTIFACTS / "project-progress-department.png"), full_page=True)
        browser.close()
