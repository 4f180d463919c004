"""Server-rendered pages. Every page shows the 模拟数据 notice when the app serves simulated data."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from bioecon.catalogs import (
    indicator_catalogue,
    mapping_rules,
    published_figures,
    tier_catalogue,
    unit_registry,
)
from bioecon.domain.catalogue import IndicatorSource, source_of_code
from bioecon.domain.mapping import ConfidenceClass
from bioecon.domain.model import PlanBundle
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.tiers import tier_of_indicator
from bioecon.messages import Lang, page_strings
from bioecon.services import enterprises as enterprise_service
from bioecon.services import evaluation as evaluation_service
from bioecon.services import indicators as indicator_service
from bioecon.services import ledger as ledger_service
from bioecon.services import orgunits as orgunit_service
from bioecon.services import overview as overview_service
from bioecon.services import plans as plan_service
from bioecon.services import projects as project_service
from bioecon.services import quality as quality_service
from bioecon.web.deps import actor_of, default_as_of, page_context
from bioecon.web.deps import app_of as _app
from bioecon.web.downloads import FORMATS, download
from bioecon.web.i18n import speaker
from bioecon.web.params import MONTH_PATTERN, AsOf, Page
from bioecon.web.spans import Span, highlight
from bioecon.web.wording import correction_words, cut, indicator_name, unit_label

router = APIRouter(include_in_schema=False)


def page_language(request: Request) -> Lang:
    lang = request.query_params.get("lang") or request.cookies.get("lang") or "zh"
    return "en" if lang == "en" else "zh"


def requested_month(request: Request) -> str | None:
    """The as-of month the reader chose (``?as_of=2025-06``), when it is one."""
    value = request.query_params.get("as_of")
    return value if value and re.fullmatch(MONTH_PATTERN, value) else None


def linker(request: Request) -> Callable[..., str]:
    """``href(path, **query)`` in templates: the link with its query and the as-of month the
    reader chose, so every page the reader goes on to is judged at the same month."""
    month = requested_month(request)

    def href(path: str, **query: object) -> str:
        path, hash_mark, fragment = path.partition("#")
        path, _, given = path.partition("?")
        values = [
            (k, v)
            for k, v in parse_qsl(given, keep_blank_values=True)
            if k != "as_of" and k not in query
        ]
        values += [(k, str(v)) for k, v in query.items() if v is not None and v != ""]
        if month:
            values.append(("as_of", month))
        text = path + ("?" + urlencode(values) if values else "")
        return text + hash_mark + fragment

    return href


def here_linker(request: Request) -> Callable[..., str]:
    """``here(**query)`` in templates: this page again with ``query`` changed (a download, the
    other language), through :func:`linker`, so it keeps the as-of month as every link does."""
    href = linker(request)

    def here(**query: object) -> str:
        query_text = request.url.query
        return href(request.url.path + ("?" + query_text if query_text else ""), **query)

    return here


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
            "cut": cut,
            "unit_name": partial(unit_label, lang=lang),
            "href": linker(request),
            "here": here_linker(request),
            "chosen_month": requested_month(request),
            **page_context(request),
            **context,
        },
    )
    if request.query_params.get("lang"):
        response.set_cookie("lang", lang, samesite="lax")
    assert isinstance(response, Response)
    wanted, file_format = request.query_params.get("download"), request.query_params.get("format")
    if wanted and file_format in FORMATS and template != "error.html":
        name = f"bioecon-{template.removesuffix('.html')}-{wanted}"
        if requested_month(request):
            name += f"-{requested_month(request)}"
        return download(bytes(response.body).decode("utf-8"), wanted, file_format, name=name)
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request, as_of: AsOf = None) -> Response:
    """The overview for leaders: every plan's tile, the 预警 list, trends and rankings."""
    actor = actor_of(request)
    app = _app(request)
    last_data = quality_service.latest_data_month(app, actor=actor)
    month = Period.parse(as_of) if as_of else default_as_of(app, actor, latest=last_data)
    found = overview_service.overview(app, actor=actor, as_of=month)
    lang = page_language(request)
    charts = [
        chart
        for tile in found.tiles
        for chart in (*(_trend(tile, h, lang) for h in tile.headlines), _ranking(tile, lang))
        if chart is not None
    ]
    return render(
        request,
        "home.html",
        overview=found,
        as_of=month,
        charts=charts,
        last_data=last_data,
    )


def _trend(
    tile: overview_service.PlanTile, line: overview_service.Headline, lang: Lang
) -> dict[str, Any] | None:
    """A headline target's chart: the yearly actuals and the path from base to target."""
    if not line.path:
        return None
    years = sorted({y for y, _ in line.actual} | {y for y, _ in line.path})
    actual = dict(line.actual)
    path = dict(line.path)
    return {
        "id": f"trend-{tile.code}-{line.key}",
        "kind": "trend",
        "title": f"{tile.region_name} · {indicator_name(line.indicator, lang)}",
        "unit": line.unit,
        "years": [str(y) for y in years],
        "actual": [actual.get(y) for y in years],
        "path": [round(path[y], 2) if y in path else None for y in years],
    }


def _ranking(tile: overview_service.PlanTile, lang: Lang) -> dict[str, Any] | None:
    """The districts of a plan's region on its first headline indicator, largest first."""
    if not tile.districts or tile.district_indicator is None:
        return None
    return {
        "id": f"rank-{tile.code}",
        "kind": "bars",
        "title": f"{tile.region_name} · {indicator_name(tile.district_indicator, lang)}",
        "unit": tile.district_indicator.unit,
        "names": [d.name for d in tile.districts],
        "values": [float(d.value) for d in tile.districts],
    }


@router.get("/plans/{code}", response_class=HTMLResponse)
def plan(request: Request, code: str, as_of: AsOf = None) -> Response:
    actor = actor_of(request)
    app = _app(request)
    period = Period.parse(as_of) if as_of else default_as_of(app, actor)
    bundle = plan_service.get_plan(app, actor=actor, reference=code)
    names = {u.code: u.name for u in bundle.responsible_units}
    evaluations = evaluation_service.evaluate_plan(app, actor=actor, plan=code, as_of=period)
    projects = project_service.plan_projects(app, actor=actor, plan=bundle.plan.code)
    regions = _region_names(request)
    indicators = {
        i.code: indicator_name(i, page_language(request))
        for i in indicator_service.list_indicators(app, actor=actor)
    }
    corrections = {
        t.key: found
        for t in bundle.targets
        if (
            found := correction_words(
                t.note, page_language(request), units=regions, indicators=indicators
            )
        )
    }
    return render(
        request,
        "plan.html",
        bundle=bundle,
        evaluations=evaluations,
        as_of=period,
        unit_names=names,
        region_names=regions,
        corrections=corrections,
        projects=projects,
        low_confidence=_low_confidence(bundle),
        last_data=quality_service.latest_data_month(app, actor=actor, plan=bundle.plan.code),
    )


def _region_names(request: Request) -> dict[str, str]:
    """The names of the org units the caller reads (and those above them), by code."""
    units = orgunit_service.list_org_units(_app(request), actor=actor_of(request))
    return {u.code: u.name for u in units}


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


@router.get("/indicators", response_class=HTMLResponse)
def indicator_index(request: Request) -> Response:
    """指标目录: every indicator of the database, with the targets that use it."""
    actor = actor_of(request)
    app = _app(request)
    used: dict[str, list[dict[str, Any]]] = {}
    for summary in plan_service.list_plans(app, actor=actor):
        bundle = plan_service.get_plan(app, actor=actor, reference=summary.code)
        for target in bundle.targets:
            if target.indicator:
                used.setdefault(target.indicator, []).append(
                    {
                        "plan": summary,
                        "target": target,
                        "org_unit": target.subject_org_unit or bundle.plan.region,
                    }
                )
    found = sorted(
        indicator_service.list_indicators(app, actor=actor),
        key=lambda i: (source_of_code(i.code) is not IndicatorSource.LEDGER, i.code),
    )
    rows = [
        {"indicator": i, "source": source_of_code(i.code), "used": used.get(i.code, [])}
        for i in found
    ]
    return render(request, "indicators.html", rows=rows, ledger=IndicatorSource.LEDGER)


@router.get("/indicators/{indicator}", response_class=HTMLResponse)
def indicator_page(
    request: Request,
    indicator: str,
    org_unit: str,
    first: str | None = None,
    last: str | None = None,
    as_of: AsOf = None,
    plan: str | None = None,
    target: str | None = None,
) -> Response:
    """An indicator at one org unit over two years of its own periods (months, quarters or
    years) up to the as-of month, with its sub-units and data-quality flags; ``plan`` and
    ``target`` (the plan page's links carry them) give the breadcrumb back up."""
    actor = actor_of(request)
    app = _app(request)
    month = Period.parse(as_of) if as_of else default_as_of(app, actor)
    measured = ledger_service.indicator(app, actor=actor, code=indicator)
    kind = PeriodType(measured.period_type)
    end = Period.parse(last).to(kind) if last else month.to(kind)
    start = Period.parse(first).to(kind) if first else end.shift(-_SPAN[kind])
    entries = ledger_service.ledger(
        app, actor=actor, indicator=indicator, org_units=[org_unit], first=start, last=end
    )
    around = plan_service.org_unit_context(app, actor=actor, code=org_unit)
    children = around.children
    _, flags = quality_service.check_data(
        app,
        actor=actor,
        as_of=month,
        indicator=indicator,
        org_units=[org_unit, *(c for c, _ in children)],
    )
    published = [
        f for f in published_figures() if f["indicator"] == indicator and f["org_unit"] == org_unit
    ]
    chart = {
        "published": [
            [str(Period.month(f["year"], 12).to(kind)), f["value"]]
            for f in published
            if start <= Period.month(f["year"], 12).to(kind) <= end
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
        published=published,
        first=start,
        last=end,
        as_of=month,
        crumbs=_crumbs(request, plan, target),
    )


_SPAN = {PeriodType.MONTH: 23, PeriodType.QUARTER: 11, PeriodType.YEAR: 9}
"""Periods before the last one an indicator page shows: two years of months, three of
quarters, ten years."""


def _crumbs(request: Request, plan: str | None, key: str | None) -> dict[str, Any] | None:
    """The plan and target an indicator page was reached from (plan → target → indicator)."""
    if plan is None:
        return None
    bundle = plan_service.get_plan(_app(request), actor=actor_of(request), reference=plan)
    target = next((t for t in bundle.targets if t.key == key), None)
    return {"plan": bundle.plan, "target": target}


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request, as_of: AsOf = None) -> Response:
    """城市对比: the targets of two or more plans on one indicator of the catalogue, side by side."""
    actor = actor_of(request)
    app = _app(request)
    month = Period.parse(as_of) if as_of else default_as_of(app, actor)
    catalogue = indicator_catalogue()
    found: list[tuple[Any, Any]] = [
        (plan, item)
        for plan in plan_service.list_plans(app, actor=actor)
        for item in evaluation_service.evaluate_plan(app, actor=actor, plan=plan.code, as_of=month)
        if item.target.indicator in catalogue
    ]
    plans_on: dict[str, set[str]] = {}
    for plan, item in found:
        plans_on.setdefault(item.target.indicator, set()).add(plan.code)
    shown = [(p, i) for p, i in found if len(plans_on[i.target.indicator]) > 1]
    shown.sort(key=lambda pair: (pair[1].target.indicator or "", pair[0].code, pair[1].target.key))
    lang = page_language(request)
    names = {
        i.code: indicator_name(i, lang)
        for i in indicator_service.list_indicators(app, actor=actor)
        if i.code in plans_on
    }
    rows = [{"plan": plan, "item": item} for plan, item in shown]
    return render(request, "compare.html", rows=rows, as_of=month, names=names)


@router.get("/enterprises", response_class=HTMLResponse)
def enterprises(
    request: Request,
    page: Page = 1,
    category: str | None = None,
    org_unit: str | None = None,
    flag: str | None = None,
    tier: str | None = None,
    q: str | None = None,
    as_of: AsOf = None,
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
    month = Period.parse(as_of) if as_of else default_as_of(app, actor)
    tier_targets = [
        (plan, item)
        for plan in plan_service.list_plans(app, actor=actor)
        for item in evaluation_service.evaluate_plan(app, actor=actor, plan=plan.code, as_of=month)
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
        regions=orgunit_service.list_org_units(app, actor=actor),
        tier_targets=tier_targets,
        as_of=month,
    )


@router.get("/enterprises/{uscc}", response_class=HTMLResponse)
def enterprise(request: Request, uscc: str) -> Response:
    actor = actor_of(request)
    record, years, category = enterprise_service.enterprise_detail(
        _app(request), actor=actor, uscc=uscc
    )
    return render(
        request,
        "enterprise.html",
        record=record,
        years=years,
        category=category,
        region_names=_region_names(request),
    )


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
