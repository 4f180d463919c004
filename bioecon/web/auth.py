"""Who is asking (登录与会话): a session cookie after a password login, a personal API token
as a bearer header, or — only when the app serves ``--public`` — the public viewer.

Without ``--public`` nothing but the login page, the static files and the API's own
documentation answers an anonymous request: a page redirects to the login page, an API
route answers 401. The session cookie is HttpOnly and SameSite=Lax, and Secure when the app
is served behind HTTPS (``serve --behind-https``); the server keeps only its hash
(:mod:`bioecon.services.sessions`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPBearer
from starlette.concurrency import run_in_threadpool

from bioecon.catalogs import security_policy
from bioecon.domain.access import Principal, Role, Scope
from bioecon.errors import NotAuthenticated
from bioecon.services import accounts as account_service
from bioecon.services import sessions as session_service
from bioecon.web.deps import app_of
from bioecon.web.errors import ApiError, api_error, wants_json
from bioecon.web.pages import render

SESSION_COOKIE = "bioecon_session"
PUBLIC_VIEWER = Principal("public", Role.VIEWER, Scope())
"""Who an anonymous visitor is under ``serve --public``: a viewer of everything, without the
registry's financial fields (the viewer role is not granted them)."""

# Answer without a caller: the login form, the files pages load, the API's documentation
OPEN_PATHS = frozenset({"/login", "/docs", "/openapi.json", "/favicon.ico"})
ASSET_PATHS = ("/static/", "/vendor/")  # a page's dozen files: no database read for each
MAX_LOGIN = 64
MAX_NEXT = 2_000

router = APIRouter(include_in_schema=False)

BEARER = HTTPBearer(
    auto_error=False,  # identify() has already answered a missing or bad token
    description="个人 API 令牌 (`bioecon users token LOGIN`), or a logged-in session's cookie",
)
API_ACCESS: dict[str, Any] = {
    "dependencies": [Depends(BEARER)],  # the schema says how to authenticate (securitySchemes)
    "responses": {
        401: {"model": ApiError, "description": "Not logged in, or the token is not valid"},
        403: {"model": ApiError, "description": "Outside the caller's role or scope"},
    },
}
"""What every /api router is included with (``create_app``)."""


@dataclass(frozen=True, slots=True)
class AccessPolicy:
    """How the app lets callers in (``create_app``'s ``public`` and ``secure_cookies``)."""

    public: bool = False
    secure_cookies: bool = False


def origin_of(request: Request) -> str:
    """Where a change came from, as the audit trail records it."""
    host = request.client.host if request.client is not None else "unknown"
    return f"web:{host}"


async def identify(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Put the caller on ``request.state.principal`` (None: anonymous), or refuse. The
    app's own files need no caller: they are served without a session lookup."""
    if request.url.path.startswith(ASSET_PATHS):
        return await call_next(request)
    policy: AccessPolicy = request.app.state.access
    app = app_of(request)
    principal: Principal | None = None
    ended = False
    bearer = request.headers.get("authorization", "")
    if bearer[:7].lower() == "bearer ":
        try:
            principal = await run_in_threadpool(
                account_service.principal_for_token, app, token=bearer[7:].strip()
            )
        except NotAuthenticated as refused:
            return _unauthenticated(request, str(refused))
    elif cookie := request.cookies.get(SESSION_COOKIE):
        try:
            principal = await run_in_threadpool(
                session_service.principal_of_session, app, cookie=cookie
            )
        except NotAuthenticated:
            ended = True
    if principal is None and policy.public:
        principal = PUBLIC_VIEWER
    request.state.principal = principal
    if principal is None and request.url.path not in OPEN_PATHS:
        response = _unauthenticated(request, session_service.SESSION_EXPIRED)
    else:
        response = await call_next(request)
    if ended:
        response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _unauthenticated(request: Request, message: str) -> Response:
    if wants_json(request):
        body = api_error(NotAuthenticated(message)).model_dump(exclude_none=True)
        return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"})
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target[:MAX_NEXT], safe='')}", status_code=303)


def safe_next(target: str | None, default: str = "/") -> str:
    """Where to go after a form (login, a review step): a path of this site only, never
    another host; ``default`` otherwise."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    return target


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    principal = getattr(request.state, "principal", None)
    if principal is not None and principal is not PUBLIC_VIEWER:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", next=safe_next(next), error=None, login="")


@router.post("/login")
def log_in(
    request: Request,
    login: Annotated[str, Form(max_length=MAX_LOGIN)],
    password: Annotated[str, Form()],
    next: Annotated[str, Form(max_length=MAX_NEXT)] = "/",
) -> Response:
    """Check the password; a refusal re-shows the form with one message for every cause."""
    longest = int(security_policy()["password"]["max_length"])
    try:
        if len(password) > longest:
            raise NotAuthenticated(account_service.LOGIN_FAILED)
        session = session_service.log_in(
            app_of(request), login=login.strip(), password=password, origin=origin_of(request)
        )
    except NotAuthenticated as refused:
        response = render(
            request, "login.html", next=safe_next(next), error=str(refused), login=login
        )
        response.status_code = 401
        return response
    policy: AccessPolicy = request.app.state.access
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session.cookie,
        httponly=True,
        samesite="lax",
        secure=policy.secure_cookies,
        path="/",
    )
    return response


@router.post("/logout")
def log_out(request: Request) -> Response:
    if cookie := request.cookies.get(SESSION_COOKIE):
        session_service.log_out(app_of(request), cookie=cookie, origin=origin_of(request))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
