"""The bulletins page (统计监测月报): build a plan's monthly bulletin as .docx, PDF or HTML
and download it, publish it (plan office: the use case checks), and download a published
one again from its record. Every figure comes from :mod:`bioecon.services.reports`; the
forms carry the CSRF token like every form of the app."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bioecon.catalogs import role_book
from bioecon.domain.access import Action
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.reporting_calendar import BEIJING, Timeliness, office_day
from bioecon.errors import InvalidValue
from bioecon.reports.narrative import compose
from bioecon.reports.output import MEDIA_TYPES, write_report
from bioecon.reports.record import KIND_ANNUAL, KIND_MONTHLY, KIND_QUARTERLY, Bulletin
from bioecon.services import plans as plan_service
from bioecon.services import quality as quality_service
from bioecon.services import reports as report_service
from bioecon.web.deps import actor_of, app_of
from bioecon.web.pages import render

router = APIRouter(include_in_schema=False)
MAX_FIELD = 80  # characters of a plan code or a month in the form


@router.get("/reports")
def reports_page(request: Request) -> Response:
    """Each plan the caller reads with its latest month, and the bulletins published."""
    app, actor = app_of(request), actor_of(request)
    plans = [
        (plan, quality_service.latest_data_month(app, actor=actor, plan=plan.code))
        for plan in plan_service.list_plans(app, actor=actor)
    ]
    year = office_day(datetime.now(UTC)).year
    calendars = []
    for plan, _ in plans:
        releases = report_service.release_calendar(app, actor=actor, plan=plan.code, year=year)
        overdue = [r for r in releases if r.timeliness is Timeliness.OVERDUE]
        upcoming = next((r for r in releases if r.timeliness is Timeliness.NOT_DUE), None)
        calendars.append((plan, overdue, upcoming))
    return render(
        request,
        "reports.html",
        plans=plans,
        year=year,
        calendars=calendars,
        published=report_service.list_published(app, actor=actor),
        formats=list(MEDIA_TYPES),
        may_publish=role_book().grants(actor.role, Action.MANAGE_PLANS),
        beijing=BEIJING,
    )


def _last_quarter_by(period: Period) -> Period:
    """The last quarter that ends by ``period``'s month: 2026-09 → 2026Q3, 2026-11 → 2026Q3
    (the form asks for a month; a 季报 is of a quarter whose figures are all in)."""
    if period.type is not PeriodType.MONTH:
        return period
    quarter = period.to(PeriodType.QUARTER)
    return quarter if quarter.last_month == period.index else quarter.previous()


def _last_year_by(period: Period) -> Period:
    """The last year that ends by ``period``'s month: 2026-12 → 2026, 2026-11 → 2025."""
    if period.type is not PeriodType.MONTH:
        return period
    return Period.of_year(period.year if period.index == 12 else period.year - 1)


@router.post("/reports")
async def build_report(request: Request) -> Response:
    """The bulletin of the form's plan and month as a download; published when asked."""
    form = await request.form()
    names = ("plan", "period", "format", "kind")
    fields = {k: str(form.get(k, "")).strip()[:MAX_FIELD] for k in names}
    suffix = fields["format"] if fields["format"] in MEDIA_TYPES else ""
    if not suffix:
        raise InvalidValue(f"format：须为 {'、'.join(MEDIA_TYPES)} 之一")
    kind = fields["kind"] or KIND_MONTHLY
    app, actor, month = app_of(request), actor_of(request), Period.parse(fields["period"])
    if kind == KIND_QUARTERLY:
        month = _last_quarter_by(month)
    elif kind == KIND_ANNUAL:
        month = _last_year_by(month)
    if form.get("publish"):
        published, bulletin = report_service.publish_bulletin(
            app, actor=actor, plan=fields["plan"], kind=kind, period=month
        )
        return _download(bulletin, suffix, published.built_at)
    bulletin = report_service.bulletin_of(
        app, actor=actor, plan=fields["plan"], kind=kind, period=month
    )
    return _download(bulletin, suffix, None)


@router.get("/reports/published/{report_id}/{suffix}")
def published_report(request: Request, report_id: int, suffix: str) -> Response:
    """A published bulletin again, from its record."""
    if f".{suffix}" not in MEDIA_TYPES:
        raise InvalidValue(f"{suffix}：须为 docx、pdf 或 html")
    published, bulletin = report_service.published_bulletin(
        app_of(request), actor=actor_of(request), report=report_id
    )
    return _download(bulletin, f".{suffix}", published.built_at)


def _download(bulletin: Bulletin, suffix: str, built_at: datetime | None) -> Response:
    """The file as an attachment named 《plan-month》; dated the day it was built (北京时间)."""
    issued = built_at.astimezone(BEIJING).date() if built_at else datetime.now(BEIJING).date()
    name = f"{bulletin.plan}-{bulletin.period}{suffix}"
    return Response(
        _rendered(bulletin, suffix, issued),
        media_type=MEDIA_TYPES[suffix],
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )


def _rendered(bulletin: Bulletin, suffix: str, issued: date) -> bytes:
    with TemporaryDirectory() as folder:
        path = Path(folder, f"bulletin{suffix}")
        write_report(compose(bulletin, issued_on=issued), path)
        return path.read_bytes()
