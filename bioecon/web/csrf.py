"""CSRF protection of every state-changing request, by asgi-csrf (the double-submit cookie
that Datasette uses): a POST, PUT, PATCH or DELETE that carries cookies must also carry the
signed ``csrftoken`` cookie's value — in the form field ``csrftoken`` (the first field of a
form; page templates put it there) or the ``x-csrftoken`` header. A request with a bearer
token and no cookie is not exposed to CSRF and passes. The login form is protected too
(login CSRF), so a browser must have opened the login page first.

Multipart forms (the template upload) are checked here, not by asgi-csrf: its multipart path
calls a parameter of python-multipart (``FileClass``) that versions after 0.0.24 removed, and
those versions fix denial-of-service advisories, so the old parser is no option. The check is
the same double-submit rule over the same signed cookie: the body (at most
:data:`MAX_MULTIPART` bytes) is read, parsed by Starlette's own form parser, its
``csrftoken`` field compared with the cookie, and only then passed on.

The signing secret is kept in the database (:func:`bioecon.services.sessions.signing_secret`),
so every worker of one deployment, and a restart, accept each other's tokens.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from asgi_csrf import DEFAULT_SIGNING_NAMESPACE, asgi_csrf
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from itsdangerous import BadSignature
from itsdangerous.url_safe import URLSafeSerializer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bioecon.errors import Forbidden
from bioecon.messages import page_strings
from bioecon.web.errors import api_error, error_page, wants_json
from bioecon.web.pages import page_language

ALWAYS_PROTECTED = frozenset({"/login", "/logout"})
COOKIE = "csrftoken"  # asgi-csrf's cookie and form field
MAX_MULTIPART = 3 * 1024 * 1024  # an entry template is ~10 KB; the upload route allows 2 MB
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def protect(app: FastAPI, *, secret: str, secure_cookies: bool) -> None:
    """Add the CSRF check to ``app`` (as middlewares, so no route can forget it)."""
    app.add_middleware(MultipartGuard, secret=secret)
    app.add_middleware(
        asgi_csrf,
        signing_secret=secret,
        always_protect=ALWAYS_PROTECTED,
        cookie_secure=secure_cookies,
        cookie_samesite="Lax",
        send_csrf_failed=_refuse,
        skip_if_scope=_multipart,  # MultipartGuard checks those
    )


def _header(scope: Scope, name: bytes) -> bytes:
    value: bytes = dict(scope.get("headers") or []).get(name, b"")
    return value


def _multipart(scope: Scope) -> bool:
    return _header(scope, b"content-type").startswith(b"multipart/form-data")


class MultipartGuard:
    """The double-submit check of a multipart form with cookies (see the module's text)."""

    def __init__(self, app: ASGIApp, *, secret: str) -> None:
        self.app = app
        self.signer = URLSafeSerializer(secret)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        exposed = scope["type"] == "http" and scope["method"] not in SAFE_METHODS
        exposed = exposed and _multipart(scope) and bool(_header(scope, b"cookie"))
        if not exposed or _header(scope, b"authorization").startswith(b"Bearer "):
            await self.app(scope, receive, send)
            return
        body = await _body(receive, MAX_MULTIPART)
        if body is None or not await self._token_matches(scope, body):
            await _refuse(scope, send, None)
            return
        await self.app(scope, _replay(body), send)

    async def _token_matches(self, scope: Scope, body: bytes) -> bool:
        request = Request(scope, _replay(body))
        cookie = request.cookies.get(COOKIE, "")
        try:
            self.signer.loads(cookie, DEFAULT_SIGNING_NAMESPACE)
            form = await request.form(max_files=1, max_fields=50)
        except (BadSignature, ValueError, KeyError):
            return False
        try:
            field = form.get(COOKIE)
            return isinstance(field, str) and secrets.compare_digest(field, cookie)
        finally:
            await form.close()


async def _body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None past ``limit`` bytes."""
    chunks, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def _replay(body: bytes) -> Callable[[], Awaitable[Message]]:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


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
