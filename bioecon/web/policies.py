"""The policy pages (政策条款库与政策兑现): ``/policies`` (the clause register and the budget
granted and paid by clause, org unit and year), ``/policies/{code}`` (a clause, its
conditions and formula, its applications and the application form), its 免申即享 matches
(``/policies/{code}/matches``, confirmed into applications), an application with its history
and step forms (``/policies/{code}/applications/{uscc}/{year}``) and the support ledger
(``/policy-ledger``) and the guidance funds (``/policy-funds``). Every read and write goes through :mod:`bioecon.services.policies`,
which checks the caller's role and scope; the forms carry the CSRF token like every form."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bioecon.catalogs import role_book
from bioecon.domain.access import Action
from bioecon.domain.periods import MAX_YEAR, MIN_YEAR
from bioecon.domain.policies import ApplicationStep
from bioecon.domain.policy_formulas import FactField
from bioecon.errors import Conflict, InvalidInput, Problem
from bioecon.messages import label
from bioecon.services import policies as service
from bioecon.web.auth import origin_of
from bioecon.web.deps import actor_of, app_of
from bioecon.web.pages import page_language, render

router = APIRouter(include_in_schema=False)
Year = Annotated[int, Path(ge=MIN_YEAR, le=MAX_YEAR)]
QueryYear = Annotated[int | None, Query(ge=MIN_YEAR, le=MAX_YEAR)]
Code = Annotated[str | None, Query(max_length=80)]
MAX_TEXT = 500  # characters of a reason or a voucher
MAX_MATCHES = 2_000  # enterprises confirmed at once (a region's registry holds hundreds)


@router.get("/policies", response_class=HTMLResponse)
def policies_page(request: Request) -> Response:
    app, actor = app_of(request), actor_of(request)
    return render(
        request,
        "policies.html",
        clauses=service.list_clauses(app, actor=actor),
        budget=service.budget_summary(app, actor=actor),
    )


@router.get("/policies/{code}", response_class=HTMLResponse)
def clause_page(request: Request, code: str) -> Response:
    return _clause(request, code, problems=[], entered={}, status=200)


def _clause(
    request: Request, code: str, *, problems: list[Problem], entered: dict[str, str], status: int
) -> Response:
    page = service.clause_page(app_of(request), actor=actor_of(request), code=code)
    response = render(
        request,
        "policy.html",
        page=page,
        problems=problems,
        entered=entered,
        this_year=date.today().year,
        may_match=role_book().grants(actor_of(request).role, Action.READ_FINANCIALS),
    )
    response.status_code = status
    return response


def _fact_names(request: Request) -> dict[str, str]:
    """A fact's field code → its label in the page's language (the data used, shown)."""
    lang = page_language(request)
    return {field.value: label(field, lang) for field in FactField}


def _form_text(form: Any, name: str, limit: int = MAX_TEXT) -> str:
    return str(form.get(name) or "").strip()[:limit]


@router.post("/policies/{code}/applications")
async def apply(request: Request, code: str) -> Response:
    """An application from the clause page's form; a refusal re-shows the page (422/409)."""
    form = await request.form()
    entered = {name: _form_text(form, name, 80) for name in ("enterprise", "year", "project")}
    year = _year(entered["year"])
    if year is None:
        problem = Problem("year", f"「{entered['year']}」不是年度")
        return _clause(request, code, problems=[problem], entered=entered, status=422)
    try:
        item = service.apply_for(
            app_of(request),
            actor=actor_of(request),
            origin=origin_of(request),
            clause=code,
            enterprise=entered["enterprise"],
            year=year,
            today=date.today(),
            project=entered["project"] or None,
        )
    except InvalidInput as refused:
        return _clause(request, code, problems=list(refused.problems), entered=entered, status=422)
    except Conflict as refused:
        problems = [Problem("", str(refused))]
        return _clause(request, code, problems=problems, entered=entered, status=409)
    return RedirectResponse(_application_path(code, item.enterprise, item.year), status_code=303)


def _year(text: str) -> int | None:
    return int(text) if text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR else None


def _application_path(code: str, uscc: str, year: int) -> str:
    return f"/policies/{code}/applications/{uscc}/{year}"


@router.get("/policies/{code}/matches", response_class=HTMLResponse)
def matches_page(request: Request, code: str, year: QueryYear = None) -> Response:
    """免申即享: the enterprises whose data of the year meet the clause, to confirm."""
    shown = year or date.today().year - 1
    app, actor = app_of(request), actor_of(request)
    page = service.clause_page(app, actor=actor, code=code)
    found = service.match_clause(app, actor=actor, clause=code, year=shown)
    return render(
        request,
        "policy_matches.html",
        page=page,
        year=shown,
        matches=found,
        fact_names=_fact_names(request),
    )


@router.post("/policies/{code}/matches")
async def confirm_matches(request: Request, code: str) -> Response:
    """The chosen matches become applications (all or none)."""
    form = await request.form()
    year = _year(_form_text(form, "year", 4))
    chosen = [str(v)[:18] for v in form.getlist("enterprise")][:MAX_MATCHES]
    if year is None:
        raise InvalidInput("year", [Problem("year", "须选择年度")])
    service.confirm_matches(
        app_of(request),
        actor=actor_of(request),
        origin=origin_of(request),
        clause=code,
        year=year,
        enterprises=chosen,
        today=date.today(),
    )
    return RedirectResponse(f"/policies/{code}?confirmed={len(chosen)}", status_code=303)


@router.get("/policies/{code}/effect", response_class=HTMLResponse)
def effect_page(
    request: Request, code: str, year: QueryYear = None, later: QueryYear = None
) -> Response:
    """扶持前后: supported enterprises' revenue growth beside comparable ones (association)."""
    base = year or date.today().year - 2
    found = service.support_effect(
        app_of(request), actor=actor_of(request), clause=code, year=base, later=later or base + 1
    )
    page = service.clause_page(app_of(request), actor=actor_of(request), code=code)
    return render(request, "policy_effect.html", page=page, effect=found)


@router.get("/policies/{code}/applications/{uscc}/{year}", response_class=HTMLResponse)
def application_page(request: Request, code: str, uscc: str, year: Year) -> Response:
    return _application(request, code, uscc, year, problems=[], status=200)


def _application(
    request: Request, code: str, uscc: str, year: int, *, problems: list[Problem], status: int
) -> Response:
    page = service.application_page(
        app_of(request), actor=actor_of(request), clause=code, enterprise=uscc, year=year
    )
    response = render(
        request,
        "policy_application.html",
        page=page,
        problems=problems,
        steps=list(ApplicationStep),
        fact_names=_fact_names(request),
        today=date.today().isoformat(),
    )
    response.status_code = status
    return response


@router.post("/policies/{code}/applications/{uscc}/{year}")
async def take_step(request: Request, code: str, uscc: str, year: Year) -> Response:
    """One step from the application page's forms; a refusal re-shows the page (422/409)."""
    form = await request.form()
    try:
        step = ApplicationStep(_form_text(form, "step", 20))
    except ValueError:
        problem = Problem("step", "未知步骤")
        return _application(request, code, uscc, year, problems=[problem], status=422)
    award_text, paid_text = _form_text(form, "award", 40), _form_text(form, "paid_on", 10)
    problems: list[Problem] = []
    award = paid_on = None
    try:
        award = Decimal(award_text) if award_text else None
    except InvalidOperation:
        problems.append(Problem("award", f"「{award_text}」不是数"))
    try:
        paid_on = date.fromisoformat(paid_text) if paid_text else None
    except ValueError:
        problems.append(Problem("paid_on", f"「{paid_text}」不是有效日期"))
    if award is not None and not award.is_finite():
        problems.append(Problem("award", f"「{award_text}」不是数"))
        award = None
    if problems:
        return _application(request, code, uscc, year, problems=problems, status=422)
    try:
        service.take_step(
            app_of(request),
            actor=actor_of(request),
            origin=origin_of(request),
            clause=code,
            enterprise=uscc,
            year=year,
            step=step,
            award=award,
            reason=_form_text(form, "reason") or None,
            paid_on=paid_on,
            voucher=_form_text(form, "voucher", 100) or None,
        )
    except InvalidInput as refused:
        found = list(refused.problems)
        return _application(request, code, uscc, year, problems=found, status=422)
    except Conflict as refused:
        return _application(
            request, code, uscc, year, problems=[Problem("", str(refused))], status=409
        )
    return RedirectResponse(_application_path(code, uscc, year) + "?saved=1", status_code=303)


@router.get("/policy-ledger", response_class=HTMLResponse)
def ledger_page(
    request: Request, enterprise: Code = None, project: Code = None, platform: Code = None
) -> Response:
    """扶持台账 of an enterprise, a project or a platform (or of the caller's scope)."""
    lines = service.support_ledger(
        app_of(request),
        actor=actor_of(request),
        enterprise=enterprise or None,
        project=project or None,
        platform=platform or None,
    )
    chosen = {"enterprise": enterprise, "project": project, "platform": platform}
    return render(request, "policy_ledger.html", lines=lines, chosen=chosen)


@router.get("/policy-funds", response_class=HTMLResponse)
def funds_page(request: Request) -> Response:
    """引导基金: each fund of the caller's region (and above) with its figures."""
    found = service.fund_standings(app_of(request), actor=actor_of(request))
    return render(request, "policy_funds.html", standings=found)
