"""The overview in real Chromium at a laptop's 1366×768 and a projector's 1920×1080 (issue
#18): full width without horizontal scrolling, the 预警 list, the charts drawn in the shipped
CJK font, the as-of selector changing statuses by keyboard, and axe-core (from npm) finding no
serious or critical accessibility violation. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.demo import build_demo
from bioecon.settings import Settings
from bioecon.web.app import create_app
from bioecon.web.server import serving
from tests.web.conftest import BUILD_DAY
from tests.web.test_browser import CHROMIUM, FLAGS, require_chromium

ARTIFACTS = Path(__file__).parents[2] / "test-artifacts" / "screenshots" / "cockpit"
AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SIZES = ((1366, 768), (1920, 1080))
AUDITED = (
    "/?as_of=2025-12",
    "/plans/changsha-2025?as_of=2025-12",
    "/indicators/biomedicine_scale?org_unit=430100&plan=changsha-2025&target=T02",
    "/indicators",
    "/compare",
    "/enterprises?org_unit=430100",
    "/plans/changsha-2025/projects?as_of=2025-12",
    "/plans/changsha-2025/tasks?as_of=2025-12",
    "/notices?as_of=2025-12",
    "/policies?as_of=2025-12",
    "/policy-funds?as_of=2025-12",
    "/reports?as_of=2025-12",
    "/platforms?as_of=2025-12",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    database = tmp_path_factory.mktemp("cockpit") / "demo.db"
    with Bioecon(Settings(database_url=f"sqlite:///{database}")) as bioecon:
        build_demo(bioecon, today=BUILD_DAY)
        with serving(create_app(bioecon, simulated=True, public=True)) as base:
            yield base


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_overview_fills_the_screen_and_draws_its_charts(
    site: str, width: int, height: int
) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{site}/?as_of=2025-12&lang=zh", wait_until="networkidle")
        page.wait_for_function("() => document.querySelectorAll('.charts canvas').length > 0")
        boxes = page.locator(".chart-box").count()
        page.wait_for_function(
            "n => document.querySelectorAll('.charts canvas').length === n", arg=boxes
        )
        assert page.locator(".tile").count() == 5  # the five plans
        assert page.locator("#warnings tbody tr").count() > 0
        # full width, no horizontal scroll bar
        main = page.evaluate("() => document.querySelector('main').getBoundingClientRect().width")
        assert main > 0.95 * width
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        # the shipped font is loaded, so the charts' Chinese is not drawn as boxes
        assert page.evaluate("() => document.fonts.check(\"14px 'Noto Sans SC'\", '实际值')")
        page.screenshot(path=str(ARTIFACTS / f"overview-{width}x{height}.png"), full_page=True)
        page.screenshot(path=str(ARTIFACTS / f"overview-{width}x{height}-screen.png"))
        browser.close()


def test_the_as_of_selector_by_keyboard_changes_the_statuses(site: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{site}/?as_of=2025-12&lang=zh", wait_until="networkidle")
        nanjing = page.locator("#tile-nanjing-2023 .statuses")
        assert "未达标" in nanjing.inner_text()  # its plan ended in 2023
        for _ in range(40):  # Tab through the header to the month field
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.id") == "as-of-month":
                break
        assert page.evaluate("() => document.activeElement.id") == "as-of-month"
        page.fill("#as-of-month", "2023-06")
        page.keyboard.press("Tab")  # to 查看
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "as_of=2023-06" in page.url
        assert "未达标" not in page.locator("#tile-nanjing-2023 .statuses").inner_text()
        first_plan = page.locator("#tile-nanjing-2023 h2 a").get_attribute("href") or ""
        assert "as_of=2023-06" in first_plan  # the month is kept on the way to the plan
        page.screenshot(path=str(ARTIFACTS / "overview-as-of-2023-06.png"))
        browser.close()


def test_no_serious_accessibility_violation(site: str) -> None:
    from playwright.sync_api import sync_playwright

    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make install` runs npm ci (axe-core is a dev dependency)")
    script = AXE.read_text(encoding="utf-8")
    found: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        for path in AUDITED:
            page.goto(site + path, wait_until="networkidle")
            page.evaluate(script)  # through the DevTools protocol: the page's CSP allows it
            violations = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
                " target: v.nodes[0].target.join(' ')}))"
            )
            found += [
                f"{path}: {v['id']} ({v['impact']}, {v['nodes']}×, e.g. {v['target']})"
                for v in violations
                if v["impact"] in ("serious", "critical")
            ]
        browser.close()
    assert found == [], "\n".join(found)


def test_a_table_downloads_as_xlsx_and_pages_print_on_a4(site: str) -> None:
    from openpyxl import load_workbook
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        page.goto(f"{site}/?as_of=2025-12&lang=zh", wait_until="networkidle")
        shown = page.locator("#warnings tbody tr").count()
        first = page.locator("#warnings tbody tr").first.locator("td").nth(2).inner_text()
        with page.expect_download() as started:
            page.locator(".downloads a", has_text="XLSX").first.click()
        saved = ARTIFACTS / "warnings.xlsx"
        started.value.save_as(saved)
        sheet = load_workbook(saved).active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == shown + 1 and rows[1][2] == first  # the header, then the page's rows
        # print: no navigation or selector, on A4
        page.emulate_media(media="print")
        assert page.locator("header nav").is_hidden() and page.locator("form.as-of").is_hidden()
        page.pdf(path=str(ARTIFACTS / "overview-a4.pdf"), format="A4")
        assert (ARTIFACTS / "overview-a4.pdf").stat().st_size > 10_000
        browser.close()
