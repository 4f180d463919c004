"""The key-project library as the source of plan targets (indicator catalogue ``source:
projects``): the projects chosen in a year (每年遴选) and the library's 1–N月累计完成投资, each
computed by one query, and the targets' statuses judged from them — on both backends.

World: city C with district X and park P inside X; another city O. Plan 2025–2027.

    project  unit  入库年份 (ledger)  2026 selection  progress (本年累计完成投资, 万元)
    K1       X     2025              —               2025-12 9999; 2026-03 3000; 2026-06 8000
    K2       P     2026              —               2026-05 4000
    K3       X     —                 chosen          2026-06 2500   (enters the library in 2026)
    K4       X     2024              chosen (again)  2026-02 1000; 2026-07 5000
    K5       O     2026              —               2026-06 7777   (another city)
    K6       X     —                 not chosen      —
    K7       X     —                 —               2026-06 6000   (not in the library)

当年遴选重点项目 in C, 2026: entered in 2026 K2, K3; chosen in 2026's selection K3, K4 →
{K2, K3, K4} = 3 (K5 is O's, K6 was not chosen). 2025: K1 → 1.

重点项目本年累计完成投资 in C (the library by the year: 入库年份 ≤ it), each project's latest
figure of the year up to the month:
    2026-06: K1 8000 + K2 4000 + K3 2500 + K4 1000 (Feb; July is later) = 15500 万元 = 1.55 亿元
    2026-03: K1 3000 + K4 1000 = 4000 万元 = 0.4 亿元 (K2, K3 had not reported)
    2026-07: 8000 + 4000 + 2500 + 5000 = 19500 万元 = 1.95 亿元
    2025-12: the 2025 library is K1, K4: K1 9999 → 0.9999 亿元

Targets (每年, recurring; time progress = month / 12; progress.yaml: ≤ 10 points behind 正常,
≤ 30 滞后, more 严重滞后):
    SELECTED 每年遴选30个 at 2026-06: 3 / 30 = 10 %, time 50 %: 40 behind → at_risk
    COMPLETED 每年完成投资3亿元 at 2026-06: 1.55 / 3 = 51.67 % ≥ 50 % → on_track;
              at 2026-03: 0.4 / 3 = 13.33 % vs 25 %: 11.67 behind → lagging;
              at 2025-12: 0.9999 / 3 = 33.33 % vs 100 %: 66.67 behind → at_risk
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest

from bioecon.app import Bioecon
from bioecon.domain.model import ProjectStage
from bioecon.domain.periods import Period
from bioecon.domain.progress import Evaluation, Status
from bioecon.domain.project_selection import SelectionEntry
from bioecon.domain.projects import ProgressEntry, ProjectRecord
from bioecon.domain.registers import RegisterFile, RegisterRow
from bioecon.io.planfile import read_plan_file
from bioecon.messages import render
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.evaluation import evaluate_plan
from bioecon.services.plans import load_plan
from bioecon.services.projects import (
    load_project_ledger,
    load_project_progress,
    load_project_selection,
)

PLAN = """\
plan: {code: keyed, title: 项目指标测试, region: C, horizon: {start: 2025, end: 2027}}
org_units:
  - {code: C, name: 城市, level: city}
  - {code: X, name: 甲区, level: district, parent: C}
  - {code: P, name: 园区, level: park, parent: X}
  - {code: O, name: 他市, level: city}
indicators:
  - {code: project.key_selected, name: 当年遴选, unit: 个, nature: flow, basis: ytd}
  - {code: project.key_completed, name: 完成投资, unit: 亿元, nature: flow, basis: ytd}
targets:
  - {key: SELECTED, metric: 每年遴选重点项目, indicator: project.key_selected, kind: recurring,
     op: '>=', value: 30, unit: 个, deadline_year: 2027}
  - {key: COMPLETED, metric: 重点项目完成投资, indicator: project.key_completed, kind: recurring,
     op: '>=', value: 3, unit: 亿元, deadline_year: 2027}
"""
LIBRARY = {"K1": ("X", 2025), "K2": ("P", 2026), "K3": ("X", None), "K4": ("X", 2024)}
LIBRARY |= {"K5": ("O", 2026), "K6": ("X", None), "K7": ("X", None)}
PROGRESS = [
    ("K1", "2025-12", 9999),
    ("K1", "2026-03", 3000),
    ("K1", "2026-06", 8000),
    ("K2", "2026-05", 4000),
    ("K3", "2026-06", 2500),
    ("K4", "2026-02", 1000),
    ("K4", "2026-07", 5000),
    ("K5", "2026-06", 7777),
    ("K7", "2026-06", 6000),
]
SELECTION = [("K3", True), ("K4", True), ("K6", False)]  # of 2026


R = TypeVar("R")


def _file(rows: list[R]) -> RegisterFile[R]:
    """Rows as a parsed file (the loaders' input), numbered as a sheet's from row 2."""
    return RegisterFile("test", tuple(RegisterRow(n + 2, r) for n, r in enumerate(rows)), (), {})


@pytest.fixture
def keyed(app: Bioecon, tmp_path: Path) -> Bioecon:
    plan = tmp_path / "keyed.plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    parsed = read_plan_file(plan)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    records = [
        ProjectRecord(code, code, ProjectStage.STARTED, org_unit=unit, selected_year=year)
        for code, (unit, year) in LIBRARY.items()
    ]
    load_project_ledger(app, actor=LOCAL_ADMIN, origin="test", parsed=_file(records))
    entries = [
        ProgressEntry(code, Period.parse(month), Decimal(value)) for code, month, value in PROGRESS
    ]
    load_project_progress(app, actor=LOCAL_ADMIN, origin="test", parsed=_file(entries))
    chosen = [
        SelectionEntry(code, 2026, picked, Decimal(80 if picked else 50))
        for code, picked in SELECTION
    ]
    load_project_selection(app, actor=LOCAL_ADMIN, origin="test", parsed=_file(chosen))
    return app


def by_key(app: Bioecon, as_of: str) -> dict[str, Evaluation]:
    return {
        e.target.key: e.evaluation
        for e in evaluate_plan(app, actor=LOCAL_ADMIN, plan="keyed", as_of=Period.parse(as_of))
    }


def test_the_years_chosen_projects_are_counted_and_judged(keyed: Bioecon) -> None:
    found = by_key(keyed, "2026-06")["SELECTED"]
    assert found.actual == Decimal(3)  # K2, K3, K4
    assert found.completion_rate == pytest.approx(10.0)  # 3 / 30
    assert found.time_progress == pytest.approx(50.0)
    assert found.status is Status.AT_RISK  # 40 points behind
    assert by_key(keyed, "2025-12")["SELECTED"].actual == Decimal(1)  # K1


def test_the_librarys_year_to_date_investment_is_summed_and_judged(keyed: Bioecon) -> None:
    june = by_key(keyed, "2026-06")["COMPLETED"]
    assert june.actual == Decimal("1.55")  # 15500 万元
    assert june.completion_rate == pytest.approx(155 / 3)  # 51.67 %
    assert june.status is Status.ON_TRACK
    assert "计在库重点项目2026年1–6月累计完成投资" in render(june.explanation)
    march = by_key(keyed, "2026-03")["COMPLETED"]
    assert march.actual == Decimal("0.4")
    assert march.status is Status.LAGGING  # 25 − 13.33 = 11.67 points behind
    assert by_key(keyed, "2026-07")["COMPLETED"].actual == Decimal("1.95")
    december = by_key(keyed, "2025-12")["COMPLETED"]
    assert december.actual == Decimal("0.9999")
    assert december.status is Status.AT_RISK
