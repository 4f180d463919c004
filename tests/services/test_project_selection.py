"""每年遴选 on both backends: a year's selection of key projects with each candidate's score
loaded all or nothing (one defect per file, tests/data/projects/selection-with-problems/),
ranked, shown in the monthly report, and entering the library (入库年份).

tests/data/projects/selection.csv, worked by hand (criteria of projects/selection.yaml: 投资规模
30, 产业带动 25, 技术先进性 20, 前期工作成熟度 15, 经济社会效益 10 = 100):

    CS-P1 2026  28+22+18+12+8 = 88 (no 总分: the sum)   入选
    CS-P2 2026  总分 75.5 only                           入选
    CS-P3 2026  20+15+10+5+5 = 55 = its 总分 55          未入选
    CS-P5 2026  25+20+15+14+9 = 83                        入选 (written 入选)
    CS-P4 2025  总分 60                                  入选

    2026 by 总分: P1 88 (1), P5 83 (2), P2 75.5 (3), P3 55 (4); 3 of 4 chosen.
    入库年份 (ledger.csv has none): P1, P2, P5 → 2026; P4 → 2025; P3 (not chosen) stays none.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditEntity
from bioecon.domain.periods import Period
from bioecon.domain.project_report import ProjectFilter
from bioecon.errors import Forbidden, InvalidInput
from bioecon.io.planfile import read_plan_file
from bioecon.io.project_files import read_project_ledger, read_project_selection
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.history import value_history
from bioecon.services.plans import load_plan
from bioecon.services.projects import (
    load_project_ledger,
    load_project_selection,
    plan_projects,
    project_report,
    project_selection,
)

DATA = Path(__file__).parent.parent / "data" / "projects"
PROBLEMS = DATA / "selection-with-problems"
PLAN = "changsha-2025"
DEFECTS = {
    "unknown-project.csv": "第2行 项目编号: 项目库中没有项目编号「CS-P9」（先导入项目台账）",
    "repeated-year.csv": "第3行 遴选年度: 2026年与第2行重复",
    "over-full-points.csv": "第2行 投资规模得分: 32 超过该项满分30分",
    "total-unlike-sum.csv": "第2行 总分: 总分90与各项得分之和88不符",  # 28+22+18+12+8 = 88
    "no-score.csv": "第2行 总分: 总分与各项得分均未填写；至少填写一项",
    "not-yes-or-no.csv": "第2行 是否入选: 「待定」应为 是 或 否",
    "negative-score.csv": "第2行 总分: -5 为负数；得分须不小于0",
    "bad-year.csv": "第2行 遴选年度: 「二〇二六」不是数值：只填数字，不带单位或“亿”“万” "
    "(is not a number; write the value alone, without unit or 亿/万)",
    # the shared table reader names a missing column by its field (every register file does)
    "missing-column.csv": "row 1: missing column(s): selected",
}


@pytest.fixture
def library(app: Bioecon, changsha_plan_file: Path) -> Bioecon:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    ledger = read_project_ledger(DATA / "ledger.csv", plan=PLAN)
    load_project_ledger(app, actor=LOCAL_ADMIN, origin="test", parsed=ledger)
    return app


def _load(app: Bioecon, path: Path, actor: Principal = LOCAL_ADMIN) -> tuple[int, int, int]:
    done = load_project_selection(
        app, actor=actor, origin="test", parsed=read_project_selection(path)
    )
    return done.created, done.updated, done.unchanged


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_a_selection_file_with_one_defect_is_refused_whole(library: Bioecon, name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        _load(library, PROBLEMS / name)
    assert [str(p) for p in caught.value.problems] == [DEFECTS[name]]
    assert caught.value.source.endswith(name)
    assert project_selection(library, actor=LOCAL_ADMIN, plan=PLAN, year=2026) == []


def test_every_defect_file_has_its_expected_message() -> None:
    assert {p.name for p in PROBLEMS.iterdir()} == set(DEFECTS)


def test_the_selection_is_ranked_enters_the_library_and_the_report(library: Bioecon) -> None:
    assert _load(library, DATA / "selection.csv") == (5, 0, 0)
    assert _load(library, DATA / "selection.csv") == (0, 0, 5)  # again: nothing changes
    lines = project_selection(library, actor=LOCAL_ADMIN, plan=PLAN, year=2026)
    assert [(x.rank, x.entry.project, x.entry.total, x.entry.selected) for x in lines] == [
        (1, "CS-P1", Decimal(88), True),
        (2, "CS-P5", Decimal(83), True),
        (3, "CS-P2", Decimal("75.5"), True),
        (4, "CS-P3", Decimal(55), False),
    ]
    assert lines[0].entry.scores["scale"] == Decimal(28)
    assert lines[0].entry.scorer == "市发改委评审组"
    years = {p.code: p.selected_year for p in plan_projects(library, actor=LOCAL_ADMIN, plan=PLAN)}
    assert years == {"CS-P1": 2026, "CS-P2": 2026, "CS-P3": None, "CS-P4": 2025, "CS-P5": 2026}
    report = project_report(library, actor=LOCAL_ADMIN, plan=PLAN, period=Period.month(2026, 6))
    assert (report.candidates, report.chosen) == (4, 3)
    scores = {v.line.code: (v.line.selection_score, v.line.chosen) for v in report.lines}
    assert scores["CS-P1"] == (Decimal(88), True)
    assert scores["CS-P3"] == (Decimal(55), False)
    assert scores["CS-P4"] == (None, None)  # a candidate of 2025, not of the report's year
    kept = [v.line.code for v in report.lines if ProjectFilter(chosen=True).keeps(v)]
    assert kept == ["CS-P1", "CS-P2", "CS-P5"]
    # a reporter of 岳麓区 (P2, P3) sees its own candidates only, ranked among them
    yuelu = Principal("yl-rep", Role.REPORTER, Scope("430104"))
    own = project_selection(library, actor=yuelu, plan=PLAN, year=2026)
    assert [(x.rank, x.entry.project) for x in own] == [(1, "CS-P2"), (2, "CS-P3")]


def test_a_changed_score_is_recorded_and_only_the_office_selects(
    library: Bioecon, tmp_path: Path
) -> None:
    _load(library, DATA / "selection.csv")
    text = (DATA / "selection.csv").read_text(encoding="utf-8")
    changed = tmp_path / "selection.csv"
    changed.write_text(text.replace(",75.5,是,", ",80,是,"), encoding="utf-8")
    yuelu = Principal("yl-rep", Role.REPORTER, Scope("430104"))
    with pytest.raises(Forbidden):
        _load(library, changed, yuelu)  # a reporter does not select projects
    assert _load(library, changed) == (0, 1, 4)
    history = value_history(
        library, actor=LOCAL_ADMIN, entity=AuditEntity.PROJECT_SELECTION, prefix="CS-P2/2026"
    )
    assert [(e.action.value, e.old_value, e.new_value) for e in history][1:] == [
        ("update", {"score": "75.5"}, {"score": "80"})
    ]
    first = history[0].new_value or {}
    assert (first["score"], first["selected"], first["scorer"]) == ("75.5", True, "市发改委评审组")
    entered = value_history(library, actor=LOCAL_ADMIN, entity=AuditEntity.PROJECT, prefix="CS-P4")
    assert (entered[-1].old_value, entered[-1].new_value) == (
        {"selected_year": None},
        {"selected_year": 2025},
    )
