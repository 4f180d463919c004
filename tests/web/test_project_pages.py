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
