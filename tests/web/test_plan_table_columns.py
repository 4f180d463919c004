"""The plan page shows 属性 (预期性/约束性) and 基期 (the plan's base value and year) for plans
whose targets state them — a 主要指标 table's — and leaves both columns out otherwise."""

from __future__ import annotations

from pathlib import Path

from bioecon.app import Bioecon
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.plans import load_plan
from tests.web_login import admin_client

TABLED = """\
plan: {code: tb, title: 某市生物经济“十四五”规划, region: TB, horizon: {start: 2021, end: 2025}}
org_units:
  - {code: TB, name: 某市, level: city}
targets:
  - {key: T1, metric: 生物经济总规模, value: 3000, unit: 亿元, deadline_year: 2025,
     baseline_value: 1600, baseline_year: 2020, nature: 预期性}
  - {key: T2, metric: 研发投入强度, kind: share, value: 3, unit: "%", deadline_year: 2025,
     nature: 约束性}
"""
PLAIN = """\
plan: {code: pl, title: 某区行动方案, region: PL, horizon: {start: 2024, end: 2026}}
org_units:
  - {code: PL, name: 某区, level: district}
targets:
  - {key: T1, metric: 产业规模, value: 500, unit: 亿元, deadline_year: 2026}
"""


def _load(app: Bioecon, folder: Path, name: str, text: str) -> None:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    parsed = read_plan_file(path)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)


def _row(html: str, key: str) -> str:
    start = html.index(f'<tr id="row-{key}">')
    return html[start : html.index("</tr>", start)]


def test_nature_and_base_where_the_plan_states_them(app: Bioecon, tmp_path: Path) -> None:
    _load(app, tmp_path, "tb", TABLED)
    _load(app, tmp_path, "pl", PLAIN)
    with admin_client(app) as client:
        html = client.get("/plans/tb?as_of=2025-12").text
        assert "<th>属性</th>" in html and "<th>基期</th>" in html
        assert "预期性" in _row(html, "T1") and "1,600.00 亿元 (2020)" in _row(html, "T1")
        assert "约束性" in _row(html, "T2")
        english = client.get("/plans/tb?as_of=2025-12&lang=en").text
        assert "<th>Nature</th>" in english and "expected" in _row(english, "T1")
        plain = client.get("/plans/pl?as_of=2025-12").text
        assert "<th>属性</th>" not in plain and "<th>基期</th>" not in plain
