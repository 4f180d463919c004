"""The key-project pages on the demo: a plan's projects for a month with filters, a project's
page (record, timeline, progress, chart data) and a progress entry by a reporter of the
project's unit through the form (with its CSRF token), refused for another unit's reporter."""

from __future__ import annotations

import json
import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from bioecon.domain.access import Role, Scope
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.projects import project_page
from tests.web_login import add_account, log_in

PLAN = "changsha-2025"
LIST = f"/plans/{PLAN}/projects?period=2025-12"


def _codes(html: str) -> list[str]:
    return re.findall(r'<td><a href="/projects/([^"]+)">', html)


def test_the_plan_projects_page_lists_and_filters_by_colour_and_stage(client: TestClient) -> None:
    page = client.get(LIST)
    assert page.status_code == 200
    ledger = [c for c in _codes(page.text) if "-P0" in c]
    assert ledger == [f"{PLAN}-P{n:02d}" for n in range(8)]
    # demo_projects.py's profiles at 2025-12 (序时 100 %): P03 at 45 % of its plan (55 points
    # below: red), P05 four months overdue to start (red)
    red = [c for c in _codes(client.get(LIST + "&colour=red").text) if "-P0" in c]
    assert red == [f"{PLAN}-P03", f"{PLAN}-P05"]
    signed = [c for c in _codes(client.get(LIST + "&stage=signed").text) if "-P0" in c]
    assert signed == [f"{PLAN}-P04", f"{PLAN}-P05"]
    assert "未按计划开工" in page.text and 'id="project-summary"' in page.text
    assert client.get(f"/plans/{PLAN}/projects?colour=purple").status_code == 422


def test_the_project_page_has_its_timeline_progress_and_chart(client: TestClient) -> None:
    page = client.get(f"/projects/{PLAN}-P03")
    assert page.status_code == 200
    assert "模拟开工令" in page.text  # the stage history's evidence
    data = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', page.text)
    assert data is not None
    chart = json.loads(data.group(1))
    assert chart["periods"][0] == "2025-01" and len(chart["actual"]) == 12
    assert chart["actual"][0] is None  # 1–2月 are reported together, in February
    assert "<script>" not in page.text  # no inline script (the CSP allows none)
    assert client.get("/projects/nope").status_code == 404


def test_a_reporter_enters_progress_for_its_units_project(client: TestClient) -> None:
    assert isinstance(client.app, FastAPI)
    app = client.app.state.bioecon
    unit = project_page(app, actor=LOCAL_ADMIN, code=f"{PLAN}-P03").record.org_unit
    assert unit is not None
    page = client.get(f"/projects/{PLAN}-P03").text
    assert f"<dd>{unit}</dd>" not in page  # the unit by its name, not its code:
    assert re.search(r"<dd>[^<]*(区|县|市)</dd>", page) is not None  # e.g. 开福区
    add_account(app, "p-reporter", Role.REPORTER, Scope(unit))
    log_in(client, "p-reporter")
    form = {"csrftoken": client.cookies["csrftoken"], "period": "2026-01", "completed": "1234"}
    saved = client.post(f"/projects/{PLAN}-P03/progress", data=form, follow_redirects=False)
    assert saved.status_code == 303
    shown = client.get(saved.headers["location"]).text
    assert '<td>2026-01</td><td class="num">1234</td>' in shown
    bad = client.post(f"/projects/{PLAN}-P03/progress", data=form | {"completed": "-5"})
    assert bad.status_code == 422 and "为负数" in bad.text


def test_the_office_raises_a_notice_on_a_lagging_project_and_the_unit_replies(
    client: TestClient,
) -> None:
    # P05 was to start in 2025 and has not (demo_projects.py): red in every month since, so
    # the office's form is on its page; the notice goes to the unit chosen, which replies from
    # its 督办 list, and the office closes it (销号) from the project's page.
    assert isinstance(client.app, FastAPI)
    app = client.app.state.bioecon
    code = f"{PLAN}-P05"
    page = client.get(f"/projects/{code}").text
    assert 'id="raise-form"' in page and "<p>暂无督办</p>" in page
    units = re.findall(
        r'<option value="([^"]+)"[^>]*>([^<]+)</option>', page.split("notice-unit")[1]
    )
    unit, name = units[0]
    token = client.cookies["csrftoken"]
    form = {"csrftoken": token, "kind": "prompt", "reason": "未按计划开工", "unit": unit}
    raised = client.post(f"/projects/{code}/notices", data=form, follow_redirects=False)
    assert (raised.status_code, raised.headers["location"]) == (
        303,
        f"/projects/{code}#notice-history",
    )
    shown = client.get(f"/projects/{code}").text
    (notice,) = re.findall(r'<section class="notice" id="notice-([A-Z]{2}-\d{4}-\d{4})">', shown)
    assert f"提示单 {notice} · {name}" in shown and "未按计划开工" in shown
    no_unit = client.post(f"/projects/{code}/notices", data=form | {"unit": "nope"})
    assert no_unit.status_code == 422 and "没有责任单位 nope" in no_unit.text
    add_account(app, "p-dept", Role.DEPARTMENT, Scope(responsible_unit=unit))
    log_in(client, "p-dept")
    reply = {"csrftoken": client.cookies["csrftoken"], "measures": "本月办结施工许可"}
    replied = client.post(f"/notices/{notice}/reply", data=reply, follow_redirects=False)
    assert (replied.status_code, replied.headers["location"]) == (303, "/notices?done=reply")
    add_account(app, "p-office", Role.PLAN_OFFICE, Scope("430100"))
    log_in(client, "p-office")
    close = {"csrftoken": client.cookies["csrftoken"], "note": "已开工，销号"}
    closed = client.post(f"/notices/{notice}/close", data=close, follow_redirects=False)
    assert closed.headers["location"] == f"/projects/{code}?done=close"
    history = client.get(f"/projects/{code}").text
    assert "本月办结施工许可" in history and "已开工，销号" in history
