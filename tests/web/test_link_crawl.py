"""Every link the demo's pages render answers (issue #18): a crawl from the home page, in
both languages and at an as-of month, fails on any 4xx or 5xx (the second database's crawl is
in test_second_database.py). A page opened at an as-of month keeps it in every link to another
page and every GET form (tests/web/crawl.py), the pages of projects, tasks, notices, policies,
funds, reports and registers as the plan pages."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

import bioecon.web
from tests.web.crawl import UNJUDGED, crawl


def test_every_rendered_link_of_the_demo_answers(client: TestClient) -> None:
    fetched, broken = crawl(client, ["/", "/?lang=en", "/?as_of=2024-06", "/indicators"])
    assert broken == []
    assert fetched > 100  # plans, texts, indicators of every frequency, enterprises, registers


def test_every_page_reached_at_a_month_keeps_it_in_its_links(client: TestClient) -> None:
    start = [
        "/?as_of=2024-06",
        "/notices?as_of=2024-06",
        "/policies?as_of=2024-06",
        "/reports?as_of=2024-06",
        "/reporting?as_of=2024-06",
    ]
    fetched, broken = crawl(client, start)
    assert broken == []
    assert fetched > 100


def test_no_template_writes_a_page_link_by_hand() -> None:
    # every link to a page goes through href() or here() (bioecon/web/pages.py), which keep
    # the as-of month: a link written as href="/…" would drop it on pages no crawl reaches
    folder = Path(bioecon.web.__file__).parent / "templates"
    by_hand = [
        f"{template.name}: {link}"
        for template in sorted(folder.glob("*.html"))
        for link in re.findall(r'href="(/[^"]*|\?[^"]*)"', template.read_text(encoding="utf-8"))
        if not link.startswith(UNJUDGED)
    ]
    assert by_hand == []


def test_the_project_list_is_of_the_chosen_month(client: TestClient) -> None:
    page = client.get("/plans/changsha-2025/projects?as_of=2025-06").text
    assert 'name="period" value="2025-06"' in page  # the month chosen, not the month before today
    assert 'name="as_of" value="2025-06"' in page  # and its filters keep it
