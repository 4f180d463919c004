"""Server-rendered pages. Every page shows the 模拟数据 notice when the app serves simulated data."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from bioecon.catalogs import mapping_rules, published_figures, tier_catalogue, unit_registry
from bioecon.domain.mapping import ConfidenceClass
from bioecon.domain.model import PlanBundle
from bioecon.domain.periods import Period
from bioecon.domain.progress import Status
from bioecon.domain.tiers import tier_of_indicator
from bioecon.messages import Lang, page_strings
from bioecon.services import enterprises as enterprise_service
from bioecon.services import evaluation as evaluation_service
from bioecon.services import ledger as ledger_service
from bioecon.services import plans as plan_service
from bioecon.services import projects as project_service
from bioecon.services import quality as quality_service
from bioecon.web.deps import actor_of, default_as_of, page_context
from bioecon.web.deps import app_of as _app
from bioecon.web.i18n import speaker
from bioecon.web.params import Page
from bioecon.web.spans import Span, highlight

router = APIRouter(include_in_schema=False)
COMPARABLE = ("bio_economy_scale", "biomedicine_scale", "biomanufacturing_scale")


def page_language(request: Request) -> Lang:
    lang = request.query_params.get("lang") or request.cookies.get("lang") or "zh"
    return "en" if lang == "en" else "zh"


def render(request: Request, template: str, **context: Any) -> Response:
    lang = page_language(request)
    response = request.app.state.templates.TemplateResponse(
        request,
        template,
        {
            "t": page_strings(lang),
            "say": speaker(lang),
            "lang": lang,
            "simulated": request.app.state.simulated,
            **page_context(request),
            **context,
        },
    )
    if request.query_params.get("lang"):
        response.set_cookie("lang", lang, samesite="lax")
    assert isinstance(response, Response)
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    actor = actor_of(request)
    app = _app(request)
    as_of = default_as_of(app, actor)
    cards = []
    for plan in plan_service.list_plans(app, actor=actor):
        counts = Counter(
            i.evaluation.status
            for i in evaluation_service.evaluate_plan(app, actor=actor, plan=plan.code, as_of=as_of)
        )
        statuses = {status: counts[status] for status in Status if counts[status]}  # in order
        last = quality_service.latest_data_month(app, actor=actor, plan=plan.code)
        cards.append({"plan": plan, "statuses": statuses, "last_data": last})
    return render(
        request,
        "home.html",
        cards=cards,
        as_of=as_of,
        last_data=quality_service.latest_data_month(app, actor=actor),
    )


@router.get("/plans/{code}", response_class=HTMLResponse)
def plan(request: Request, code: str, as_of: str | None = None) -> Response:
    actor = actor_of(request)
    app = _app(request)
    period = Period.parse(as_of) if as_of else default_as_of(app, actor)
    bundle = plan_service.get_plan(app, actor=actor, reference=code)
    names = {u.code: u.name for u in bundle.responsible_units}
    evaluations = evaluation_service.evaluate_plan(app, actor=actor, plan=code, as_of=period)
    projects = project_service.plan_projects(app, actor=actor, plan=bundle.plan.code)
    return render(
        request,
        "plan.html",
        bundle=bundle,
        evaluations=evaluations,
        as_of=period,
        unit_names=names,
        projects=projects,
        low_confidence=_low_confidence(bundle),
    )


def _low_confidence(bundle: PlanBundle) -> set[str]:
    """Keys of the targets mapped below high confidence (低置信度, docs/indicators.md)."""
    rules = mapping_rules()
    return {
        t.key
        for t in bundle.targets
        if t.indicator
        and t.mapping_confidence is not None
        and rules.level(t.mapping_confidence) is not ConfidenceClass.HIGH
    }


@router.get("/plans/{code}/text", response_class=HTMLResponse)
def plan_text(request: Request, code: str) -> Response:
    actor = actor_of(request)
    bundle = plan_service.get_plan(_app(request), actor=actor, reference=code)
    text = bundle.plan.source_text or ""
    return render(request, "text.html", bundle=bundle, body=highlight(text, plan_spans(bundle)))


def plan_spans(bundle: PlanBundle) -> list[Span]:
    """The span of every target with a source, and of every task whose paragraph is found at
    its offset in the plan's text."""
    text = bundle.plan.source_text or ""
    spans = [Span(t.source.start, t.source.end, t.key) for t in bundle.targets if t.source]
    for task in bundle.tasks:
        if task.start is not None and task.text:
            end = task.start + len(task.text)
            if text[task.start : end] == task.text:
                spans.append(Span(task.start, end, task.key))
    return spans


@router.get("/indicators/{indicator}", response_class=HTMLResponse)
def indicator_page(
    request: Request,
    indicator: str,
    org_unit: str,
    first: str | None = None,
    last: str | None = None,
) -> Response:
    actor = actor_of(request)
    app = _app(request)
    end = Period.parse(last) if last else default_as_of(app, actor)
    start = Period.parse(first) if first else end.shift(-23)
    measured = ledger_service.indicator(app, actor=actor, code=indicator)
    entries = ledger_service.ledger(
        app, actor=actor, indicator=indicator, org_units=[org_unit], first=start, last=end
    )
    around = plan_service.org_unit_context(app, actor=actor, code=org_unit)
    children = around.children
    _, flags = quality_service.check_data(
        app,
        actor=actor,
        as_of=end,
        indicator=indicator,
        org_units=[org_unit, *(c for c, _ in children)],
    )
    published = [
        f for f in published_figures() if f["indicator"] == indicator and f["org_unit"] == org_unit
    ]
    chart = {
        "published": [
            [f"{f['year']}-12", f["value"]]
            for f in published
            if start <= Period.month(f["year"], 12) <= end
        ],
        "periods": [str(e.period) for e in entries],
        "value": [float(e.value) if e.value is not None else None for e in entries],
        "ytd": [float(e.ytd) if e.ytd is not None else None for e in entries],
        "yoy": [round(e.yoy, 1) if e.yoy is not None else None for e in entries],
    }
    return render(
        request,
        "indicator.html",
        indicator=indicator,
        measured=measured,
        org_unit=org_unit,
        org_name=around.name,
        unit_names=around.names,
        entries=entries,
        children=children,
        flags=flags,
        chart=chart,
        first=start,
        last=end,
    )


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request) -> Response:
    actor = actor_of(request)
    app = _app(request)
    as_of = default_as_of(app, actor)
    found: list[tuple[Any, Any]] = []
    for plan in plan_service.list_plans(app, actor=actor):
        for item in evaluation_service.evaluate_plan(app, actor=actor, plan=plan.code, as_of=as_of):
            indicator = item.target.indicator
            if indicator in COMPARABLE or tier_of_indicator(indicator):
                found.append((plan, item))
    found.sort(key=lambda pair: (pair[1].target.indicator or "", pair[0].code))
    rows = [{"plan": plan, "item": item} for plan, item in found]
    shown = {item.target.indicator for _, item in found} & set(COMPARABLE)
    names = {
        code: ledger_service.indicator(app, actor=actor, code=code).name for code in sorted(shown)
    }
    names |= _tier_names()
    return render(request, "compare.html", rows=rows, as_of=as_of, names=names)


@router.get("/enterprises", response_class=HTMLResponse)
def enterprises(
    request: Request,
    page: Page = 1,
    category: str | None = None,
    org_unit: str | None = None,
    flag: str | None = None,
    tier: str | None = None,
    q: str | None = None,
) -> Response:
    actor = actor_of(request)
    app = _app(request)
    found = enterprise_service.enterprise_directory(
        app,
        actor=actor,
        page=page,
        size=50,
        category=category or None,
        org_unit=org_unit or None,
        flag=flag or None,
        tier=tier or None,
        search=q or None,
    )
    as_of = default_as_of(app, actor)
    tier_targets = [
        (plan, item)
        for plan in plan_service.list_plans(app, actor=actor)
        for item in evaluation_service.evaluate_plan(app, actor=actor, plan=plan.code, as_of=as_of)
        if tier_of_indicator(item.target.indicator)
    ]
    return render(
        request,
        "enterprises.html",
        found=found,
        category=category or "",
        org_unit=org_unit or "",
        flag=flag or "",
        tier=tier or "",
        tiers=tier_catalogue(),
        tier_names=_tier_names(),
        q=q or "",
        tier_targets=tier_targets,
        as_of=as_of,
    )


@router.get("/enterprises/{uscc}", response_class=HTMLResponse)
def enterprise(request: Request, uscc: str) -> Response:
    actor = actor_of(request)
    record, years, category = enterprise_service.enterprise_detail(
        _app(request), actor=actor, uscc=uscc
    )
    return render(request, "enterprise.html", record=record, years=years, category=category)


def _tier_names() -> dict[str, str]:
    """Each tier's name by its indicator (tier.revenue_100yi → 年营业收入100亿元以上)."""
    return {rule.indicator: rule.name for rule in tier_catalogue().values()}


def yi(value: Decimal | float | None, unit: str | None = None) -> str:
    """Amounts with two decimals (亿元 …), counts as whole numbers; — when missing."""
    if value is None:
        return "—"
    if unit is not None and unit_registry().is_count(unit) and float(value) == int(float(value)):
        return f"{int(float(value)):,}"
    return f"{float(value):,.2f}"


def rate(value: float | None) -> str:
    """One decimal; a rate that rounds to zero reads 0.0, never -0.0."""
    return "—" if value is None else f"{round(value, 1) + 0.0:.1f}"
