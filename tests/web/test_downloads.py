"""Every table downloads as XLSX and as CSV with a UTF-8 BOM (issue #18), holding the rows the
page shows, in process on the demo (both backends)."""

from __future__ import annotations

import csv
import io
import re

from fastapi.testclient import TestClient
from openpyxl import load_workbook

PLAN = "/plans/changsha-2025?as_of=2025-12"
HEADER = [
    "#",
    "指标",
    "主体",
    "目标年",
    "目标值",
    "实际值",
    "完成率",
    "时序进度",
    "状态",
    "说明",
    "原文",
]


def test_the_target_table_downloads_as_xlsx_and_csv_with_the_same_rows(
    client: TestClient,
) -> None:
    page = client.get(PLAN).text
    assert "download=targets&amp;format=xlsx" in page and "download=targets&amp;format=csv" in page
    book = client.get(PLAN + "&download=targets&format=xlsx")
    assert book.status_code == 200
    assert 'filename="bioecon-plan-targets-2025-12.xlsx"' in book.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(book.content)).active
    assert sheet is not None
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    # 长沙's plan has 26 targets (test_plans_api), T01 … T26, the page's columns as its header
    # (基期 and 性质 are left out: no target of 长沙 states them)
    assert rows[0] == HEADER
    assert [r[0] for r in rows[1:]] == [f"T{n:02d}" for n in range(1, 27)]
    t02 = rows[2]  # 全市生物医药产业规模突破2000亿元: 达标 at 2025-12 (test_browser)
    assert t02[8] == "达标" and t02[3] == 2025 and t02[10] == "全市生物医药产业规模突破2000亿元"
    answer = client.get(PLAN + "&download=targets&format=csv")
    assert answer.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel and WPS need
    text = answer.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == HEADER and len(lines) == 27
    assert [line[0] for line in lines] == [r[0] for r in rows]
    assert lines[2][8] == "达标" and lines[2][3] == "2025"


def test_the_tables_of_other_pages_download_too(client: TestClient) -> None:
    for path, table, rows in (
        ("/indicators", "indicators", 34),  # the demo's 34 indicators
        ("/enterprises?org_unit=430181", "directory", 12),  # 浏阳市 and its park
        ("/indicators/biomedicine_scale?org_unit=430100&as_of=2025-12", "ledger", 24),
    ):
        joiner = "&" if "?" in path else "?"
        answer = client.get(f"{path}{joiner}download={table}&format=xlsx")
        assert answer.status_code == 200, path
        sheet = load_workbook(io.BytesIO(answer.content)).active
        assert sheet is not None and sheet.max_row == rows + 1, path  # and the header
    assert client.get("/indicators?download=nothing&format=csv").status_code == 404


def _sheet_rows(client: TestClient, path: str, table: str) -> list[list[object]]:
    joiner = "&" if "?" in path else "?"
    answer = client.get(f"{path}{joiner}download={table}&format=xlsx")
    assert answer.status_code == 200, path
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _page_rows(client: TestClient, path: str, table: str) -> int:
    """The body rows of the page's table ``table``, counted in its HTML."""
    page = client.get(path).text
    found = re.search(rf'<table id="{table}">(.*?)</table>', page, re.DOTALL)
    assert found is not None, (path, table)
    return found.group(1).split("<tbody>")[-1].count("<tr")


def test_the_tables_of_the_later_pages_download_with_their_rows(client: TestClient) -> None:
    # the one simulated guidance fund (demo_policies)
    assert len(_sheet_rows(client, "/policy-funds", "funds")) == 1 + 1
    # the registers: as many rows as their JSON API lists, the names in the first column
    for page, api in (("/platforms", "/api/platforms"), ("/approvals", "/api/approvals")):
        listed = client.get(api).json()
        rows = _sheet_rows(client, page, page.strip("/"))
        assert len(rows) == 1 + len(listed) and len(listed) > 0, page
    names = {p["name"] for p in client.get("/api/platforms").json()}
    assert {row[0] for row in _sheet_rows(client, "/platforms", "platforms")[1:]} == names
    # the project list at a chosen month, the clause register, the support ledger: the rows
    # the page shows (长沙 lists its 8 simulated projects and its registered selections)
    for path, table in (
        ("/plans/changsha-2025/projects?as_of=2025-12", "project-list"),
        ("/policies", "clauses"),
        ("/policy-ledger", "support-ledger"),
    ):
        rows = _sheet_rows(client, path, table)
        assert len(rows) - 1 == _page_rows(client, path, table) > 0, path
