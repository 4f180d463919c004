"""What the API and the pages share: the app of a request, the caller, and the default
as-of month."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import Request

from bioecon.app import Bioecon
from bioecon.domain.access import Principal
from bioecon.domain.periods import Period
from bioecon.errors import NotAuthenticated
from bioecon.services import quality as quality_service


def app_of(request: Request) -> Bioecon:
    """The Bioecon instance the web app serves (``create_app`` puts it on the app's state)."""
    app: Bioecon = request.app.state.bioecon
    return app


def actor_of(request: Request) -> Principal:
    """The caller of this request: the logged-in user, the bearer token's owner, or — when
    the app serves ``--public`` — the public viewer (:mod:`bioecon.web.auth` decides)."""
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None:
        raise NotAuthenticated("请先登录 (log in first)")
    return principal


def page_context(request: Request) -> dict[str, Any]:
    """What every page template reads about the caller: who it is, and the CSRF token its
    forms carry (the CSRF middleware puts the token's getter in the request scope)."""
    token: Callable[[], str] | None = request.scope.get("csrftoken")
    return {
        "principal": getattr(request.state, "principal", None),
        "csrftoken": token() if token is not None else "",
    }


def default_as_of(app: Bioecon, actor: Principal, *, latest: Period | None = None) -> Period:
    """The latest month with data in the caller's scope (``latest``, when the page has read
    it already), else the month before this one."""
    if latest is None:
        latest = quality_service.latest_data_month(app, actor=actor)
    return latest or Period.containing(date.today()).previous()
