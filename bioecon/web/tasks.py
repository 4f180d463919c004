"""The task and 督办 pages: ``/plans/{code}/tasks`` (a plan's work items with their colours and
the preset explained), ``/tasks/{code}`` (a work item with its reports, evidence and notice
history, the department's report form, the office's notice form, the unit's reply and the
office's close/escalate forms), ``/units/{code}`` (a responsible unit's board: tasks, projects,
due reports, open notices), ``/notices`` (the 督办 list with filters) and ``/evidence/{id}``.
Every list is exported by ``?format=xlsx`` or ``?format=csv`` (UTF-8 with a BOM). Forms are
CSRF-protected like every form of the app; every read and write goes through
:mod:`bioecon.services.tasks` and :mod:`bioecon.services.notices`, which check the scope."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from bioecon.catalogs import notice_book, task_book, task_evidence_rules
from bioecon.domain.bodies import Body
from bioecon.domain.evidence import Attachment
from bioecon.domain.notices import NoticeFilter, NoticeKind, NoticeState, NoticeSubject
from bioecon.domain.periods import Period
from bioecon.domain.reporting_calendar import BEIJING
from bioecon.domain.tasks import TaskColour
from bioecon.errors import InvalidInput, InvalidValue, NotFound, Problem
from bioecon.io.tabular import Cell
from bioecon.io.task_output import (
    NOTICE_COLUMNS,
    TASK_COLUMNS,
    list_file,
    notice_rows,
    task_rows,
)
from bioecon.services import bodies as body_service
from bioecon.services import notices as notice_service
from bioecon.services import tasks as service
from bioecon.web.auth import origin_of
from bioecon.web.deps import actor_of, app_of
from bioecon.web.pages import render

router = APIRouter(include_in_schema=False)
Export = Annotated[Literal["xlsx", "csv"] | None, Query(alias="format")]
Day = Annotated[date | None, Query()]
Code = Annotated[str | None, Query(max_length=80)]
EvidenceId = Annotated[int, Path(ge=1, le=2**31 - 1)]  # an integer column's range
MAX_TEXT = 2000  # characters of a text field (a paragraph)
Text = Annotated[str, Form(max_length=MAX_TEXT)]


def _download(columns: tuple[str, ...], rows: list[list[Cell]], title: str, fmt: str) -> Response:
    body, media = list_file(columns, rows, title, fmt)
    name = f"{title}.{fmt}"
    disposition = f"attachment; filename=list.{fmt}; filename*=UTF-8''{quote(name)}"
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


def _colours(plan: str) -> list[tuple[TaskColour, str]]:
    """The plan's preset's colours with what each means, for the page's legend."""
    preset = task_book().preset_for(plan)
    meaning = preset.explanation or {}
    return [(c, meaning[c]) for c in TaskColour if c in meaning]


@router.get("/plans/{code}/tasks", response_class=HTMLResponse)
def plan_tasks_page(request: Request, code: str, on: Day = None, export: Export = None) -> Response:
    lines = service.plan_tasks(app_of(request), actor=actor_of(request), plan=code, today=on)
    if export is not None:
        return _download(TASK_COLUMNS, task_rows(lines), f"{code}-任务", export)
    return render(
        request,
        "tasks.html",
        plan=code,
        lines=lines,
        preset=task_book().preset_for(code),
        cadence=task_book().cadence_for(code),
        colours=_colours(code),
        on=on,
        bodies=_bodies(request, code),
    )


def _bodies(request: Request, plan: str) -> list[Body]:
    """The plan's bodies for a reader of the plan (a department sees its tasks only)."""
    try:
        return body_service.plan_bodies(app_of(request), actor=actor_of(request), plan=plan)
    except NotFound:
        return []


@router.get("/tasks/{code}", response_class=HTMLResponse)
def task_page(request: Request, code: str, on: Day = None) -> Response:
    return _task(request, code, on, problems=[], status=200)


def _task(
    request: Request, code: str, on: date | None, *, problems: list[Problem], status: int
) -> Response:
    app, actor = app_of(request), actor_of(request)
    page = service.task_page(app, actor=actor, code=code, today=on)
    item = page.line.item
    response = render(
        request,
        "task.html",
        page=page,
        item=item,
        status=page.line.status,
        colours=_colours(item.plan),
        reports_here=page.reports_here,
        manages=page.manages,
        replies=page.replies_for.__contains__,
        kinds=[notice_book().kinds[k] for k in NoticeKind],
        unit_names=dict(
            zip(
                item.lead_units + item.co_units,
                page.line.lead_names + page.line.co_names,
                strict=True,
            )
        ),
        evidence=task_evidence_rules(),
        problems=problems,
        done=request.query_params.get("done"),
        beijing=BEIJING,
    )
    response.status_code = status
    return response


@router.post("/tasks/{code}/report")
async def report_progress(request: Request, code: str) -> Response:
    """A period's progress from the form, with evidence files; a bad field re-shows the page
    with its problem (422)."""
    form = await request.form()
    fields = {
        k: str(form.get(k) or "")[:MAX_TEXT] for k in ("period", "text", "percent", "milestone")
    }
    problems: list[Problem] = []
    try:
        period = Period.parse(fields["period"])
    except InvalidValue as error:
        problems.append(Problem("报送期", str(error)))
    try:
        percent = Decimal(fields["percent"]) if fields["percent"].strip() else None
    except InvalidOperation:
        problems.append(Problem("完成进度", f"「{fields['percent']}」不是数字"))
    limit = task_evidence_rules().max_bytes
    files: list[Attachment] = []
    for upload in form.getlist("evidence"):
        if isinstance(upload, UploadFile) and upload.filename:
            content = await upload.read(limit + 1)
            media = upload.content_type or "application/octet-stream"
            files.append(Attachment(upload.filename, media, content))
    if problems:
        return _task(request, code, None, problems=problems, status=422)
    try:
        service.report_progress(
            app_of(request),
            actor=actor_of(request),
            origin=origin_of(request),
            item=code,
            period=period,
            text=fields["text"],
            percent=percent,
            milestone=fields["milestone"] or None,
            attachments=files,
        )
    except InvalidInput as refused:
        return _task(request, code, None, problems=list(refused.problems), status=422)
    return RedirectResponse(f"/tasks/{code}?done=report", status_code=303)


@router.get("/evidence/{evidence_id}")
def evidence_file(request: Request, evidence_id: EvidenceId) -> Response:
    found, content = service.evidence_file(
        app_of(request), actor=actor_of(request), evidence_id=evidence_id
    )
    disposition = f"attachment; filename=evidence; filename*=UTF-8''{quote(found.filename)}"
    return Response(
        content, media_type=found.media_type, headers={"Content-Disposition": disposition}
    )


@router.post("/tasks/{code}/notices")
def raise_notice(
    request: Request,
    code: str,
    kind: Annotated[NoticeKind, Form()],
    reason: Text,
    unit: Annotated[str, Form(max_length=80)] = "",
) -> Response:
    """The office raises a notice on the lagging task to one of its units."""
    try:
        notice_service.raise_notice(
            app_of(request),
            actor=actor_of(request),
            origin=origin_of(request),
            subject=NoticeSubject.TASK,
            code=code,
            kind=kind,
            reason=reason,
            unit=unit or None,
        )
    except InvalidInput as refused:
        return _task(request, code, None, problems=list(refused.problems), status=422)
    return RedirectResponse(f"/tasks/{code}?done=raise", status_code=303)


def _after(notice_code: str, request: Request, *, office: bool = True) -> str:
    """Back to the notice's task page; a project's notice: the project's page for the office,
    the 督办 list for the unit replying (it may not read the project's org unit)."""
    page = notice_service.notice_page(app_of(request), actor=actor_of(request), code=notice_code)
    if page.notice.subject is NoticeSubject.TASK:
        return f"/tasks/{page.notice.subject_code}"
    return f"/projects/{page.notice.subject_code}" if office else "/notices"


@router.post("/notices/{code}/reply")
def reply_notice(request: Request, code: str, measures: Text) -> Response:
    notice_service.reply_notice(
        app_of(request), actor=actor_of(request), origin=origin_of(request), code=code,
        measures=measures,
    )  # fmt: skip
    return RedirectResponse(f"{_after(code, request, office=False)}?done=reply", status_code=303)


@router.post("/notices/{code}/close")
def close_notice(request: Request, code: str, note: Text) -> Response:
    notice_service.close_notice(
        app_of(request), actor=actor_of(request), origin=origin_of(request), code=code, note=note
    )
    return RedirectResponse(f"{_after(code, request)}?done=close", status_code=303)


@router.post("/notices/{code}/escalate")
def escalate_notice(request: Request, code: str, reason: Text) -> Response:
    notice_service.escalate_notice(
        app_of(request), actor=actor_of(request), origin=origin_of(request), code=code,
        reason=reason,
    )  # fmt: skip
    return RedirectResponse(f"{_after(code, request)}?done=escalate", status_code=303)


@router.get("/notices", response_class=HTMLResponse)
def notices_page(
    request: Request,
    state: NoticeState | None = None,
    kind: NoticeKind | None = None,
    subject: NoticeSubject | None = None,
    unit: Code = None,
    overdue_on: Day = None,
    export: Export = None,
) -> Response:
    app, actor = app_of(request), actor_of(request)
    wanted = NoticeFilter(state, kind, subject, unit or None, overdue_on)
    found = notice_service.notice_list(app, actor=actor, wanted=wanted)
    names = notice_service.unit_names(app, actor=actor)
    if export is not None:
        return _download(NOTICE_COLUMNS, notice_rows(found, names), "督办", export)
    return render(
        request,
        "notices.html",
        notices=found,
        names=names,
        wanted=wanted,
        states=list(NoticeState),
        kinds=list(NoticeKind),
        subjects=list(NoticeSubject),
        counts=notice_service.notice_counts(app, actor=actor),
        beijing=BEIJING,
    )


@router.get("/units/{code}", response_class=HTMLResponse)
def unit_board(request: Request, code: str, on: Day = None, export: Export = None) -> Response:
    board = service.unit_board(app_of(request), actor=actor_of(request), unit=code, today=on)
    if export is not None:
        return _download(TASK_COLUMNS, task_rows(list(board.tasks)), f"{board.name}-任务", export)
    return render(request, "unit_board.html", board=board)
