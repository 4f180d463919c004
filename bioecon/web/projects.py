"""The key-project pages: ``/plans/{code}/projects`` (the plan's projects for a month with
their colours, filtered by stage, colour, org unit, category, list, 入库年份 and whether chosen
in the year's selection, the report's summary, and a year's selection (每年遴选) ranked with
its scores) and ``/projects/{code}`` (its record, stage timeline, progress entries with who
entered them and their photos — served by ``/evidence/{id}`` as task evidence is — and the
planned vs actual investment chart), with the progress form (and its photos) for those who
enter the project's progress: the department of its responsible unit, a reporter of its unit
(CSRF-protected like every form of the app). Every read and write goes through
:mod:`bioecon.services.projects`, which checks the caller's scope."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from bioecon.catalogs import (
    notice_book,
    progress_photo_rules,
    project_stages,
    selection_criteria,
)
from bioecon.domain.evidence import Attachment
from bioecon.domain.model import ProjectStage
from bioecon.domain.notices import NoticeKind, NoticeSubject
from bioecon.domain.periods import Period
from bioecon.domain.project_report import ProjectFilter
from bioecon.domain.project_warnings import Colour
from bioecon.domain.projects import Codelist
from bioecon.domain.reporting_calendar import BEIJING
from bioecon.errors import InvalidInput, Problem
from bioecon.io.project_files import read_progress_form
from bioecon.io.project_report_output import gap_text, percent
from bioecon.messages import label
from bioecon.services import notices as notice_service
from bioecon.services import orgunits as org_unit_service
from bioecon.services import projects as service
from bioecon.web.auth import origin_of
from bioecon.web.deps import actor_of, app_of
from bioecon.web.pages import page_language, render
from bioecon.web.params import AsOf

router = APIRouter(include_in_schema=False)
Year = Annotated[int | None, Query(ge=1949, le=2200)]
Text = Annotated[str | None, Query(max_length=80)]
FORM_FIELDS = ("period", "completed", "image_progress", "problems", "coordination")
MAX_FORM_TEXT = 2000  # characters of one text field of the progress form (a paragraph)


def _stage_namer(request: Request, codelist: Codelist) -> Callable[[ProjectStage], str]:
    """A stage by its name in the plan's codelist (Chinese pages), else by its label."""
    lang = page_language(request)
    known = {s.code for s in codelist.stages}

    def name(stage: ProjectStage) -> str:
        return codelist.name_of(stage) if lang == "zh" and stage in known else label(stage, lang)

    return name


def _last_month() -> Period:
    """The month a report is made for by default: the one before today's (北京时间)."""
    today = Period.containing(datetime.now(BEIJING).date())
    return Period.from_month_ordinal(today.year * 12 + today.index - 2)


@router.get("/plans/{code}/projects", response_class=HTMLResponse)
def plan_projects_page(
    request: Request,
    code: str,
    period: AsOf = None,
    stage: ProjectStage | None = None,
    colour: Colour | None = None,
    org_unit: Text = None,
    category: Text = None,
    listed: Text = None,
    year: Year = None,
    chosen: bool | None = None,
    selection: Year = None,
    as_of: AsOf = None,
) -> Response:
    """A plan's projects for the month ``period``, else the as-of month the reader chose,
    else the month before today's."""
    chosen_month = period or as_of
    month = Period.parse(chosen_month) if chosen_month else _last_month()
    app, actor = app_of(request), actor_of(request)
    report = service.project_report(app, actor=actor, plan=code, period=month)
    shown_year = selection or month.year
    candidates = service.project_selection(app, actor=actor, plan=code, year=shown_year)
    kept = ProjectFilter(
        stage, colour, org_unit or None, category or None, listed or None, year, chosen or None
    )
    return render(
        request,
        "projects.html",
        report=report,
        rows=[v for v in report.lines if kept.keeps(v)],
        chosen=kept,
        selection=candidates,
        selection_year=shown_year,
        criteria=selection_criteria(),
        codelist=project_stages().for_plan(code),
        stage_name=_stage_namer(request, project_stages().for_plan(code)),
        colours=list(Colour),
        percent=percent,
        gap_text=gap_text,
        unit_names=_unit_names(request),
    )


@router.get("/projects/{code}", response_class=HTMLResponse)
def project_page(request: Request, code: str, year: Year = None) -> Response:
    return _project(request, code, year, entered={}, problems=[], status=200)


def _project(
    request: Request,
    code: str,
    year: int | None,
    *,
    entered: dict[str, str],
    problems: list[Problem],
    status: int,
    notice_problems: list[Problem] | None = None,
) -> Response:
    app, actor = app_of(request), actor_of(request)
    page = service.project_page(app, actor=actor, code=code)
    notices = notice_service.project_notices(app, actor=actor, code=code)
    shown = year or max((e.period.year for e in page.progress), default=_last_month().year)
    response = render(
        request,
        "project.html",
        page=page,
        year=shown,
        chart=page.chart(shown),
        stage_name=_stage_namer(request, project_stages().for_plan(page.record.plan)),
        entered=entered,
        problems=problems,
        saved=request.query_params.get("saved"),
        unit_names=_unit_names(request),
        notices=notices,
        notice_unit_names=notice_service.unit_names(app, actor=actor),
        notice_problems=notice_problems,
        kinds=[notice_book().kinds[k] for k in NoticeKind],
        beijing=BEIJING,
        photo_rules=progress_photo_rules(),
    )
    response.status_code = status
    return response


def _unit_names(request: Request) -> dict[str, str]:
    """Org-unit code → name, of the units the caller reads (a project shows its unit's name)."""
    units = org_unit_service.list_org_units(app_of(request), actor=actor_of(request))
    return {unit.code: unit.name for unit in units}


@router.post("/projects/{code}/notices")
def raise_project_notice(
    request: Request,
    code: str,
    kind: Annotated[NoticeKind, Form()],
    reason: Annotated[str, Form(max_length=MAX_FORM_TEXT)],
    unit: Annotated[str, Form(max_length=80)] = "",
) -> Response:
    """The office raises a notice on the lagging project to its 责任单位; a refused one
    re-shows the page with its problem (422)."""
    try:
        notice_service.raise_notice(
            app_of(request),
            actor=actor_of(request),
            origin=origin_of(request),
            subject=NoticeSubject.PROJECT,
            code=code,
            kind=kind,
            reason=reason,
            unit=unit or None,
        )
    except InvalidInput as refused:
        return _project(
            request, code, None, entered={}, problems=[], status=422,
            notice_problems=list(refused.problems),
        )  # fmt: skip
    return RedirectResponse(f"/projects/{code}#notice-history", status_code=303)


@router.post("/projects/{code}/progress")
async def save_progress(request: Request, code: str) -> Response:
    """A month's progress from the form, with its photos; a bad field or photo re-shows the
    page with its problem (422)."""
    form = await request.form()
    entered: dict[str, Any] = {
        name: str(form.get(name) or "")[:MAX_FORM_TEXT] for name in FORM_FIELDS
    }
    limit = progress_photo_rules().max_bytes
    photos: list[Attachment] = []
    for upload in form.getlist("photos"):
        if isinstance(upload, UploadFile) and upload.filename:
            content = await upload.read(limit + 1)  # one byte over is enough to refuse it
            media = upload.content_type or "application/octet-stream"
            photos.append(Attachment(upload.filename[:200], media, content))
    parsed = read_progress_form(code, entered)
    try:
        service.load_project_progress(
            app_of(request),
            actor=actor_of(request),
            origin=origin_of(request),
            parsed=parsed,
            photos=photos,
        )
    except InvalidInput as refused:
        return _project(
            request, code, None, entered=entered, problems=list(refused.problems), status=422
        )
    return RedirectResponse(f"/projects/{code}?saved={entered['period']}", status_code=303)
