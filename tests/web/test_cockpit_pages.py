"""The pages say names, not codes (issue #18): regions, org units and indicators by name,
人工校正 notes in words, quotes cut with "…", breadcrumbs back up, an indicator index, empty
states in words, the directory's region filter over the subtree, and indicator pages of every
frequency. On the demo (both backends); the expected texts are read off the demo's files."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_the_plan_page_reads_in_names_and_words(client: TestClient) -> None:
    page = client.get("/plans/changsha-2025?as_of=2025-12").text
    assert "地区 长沙市" in page and "地区 430100" not in page
    # corrections/changsha-2025.yaml T01: subject_org_unit '430100', extracted blank
    assert "主体地区由未填改为长沙市" in page
    assert "subject_org_unit" not in page  # no field name is shown
    # T10: subject_org_unit CS-XJXQ (湖南湘江新区), indicator bio_economy_scale (生物经济产业规模)
    assert "主体地区由未填改为湖南湘江新区；指标由未填改为生物经济产业规模" in page
    # T04's quote is 32 characters: cut after 24 with "…"; T02's 16 are whole
    assert ">引进培育年主营业务收入过100亿元的骨干企业2—…</a>" in page
    assert ">全市生物医药产业规模突破2000亿元</a>" in page
    english = client.get("/plans/changsha-2025?as_of=2025-12&lang=en").text
    assert "subject&#39;s region changed from not set to 长沙市" in english
    assert "Reviewed correction (" in english


def test_indicator_pages_of_every_frequency_with_their_breadcrumb(client: TestClient) -> None:
    # bio_plus_scale is quarterly, cluster_count yearly (bioecon/data/indicators.yaml)
    quarterly = client.get("/indicators/bio_plus_scale?org_unit=430100&as_of=2025-12")
    assert quarterly.status_code == 200
    # 12 quarters up to the as-of month's quarter: 2023Q1 … 2025Q4
    periods = re.findall(r"<td>(20\d\dQ\d)", quarterly.text)
    assert periods[0] == "2023Q1" and periods[-1] == "2025Q4" and len(periods) == 12
    yearly = client.get("/indicators/cluster_count?org_unit=430100&as_of=2025-12")
    assert yearly.status_code == 200
    years = re.findall(r"<td>(20\d\d)<", yearly.text)
    assert years[0] == "2016" and years[-1] == "2025"  # ten years
    page = client.get(
        "/indicators/biomedicine_scale?org_unit=430100&plan=changsha-2025&target=T02&as_of=2025-12"
    ).text
    crumbs = page.split('class="crumbs"')[1].split("</nav>")[0]
    assert (
        "长沙市生物经济发展行动计划" in crumbs and "T02" in crumbs and "生物医药产业规模" in crumbs
    )
    # the drill-down keeps the way back and the month: 芙蓉区 is 430102
    assert (
        'href="/indicators/biomedicine_scale?org_unit=430102&amp;plan=changsha-2025'
        '&amp;target=T02&amp;as_of=2025-12"' in page
    )
    # the plan page links its targets that way
    plan = client.get("/plans/changsha-2025?as_of=2025-12").text
    assert (
        "/indicators/biomedicine_scale?org_unit=430100&amp;plan=changsha-2025&amp;target=T02"
        "&amp;as_of=2025-12" in plan
    )


def test_the_indicator_index_lists_every_indicator_with_its_targets(client: TestClient) -> None:
    answer = client.get("/indicators")
    assert answer.status_code == 200
    rows = re.findall(r'<tr id="indicator-([^"]+)"', answer.text)
    assert len(rows) == 34  # the demo database holds 34 indicators (bioecon db info)
    row = answer.text.split('id="indicator-biomedicine_scale"')[1].split("</tr>")[0]
    assert "生物医药产业规模" in row and "月度" in row and "长沙市 T02" in row
    tier = answer.text.split('id="indicator-tier.listed"')[1].split("</tr>")[0]
    assert "企业名录" in tier and "/plans/changsha-2025#row-T23" in tier


def test_the_directory_filters_a_region_with_everything_below_it(client: TestClient) -> None:
    page = client.get("/enterprises?org_unit=430100").text
    # the 600 simulated enterprises: 120 in 长沙市's districts and parks (none at the city)
    assert "共 120 家" in page
    assert '<option value="430100" selected>长沙市</option>' in page
    assert "共 12 家" in client.get("/enterprises?org_unit=430181").text  # 浏阳市 and its park
    empty = client.get("/enterprises?q=没有这样的企业").text
    assert "没有符合条件的记录" in empty
