"""The assessment page in real Chromium at 1366×768: the city world of
tests/services/test_assessment_service.py (every figure worked by hand there) with its scheme
loaded, a city plan office reads a 预考核 as of 2026-10 with every score's arithmetic,
downloads the results as XLSX, publishes them, and sees the published version unchanged by
a later change of the scheme's scores (which a fresh 预考核 takes).
Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bioecon.app import Bioecon
from bioecon.domain.access import Role, Scope
from bioecon.io.assessment_scheme import read_scheme_file
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.assessment import load_scheme
from bioecon.services.database import upgrade_database
from bioecon.services.plans import load_plan
from bioecon.settings import Settings
from bioecon.web.app import create_app
from bioecon.web.server import serving
from tests.reports.conftest import DATA, PLAN
from tests.services.conftest import load_csv
from tests.services.test_assessment_service import SCHEME
from tests.web.test_browser import ARTIFACTS, CHROMIUM, FLAGS, require_chromium
from tests.web_login import PASSWORD, add_account

PAGE = "/assessment/city-2026"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Bioecon, Path]]:
    require_chromium()
    folder = tmp_path_factory.mktemp("assessment")
    with Bioecon(Settings(database_url=f"sqlite:///{folder / 'city.db'}")) as app:
        upgrade_database(app)
        (folder / "city.yaml").write_text(PLAN, encoding="utf-8")
        parsed = read_plan_file(folder / "city.yaml")
        load_plan(app, actor=LOCAL_ADMIN, origin="t", bundle=parsed.bundle, source="city")
        load_csv(app, folder, DATA)
        (folder / "scheme.yaml").write_text(SCHEME, encoding="utf-8")
        scheme = read_scheme_file(folder / "scheme.yaml")
        load_scheme(app, actor=LOCAL_ADMIN, origin="t", scheme=scheme, source="scheme.yaml")
        add_account(app, "city-office", Role.PLAN_OFFICE, Scope("C"))
        with serving(create_app(app)) as base:
            yield base, app, folder


def test_the_assessment_page_shows_the_arithmetic_and_downloads(
    site: tuple[str, Bioecon, Path],
) -> None:
    from playwright.sync_api import sync_playwright

    base, app, folder = site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(
            viewport={"width": 1366, "height": 768}, accept_downloads=True
        )
        page = context.new_page()
        page.goto(f"{base}/login?next=/assessment", wait_until="networkidle")
        page.fill("#login", "city-office")
        page.fill("#password", PASSWORD)
        page.click("form.login button[type=submit]")
        page.wait_for_url(base + "/assessment")
        page.click(f"a[href='{PAGE}']")
        page.wait_for_url(base + PAGE)
        page.select_option("#assessment-month select", "2026-10")
        page.click("#assessment-month button")
        page.wait_for_url(base + PAGE + "?as_of=2026-10")
        assert "预考核" in page.locator("#assessment-status").inner_text()
        # D1 44 + 19 + 32.4 − 1 = 94.4 优秀 first; D2 24 + 20 + 0 + 2 = 46 一般 second
        rows = page.locator("#assessment-results tbody tr").all_inner_texts()
        assert [r.split("\t") for r in rows] == [
            ["1", "一区", "44.00", "19.00", "32.40", "0", "1", "94.40", "优秀"],
            ["2", "二区", "24.00", "20.00", "0", "2", "0", "46.00", "一般"],
        ]
        working = page.locator("#assessment-working").inner_text()
        assert "一区 营业收入：110 / 100 = 110% × 40 = 44" in working
        assert "一区 营业收入增速：10，第2名：20 × (1 − 5% × (2 − 1)) = 19" in working
        assert "二区 工作评价：无数据，计0分" in working
        items = page.locator("#assessment-items").inner_text()
        assert "按比例计分" in items and "市领导 0.4；部门 0.6" in items
        page.screenshot(path=str(ARTIFACTS / "assessment-trial.png"), full_page=True)

        with page.expect_download() as started:
            page.click("#results-xlsx")
        saved = ARTIFACTS / "assessment-results.xlsx"
        started.value.save_as(saved)
        sheet = load_workbook(saved).active
        assert sheet is not None
        found = list(sheet.iter_rows(values_only=True))
        assert found[0][:3] == ("名次", "单位", "营业收入（40）")
        assert [row[1] for row in found[1:]] == ["一区", "二区"]
        assert Decimal(str(found[1][7])) == Decimal("94.4")

        page.click("#assessment-publish button")  # the city's plan office publishes October
        page.wait_for_url(base + PAGE + "#assessment-status")
        status = page.locator("#assessment-status").inner_text()
        assert "已发布第1版：截至2026-10" in status and "city-office" in status
        # later evaluator scores change the scheme; the published page does not change
        text = SCHEME + "  - {item: Q1, unit: D2, group: 部门, score: 80}\n"
        (folder / "later.yaml").write_text(text, encoding="utf-8")
        later = read_scheme_file(folder / "later.yaml")
        load_scheme(app, actor=LOCAL_ADMIN, origin="t", scheme=later, source="later.yaml")
        page.goto(base + PAGE, wait_until="networkidle")
        assert "46.00" in page.locator("#assessment-results").inner_text()
        page.goto(base + PAGE + "?as_of=2026-10", wait_until="networkidle")
        # 0.4 × 100 + 0.6 × 80 = 88 → 35.2: D2 24 + 20 + 35.2 + 2 = 81.2 in a fresh 预考核
        assert "81.20" in page.locator("#assessment-results").inner_text()
        page.goto(base + PAGE, wait_until="networkidle")
        assert "94.40" in page.locator("#assessment-results").inner_text()
        page.screenshot(path=str(ARTIFACTS / "assessment-published.png"), full_page=True)
        browser.close()
