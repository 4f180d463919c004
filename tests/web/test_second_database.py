"""The pages on a database that is not the demo: a plan the extractor read from a text the demo
does not hold, with none of the demo's indicators (the review found pages that only worked on
the demo)."""

from __future__ import annotations

import re
from pathlib import Path

from bioecon.app import Bioecon
from bioecon.io.assessment_scheme import read_scheme_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.assessment import load_scheme
from bioecon.services.database import upgrade_database
from bioecon.services.extraction import extract_document, extracted_plan
from bioecon.services.plans import load_plan
from bioecon.settings import Settings
from tests.web.crawl import crawl
from tests.web_login import admin_client, csrf_header

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
