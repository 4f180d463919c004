"""The pages on a database that is not the demo: a plan the extractor read from a text the demo
does not hold, with none of the demo's indicators (the review found pages that only worked on
the demo)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from fastapi.testclient import TestClient

from bioecon.app import Bioecon
from bioecon.domain.access import Role, Scope
from bioecon.domain.model import ProjectStage
from bioecon.domain.project_selection import SelectionEntry
from bioecon.domain.projects import ProjectRecord
from bioecon.domain.registers import RegisterFile, RegisterRow
from bioecon.io.assessment_scheme import read_scheme_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.assessment import load_scheme
from bioecon.services.database import upgrade_database
from bioecon.services.extraction import extract_document, extracted_plan
from bioecon.services.orgunits import responsible_unit_named
from bioecon.services.plans import load_plan
from bioecon.services.projects import load_project_ledger, load_project_selection
from bioecon.settings import Settings
from tests.web.crawl import crawl
from tests.web_login import add_account, admin_client, csrf_header, log_in

SCHEME = """\
scheme: {code: free-2026, name: 示范考核, year: 2026}
units: ["320100"]
items:
  - {key: Q1, name: 工作评价, weight: 100, method: proportional, target: 100,
     input: {qualitative: [{group: 市领导, weight: 0.5}, {group: 部门, weight: 0.5}]}}
scores:
  - {item: Q1, unit: "320100", group: 市领导, score: 80}
  - {item: Q1, unit: "320100", group: 部门, score: 90}
"""
TEXT = "到2025年,全市建成5座示范工厂,生物制造产业规模突破300亿元。\n(责任单位:市发改委、市工信局)\n"


def test_every_page_and_link_answers_on_an_extracted_plan(
    blank_database_url: str, tmp_path: Path
) -> None:
    source = tmp_path / "示范方案.txt"
    source.write_text(TEXT, encoding="utf-8")
    with Bioecon(Settings(database_url=blank_database_url)) as app:
        upgrade_database(app)
        bundle = extracted_plan(
            extraction=extract_document(source=source), code="demo-free", region="320100"
        )
        load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=bundle, source=str(source))
        scheme_path = tmp_path / "scheme.yaml"  # a 考核方案 of the plan's city (issue #16)
        scheme_path.write_text(SCHEME, encoding="utf-8")
        scheme = read_scheme_file(scheme_path)
        load_scheme(app, actor=LOCAL_ADMIN, origin="test", scheme=scheme, source="scheme.yaml")
        with admin_client(app) as client:
            pages = ["/", "/plans/demo-free", "/plans/demo-free/text", "/compare", "/enterprises"]
            pages.append("/reports")  # the bulletins: every plan with its latest month
            pages.append("/plans/demo-free/projects")  # a plan without projects
            pages += ["/plans/demo-free/tasks", "/notices"]  # no work items, no notices
            pages.append("/indicators")  # the indicator index
            pages += [
                "/policies",
                "/policy-ledger",
                "/policy-funds",
            ]  # no clause, no support (issue #21)
            pages += ["/assessment", "/assessment/free-2026"]  # its own scheme (issue #16)
            for page in pages:
                response = client.get(page)
                assert response.status_code == 200, page
                links = set(re.findall(r'href="(/[^"#]*)', response.text))
                broken = [link for link in sorted(links) if client.get(link).status_code >= 400]
                assert broken == [], page
            # a key project of this plan, its progress and 2026's selection (issue #14)
            for page in _project_pages(app, client):
                response = client.get(page)
                assert response.status_code == 200, page
                links = set(re.findall(r'(?:href|src)="(/[^"#]*)', response.text))
                broken = [link for link in sorted(links) if client.get(link).status_code >= 400]
                assert broken == [], page
            fetched, broken = crawl(client, ["/", "/?lang=en", "/?as_of=2025-06"])
            assert broken == [] and fetched > len(pages)
            # the scheme published from its page: 0.5 × 80 + 0.5 × 90 = 85 → 85 % × 100 = 85
            published = client.post(
                "/assessment/free-2026/publish",
                data={"as_of": "2026-06"},
                headers=csrf_header(client),
                follow_redirects=False,
            )
            assert published.status_code == 303
            assert "已发布第1版：截至2026-06" in client.get("/assessment/free-2026?lang=zh").text
            assert "85 / 100 = 85% × 100 = 85" in client.get("/assessment/free-2026?lang=zh").text
            # nothing to compare on a database of one plan, said in words
            assert "没有可对比的目标" in client.get("/compare?lang=zh").text
            # the one extracted target is on its plan page, with its quote
            assert "突破300亿元" in client.get("/plans/demo-free").text


def _project_pages(app: Bioecon, client: TestClient) -> list[str]:
    """DF-P1 in 320100, answered for by the extracted 责任单位 市发改委: its department logs in
    and enters 2026-05 with a photo; the office's selection of 2026 scores it 86 (chosen)."""
    ledger = RegisterRow(
        2,
        ProjectRecord(
            "DF-P1",
            "示范工厂建设项目",
            ProjectStage.UNDER_CONSTRUCTION,
            org_unit="320100",
            plan="demo-free",
            responsible_unit="市发改委",
            total_investment=Decimal(12),
            plan_year=2026,
            annual_plan=Decimal(24000),
        ),
    )
    load_project_ledger(
        app, actor=LOCAL_ADMIN, origin="test", parsed=RegisterFile("t", (ledger,), (), {})
    )
    chosen = RegisterRow(2, SelectionEntry("DF-P1", 2026, True, Decimal(86), scorer="市发改委"))
    load_project_selection(
        app, actor=LOCAL_ADMIN, origin="test", parsed=RegisterFile("t", (chosen,), (), {})
    )
    unit = responsible_unit_named(app, actor=LOCAL_ADMIN, name="市发改委")
    add_account(app, "df-dept", Role.DEPARTMENT, Scope(responsible_unit=unit))
    log_in(client, "df-dept")
    form = {"csrftoken": client.cookies["csrftoken"], "period": "2026-05", "completed": "9000"}
    photo = {"photos": ("厂房.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, "image/png")}
    saved = client.post("/projects/DF-P1/progress", data=form, files=photo, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    page = client.get("/projects/DF-P1").text
    assert '<td>2026-05</td><td class="num">9000</td>' in page and "df-dept" in page
    (evidence,) = re.findall(r'<a href="(/evidence/\d+)" title="厂房.png">', page)
    assert client.get(evidence).content.startswith(b"\x89PNG")
    log_in(client, "web-admin")  # admin_client's account, again
    listing = client.get("/plans/demo-free/projects?period=2026-05").text
    assert 'id="selection-list"' in listing and "示范工厂建设项目" in listing
    assert 'id="selection-counts">1 / 1<' in listing  # chosen / candidates of 2026
    return ["/projects/DF-P1", "/plans/demo-free/projects?period=2026-05", evidence]
