"""The assessment pages (考核): ``/assessment`` lists the stored schemes the reader may see
(their every assessed unit readable); ``/assessment/{code}`` shows a scheme — its year, units,
items with weights, method, polarity and evaluator groups — and its results: total, grade and
rank per unit, and every score's input, method and working. Without ``?as_of=`` the page
shows the latest published results as they were published (never scored again), or, when
none is published, the scheme scored as of the last complete month of its year; with
``?as_of=YYYY-MM`` of the scheme's year it scores the month (a 预考核); a month of another
year (the site-wide month the links carry) is set aside, and the page says so. Every table downloads as XLSX or CSV
(``?download=<table id>&format=xlsx``, :mod:`bioecon.web.downloads`). A plan office over
every assessed unit publishes the month shown (``POST /assessment/{code}/publish``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bioecon.domain.assessment import shown as number
from bioecon.domain.periods import Period
from bioecon.domain.reporting_calendar import BEIJING
from bioecon.services import assessment as service
from bioecon.web.auth import origin_of
from bioecon.web.deps import actor_of, app_of
from bioecon.web.pages import render
from bioecon.web.params import MONTH_PATTERN, AsOf

router = APIRouter(include_in_schema=False)


@router.get("/assessment", response_class=HTMLResponse)
def assessment_list(request: Request) -> Response:
    found = service.stored_schemes(app_of(request), actor=actor_of(request))
    return render(request, "assessments.html", schemes=found)


def default_month(year: int, today: Period) -> Period:
    """The month a scheme is scored as of when none is asked: the last complete month of
    its year (December once the year is over; January before the year's first month ends)."""
    last = today.previous()
    if last.year > year:
        return Period.month(year, 12)
    if last.year < year:
        return Period.month(year, 1)
    return last


@router.get("/assessment/{code}", response_class=HTMLResponse)
def assessment_page(request: Request, code: str, as_of: AsOf = None) -> Response:
    app, actor = app_of(request), actor_of(request)
    stored = service.stored_scheme(app, actor=actor, code=code)
    scheme = stored.scheme
    published = service.publications(app, actor=actor, code=code, year=scheme.year)
    shown: service.Publication | None = None
    chosen = Period.parse(as_of) if as_of is not None else None
    elsewhere = chosen is not None and chosen.year != scheme.year  # the site-wide month
    if chosen is not None and not elsewhere:
        result = service.assess(app, actor=actor, scheme=scheme, as_of=chosen)
    elif published:
        shown = published[0]
        result = shown.assessment
    else:
        today = Period.containing(datetime.now(BEIJING).date())
        month = default_month(scheme.year, today)
        result = service.assess(app, actor=actor, scheme=scheme, as_of=month)
    return render(
        request,
        "assessment.html",
        stored=stored,
        scheme=scheme,
        result=result,
        published=published,
        shown=shown,
        months=[Period.month(scheme.year, m) for m in range(1, 13)],
        may_publish=service.may_publish(app, actor=actor, code=code),
        elsewhere=as_of if elsewhere else None,
        beijing=BEIJING,
        number=number,
    )


@router.post("/assessment/{code}/publish")
def publish_assessment(
    request: Request, code: str, as_of: Annotated[str, Form(pattern=MONTH_PATTERN)]
) -> Response:
    """Publish the scheme scored as of the form's month (a plan office over every assessed
    unit: the use case checks); the page then shows the new version."""
    service.publish(
        app_of(request),
        actor=actor_of(request),
        origin=origin_of(request),
        code=code,
        as_of=Period.parse(as_of),
    )
    return RedirectResponse(f"/assessment/{code}#assessment-status", status_code=303)
