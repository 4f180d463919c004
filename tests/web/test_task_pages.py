"""The task and 督办 pages on the demo (bioecon/demo_tasks.py, built 2026-01-15: work points of
2025, quarterly reports to 2025Q4): a plan's list with its colours and legend and its XLSX and
CSV exports, a task's page with its notice history, a unit's board, the 督办 list with filters,
and the department's report through the form with an evidence file."""

from __future__ import annotations

import io
import re

from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from bioecon.domain.access import Role, Scope
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.tasks import plan_tasks
from tests.web_login import add_account, csrf_header, log_in

PLAN = "changsha-2025"
LIST = f"/plans/{PLAN}/tasks?on=2025-12-28"


def _codes(html: str) -> list[str]:
    return re.findall(r'<td><a href="/tasks/([^"]+)">', html)


def test_the_plan_task_list_shows_colours_legend_and_exports(client: TestClient) -> None:
    page = client.get(LIST)
    assert page.status_code == 200
    # demo_tasks.py's profiles on 2025-12-28: K01 done in Q2 (green); K03 at 30 % behind
    # 序时 (361/365 = 98.9 %) → yellow; the list holds the six work points
    codes = _codes(page.text)
    assert codes == [f"{PLAN}-2025-K0{n}" for n in range(1, 7)]
    row = re.search(rf'<tr id="task-{PLAN}-2025-K03">.*?</tr>', page.text, re.S)
    assert row is not None and "task-yellow" in row.group(0)
    assert 'id="colour-legend"' in page.text and "四色管理" in page.text
    xlsx = client.get(LIST + "&format=xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet["A1"].value == "任务编号" and sheet["A2"].value == f"{PLAN}-2025-K01"
    csv = client.get(LIST + "&format=csv")
    assert csv.content.startswith("\ufeff任务编号".encode()) and csv.status_code == 200
    assert client.get("/plans/nope/tasks").status_code == 404
    tianmen = client.get("/plans/tianmen-2025/tasks")  # its 领导小组 read from the text
    assert "曾令慧" in tianmen.text and "综合协调组" in tianmen.text


def test_the_task_page_board_and_notice_list(client: TestClient) -> None:
    task = client.get(f"/tasks/{PLAN}-2025-K03")
    assert task.status_code == 200
    assert 'id="notice-history"' in task.text and "增派工作专班" in task.text
    assert "提示单" in task.text and "已回复" in task.text
    unit = re.search(r'<a href="/units/([^"]+)">', task.text)
    assert unit is not None
    board = client.get(f"/units/{unit.group(1)}")
    assert board.status_code == 200 and f"{PLAN}-2025-K03" in board.text
    listed = client.get("/notices?state=replied")
    assert listed.status_code == 200 and f"/tasks/{PLAN}-2025-K03" in listed.text
    assert f"/tasks/{PLAN}-2025-K03" not in client.get("/notices?state=closed").text
    assert client.get("/notices?format=xlsx").status_code == 200
    assert client.get("/tasks/nope").status_code == 404


def test_a_department_reports_with_evidence_through_the_form(client: TestClient) -> None:
    assert isinstance(client.app, FastAPI)
    app = client.app.state.bioecon
    (line,) = [
        x for x in plan_tasks(app, actor=LOCAL_ADMIN, plan=PLAN) if x.item.code.endswith("K02")
    ]
    unit = line.item.lead_units[0]
    add_account(app, "dept-k02", Role.DEPARTMENT, Scope(responsible_unit=unit))
    dept = log_in(TestClient(client.app), "dept-k02")
    page = dept.get(f"/tasks/{line.item.code}")
    assert 'id="report-form"' in page.text and 'id="raise-form"' not in page.text
    answer = dept.post(
        f"/tasks/{line.item.code}/report",
        data={
            "csrftoken": dept.cookies["csrftoken"],
            "period": "2025Q4",
            "percent": "95",
            "text": "完成中试线验收",
        },
        files={"evidence": ("验收报告.pdf", b"%PDF-1.4 test", "application/pdf")},
        headers=csrf_header(dept),
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    shown = dept.get(f"/tasks/{line.item.code}").text
    assert "完成中试线验收" in shown and "验收报告.pdf" in shown
    link = re.search(r'<a href="(/evidence/\d+)">验收报告.pdf</a>', shown)
    assert link is not None
    assert dept.get(link.group(1)).content == b"%PDF-1.4 test"
    refused = dept.post(
        f"/tasks/{line.item.code}/report",
        data={"csrftoken": dept.cookies["csrftoken"], "period": "2025Q4", "text": "x"},
        files={"evidence": ("a.exe", b"MZ", "application/x-msdownload")},
        headers=csrf_header(dept),
        follow_redirects=False,
    )
    assert refused.status_code == 422 and "不可上传" in refused.text
