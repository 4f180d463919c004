"""The JSON API and the pages, in process, on the demo data (both backends)."""

from __future__ import annotations

import html
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bioecon.cli import main
from bioecon.io.output import json_text
from bioecon.services.accounts import LOCAL_ADMIN
from tests.golden import assert_golden

PLANS = ("changsha-2025", "tianmen-2025", "nanjing-2023", "jinshan-2030", "changchun-2025")


def test_plans_api(client: TestClient) -> None:
    response = client.get("/api/plans")
    assert response.status_code == 200 and response.headers["X-Bioecon-Data"] == "simulated"
    plans = {p["code"]: p for p in response.json()}
    assert set(plans) == set(PLANS)
    assert (
        plans["changsha-2025"]["region"] == "长沙市"
        and plans["changsha-2025"]["target_count"] == 26
    )


def test_targets_api_matches_the_evaluate_contract(client: TestClient) -> None:
    records = client.get("/api/plans/changsha-2025/targets", params={"as_of": "2025-12"}).json()
    by_id = {r["target_id"]: r for r in records}
    t02 = by_id["T02"]  # 全市生物医药产业规模突破2000亿元, measured from the simulated ledger
    assert t02["actual_period"] == "2025" and t02["status"] in {"达标", "正常", "滞后", "严重滞后"}
    assert (
        by_id["T21"]["indicator"] == "tier.revenue_100yi" and by_id["T21"]["actual"] == 6
    )  # 6 simulated 百亿级 enterprises
    plan_id = client.get("/api/plans").json()[0]["id"]
    assert (
        client.get(f"/api/plans/{plan_id}/targets", params={"as_of": "2025-12"}).status_code == 200
    )


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    try:
        main(list(args))
    except SystemExit as done:
        assert not done.code
    return json.loads(capsys.readouterr().out)


def test_api_records_are_the_cli_records(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """Field for field and value for value; golden files hold them (the demo at BUILD_DAY)."""
    app: Any = client.app
    db = app.state.bioecon.settings.database_url
    plans = client.get("/api/plans").json()
    assert plans == cli_json(capsys, "--db", db, "plan", "list", "--format", "json")
    assert_golden("api-plans.json", json_text(plans) + "\n")
    records = client.get("/api/plans/changsha-2025/targets", params={"as_of": "2025-12"}).json()
    evaluate = ("evaluate", "--plan", "changsha-2025", "--as-of", "2025-12", "--format", "json")
    assert records == cli_json(capsys, "--db", db, *evaluate)
    assert_golden("api-targets-changsha-2025-12.json", json_text(records) + "\n")


def test_ledger_and_enterprises_api(client: TestClient) -> None:
    rows = client.get(
        "/api/ledger",
        params={
            "indicator": "biomedicine_scale",
            "org_unit": "430100",
            "from": "2025-01",
            "to": "2025-03",
        },
    ).json()
    assert [r["period"] for r in rows] == ["2025-01", "2025-02", "2025-03"] and all(
        r["ytd"] is not None for r in rows
    )
    page = client.get("/api/enterprises", params={"size": 5, "category": "4.1"}).json()
    assert (
        page["size"] == 5
        and page["total"] > 5
        and all(i["bio_category"].startswith("4.1") for i in page["items"])
    )
    assert len(client.get("/api/enterprises", params={"size": 5, "page": 2}).json()["items"]) == 5


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/plans/nope/targets", 404, "no plan with code or id 'nope'"),
        (
            "/api/ledger?indicator=nope&org_unit=430100&from=2025-01&to=2025-02",
            404,
            "no indicator 'nope'",
        ),
        # the schema admits 1949-01; judging it needs 1948, which the domain refuses
        ("/api/plans/changsha-2025/targets?as_of=1949-01", 422, "year 1948 is outside 1949–2200"),
    ],
)
def test_errors_map_to_http_statuses(
    client: TestClient, path: str, status: int, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == status and message in response.json()["message"]


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/plans/changsha-2025/targets?as_of=2025-13", "as_of"),  # the schema's pattern
        ("/api/enterprises?size=0", "size"),  # the schema's 1 to 500
    ],
)
def test_values_the_schema_refuses_are_422_before_any_work(
    client: TestClient, path: str, parameter: str
) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", parameter]


def test_every_page_shows_real_content_and_the_simulated_notice(client: TestClient) -> None:
    pages = {
        "/": [
            "长沙市生物经济发展行动计划",
            "南京市生物经济发展三年行动计划",
            "本规划最新数据 2025-12",
        ],
        "/plans/changsha-2025": [
            "全市生物医药产业规模突破2000亿元",
            "人工校正",
            "湖南湘江新区管委会",
        ],
        "/plans/changsha-2025/text": ['<mark id="T02"', "长沙市生物经济发展行动计划"],
        "/indicators/biomedicine_scale?org_unit=430100": [
            "<h1>生物医药产业规模 · 长沙市</h1>",
            "芙蓉区",
            "/vendor/echarts/echarts.min.js",
            "岳麓区：缺报2024-07",  # a planted data-quality problem, its unit by name
        ],
        "/compare": ["生物医药产业规模", "南京市", "产业规模达到4000亿元"],
        "/enterprises": [
            "模拟企业",
            "梯次目标完成情况",
            "年营业收入100亿元以上",
            "共 600 家，第 1 / 12 页",
        ],
        "/docs": ["/vendor/swagger-ui/swagger-ui-bundle.js"],
    }
    for path, expected in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        for text in expected:
            assert text in response.text, (path, text)
        if path != "/docs":
            assert "模拟数据" in response.text, path
    english = client.get("/?lang=en")
    assert "Bio-economy plan monitoring" in english.text and english.cookies.get("lang") == "en"
    uscc = client.get("/api/enterprises", params={"size": 1}).json()["items"][0]["uscc"]
    assert client.get(f"/enterprises/{uscc}").status_code == 200


def test_api_docs_use_no_cdn(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "cdn." not in docs and "https://" not in docs
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert client.get(f"/vendor/swagger-ui/{asset}").status_code == 200, asset
    assert client.get("/redoc").status_code == 404  # FastAPI's ReDoc page would load a CDN


@pytest.mark.parametrize(
    ("path", "status", "texts"),
    [
        ("/plans/nope", 404, ["404 · 未找到", "no plan with code or id 'nope'", "返回首页"]),
        ("/indicators/biomedicine_scale", 422, ["422 · 参数有误", "query.org_unit"]),
        ("/indicators/nope?org_unit=430100", 404, ["no indicator 'nope'"]),
        (
            "/plans/changsha-2025?as_of=2025-13",
            422,
            ["422 · 参数有误", "query.as_of"],
        ),  # not a month
        ("/no-such-page", 404, ["404 · 未找到"]),
        ("/plans/nope?lang=en", 404, ["404 · Not found", "Back to the home page"]),
    ],
)
def test_page_errors_are_pages(
    client: TestClient, path: str, status: int, texts: list[str]
) -> None:
    """A person who mistypes an address gets a page in the site's language, not raw JSON."""
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    page = html.unescape(response.text)
    for text in texts:
        assert text in page, text
    assert "模拟数据" in page or "Simulated data" in page


def test_api_errors_stay_json(client: TestClient) -> None:
    missing = client.get("/api/no-such-route")
    assert missing.status_code == 404 and missing.json() == {"detail": "Not Found"}
    invalid = client.get("/api/ledger")  # indicator and org_unit are required
    assert invalid.status_code == 422 and invalid.json()["detail"][0]["type"] == "missing"


@pytest.mark.parametrize(
    "tier",
    ["revenue_100yi", "revenue_20yi", "above_scale", "gazelle", "specialised", "little_giant"],
)
def test_enterprise_tier_filter_matches_the_tier_report(client: TestClient, tier: str) -> None:
    from bioecon.services.tiers import tier_report

    page = client.get("/api/enterprises", params={"tier": tier, "size": 500}).json()
    year = page["tier_year"]
    assert year == 2025  # the demo's enterprise figures run to the last complete year
    app = client.app.state.bioecon  # type: ignore[attr-defined]
    (report,) = tier_report(app, actor=LOCAL_ADMIN, year=year, tiers=[tier])
    assert page["total"] == len(report.members) > 0
    assert {i["uscc"] for i in page["items"]} == {m.uscc for m in report.members}
    html_page = client.get("/enterprises", params={"tier": tier}).text
    assert f"梯次按 {year} 年数据判定" in html_page and f'value="{tier}" selected' in html_page


def test_enterprise_tier_filter_rejects_an_unknown_tier(client: TestClient) -> None:
    response = client.get("/api/enterprises", params={"tier": "revenue_1yi"})
    assert (
        response.status_code == 422 and "unknown tier 'revenue_1yi'" in response.json()["message"]
    )


def test_enterprise_directory_pages_link_both_ways_and_keep_filters(client: TestClient) -> None:
    first = html.unescape(client.get("/enterprises", params={"category": "4.1"}).text)
    assert 'rel="prev"' not in first and "/enterprises?page=2&category=4.1" in first
    last = html.unescape(client.get("/enterprises", params={"page": 12}).text)
    assert "第 12 / 12 页" in last and 'rel="prev"' in last and 'rel="next"' not in last
    middle = html.unescape(client.get("/enterprises", params={"page": 2, "q": "模拟"}).text)
    assert "/enterprises?page=1&q=%E6%A8%A1%E6%8B%9F" in middle  # the filters that are set
    assert "/enterprises?page=3&q=%E6%A8%A1%E6%8B%9F" in middle


def test_doubling_target_shows_its_level_in_yi_and_the_plan_wording(client: TestClient) -> None:
    # 天门 T01 翻番: the level (base × 2) is in 亿元, the plan's "2倍" beside it
    record = client.get("/api/plans/tianmen-2025/targets", params={"as_of": "2025-12"}).json()[0]
    assert record["target_id"] == "T01" and record["unit"] == "亿元"
    assert (record["stated_value"], record["stated_unit"]) == (2, "倍")
    page = client.get("/plans/tianmen-2025", params={"as_of": "2025-12"}).text
    row = page[page.index('id="row-T01"') : page.index('id="row-T02"')]
    assert '亿元 <span class="stated">(2.00 倍)</span>' in row and "实际204" in row
    assert "倍" not in row.split('<span class="stated">')[0]
