"""The reporting workflow's pages (填报与审核): what is due for the caller's units, the entry
form of one data set, unit and period, and the review queue. Every change goes through the
use cases (:mod:`bioecon.services.entry`, :mod:`bioecon.services.review`), which check the
caller's role and scope; the forms carry the CSRF token like every form of the app."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile as StarletteUpload

from bioecon.catalogs import role_book
from bioecon.domain.access import Action
from bioecon.domain.data_sets import on_time_rates_of
from bioecon.domain.model import ObservationStatus, ReportingBasis
from bioecon.domain.periods import Period
from bioecon.domain.reporting_calendar import Timeliness
from bioecon.domain.review import ReviewStep
from bioecon.errors import InvalidInput, InvalidValue, Problem
from bioecon.io.entry_template import write_entry_template
from bioecon.io.observations import read_observation_file
from bioecon.services import data_sets as data_set_service
from bioecon.services import entry as entry_service
from bioecon.services import orgunits as orgunit_service
from bioecon.services import review as review_service
from bioecon.services.review import ValueKey
from bioecon.web.auth import origin_of, safe_next
from bioecon.web.deps import actor_of, app_of
from bioecon.web.pages import render

router = APIRouter(include_in_schema=False)
MAX_FIELD = 64  # characters of one entered value (the importer's cell bound is far above)
MAX_NOTE = 500
MAX_UPLOAD = 2 * 1024 * 1024  # a template of a few dozen indicators is ~10 KB
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NO_FILE = "请选择要上传的填报模板（.xlsx）"
ATTENTION = (Timeliness.OVERDUE, Timeliness.NOT_DUE)  # listed first: still to be reported


@router.get("/reporting")
def reporting_page(request: Request) -> Response:
    """填报任务: each data set's periods for the caller's units, the unreported ones first
    (the 催报 list), then each unit's 按时报送率 over the periods already due."""
    app, actor = app_of(request), actor_of(request)
    today = date.today()
    names = {unit.code: unit.name for unit in orgunit_service.list_org_units(app, actor=actor)}
    rows, rates = [], []
    for data_set in data_set_service.list_data_sets(app, actor=actor):
        standings = data_set_service.reporting_status(
            app, actor=actor, code=data_set.code, today=today
        )
        rows += [(data_set, s) for s in standings]
        rates += [(data_set, r) for r in on_time_rates_of(standings) if r.due]
    rows.sort(
        key=lambda r: (r[1].timeliness not in ATTENTION, -r[1].period.end_ordinal, r[1].org_unit)
    )
    book = role_book()
    return render(
        request,
        "reporting.html",
        rows=rows,
        rates=rates,
        overdue=sum(1 for _, s in rows if s.timeliness is Timeliness.OVERDUE),
        names=names,
        may_report=book.grants(actor.role, Action.REPORT),
        may_review=book.grants(actor.role, Action.REVIEW),
    )


def _sheet_context(request: Request, code: str, org_unit: str, period: Period) -> dict[str, Any]:
    app, actor = app_of(request), actor_of(request)
    sheet = entry_service.entry_sheet(app, actor=actor, code=code, org_unit=org_unit, period=period)
    keys = {
        f.indicator.code: ValueKey(f.indicator.code, org_unit, period, f.indicator.basis)
        for f in sheet.fields
    }
    notes = review_service.review_notes(app, actor=actor, keys=list(keys.values()))
    return {
        "sheet": sheet,
        "notes": {code_: notes[key] for code_, key in keys.items() if key in notes},
        "draft": ObservationStatus.DRAFT,
        "submitted": ObservationStatus.SUBMITTED,
        "approved": ObservationStatus.APPROVED,
    }


@router.get("/reporting/{code}/{org_unit}/{period}")
def entry_page(request: Request, code: str, org_unit: str, period: str) -> Response:
    """The entry form: each indicator with 上期值 and 去年同期值 beside its field."""
    context = _sheet_context(request, code, org_unit, Period.parse(period))
    saved = request.query_params.get("saved")
    return render(request, "entry.html", **context, entered={}, problems=[], saved=saved)


@router.post("/reporting/{code}/{org_unit}/{period}")
async def save_entry(request: Request, code: str, org_unit: str, period: str) -> Response:
    """保存草稿 or 报送: a bad field re-shows the form, the problem beside the field (422)."""
    form = await request.form()
    entered = {
        key.removeprefix("value."): str(value)[:MAX_FIELD]
        for key, value in form.items()
        if key.startswith("value.") and isinstance(value, str)
    }
    submit = form.get("step") == ReviewStep.SUBMIT.value
    asked = Period.parse(period)
    try:
        saved = entry_service.save_entry(
            app_of(request), actor=actor_of(request), origin=origin_of(request), code=code,
            org_unit=org_unit, period=asked, values=entered, submit=submit,
        )  # fmt: skip
    except InvalidInput as refused:
        return _refused_form(request, code, org_unit, asked, entered, list(refused.problems))
    target = f"/reporting/{code}/{org_unit}/{asked}?saved={saved.status.value}"
    return RedirectResponse(target, status_code=303)


def _refused_form(
    request: Request,
    code: str,
    org_unit: str,
    period: Period,
    entered: dict[str, str],
    problems: list[Problem],
) -> Response:
    context = _sheet_context(request, code, org_unit, period)
    response = render(
        request, "entry.html", **context, entered=entered, problems=problems, saved=None
    )
    response.status_code = 422
    return response


@router.get("/reporting/{code}/{org_unit}/{period}/template.xlsx")
def entry_template(request: Request, code: str, org_unit: str, period: str) -> Response:
    """The XLSX entry template of this sheet (the same file as `bioecon datasets template`)."""
    app, actor = app_of(request), actor_of(request)
    asked = Period.parse(period)
    sheet = entry_service.entry_sheet(app, actor=actor, code=code, org_unit=org_unit, period=asked)
    with TemporaryDirectory() as folder:
        path = Path(folder) / "template.xlsx"
        write_entry_template(path, sheet)
        body = path.read_bytes()
    name = f"{sheet.data_set.name}-{sheet.org_unit_name}-{asked}.xlsx"
    disposition = f"attachment; filename=template.xlsx; filename*=UTF-8''{quote(name)}"
    return Response(body, media_type=XLSX, headers={"Content-Disposition": disposition})


@router.post("/reporting/{code}/{org_unit}/{period}/upload")
async def upload_entry(request: Request, code: str, org_unit: str, period: str) -> Response:
    """An uploaded template, saved as the form would be (保存草稿 or 报送)."""
    form = await request.form()
    upload = form.get("file")
    asked = Period.parse(period)
    submit = form.get("step") == ReviewStep.SUBMIT.value
    if not isinstance(upload, StarletteUpload) or not upload.filename:
        return _refused_form(request, code, org_unit, asked, {}, [Problem("", NO_FILE)])
    content = await upload.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        too_big = Problem(upload.filename, f"文件超过 {MAX_UPLOAD // 1024} KB，不是本表的填报模板")
        return _refused_form(request, code, org_unit, asked, {}, [too_big])
    try:
        with TemporaryDirectory() as folder:
            path = Path(folder) / Path(upload.filename).name
            path.write_bytes(content)
            saved = entry_service.upload_entry(
                app_of(request), actor=actor_of(request), origin=origin_of(request), code=code,
                org_unit=org_unit, period=asked, parsed=read_observation_file(path),
                submit=submit,
            )  # fmt: skip
    except InvalidInput as refused:
        return _refused_form(request, code, org_unit, asked, {}, list(refused.problems))
    target = f"/reporting/{code}/{org_unit}/{asked}?saved={saved.status.value}"
    return RedirectResponse(target, status_code=303)


@router.get("/review")
def review_page(request: Request) -> Response:
    """待审核: the submitted values in the caller's review scope, each to approve or return."""
    app, actor = app_of(request), actor_of(request)
    queue = review_service.review_queue(app, actor=actor)
    return render(request, "review.html", queue=queue, done=request.query_params.get("done"))


@router.post("/review")
def review_step(
    request: Request,
    indicator: Annotated[str, Form(max_length=80)],
    org_unit: Annotated[str, Form(max_length=80)],
    period: Annotated[str, Form(max_length=10)],
    basis: Annotated[str, Form(max_length=20)],
    step: Annotated[str, Form(max_length=20)],
    seen: Annotated[str, Form(max_length=MAX_FIELD)],
    sector: Annotated[str, Form(max_length=80)] = "",
    note: Annotated[str, Form(max_length=MAX_NOTE)] = "",
    back: Annotated[str, Form(max_length=200)] = "/review",
) -> Response:
    """审核通过 / 退回 (with a comment) / 重新打开 (with a reason) one value, if it is still
    the value the reviewer saw."""
    try:
        key = ValueKey(indicator, org_unit, Period.parse(period), ReportingBasis(basis), sector)
        chosen = ReviewStep(step)
        shown = Decimal(seen)
    except (ValueError, ArithmeticError) as bad:
        raise InvalidValue(f"review form: {bad}") from None
    review_service.review_value(
        app_of(request), actor=actor_of(request), key=key, step=chosen,
        origin=origin_of(request), note=note or None, seen=shown,
    )  # fmt: skip
    target = safe_next(back, default="/review")
    return RedirectResponse(f"{target}?done={chosen.value}", status_code=303)
