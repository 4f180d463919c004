"""The reporting pages in process, on both backends: the template downloaded, filled and
uploaded back with its CSRF token; refused without it; a form over another unit refused."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from bioecon.app import Bioecon
from bioecon.domain.access import Role, Scope
from bioecon.domain.reporting_calendar import DueRule
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.data_sets import load_data_set
from bioecon.services.plans import load_plan
from bioecon.web.app import create_app
from tests.services.test_entry_form import DATA_SET
from tests.web_login import add_account, log_in

FORM = "/reporting/cs-monthly/430181/2025-03"


@pytest.fixture
def reporter(app: Bioecon, changsha_plan_file: Path) -> TestClient:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    load_data_set(app, actor=LOCAL_ADMIN, data_set=DATA_SET)  # no lock before 2025-04-16 …
    add_account(app, "ly-report", Role.REPORTER, Scope("430181"))
    return log_in(TestClient(create_app(app)), "ly-report")


def test_the_template_goes_down_and_comes_back(reporter: TestClient) -> None:
    got = reporter.get(FORM + "/template.xlsx")
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in got.headers["content-disposition"]
    book = load_workbook(io.BytesIO(got.content))
    rows = list(book["填报"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[3], r[4]) for r in rows] == [
        ("bio_scale", "430181", "2025-03"),
        ("biomed_scale", "430181", "2025-03"),
    ]
    book["填报"]["I2"] = 1240.5  # 数值 of bio_scale
    filled = io.BytesIO()
    book.save(filled)
    files = {"file": ("浏阳3月.xlsx", filled.getvalue(), "application/octet-stream")}
    # … but today is long after 2025-04-16: the period is locked for a reporter
    locked = reporter.post(
        FORM + "/upload",
        data={"csrftoken": reporter.cookies["csrftoken"], "step": "save"},
        files=files,
        follow_redirects=False,
    )
    assert locked.status_code == 409 and "锁定" in locked.text


def test_an_upload_without_the_csrf_token_is_refused(reporter: TestClient) -> None:
    files = {"file": ("x.xlsx", b"PK", "application/octet-stream")}
    answer = reporter.post(FORM + "/upload", data={"step": "save"}, files=files)
    assert answer.status_code == 403


def test_another_units_form_is_refused(reporter: TestClient) -> None:
    assert reporter.get("/reporting/cs-monthly/430182/2025-03").status_code == 403
    answer = reporter.post(
        "/reporting/cs-monthly/430182/2025-03",
        data={"csrftoken": reporter.cookies["csrftoken"], "value.bio_scale": "1", "step": "save"},
    )
    assert answer.status_code == 403


def _template_with(client: TestClient, value: float) -> bytes:
    book = load_workbook(io.BytesIO(client.get(FORM + "/template.xlsx").content))
    book["填报"]["I2"] = value  # 数值 of bio_scale
    filled = io.BytesIO()
    book.save(filled)
    return filled.getvalue()


def test_the_plan_office_uploads_into_a_locked_period(app: Bioecon, reporter: TestClient) -> None:
    add_account(app, "cs-office", Role.PLAN_OFFICE, Scope("430100"))
    office = log_in(TestClient(create_app(app)), "cs-office")
    files = {"file": ("浏阳3月.xlsx", _template_with(office, 1240.5), "application/octet-stream")}
    wrong = office.post(FORM + "/upload", data={"csrftoken": "forged", "step": "save"}, files=files)
    assert wrong.status_code == 403  # a forged token, checked by web/csrf.py's MultipartGuard
    answer = office.post(
        FORM + "/upload",
        data={"step": "save", "csrftoken": office.cookies["csrftoken"]},  # any field order
        files=files,
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == FORM + "?saved=draft"
    page = office.get(FORM).text
    assert 'value="1240.5"' in page and "草稿" in page


def test_a_submitted_value_is_recalled_from_the_form(app: Bioecon, reporter: TestClient) -> None:
    load_data_set(app, actor=LOCAL_ADMIN, data_set=replace(DATA_SET, code="open", due=DueRule(5)))
    form = "/reporting/open/430181/2025-03"
    token = reporter.cookies["csrftoken"]
    sent = reporter.post(
        form, data={"csrftoken": token, "value.bio_scale": "12.5", "step": "submit"}
    )
    assert sent.status_code == 200 and "已报送，等待审核" in sent.text  # after the redirect
    assert 'id="recall-button-bio_scale"' in sent.text and 'name="value.bio_scale"' not in sent.text
    recalled = reporter.post(
        "/review",
        data={"csrftoken": token, "indicator": "bio_scale", "org_unit": "430181",
              "period": "2025-03", "basis": "ytd", "seen": "12.5", "step": "recall", "back": form},
        follow_redirects=False,
    )  # fmt: skip
    assert recalled.status_code == 303 and recalled.headers["location"] == form + "?done=recall"
    page = reporter.get(form).text
    assert 'name="value.bio_scale" value="12.5"' in page  # a draft again: editable


def test_the_reporting_page_lists_what_to_chase_and_the_on_time_rate(
    reporter: TestClient,
) -> None:
    """cs-monthly asks 430181 for every month from 2025-01, due the 5th of the next month,
    and nothing is reported. Month m is overdue once its due day (the 5th of m + 1) has
    passed: on 2026-12-01, 2025-01 … 2026-10 (22 months); on 2026-12-06, 2026-11 too."""
    today = date.today()
    last = today.year * 12 + today.month - 1 - (1 if today.day > 5 else 2)  # month ordinal
    overdue = last - (2025 * 12 + 0) + 1  # months 2025-01 … last
    page = reporter.get("/reporting").text
    assert f"逾期未报：{overdue} 期（催报）" in page
    row = page[page.index('id="rate-cs-monthly-430181"') :].split("</tr>")[0]
    cells = [c.split("<")[0] for c in row.split('<td class="num">')[1:]]
    assert cells == [str(overdue), "0", "0", str(overdue), "0.0%"]


def test_a_review_step_never_sends_the_browser_off_the_site(
    app: Bioecon, reporter: TestClient
) -> None:
    load_data_set(app, actor=LOCAL_ADMIN, data_set=replace(DATA_SET, code="open", due=DueRule(5)))
    token = reporter.cookies["csrftoken"]
    reporter.post(
        "/reporting/open/430181/2025-03",
        data={"csrftoken": token, "value.bio_scale": "3", "step": "submit"},
    )
    recalled = reporter.post(
        "/review",
        data={"csrftoken": token, "indicator": "bio_scale", "org_unit": "430181",
              "period": "2025-03", "basis": "ytd", "seen": "3", "step": "recall",
              "back": "/\\\\evil.example"},
        follow_redirects=False,
    )  # fmt: skip
    assert recalled.headers["location"] == "/review?done=recall"


def test_an_approved_value_is_reopened_from_the_form_with_a_reason(
    app: Bioecon, reporter: TestClient
) -> None:
    load_data_set(app, actor=LOCAL_ADMIN, data_set=replace(DATA_SET, code="open", due=DueRule(5)))
    form = "/reporting/open/430181/2025-03"
    reporter.post(
        form,
        data={
            "csrftoken": reporter.cookies["csrftoken"],
            "value.bio_scale": "12.5",
            "step": "submit",
        },
    )
    add_account(app, "ly-review", Role.REVIEWER, Scope("430181"))
    reviewer = log_in(TestClient(create_app(app)), "ly-review")
    token = reviewer.cookies["csrftoken"]
    fields = {"csrftoken": token, "indicator": "bio_scale", "org_unit": "430181",
              "period": "2025-03", "basis": "ytd", "seen": "12.5", "back": form}  # fmt: skip
    approved = reviewer.post("/review", data=fields | {"step": "approve"}, follow_redirects=False)
    assert approved.status_code == 303
    # the reporter sees the value locked, and no reopen form: that is a reviewer's step
    page = reporter.get(form).text
    assert 'name="value.bio_scale"' not in page and 'id="reopen-bio_scale"' not in page
    page = reviewer.get(form).text
    assert 'id="reopen-bio_scale"' in page and 'id="reason-bio_scale"' in page
    unexplained = reviewer.post("/review", data=fields | {"step": "reopen"})
    assert unexplained.status_code in (400, 409, 422) and "原因" in unexplained.text
    assert 'id="reopen-bio_scale"' in reviewer.get(form).text  # still approved
    reopened = reviewer.post(
        "/review",
        data=fields | {"step": "reopen", "note": "统计局反馈口径有误"},
        follow_redirects=False,
    )
    assert reopened.headers["location"] == form + "?done=reopen"
    page = reporter.get(form).text  # a draft again, the reason beside the field
    assert 'name="value.bio_scale" value="12.5"' in page
    assert "统计局反馈口径有误" in page and 'id="reopen-bio_scale"' not in page
