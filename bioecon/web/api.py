"""The JSON API under /api (OpenAPI docs at /docs). It calls the same services as the CLI and
returns the same records as `bioecon evaluate|ledger --format json`."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Query, Request

from bioecon.app import Bioecon
from bioecon.domain.periods import Period
from bioecon.io.evaluation_output import evaluation_record
from bioecon.io.jsonable import json_value, plain
from bioecon.io.ledger_output import ledger_record
from bioecon.services import enterprises as enterprise_service
from bioecon.services import evaluation as evaluation_service
from bioecon.services import ledger as ledger_service
from bioecon.services import plans as plan_service
from bioecon.services import quality as quality_service


def _app(request: Request) -> Bioecon:
    app: Bioecon = request.app.state.bioecon
    return app


def default_as_of(app: Bioecon) -> Period:
    latest = quality_service.latest_data_month(app)
    return latest or Period.containing(date.today()).previous()


router = APIRouter(prefix="/api", tags=["api"])


@router.get("/plans")
def plans(request: Request) -> list[dict[str, Any]]:
    """Plans: id, code, title, region, horizon_end, target_count."""
    return [
        {
            "id": p.id,
            "code": p.code,
            "title": p.title,
            "region": p.region_name,
            "region_code": p.region,
            "horizon_start": p.horizon_start,
            "horizon_end": p.horizon_end,
            "target_count": p.target_count,
        }
        for p in plan_service.list_plans(_app(request))
    ]


@router.get("/plans/{reference}/targets")
def targets(
    request: Request, reference: str, as_of: str | None = Query(None, description="YYYY-MM")
) -> list[dict[str, Any]]:
    """The `bioecon evaluate --format json` records of a plan (by id or code)."""
    app = _app(request)
    period = Period.parse(as_of) if as_of else default_as_of(app)
    records = [
        evaluation_record(i)
        for i in evaluation_service.evaluate_plan(app, plan=reference, as_of=period)
    ]
    return plain(records)  # type: ignore[no-any-return]


@router.get("/ledger")
def ledger(
    request: Request,
    indicator: str,
    org_unit: str,
    first: str = Query(..., alias="from"),
    last: str = Query(..., alias="to"),
    sector: str | None = None,
) -> list[dict[str, Any]]:
    """The `bioecon ledger --format json` records."""
    entries = ledger_service.ledger(
        _app(request),
        indicator=indicator,
        org_units=[org_unit],
        first=Period.parse(first),
        last=Period.parse(last),
        sector=sector,
    )
    return plain([ledger_record(e) for e in entries])  # type: ignore[no-any-return]


@router.get("/enterprises")
def enterprises(
    request: Request,
    page: int = 1,
    size: int = 50,
    category: str | None = None,
    org_unit: str | None = None,
    flag: str | None = None,
    tier: str | None = None,
    q: str | None = None,
) -> dict[str, Any]:
    """A page of the enterprise directory: total, page, size, items (and tier_year, the
    figures' year a ``tier`` filter was judged on)."""
    found = enterprise_service.enterprise_directory(
        _app(request),
        page=page,
        size=size,
        category=category,
        org_unit=org_unit,
        flag=flag,
        tier=tier,
        search=q,
    )
    return {
        "total": found.total,
        "page": found.page,
        "size": found.size,
        "tier_year": found.tier_year,
        "items": [
            {
                "uscc": r.uscc,
                "name": r.name,
                "org_unit": r.org_unit,
                "org_unit_name": r.org_unit_name,
                "industry_code": r.industry_code,
                "bio_category": r.bio_category,
                "revenue": json_value(r.revenue) if r.revenue is not None else None,
                "year": r.year,
            }
            for r in found.rows
        ],
    }
