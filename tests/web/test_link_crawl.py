"""Every link the demo's pages render answers (issue #18): a crawl from the home page, in
both languages and at an as-of month, fails on any 4xx or 5xx (the second database's crawl is
in test_second_database.py)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.crawl import crawl


def test_every_rendered_link_of_the_demo_answers(client: TestClient) -> None:
    fetched, broken = crawl(client, ["/", "/?lang=en", "/?as_of=2024-06", "/indicators"])
    assert broken == []
    assert fetched > 100  # plans, texts, indicators of every frequency, enterprises, registers
