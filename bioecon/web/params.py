"""Bounds on what a request may carry, declared once for every route: each query and path
value at most :data:`MAX_TEXT` characters (the app-wide dependency :func:`bounded_values`), a
page number from 1 to :data:`MAX_PAGE`, a page size from 1 to 500, periods by their pattern. A
value out of bounds is a 422 (JSON under /api, the error page elsewhere) before any database
work; the bounds a parameter declares are in the OpenAPI schema."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

MAX_TEXT = 200
"""Longest query or path value: codes, months and search words are far shorter, and SQLite
refuses a LIKE pattern over 50,000 bytes (a 500 before this bound)."""

MAX_PAGE = 1_000_000
"""Last page: beyond it an offset would overflow the databases' 64-bit integers."""

Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"from 1 to {MAX_PAGE:,}")]
PageSize = Annotated[int, Query(ge=1, le=500, description="1 to 500")]

_YEAR = "(19(49|[5-9][0-9])|2[01][0-9]{2}|2200)"  # 1949–2200, domain.periods' MIN/MAX_YEAR
MONTH_PATTERN = f"^{_YEAR}-(0[1-9]|1[0-2])$"
PERIOD_PATTERN = f"^{_YEAR}(-(0[1-9]|1[0-2])|Q[1-4])?$"
"""A month (2025-06), a quarter (2025Q2) or a year (2025), as the API's schema states it."""
AsOf = Annotated[str | None, Query(pattern=MONTH_PATTERN, description="YYYY-MM")]


def bounded_values(request: Request) -> None:
    """Refuse a request any of whose query or path values is longer than :data:`MAX_TEXT` or
    holds a NUL character (no code or word has one; PostgreSQL cannot store or compare it),
    and an API request with a query parameter its route does not take (a mistyped
    ``orgunit=`` would otherwise be ignored, and the answer cover every org unit) or one
    given twice (only the last would count)."""
    values = [("query", name, value) for name, value in request.query_params.multi_items()]
    values += [("path", name, str(value)) for name, value in request.path_params.items()]
    problems: list[dict[str, Any] | None] = [_problem(w, n, v) for w, n, v in values]
    problems += _unknown_parameters(request)
    found = [problem for problem in problems if problem is not None]
    if found:
        raise RequestValidationError(found)


def _unknown_parameters(request: Request) -> list[dict[str, Any]]:
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not route.path.startswith("/api/"):
        return []  # pages keep ignoring what they do not read (?lang=, a marketing tag …)
    known = _query_names(route.dependant)
    unknown: list[dict[str, Any]] = [
        {
            "type": "extra_forbidden",
            "loc": ["query", name],
            "msg": f"此接口没有参数 {name}（可用：{', '.join(sorted(known)) or '无'}）",
            "input": value[:MAX_TEXT],
        }
        for name, value in request.query_params.multi_items()
        if name not in known
    ]
    return unknown + [
        {
            "type": "too_long",
            "loc": ["query", name],
            "msg": f"参数 {name} 只能给一次（收到{count}次）",
            "input": request.query_params.getlist(name)[:3],
        }
        for name, count in Counter(name for name, _ in request.query_params.multi_items()).items()
        if count > 1 and name in known  # every API parameter takes one value
    ]


def _query_names(dependant: Dependant) -> set[str]:
    """The query parameters a route takes, its dependencies' included."""
    names = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _problem(where: str, name: str, value: str) -> dict[str, Any] | None:
    if len(value) > MAX_TEXT:
        message = f"至多{MAX_TEXT}个字符（收到{len(value):,}个）"
        return {
            "type": "string_too_long",
            "loc": [where, name],
            "msg": message,
            "input": value[:MAX_TEXT] + "…",
            "ctx": {"max_length": MAX_TEXT},
        }
    if "\x00" in value:
        message = "不得包含NUL字符（\\x00）"
        return {
            "type": "string_pattern_mismatch",
            "loc": [where, name],
            "msg": message,
            "input": value.replace("\x00", "\\x00"),
        }
    return None
