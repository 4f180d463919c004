"""The JSON API under /api (OpenAPI docs at /docs). It calls the same services as the CLI and
returns the same records as `bioecon plan list|evaluate|ledger --format json`, typed by the
response models of bioecon.web.responses."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from bioecon.domain.periods import Period
from bioecon.io.enterprise_output import DIRECTORY_PAGE
from bioecon.io.evaluation_output import evaluation_record
from bioecon.io.ledger_output import ledger_record
from bioecon.io.mapping_output import TARGET_SUGGESTIONS
from bioecon.io.output import list_of
from bioecon.io.plan_output import PLAN_SUMMARY
from bioecon.services import enterprises as enterprise_service
from bioecon.services import evaluation as evaluation_service
from bioecon.services import ledger as ledger_service
from bioecon.services import mapping as mapping_service
from bioecon.services import plans as plan_service
from bioecon.web.deps import actor_of, app_of, default_as_of
from bioecon.web.errors import ERROR_RESPONSES
from bioecon.web.params import PERIOD_PATTERN, AsOf, Page, PageSize
from bioecon.web.responses import (
    DirectoryPage,
    LedgerRecord,
    PlanSummary,
    TargetEvaluation,
    TargetMapping,
)

router = APIRouter(prefix="/api", tags=["api"], responses=ERROR_RESPONSES)


@router.get("/plans", response_model=list_of(PlanSummary))
def plans(request: Request) -> list[dict[str, Any]]:
    """The stored plans: the `bioecon plan list --format json` records."""
    actor = actor_of(request)
    return PLAN_SUMMARY.records(plan_service.list_plans(app_of(request), actor=actor))


@router.get("/plans/{reference}/targets", response_model=list_of(TargetEvaluation))
def targets(request: Request, reference: str, as_of: AsOf = None) -> list[dict[str, Any]]:
    """The `bioecon evaluate --format json` records of a plan (by id or code)."""
    actor = actor_of(request)
    app = app_of(request)
    period = Period.parse(as_of) if as_of else default_as_of(app, actor)
    items = evaluation_service.evaluate_plan(app, actor=actor, plan=reference, as_of=period)
    return [evaluation_record(i) for i in items]


@router.get("/plans/{reference}/mapping", response_model=list_of(TargetMapping))
def mapping(
    request: Request,
    reference: str,
    all: bool = Query(False, description="also targets mapped below high confidence"),
) -> list[dict[str, Any]]:
    """The `bioecon plan map --format json` records: targets to map, with ranked suggestions."""
    actor = actor_of(request)
    items = mapping_service.plan_mapping(
        app_of(request), actor=actor, plan=reference, include_mapped=all
    )
    return TARGET_SUGGESTIONS.records(items)


@router.get("/ledger", response_model=list_of(LedgerRecord))
def ledger(
    request: Request,
    indicator: str,
    org_unit: str,
    first: str = Query(..., alias="from", pattern=PERIOD_PATTERN),
    last: str = Query(..., alias="to", pattern=PERIOD_PATTERN),
    sector: str | None = None,
) -> list[dict[str, Any]]:
    """The `bioecon ledger --format json` records."""
    actor = actor_of(request)
    entries = ledger_service.ledger(
        app_of(request),
        actor=actor,
        indicator=indicator,
        org_units=[org_unit],
        first=Period.parse(first),
        last=Period.parse(last),
        sector=sector,
    )
    return [ledger_record(e) for e in entries]


@router.get("/enterprises", response_model=DirectoryPage)
def enterprises(
    request: Request,
    page: Page = 1,
    size: PageSize = 50,
    category: str | None = None,
    org_unit: str | None = None,
    flag: str | None = None,
    tier: str | None = None,
    q: str | None = None,
) -> dict[str, Any]:
    """A page of the enterprise directory: total, page, size, items (and tier_year, the
    figures' year a ``tier`` filter was judged on)."""
    actor = actor_of(request)
    found = enterprise_service.enterprise_directory(
        app_of(request),
        actor=actor,
        page=page,
        size=size,
        category=category,
        org_unit=org_unit,
        flag=flag,
        tier=tier,
        search=q,
    )
    return DIRECTORY_PAGE.of(found)
