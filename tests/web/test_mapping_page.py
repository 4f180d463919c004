"""The plan page marks targets mapped below high confidence (低置信度 / low confidence, the
reason in the badge's title) and targets without an indicator (未关联指标, with the
`bioecon plan map` hint), in both languages; in the browser too, with a screenshot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from bioecon.app import Bioecon
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.plans import load_plan
from bioecon.settings import Settings
from bioecon.web.app import create_app
from bioecon.web.server import serving
from tests.web.test_browser import CHROMIUM, require_chromium
from tests.web.test_openapi_contract import closed, response_schema
from tests.web_login import admin_client

SCREENSHOT = Path(__file__).parents[2] / "test-artifacts" / "mapping" / "plan-mapping.png"
# T1 by a high rule (0.9: no badge), T2 by a fuzzy match (0.43 < 0.55: low), T3 unmapped
PLAN = """\
plan: {code: xc, title: 襄城市生物医药行动方案, region: XC, horizon: {start: 2024, end: 2026}}
org_units:
  - {code: XC, name: 襄城市, level: city}
indicators:
  - {code: biomedicine_scale, name: 生物医药产业规模, unit: 亿元}
  - {code: biomedicine_growth, name: 生物医药产业规模增速, unit: "%", nature: stock,
     basis: period_end, period_type: year, aggregation: none}
targets:
  - {key: T1, metric: 生物医药产业 规模, value: 800, unit: 亿元, deadline_year: 2026,
     indicator: biomedicine_scale, mapping_method: rule, mapping_confidence: 0.9,
     mapping_reason: 生物医药产业的规模或产值}
  - {key: T2, metric: 年均增长, kind: share, value: 15, unit: "%", deadline_year: 2026,
     indicator: biomedicine_growth, mapping_method: fuzzy, mapping_confidence: 0.43,
     mapping_reason: "名称相近: “年均增长” ≈ “生物医药产业年均增长” (57%)"}
  - {key: T3, metric: 新增, value: 3, unit: 个, deadline_year: 2026}
  - {key: T4, metric: 药品上市批文 获得数, value: 20, unit: 个, deadline_year: 2026}
"""


def loaded(app: Bioecon, folder: Path) -> Bioecon:
    path = folder / "xc.yaml"
    path.write_text(PLAN, encoding="utf-8")
    parsed = read_plan_file(path)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    return app


@pytest.fixture
def client(app: Bioecon, tmp_path: Path) -> Iterator[TestClient]:
    with admin_client(loaded(app, tmp_path)) as test_client:
        yield test_client


def row(html: str, key: str) -> str:
    start = html.index(f'<tr id="row-{key}">')
    return html[start : html.index("</tr>", start)]


def test_badges_in_both_languages(client: TestClient) -> None:
    html = client.get("/plans/xc?as_of=2025-12&lang=zh").text
    assert "低置信度" not in row(html, "T1") and "未关联指标" not in row(html, "T1")
    assert 'class="badge low-confidence"' in row(html, "T2") and "低置信度" in row(html, "T2")
    assert "关联置信度 0.43 (fuzzy): 名称相近" in row(html, "T2")  # the reason in the title
    assert "未关联指标" in row(html, "T3") and "bioecon plan map xc" in row(html, "T3")
    english = client.get("/plans/xc?as_of=2025-12&lang=en").text
    assert "low confidence" in row(english, "T2") and "mapping confidence 0.43" in row(
        english, "T2"
    )
    assert "no indicator" in row(english, "T3") and "choose an indicator with" in row(english, "T3")


def test_mapping_records_match_the_served_schema(client: TestClient) -> None:
    openapi = closed(client.get("/openapi.json").json())
    body = client.get("/api/plans/xc/mapping?all=true").json()
    schema = response_schema(openapi, "/api/plans/{reference}/mapping", 200)
    validator = Draft202012Validator({**schema, "components": openapi["components"]})
    assert [e.message for e in validator.iter_errors(body)] == []
    # T2 (0.43, below high), T3 (no suggestion), T4 (药品上市批文 → the rule approval.drug)
    assert [t["key"] for t in body] == ["T2", "T3", "T4"]
    assert body[1]["suggestions"] == []
    top = body[2]["suggestions"][0]
    assert (top["code"], top["confidence"], top["level"], top["source"]) == (
        "approval.drug",
        0.9,
        "high",
        "approvals",
    )


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    require_chromium()
    with Bioecon(Settings(database_url=f"sqlite:///{tmp_path / 'xc.db'}")) as bioecon:
        from bioecon.services.database import upgrade_database

        upgrade_database(bioecon, revision="head")
        with serving(create_app(loaded(bioecon, tmp_path), public=True)) as base:
            yield base


def test_badges_in_chromium(site: str) -> None:
    from playwright.sync_api import sync_playwright

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 700})
        page.goto(f"{site}/plans/xc?as_of=2025-12&lang=zh", wait_until="networkidle")
        badge = page.locator("#row-T2 .badge.low-confidence")
        assert badge.inner_text() == "低置信度"
        assert "名称相近" in (badge.get_attribute("title") or "")
        assert page.locator("#row-T3 .badge.unmapped").inner_text() == "未关联指标"
        assert page.locator("#row-T1 .badge").count() == 0
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        page.goto(f"{site}/plans/xc?as_of=2025-12&lang=en", wait_until="networkidle")
        assert page.locator("#row-T2 .badge").inner_text() == "low confidence"
        browser.close()
    assert SCREENSHOT.stat().st_size > 0
