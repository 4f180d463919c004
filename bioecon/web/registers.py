"""The registers on the web: `/platforms` and `/approvals` pages with an org-unit filter, and
``GET /api/platforms``, ``GET /api/approvals`` (the `bioecon platforms|approvals list
--format json` records)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from bioecon.catalogs import register_vocabulary
from bioecon.domain.registers import RegisterVocabulary
from bioecon.io.output import list_of, response_model
from bioecon.io.register_output import APPROVAL, PLATFORM
from bioecon.services import approvals as approval_service
from bioecon.services import platforms as platform_service
from bioecon.web.deps import actor_of, app_of
from bioecon.web.errors import ERROR_RESPONSES
from bioecon.web.pages import render

api = APIRouter(prefix="/api", tags=["api"], responses=ERROR_RESPONSES)
pages = APIRouter(include_in_schema=False)
SUBTREE = Query(None, description="only rows in this org unit's subtree")


@api.get("/platforms", response_model=list_of(response_model(PLATFORM)))
def platform_records(request: Request, org_unit: str | None = SUBTREE) -> list[dict[str, Any]]:
    """The platform and carrier register (创新平台与载体名录)."""
    actor = actor_of(request)
    items = platform_service.list_platforms(app_of(request), actor=actor, org_unit=org_unit or None)
    return PLATFORM.records(items)


@api.get("/approvals", response_model=list_of(response_model(APPROVAL)))
def approval_records(request: Request, org_unit: str | None = SUBTREE) -> list[dict[str, Any]]:
    """The product-approval register (产品注册与批文名录)."""
    actor = actor_of(request)
    items = approval_service.list_approvals(app_of(request), actor=actor, org_unit=org_unit or None)
    return APPROVAL.records(items)


@pages.get("/platforms", response_class=HTMLResponse)
def platforms_page(request: Request, org_unit: str | None = None) -> Response:
    actor = actor_of(request)
    rows = platform_service.list_platforms(app_of(request), actor=actor, org_unit=org_unit or None)
    return render(
        request, "platforms.html", rows=rows, org_unit=org_unit or "", words=_vocabulary()
    )


@pages.get("/approvals", response_class=HTMLResponse)
def approvals_page(request: Request, org_unit: str | None = None) -> Response:
    actor = actor_of(request)
    rows = approval_service.list_approvals(app_of(request), actor=actor, org_unit=org_unit or None)
    return render(
        request, "approvals.html", rows=rows, org_unit=org_unit or "", words=_vocabulary()
    )


def _vocabulary() -> RegisterVocabulary:
    return RegisterVocabulary.from_mapping(register_vocabulary())
