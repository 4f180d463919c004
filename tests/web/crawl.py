"""A crawler for the web tests: every page reachable from a start page by the links the pages
render, each answered without a 4xx or 5xx."""

from __future__ import annotations

import html
import re
from collections import deque

from fastapi.testclient import TestClient

LINK = re.compile(r'href="(/[^"#]*)')
PER_ROUTE = 12
"""Pages crawled of one route (the directory links 600 enterprise pages of one template):
enough to reach every link their template renders, bounded so the crawl stays short."""


def _route(path: str) -> str:
    """The route a link is of: its path with each last segment of a family folded
    (/enterprises/9143… → /enterprises/*), its query's names without their values."""
    bare, _, query = path.partition("?")
    parts = bare.split("/")
    if len(parts) > 2:
        parts[2:] = ["*"] * (len(parts) - 2)
    names = sorted({pair.partition("=")[0] for pair in query.split("&") if pair})
    return "/".join(parts) + "?" + "&".join(names)


def crawl(client: TestClient, start: list[str], *, limit: int = 600) -> tuple[int, list[str]]:
    """(pages fetched, the broken links, each with the page it was found on)."""
    seen = set(start)
    todo = deque((page, "start") for page in start)
    routes: dict[str, int] = {}
    broken: list[str] = []
    fetched = 0
    while todo and fetched < limit:
        page, found_on = todo.popleft()
        answer = client.get(page, follow_redirects=False)
        fetched += 1
        if answer.status_code >= 400:
            broken.append(f"{page} ({answer.status_code}) on {found_on}")
            continue
        if "text/html" not in answer.headers.get("content-type", ""):
            continue
        for link in sorted({html.unescape(m) for m in LINK.findall(answer.text)}):
            route = _route(link)
            if link in seen or link.startswith("/logout") or routes.get(route, 0) >= PER_ROUTE:
                continue
            seen.add(link)
            routes[route] = routes.get(route, 0) + 1
            todo.append((link, page))
    return fetched, broken
