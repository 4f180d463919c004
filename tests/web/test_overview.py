"""The overview on / and the as-of month (issue #18), in process on the demo (both backends).
What is expected is reasoned from the demo's plans: 南京's plan ends in 2023, so at 2025-12
each of its targets is met or missed, and at 2023-06 none can be missed yet."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def _tile(page: str, plan: str) -> str:
    return page.split(f'id="tile-{plan}"')[1].split("</li>")[0]


def _statuses(html: str) -> set[str]:
    return set(re.findall(r'class="status ([a-z_]+)">[^<]* \d+<', html))


def test_the_as_of_month_changes_the_statuses_on_the_overview(client: TestClient) -> None:
    late = _tile(client.get("/?as_of=2025-12").text, "nanjing-2023")
    assert _statuses(late) <= {"met", "missed"} and "missed" in _statuses(late)
    early = _tile(client.get("/?as_of=2023-06").text, "nanjing-2023")
    assert "missed" not in _statuses(early) and _statuses(early) != _statuses(late)


def test_the_warning_list_names_the_unit_and_the_reason(client: TestClient) -> None:
    page = client.get("/?as_of=2025-12").text
    table = page.split('id="warnings"')[1].split("</table>")[0]
    rows = table.split("<tr>")[2:]  # after the header row
    # 南京 T01 (产业规模达到4000亿元 by 2023) is missed: its row names 南京市 and why
    nanjing = next(r for r in rows if "/plans/nanjing-2023?as_of=2025-12#row-T01" in r)
    assert "未达标" in nanjing and "<td>南京市</td>" in nanjing and "目标年2023年已过" in nanjing
    # 未达标 first, then 严重滞后, then 滞后
    order = [re.findall(r'class="status ([a-z_]+)"', r)[0] for r in rows]
    ranks = {"missed": 0, "at_risk": 1, "lagging": 2}
    assert [ranks[s] for s in order] == sorted(ranks[s] for s in order)
    english = client.get("/?as_of=2025-12&lang=en").text
    assert "Warnings" in english and ">Missed<" in english


def test_every_link_of_a_page_keeps_the_chosen_month(client: TestClient) -> None:
    for page in ("/", "/plans/changsha-2025", "/compare", "/indicators", "/enterprises"):
        text = client.get(page, params={"as_of": "2024-06"}).text
        assert 'name="as_of" value="2024-06"' in text, page  # the selector shows the month
        links = [
            link
            for link in re.findall(r'href="(/[^"]*)"', text)
            if not link.startswith(("/vendor/", "/static/", "/docs", "/login"))
        ]
        assert links and all("as_of=2024-06" in link for link in links), page
    compare = client.get("/compare?as_of=2024-06").text
    assert "评估期 2024-06" in compare
    assert client.get("/?as_of=2024-13").status_code == 422  # not a month
