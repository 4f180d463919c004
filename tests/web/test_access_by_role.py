"""Issue #13's table-driven access test: every role, with users scoped to two sibling
districts' side — 浏阳市 (430181, with its park 浏阳经开区) — against every route that reads or
writes something of the sibling 宁乡市 (430182), and of their own unit; on both backends.

Expectations are written by hand from roles.yaml: a user scoped to 浏阳 reads and writes
nothing of 宁乡 (HTTP 403 or 404, or an answer without a single 宁乡 record), and a refused
write changes no table. Within 浏阳: everyone but the department user (scoped to a
responsible unit, not an org unit) reads; reporters and the plan office (MANAGE_PLANS)
enter values; reviewers and the plan office review; viewers write nothing. Another city's
plan (南京) and what names it (lists, bulletins) is the admin's alone. Every route the app
serves has a case here, or a reason in UNSCOPED (test_the_table_has_a_case_for_every_route).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select

from bioecon.app import Bioecon
from bioecon.demo import build_demo
from bioecon.domain.access import Role, Scope
from bioecon.domain.data_sets import DataSet
from bioecon.domain.evidence import Attachment
from bioecon.domain.model import ReportingBasis
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.policies import ApplicationStatus
from bioecon.domain.reporting_calendar import DueRule
from bioecon.domain.review import ReviewStep
from bioecon.services import policies, reports, review, tasks
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.data_sets import load_data_set
from bioecon.services.orgunits import responsible_unit_named
from bioecon.store import tables as t
from bioecon.web.app import create_app
from tests.web.conftest import BUILD_DAY
from tests.web.test_docs_routes import served_methods
from tests.web_login import add_account, csrf_header, log_in

OWN, SIBLING = "430181", "430182"
OTHER_PLAN = "nanjing-2023"  # a plan of another province: outside every 浏阳 user's scope
UPLOAD = f"/reporting/both/{SIBLING}/2026-01"
DECEMBER = Period.month(2025, 12)
USERS: dict[str, tuple[Role, Scope]] = {
    "admin-all": (Role.ADMIN, Scope()),
    "office-ly": (Role.PLAN_OFFICE, Scope(OWN)),
    "rep-ly": (Role.REPORTER, Scope(OWN)),
    "rev-ly": (Role.REVIEWER, Scope(OWN)),
    "view-ly": (Role.VIEWER, Scope(OWN)),
    "dept": (Role.DEPARTMENT, Scope()),  # its responsible unit is set in the fixture
}
EVERYONE = frozenset(USERS)
ADMIN_ONLY = frozenset({"admin-all"})
READERS = EVERYONE - {"dept"}
REPORTERS = frozenset({"admin-all", "office-ly", "rep-ly"})
REVIEWERS = frozenset({"admin-all", "office-ly", "rev-ly"})
BOTH = DataSet(
    code="both",
    name="两市月报（测试）",
    period_type=PeriodType.MONTH,
    indicators=("bio_economy_scale",),
    org_units=(OWN, SIBLING),
    due=DueRule(5, 1, None),
    first_period=DECEMBER,
)


@dataclass(frozen=True)
class Case:
    """One request; ``allowed`` the logins it is for; ``markers`` the sibling's records an
    answer to anyone else must not hold (an allowed admin's answer must hold one)."""

    name: str
    method: str
    path: str
    allowed: frozenset[str]
    markers: tuple[str, ...] = ()
    form: dict[str, str] | None = None
    files: bytes | None = None  # an .xlsx to upload as the form's file


def _key(unit: str) -> review.ValueKey:
    return review.ValueKey("bio_economy_scale", unit, DECEMBER, ReportingBasis.YTD)


def _world(app: Bioecon) -> dict[str, Any]:
    """The demo, the data set of both districts, one submitted value in each, the users."""
    build_demo(app, today=BUILD_DAY)
    load_data_set(app, actor=LOCAL_ADMIN, data_set=BOTH)
    for unit in (OWN, SIBLING):  # the simulated approved value → draft → submitted
        for step, note in ((ReviewStep.REOPEN, "测试"), (ReviewStep.SUBMIT, None)):
            review.review_value(
                app, actor=LOCAL_ADMIN, key=_key(unit), step=step, origin="t", note=note
            )
    department = responsible_unit_named(app, actor=LOCAL_ADMIN, name="市发展改革委")
    for login, (role, scope) in USERS.items():
        add_account(
            app,
            login,
            role,
            Scope(responsible_unit=department) if role is Role.DEPARTMENT else scope,
        )
    e, p, u = t.enterprise, t.platform, t.org_unit
    with app.reading() as connection:
        usccs = (
            connection.execute(
                select(e.c.uscc).join(u, u.c.id == e.c.org_unit_id).where(u.c.code == SIBLING)
            )
            .scalars()
            .all()
        )
        sibling_platforms = select(p.c.code, p.c.name).join(u, u.c.id == p.c.org_unit_id)
        platforms = connection.execute(sibling_platforms.where(u.c.code == SIBLING)).all()
        a = t.product_approval
        approvals = connection.execute(
            select(a.c.number).join(u, u.c.id == a.c.org_unit_id).where(u.c.code == SIBLING)
        ).scalars()
        approval_numbers = tuple(approvals.all())
    paid = [  # 南京's demo clause: an application paid (nothing may follow), its enterprise
        line.enterprise
        for line in policies.support_ledger(app, actor=LOCAL_ADMIN)
        if line.status is ApplicationStatus.PAID
    ]
    published, _ = reports.publish_bulletin(
        app, actor=LOCAL_ADMIN, plan=OTHER_PLAN, period=DECEMBER
    )
    return {
        **_task_world(app, department),
        "usccs": tuple(usccs),
        "platforms": tuple(code for code, _ in platforms),
        "platform_names": tuple(name for _, name in platforms),
        "approvals": approval_numbers,
        "bulletin": published.id,
        "paid": paid[0],
    }


def _cases(world: dict[str, Any]) -> list[Case]:
    nx_uscc, usccs, platforms = world["usccs"][0], world["usccs"], world["platforms"]
    value = {"value.bio_economy_scale": "1"}
    approve = {
        "indicator": "bio_economy_scale",
        "period": "2025-12",
        "basis": "ytd",
        "step": "approve",
    }
    ledger = "/api/ledger?indicator=bio_economy_scale&from=2025-01&to=2025-12&org_unit="
    other = OTHER_PLAN
    paid = world.get("paid", "x")
    build = {"plan": other, "period": "2025-12", "format": ".html"}
    # fmt: off
    return [
        # another city's plan (南京: no 浏阳 user's record), and the lists that name plans
        Case("other plan page", "GET", f"/plans/{other}", ADMIN_ONLY),
        Case("other plan text", "GET", f"/plans/{other}/text", ADMIN_ONLY),
        Case("other plan targets", "GET", f"/api/plans/{other}/targets", ADMIN_ONLY),
        Case("other plan mapping", "GET", f"/api/plans/{other}/mapping", ADMIN_ONLY),
        Case("plan list", "GET", "/api/plans", ADMIN_ONLY, (f'"{other}"',)),
        Case("home page", "GET", "/", ADMIN_ONLY, (f"/plans/{other}",)),
        Case("comparison", "GET", "/compare", ADMIN_ONLY, (f"/plans/{other}",)),
        Case("indicator index", "GET", "/indicators", ADMIN_ONLY, (f"plan={other}",)),
        Case("bulletins page", "GET", "/reports", ADMIN_ONLY, (f'value="{other}"',)),
        Case("other bulletin", "POST", "/reports", ADMIN_ONLY, form=build),
        Case("publish other bulletin", "POST", "/reports", ADMIN_ONLY, form={**build, "publish": "1"}),
        Case("other published bulletin", "GET", f"/reports/published/{world['bulletin']}/html", ADMIN_ONLY),
        Case("other plan's projects", "GET", f"/plans/{other}/projects", ADMIN_ONLY),
        Case("other project", "GET", f"/projects/{other}-P01", ADMIN_ONLY),
        Case(
            "other project progress", "POST", f"/projects/{other}-P01/progress", ADMIN_ONLY,
            form={"period": "2025-12", "completed": "1"},
        ),
        Case(  # the admin's: raised (303), or 409 when the project is not lagging this month
            "other project notice", "POST", f"/projects/{other}-P01/notices", ADMIN_ONLY,
            form={"kind": "prompt", "reason": "测试", "unit": world.get("other_unit", "x")},
        ),
        # 南京's policy clause and its applications: no 浏阳 user's (issue #21)
        Case("policies page", "GET", "/policies", ADMIN_ONLY, ("/policies/nj-rd-15",)),
        Case("other clause", "GET", "/policies/nj-rd-15", ADMIN_ONLY),
        Case("other clause matches", "GET", "/policies/nj-rd-15/matches?year=2022", ADMIN_ONLY),
        Case("other application", "GET", f"/policies/nj-rd-15/applications/{paid}/2022", ADMIN_ONLY),
        Case("support ledger", "GET", "/policy-ledger", ADMIN_ONLY, (paid,)),
        Case("funds page", "GET", "/policy-funds", ADMIN_ONLY, ("nj-bio-fund",)),
        # 考核 (issue #16): the demo's 长沙 schemes assess every district, or 湘江新区 and
        # 浏阳经开区: a 浏阳 user cannot read them all, so sees neither scheme nor results
        Case(
            "assessment list", "GET", "/assessment", ADMIN_ONLY,
            ("/assessment/changsha-districts-2026", "/assessment/changsha-departments-2026"),
        ),
        Case("other assessment", "GET", "/assessment/changsha-districts-2026", ADMIN_ONLY),
        Case("department assessment", "GET", "/assessment/changsha-departments-2026", ADMIN_ONLY),
        Case("other assessment month", "GET", "/assessment/changsha-parks-2026?as_of=2026-10", ADMIN_ONLY),
        Case(  # the admin's publishes (303); any other user's is refused, nothing written
            "other assessment publish", "POST", "/assessment/changsha-parks-2026/publish",
            ADMIN_ONLY, form={"as_of": "2026-10"},
        ),
        Case(
            "other assessment download", "GET",
            "/assessment/changsha-districts-2026?as_of=2026-10&download=assessment-results&format=xlsx",
            ADMIN_ONLY,
        ),
        Case("other clause effect", "GET", "/policies/nj-rd-15/effect?year=2022&later=2025", ADMIN_ONLY),
        Case(  # the admin's is a duplicate: 409
            "other apply", "POST", "/policies/nj-rd-15/applications", ADMIN_ONLY,
            form={"enterprise": paid, "year": "2022"},
        ),
        Case(  # the admin's: a duplicate, 409
            "other confirm", "POST", "/policies/nj-rd-15/matches", ADMIN_ONLY,
            form={"enterprise": paid, "year": "2022"},
        ),
        Case(  # the admin's: paid, nothing follows (409)
            "other step", "POST", f"/policies/nj-rd-15/applications/{paid}/2022", ADMIN_ONLY,
            form={"step": "reject", "reason": "测试"},
        ),
        Case("reporting page", "GET", "/reporting", ADMIN_ONLY, (f"/reporting/both/{SIBLING}/",)),
        Case("sibling enterprises page", "GET", f"/enterprises?org_unit={SIBLING}", ADMIN_ONLY, usccs),
        Case("sibling approvals", "GET", f"/api/approvals?org_unit={SIBLING}", ADMIN_ONLY, world["approvals"]),
        Case("sibling approvals page", "GET", f"/approvals?org_unit={SIBLING}", ADMIN_ONLY, world["approvals"]),
        Case(  # the sibling's template as the admin downloaded it: an allowed upload succeeds
            "sibling upload", "POST", UPLOAD + "/upload", ADMIN_ONLY,
            form={"step": "save"}, files=world["template"],
        ),
        Case(
            "sibling indicator page",
            "GET",
            f"/indicators/bio_economy_scale?org_unit={SIBLING}",
            ADMIN_ONLY,
        ),
        Case("sibling ledger", "GET", ledger + SIBLING, ADMIN_ONLY),
        Case("sibling enterprise", "GET", f"/enterprises/{nx_uscc}", ADMIN_ONLY),
        Case(
            "sibling enterprises",
            "GET",
            f"/api/enterprises?org_unit={SIBLING}&size=500",
            ADMIN_ONLY,
            usccs,
        ),
        Case("all enterprises", "GET", "/api/enterprises?size=500", READERS, usccs),
        Case(
            "sibling platforms", "GET", f"/api/platforms?org_unit={SIBLING}", ADMIN_ONLY, platforms
        ),
        Case(
            "sibling platforms page", "GET", f"/platforms?org_unit={SIBLING}", ADMIN_ONLY, world["platform_names"]
        ),
        Case("sibling form", "GET", f"/reporting/both/{SIBLING}/2025-12", ADMIN_ONLY),
        Case(
            "sibling template",
            "GET",
            f"/reporting/both/{SIBLING}/2025-12/template.xlsx",
            ADMIN_ONLY,
        ),
        Case("sibling entry", "POST", f"/reporting/both/{SIBLING}/2026-01", ADMIN_ONLY, form=value),
        Case(
            "sibling review",
            "POST",
            "/review",
            ADMIN_ONLY,
            form={**approve, "org_unit": SIBLING, "seen": "0"},
        ),
        Case(
            "review queue",
            "GET",
            "/review",
            READERS,
            (f"pending-bio_economy_scale-{SIBLING}-2025-12",),
        ),
        # tasks and 督办 (issue #15): 南京's are the admin's alone; the department user sees the
        # 长沙 tasks of its own unit, reports on them and replies to their notices
        Case("other plan's tasks", "GET", f"/plans/{other}/tasks", ADMIN_ONLY),
        Case("other task", "GET", f"/tasks/{world['other_task']}", ADMIN_ONLY),
        Case(
            "other task report", "POST", f"/tasks/{world['other_task']}/report", ADMIN_ONLY,
            form={"period": "2025Q4", "text": "推进中", "percent": "10"},
        ),
        Case(
            "other task notice", "POST", f"/tasks/{world['other_task']}/notices", ADMIN_ONLY,
            form={"kind": "prompt", "reason": "滞后"},
        ),
        Case("other evidence", "GET", f"/evidence/{world['other_evidence']}", ADMIN_ONLY),
        Case("other unit board", "GET", f"/units/{world['other_unit']}", ADMIN_ONLY),
        Case("notice list", "GET", "/notices", EVERYONE, (world["other_notice"],)),
        Case(
            "other notice reply", "POST", f"/notices/{world['other_notice']}/reply", ADMIN_ONLY,
            form={"measures": "整改"},
        ),
        Case(
            "other notice close", "POST", f"/notices/{world['other_notice']}/close", ADMIN_ONLY,
            form={"note": "销号"},
        ),
        Case(
            "other notice escalate", "POST", f"/notices/{world['other_notice']}/escalate",
            ADMIN_ONLY, form={"reason": "升级"},
        ),
        Case("own unit's task", "GET", f"/tasks/{world['own_task']}", frozenset({"admin-all", "dept"})),
        Case("own unit board", "GET", f"/units/{world['own_unit']}", frozenset({"admin-all", "dept"})),
        Case(
            "own unit's task report", "POST", f"/tasks/{world['own_task']}/report",
            frozenset({"admin-all", "dept"}),
            form={"period": "2025Q1", "text": "推进中", "percent": "50"},  # every item's first
        ),
        Case("own indicator page", "GET", f"/indicators/bio_economy_scale?org_unit={OWN}", READERS),
        Case("own ledger", "GET", ledger + OWN, READERS),
        # a reviewer reads the form (to reopen an approved value), a reporter writes it
        Case("own form", "GET", f"/reporting/both/{OWN}/2025-12", REPORTERS | REVIEWERS),
        Case("own entry", "POST", f"/reporting/both/{OWN}/2026-01", REPORTERS, form=value),
        Case(
            "own review",
            "POST",
            "/review",
            REVIEWERS,
            form={**approve, "org_unit": OWN, "seen": "0"},
        ),
    ]
    # fmt: on


def _task_world(app: Bioecon, department: str | None) -> dict[str, Any]:
    """南京's lagging demo task (K03, 30 % at its deadline) with an evidence file and its
    notice, one of its units; a 长沙 task of the department user's unit."""
    other_task = f"{OTHER_PLAN}-2025-K03"
    report = tasks.report_progress(
        app, actor=LOCAL_ADMIN, origin="t", item=other_task, period=Period.quarter(2025, 4),
        text="推进中", percent=Decimal(35),
        attachments=[Attachment("纪要.pdf", "application/pdf", b"%PDF-1.4")],
    )  # fmt: skip
    page = tasks.task_page(app, actor=LOCAL_ADMIN, code=report.item)
    ((notice, _),) = page.notices
    own = [
        line.item.code
        for line in tasks.plan_tasks(app, actor=LOCAL_ADMIN, plan="changsha-2025")
        if department in line.item.units
    ]
    return {
        "other_task": other_task,
        "other_evidence": page.evidence[0].id,
        "other_notice": notice.code,
        "other_unit": page.line.item.lead_units[0],
        "own_task": own[0],
        "own_unit": department,
    }


def _counts(app: Bioecon) -> dict[str, int]:
    with app.reading() as connection:
        return {
            table.name: int(
                connection.execute(select(func.count()).select_from(table)).scalar_one()
            )
            for table in t.metadata.sorted_tables
            if table.name not in ("web_session", "audit_event", "server_secret", "api_token")
        }


def _status(app: Bioecon) -> list[tuple[Any, ...]]:
    o = t.observation
    with app.reading() as connection:
        return [
            tuple(r)
            for r in connection.execute(select(o.c.id, o.c.value, o.c.status).order_by(o.c.id))
        ]


def test_nothing_outside_a_users_scope_can_be_read_or_written(app: Bioecon) -> None:
    world = _world(app)
    web = create_app(app)
    clients = {login: log_in(TestClient(web), login) for login in USERS}
    world["template"] = _filled(clients["admin-all"].get(UPLOAD + "/template.xlsx").content)
    wrong: list[str] = []
    for case in _cases(world):
        for login, client in clients.items():
            before = (_counts(app), _status(app)) if case.method == "POST" else None
            answer = _send(client, case)
            verdict = _judge(case, login, answer, before, lambda: (_counts(app), _status(app)))
            if verdict:
                wrong.append(f"{case.name} as {login}: {verdict}")
    assert wrong == [], "\n".join(wrong)


def _filled(template: bytes) -> bytes:
    """The entry template with its one field (bio_economy_scale's 数值, cell I2) filled."""
    book = load_workbook(io.BytesIO(template))
    book["填报"]["I2"] = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _send(client: TestClient, case: Case) -> Any:
    if case.method == "GET":
        return client.get(case.path, follow_redirects=False)
    files, form = None, case.form
    if case.files is not None:  # a multipart form carries its token as a field
        files = {"file": ("t.xlsx", case.files, "application/octet-stream")}
        form = {**(form or {}), "csrftoken": client.cookies.get("csrftoken") or ""}
    return client.post(
        case.path,
        data=form,
        files=files,
        headers=csrf_header(client),
        follow_redirects=False,
    )


def _judge(case: Case, login: str, answer: Any, before: Any, now: Callable[[], Any]) -> str | None:
    """Why the answer is wrong, or None."""
    refused = answer.status_code in (403, 404)
    body = answer.text if "xlsx" not in case.path else ""
    if login in case.allowed:
        if answer.status_code not in (200, 303, 409):  # 409: another allowed user acted first
            return f"allowed, but {answer.status_code}"
        if case.markers and login == "admin-all" and not any(m in body for m in case.markers):
            return "the admin's answer holds none of the sibling's records (the check is blind)"
        return None
    if before is not None and now() != before:
        return f"refused write changed the database ({answer.status_code})"
    if refused:
        return None
    if case.markers and answer.status_code == 200:
        shown = [m for m in case.markers if m in body]
        return f"shows the sibling's {shown[:3]}" if shown else None
    return f"not refused: {answer.status_code}"


# Routes the table has no case for, each with the reason it holds nothing of a scope.
UNSCOPED = {
    ("GET", "/login"): "the login form: open to everyone, shows no record",
    ("POST", "/login"): "checks a password; a refused login is tested in test_login_and_sessions",
    ("POST", "/logout"): "ends the caller's own session",
}


def test_the_table_has_a_case_for_every_route() -> None:
    """Every page and API route the app serves is in the table above (or in UNSCOPED, with a
    reason): a new route without a case fails here."""
    world = {"bulletin": 1, "template": b"", **dict.fromkeys(("usccs", "platforms"), ("x",))}
    world |= dict.fromkeys(
        ("other_task", "other_evidence", "other_notice", "other_unit", "own_task", "own_unit"), "x"
    )
    world |= {"platform_names": ("x",), "approvals": ("x",)}
    cases = _cases(world)
    missing = []
    for method, route in sorted(served_methods()):
        pattern = re.compile(re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(route)) + r"(\?.*)?")
        covered = any(c.method == method and pattern.fullmatch(c.path) for c in cases)
        if not covered and (method, route) not in UNSCOPED:
            missing.append(f"{method} {route}")
    assert missing == []
