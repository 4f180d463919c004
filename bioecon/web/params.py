"""Bounds on what a request may carry, declared once for every route: each query and path
value at most :data:`MAX_TEXT` characters (the app-wide dependency :func:`bounded_values`), a
page number at most :data:`MAX_PAGE`. A value out of bounds is a 422 (JSON under /api, the error
page elsewhere) before any database work. The directory service itself refuses a page below 1
and a size outside 1–500 (InvalidValue, also 422)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.exceptions import RequestValidationError

MAX_TEXT = 200
"""Longest query or path value: codes, months and search words are far shorter, and SQLite
refuses a LIKE pattern over 50,000 bytes (a 500 before this bound)."""

MAX_PAGE = 1_000_000
"""Last page: beyond it an offset would overflow the databases' 64-bit integers."""

Page = Annotated[int, Query(le=MAX_PAGE, description=f"from 1 to {MAX_PAGE:,}")]


def bounded_values(request: Request) -> None:
    """Refuse a request any of whose query or path values is longer than :data:`MAX_TEXT` or
    holds a NUL character (no code or word has one; PostgreSQL cannot store or compare it)."""
    values = [("query", name, value) for name, value in request.query_params.multi_items()]
    values += [("path", name, str(value)) for name, value in request.path_params.items()]
    problems = [_problem(where, name, value) for where, name, value in values]
    found = [problem for problem in problems if problem is not None]
    if found:
        raise RequestValidationError(found)


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
