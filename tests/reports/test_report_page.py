"""The /reports page: build and download a bulletin, publish it (plan office only), download
a published one again; a user outside the region's scope gets nothing, a POST without its
CSRF token is refused; on both backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from bioecon.app import Bioecon
from bioecon.domain.access import Role, Scope
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.reports import list_published
from bioecon.web.app import create_app
from tests.web_login import add_account, csrf_header, log_in

FORM = {"plan": "city", "period": "2026-10", "format": ".html"}


@pytest.fixture
def web(city: Bioecon) -> Iterator[TestClient]:
    with TestClient(create_app(city)) as client:
        yield client


def as_user(app: Bioecon, web: TestClient, login: str, role: Role, unit: str) -> TestClient:
    add_account(app, login, role, Scope(unit))
    web.cookies.clear()
    return log_in(web, login)


def post(client: TestClient, **form: str) -> Response:
    response: Response = client.post("/reports", data={**FORM, **form}, headers=csrf_header(client))
    return response


def test_the_plan_office_builds_publishes_and_downloads_again(
    city: Bioecon, web: TestClient
) -> None:
    client = as_user(city, web, "office-c", Role.PLAN_OFFICE, "C")
    page = client.get("/reports")
    assert page.status_code == 200
    assert 'value="2026-10"' in page.text and 'name="publish"' in page.text
    built = client.post("/reports", data={**FORM, "publish": "1"}, headers=csrf_header(client))
    assert built.status_code == 200, built.text
    assert built.headers["content-type"] == "text/html; charset=utf-8"
    assert built.headers["content-disposition"] == "attachment; filename*=UTF-8''city-2026-10.html"
    assert "<h1>城市生物经济统计监测月报</h1>" in built.text
    (published,) = list_published(city, actor=LOCAL_ADMIN)
    assert published.built_by == "office-c"
    assert f'id="published-{published.id}"' in client.get("/reports").text
    again = client.get(f"/reports/published/{published.id}/html")
    assert again.status_code == 200 and again.text == built.text
    pdf = client.post("/reports", data={**FORM, "format": ".pdf"}, headers=csrf_header(client))
    assert pdf.content.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"


def test_a_viewer_builds_but_does_not_publish(city: Bioecon, web: TestClient) -> None:
    client = as_user(city, web, "view-c", Role.VIEWER, "C")
    assert 'name="publish"' not in client.get("/reports").text
    docx = client.post("/reports", data={**FORM, "format": ".docx"}, headers=csrf_header(client))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")  # a zip: the .docx
    refused = client.post("/reports", data={**FORM, "publish": "1"}, headers=csrf_header(client))
    assert refused.status_code == 403
    assert list_published(city, actor=LOCAL_ADMIN) == []


def test_a_district_user_gets_nothing_of_the_city_and_a_post_needs_its_token(
    city: Bioecon, web: TestClient
) -> None:
    client = as_user(city, web, "view-d1", Role.VIEWER, "D1")
    refused = client.post("/reports", data=FORM, headers=csrf_header(client))
    assert refused.status_code == 404 and "170" not in refused.text
    office = as_user(city, web, "office-c2", Role.PLAN_OFFICE, "C")
    no_token = office.post("/reports", data={**FORM, "publish": "1"})
    assert no_token.status_code == 403
    assert list_published(city, actor=LOCAL_ADMIN) == []


def test_a_bad_format_or_month_is_refused(city: Bioecon, web: TestClient) -> None:
    client = as_user(city, web, "office-c3", Role.PLAN_OFFICE, "C")
    assert (
        client.post(
            "/reports", data={**FORM, "format": ".exe"}, headers=csrf_header(client)
        ).status_code
        == 422
    )
    assert (
        client.post(
            "/reports", data={**FORM, "period": "2026Q3"}, headers=csrf_header(client)
        ).status_code
        == 422
    )
    assert client.get("/reports/published/1/exe").status_code == 422


def test_a_quarterly_bulletin_is_of_the_last_full_quarter_by_the_month_chosen(
    city: Bioecon, web: TestClient
) -> None:
    # October is no quarter's last month: the 季报 chosen in October is of 2026Q3 (to September)
    client = as_user(city, web, "office-q", Role.PLAN_OFFICE, "C")
    assert 'name="kind"' in client.get("/reports").text
    built = post(client, kind="quarterly", publish="1")
    assert built.status_code == 200, built.text
    assert built.headers["content-disposition"] == "attachment; filename*=UTF-8''city-2026Q3.html"
    assert "<h1>城市生物经济统计监测季报</h1>" in built.text and "前三季度" in built.text
    (published,) = list_published(city, actor=LOCAL_ADMIN)
    assert (published.plan, published.period) == ("city", "2026Q3")
    midterm = post(client, kind="midterm")  # as of the month itself: 截至2026年10月
    assert midterm.status_code == 200 and "<h1>测试规划中期评估报告</h1>" in midterm.text
    annual = post(client, kind="annual")  # chosen in 2026-10: the last full year, 2025
    assert "filename*=UTF-8''city-2025.html" in annual.headers["content-disposition"]
    assert "<h1>测试规划2025年度总结</h1>" in annual.text
    assert post(client, kind="yearly").status_code == 422
    calendar = client.get("/reports").text  # the 2025 年度总结 and the 2026Q3 季报 are published
    assert 'id="release-calendar"' in calendar and 'id="calendar-city"' in calendar
