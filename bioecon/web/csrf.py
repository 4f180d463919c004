"""CSRF protection of every state-changing request, by asgi-csrf (the double-submit cookie
that Datasette uses): a POST, PUT, PATCH or DELETE that carries cookies must also carry the
signed ``csrftoken`` cookie's value — in the form field ``csrftoken`` (the first field of a
form; page templates put it there) or the ``x-csrftoken`` header. A request with a bearer
token and no cookie is not exposed to CSRF and passes. The login form is protected too
(login CSRF), so a browser must have opened the login page first.

The signing secret is kept in the database (:func:`bioecon.services.sessions.signing_secret`),
so every worker of one deployment, and a restart, accept each other's tokens.
"""

from __future__ import annotations

from typing import Any

from asgi_csrf import asgi_csrf
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.types import Message, Scope, Send

from bioecon.errors import Forbidden
from bioecon.messages import page_strings
from bioecon.web.errors import api_error, error_page, wants_json
from bioecon.web.pages import page_language

ALWAYS_PROTECTED = frozenset({"/login", "/logout"})


def protect(app: FastAPI, *, secret: str, secure_cookies: bool) -> None:
    """Add the CSRF check to ``app`` (as a middleware, so no route can forget it)."""
    app.add_middleware(
        asgi_csrf,
        signing_secret=secret,
        always_protect=ALWAYS_PROTECTED,
        cookie_secure=secure_cookies,
        cookie_samesite="Lax",
        send_csrf_failed=_refuse,
    )


async def _refuse(scope: Scope, send: Send, reason: Any) -> None:
    """403 in the reader's language: a page for a form, the API's error body for /api."""
    request = Request(scope)
    message = page_strings(page_language(request))["csrf_failed"]
    response: Response
    if wants_json(request):
        body = api_error(Forbidden(message)).model_dump(exclude_none=True)
        response = JSONResponse(body, status_code=403)
    else:
        response = error_page(request, 403, message)
    await response(scope, _nothing, send)


async def _nothing() -> Message:
    return {"type": "http.disconnect"}
