"""A crawler for the web tests: every page reachable from a start page by the links the pages
render, each answered without a 4xx or 5xx; and on a page opened at an as-of month
(``?as_of=2024-06``), every link to another page and every GET form keeps that month."""

from __future__ import annotations

import html
import re
from collections import deque

from fastapi.testclient import TestClient

LINK = re.compile(r'href="(/[^"#]*)')
GET_FORM = re.compile(r'<form method="get"[^>]*>(.*?)</form>', re.DOTALL)
MONTH = re.compile(r"[?&]as_of=([0-9]{4}-[0-9]{2})")
UNJUDGED = ("/vendor/", "/static/", "/docs", "/login", "/logout", "/evidence/")
"""Links that are not pages judged at a month: assets, the API's docs, logging in and out,
attached files (evidence and photos)."""
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
        links = sorted({html.unescape(m) for m in LINK.findall(answer.text)})
        broken += _dropped_month(page, answer.text, links)
        for link in links:
            route = _route(link)
            if link in seen or link.startswith("/logout") or routes.get(route, 0) >= PER_ROUTE:
                continue
            seen.add(link)
            routes[route] = routes.get(route, 0) + 1
            todo.append((link, page))
    return fetched, broken


def _dropped_month(page: str, text: str, links: list[str]) -> list[str]:
    """The links and GET forms of a page opened at an as-of month that do not keep it."""
    opened = MONTH.search(page)
    if opened is None:
        return []
    month = opened.group(1)
    dropped = [
        f"{link} drops as_of={month} on {page}"
        for link in links
        if not link.startswith(UNJUDGED) and month not in MONTH.findall(link)
    ]
    kept = f'name="as_of" value="{month}"'
    dropped += [
        f"a GET form drops as_of={month} on {page}"
        for form in GET_FORM.findall(text)
        # a form whose own list chooses the month (the assessment page's months of its year)
        # sets as_of itself: it cannot drop it
        if kept not in form and '<select name="as_of"' not in form
    ]
    return dropped
