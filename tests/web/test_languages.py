"""Pages in the reader's language: statuses and explanations in English on ?lang=en, exactly
as before in Chinese; the browser tab shows the plan's title (both backends)."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

CHANGSHA = "/plans/changsha-2025?as_of=2025-12"
CHANGSHA_TITLE = "长沙市生物经济发展行动计划"
STATUS_CELL = re.compile(r'<span class="status (\w+)">([^<]*)</span>')
ENGLISH = {
    "met": "Met",
    "on_track": "On track",
    "lagging": "Lagging",
    "at_risk": "At risk",
    "missed": "Missed",  # issue #10: the deadline year is over and the target was not met
    "no_data": "No data",
}


def row(page: str, key: str) -> str:
    start = page.index(f'<tr id="row-{key}">')
    return page[start : page.index("</tr>", start)]


def test_english_plan_page_shows_english_statuses_and_explanations(client: TestClient) -> None:
    page = html.unescape(client.get(CHANGSHA + "&lang=en").text)
    cells = STATUS_CELL.findall(page)
    assert len(cells) >= 26  # one per target of the 长沙 plan
    assert all(ENGLISH[code] == text for code, text in cells), cells
    assert "达标" not in "".join(text for _, text in cells)
    t02 = row(page, "T02")  # 全市生物医药产业规模突破2000亿元: met on the simulated 2025
    assert '<span class="status met">Met</span>' in t02
    assert "2025 actual " in t02 and "; target of 2000 亿元 reached" in t02
    t01 = row(page, "T01")
    assert "实际" not in t01 and "截至" not in t01


def test_chinese_plan_page_reads_as_before(client: TestClient) -> None:
    page = html.unescape(client.get(CHANGSHA + "&lang=zh").text)
    t02 = row(page, "T02")
    assert '<span class="status met">达标</span>' in t02
    assert "2025实际" in t02 and "，已达到目标2000亿元" in t02
    assert {code for code, _ in STATUS_CELL.findall(page)} <= set(ENGLISH)


def test_plan_page_title_is_the_plan_title(client: TestClient) -> None:
    page = client.get(CHANGSHA).text
    (title,) = re.findall(r"<title>(.*?)</title>", page, flags=re.DOTALL)
    assert html.unescape(title) == f"{CHANGSHA_TITLE} · bioecon"
    assert page.count("<h2>重点项目库（五个一批）</h2>") == 1  # the project table, once


def test_base_template_strings_follow_the_language(client: TestClient) -> None:
    chinese, english = client.get("/?lang=zh").text, client.get("/?lang=en").text
    assert '<a class="skip" href="#main">跳到正文</a>' in chinese
    assert '<a class="skip" href="#main">Skip to content</a>' in english
    assert 'class="lang">English</a>' in chinese and 'class="lang">中文</a>' in english
    assert "Met " in english or "At risk " in english  # home cards count statuses by label


def test_indicator_page_quality_findings_follow_the_language(client: TestClient) -> None:
    path = "/indicators/biomedicine_scale?org_unit=430100&lang="
    english = html.unescape(client.get(path + "en").text)
    chinese = html.unescape(client.get(path + "zh").text)
    # the demo leaves 岳麓区's 2024-07 unreported (a planted defect)
    assert "岳麓区: 2024-07 not reported (1 period)" in english
    assert "岳麓区：缺报2024-07（1期）" in chinese
    assert "偏离该序列历史增速" not in english and "off the series' past growth" in english
