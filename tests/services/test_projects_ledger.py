"""The project ledger, monthly progress and the monthly 项目调度 report, on both backends.

The report's figures are worked by hand from tests/data/projects/{ledger,progress}.csv for
changsha-2025 at 2026-06 (序时进度 6/12 = 50 %):

    project  annual plan  latest 2026 row   completion      gap     investment  start   入统
    CS-P1    10000        06: 6000          60 %            +10     green       green   green
    CS-P2    20000        05: 7000 (2025-12 9999 is last year's)  35 %  −15  yellow  green  green
    CS-P3     5000        06:  500          10 %            −40     red         red (planned 03, not
                                                                               started: 6−3+1 = 4 ≥ 3)
    CS-P4        —        —                 —               —       green       yellow (planned 06:
                                                                               1 month)  green
    CS-P5     8000        06: 4000          50 %              0     green       green   yellow (started
                                                                               04, no 入统: 6−4 = 2 ≥ 1, < 3)

    annual plan 10000+20000+5000+8000 = 43000 万元; completed 6000+7000+500+4000 = 17500 万元;
    17500/43000 = 40.6977 % → 40.7 %; 40.6977 − 50 = −9.3023 → 低于序时进度9.3个百分点.
    总投资 12.5+30+5+2+8.8 = 58.3 亿元. Stages: 开工 2 (P1, P5), 建设 1, 签约 1, 谋划 1.
    计划开工 in 2026 by June: P1 (02), P3 (03), P4 (06), P5 (05) = 4 (P2's is 2025);
    实际开工 in 2026 by June: P1 (02), P5 (04) = 2; 提前开工: P5 (04 before 05) = 1 (P1 started in
    its planned month); 未按计划开工: P3, P4 = 2. Red: P3; yellow: P2, P4, P5.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditEntity
from bioecon.domain.model import ProjectStage
from bioecon.domain.periods import Period
from bioecon.domain.project_warnings import Colour
from bioecon.errors import Forbidden, InvalidInput
from bioecon.io.planfile import read_plan_file
from bioecon.io.project_files import read_project_ledger, read_project_progress
from bioecon.io.project_report_output import gap_text, percent, write_project_report
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.history import value_history
from bioecon.services.plans import load_plan
from bioecon.services.projects import (
    load_project_ledger,
    load_project_progress,
    project_page,
    project_report,
)
from bioecon.services.reports import monthly_bulletin

DATA = Path(__file__).parent.parent / "data" / "projects"
PLAN = "changsha-2025"
JUNE = Period.month(2026, 6)


@pytest.fixture
def library(app: Bioecon, changsha_plan_file: Path) -> Bioecon:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    ledger = read_project_ledger(DATA / "ledger.csv", plan=PLAN)
    load_project_ledger(app, actor=LOCAL_ADMIN, origin="test", parsed=ledger)
    progress = read_project_progress(DATA / "progress.csv")
    load_project_progress(app, actor=LOCAL_ADMIN, origin="test", parsed=progress)
    return app


def test_the_monthly_report_figures_are_the_hand_computed_ones(library: Bioecon) -> None:
    report = project_report(library, actor=LOCAL_ADMIN, plan=PLAN, period=JUNE)
    assert report.projects == 5
    assert report.by_stage == {
        ProjectStage.STARTED: 2,
        ProjectStage.UNDER_CONSTRUCTION: 1,
        ProjectStage.SIGNED: 1,
        ProjectStage.PLANNED: 1,
    }
    assert report.total_investment == Decimal("58.3")
    assert report.annual_plan == Decimal(43000)
    assert report.completed == Decimal(17500)
    assert percent(report.completion) == Decimal("40.7")
    assert report.schedule == Decimal(50)
    assert gap_text(report.gap) == "低于序时进度9.3个百分点"
    assert (report.planned_starts, report.actual_starts) == (4, 2)
    assert (report.early_starts, report.late_starts) == (1, 2)
    assert [v.line.code for v in report.listed(Colour.RED)] == ["CS-P3"]
    assert [v.line.code for v in report.listed(Colour.YELLOW)] == ["CS-P2", "CS-P4", "CS-P5"]
    lines = {v.line.code: v for v in report.lines}
    assert lines["CS-P2"].line.completed == Decimal(7000)
    assert lines["CS-P2"].line.reported == "2026-05"
    assert lines["CS-P2"].gap == Decimal(-15)
    assert lines["CS-P3"].line.responsible_unit == "岳麓区工信局"
    assert (lines["CS-P5"].investment, lines["CS-P5"].statistics) == (Colour.GREEN, Colour.YELLOW)


def test_both_presets_colour_december_by_their_own_rule(library: Bioecon) -> None:
    # 2026-12: 序时进度 12/12 = 100 %; the latest 2026 figures are June's (P2: May's):
    #   P1 6000/10000 = 60 %   points: 40 below (> 30) red    ratio: 60 % of 序时 (not < 60) yellow
    #   P2 7000/20000 = 35 %   points: 65 below red           ratio: 35 % red
    #   P3  500/5000  = 10 %   red both
    #   P5 4000/8000  = 50 %   points: 50 below red           ratio: 50 % red
    #   P4 no annual plan: no investment colour
    december = Period.month(2026, 12)
    points = project_report(library, actor=LOCAL_ADMIN, plan=PLAN, period=december)
    ratio = project_report(library, actor=LOCAL_ADMIN, plan=PLAN, period=december, preset="ratio")
    assert (points.preset, ratio.preset) == ("points", "ratio")
    by_points = {v.line.code: v.investment for v in points.lines}
    by_ratio = {v.line.code: v.investment for v in ratio.lines}
    assert by_points == {
        "CS-P1": Colour.RED, "CS-P2": Colour.RED, "CS-P3": Colour.RED,
        "CS-P4": Colour.GREEN, "CS-P5": Colour.RED,
    }  # fmt: skip
    assert by_ratio == by_points | {"CS-P1": Colour.YELLOW}
    with pytest.raises(InvalidInput, match="preset"):
        project_report(library, actor=LOCAL_ADMIN, plan=PLAN, period=december, preset="nope")


def test_the_report_workbook_holds_the_summary_and_the_lists(
    library: Bioecon, tmp_path: Path
) -> None:
    report = project_report(library, actor=LOCAL_ADMIN, plan=PLAN, period=JUNE)
    write_project_report(tmp_path / "调度.xlsx", report)
    book = load_workbook(tmp_path / "调度.xlsx")
    assert book.sheetnames == ["汇总", "项目明细", "红灯项目", "黄灯项目"]
    summary = {row[0]: row[1] for row in book["汇总"].iter_rows(values_only=True)}
    assert summary["1–6月累计完成投资（万元）"] == 17500
    assert summary["序时进度比较"] == "低于序时进度9.3个百分点"
    assert summary["开工阶段项目（个）"] == 2
    red = list(book["红灯项目"].iter_rows(values_only=True))
    assert [(r[0], r[3]) for r in red[1:]] == [("CS-P3", "岳麓区工信局")]


def test_a_reporter_sees_only_its_units_projects(library: Bioecon) -> None:
    reporter = Principal("yuelu-reporter", Role.REPORTER, Scope("430104"))
    report = project_report(library, actor=reporter, plan=PLAN, period=JUNE)
    assert [v.line.code for v in report.lines] == ["CS-P2", "CS-P3"]
    assert report.annual_plan == Decimal(25000)  # 20000 + 5000


def test_progress_outside_the_callers_units_is_refused(library: Bioecon, tmp_path: Path) -> None:
    reporter = Principal("yuelu-reporter", Role.REPORTER, Scope("430104"))
    file = tmp_path / "p.csv"
    file.write_text(
        "项目编号,填报月份,本年累计完成投资（万元）\nCS-P1,2026-07,6500\n", encoding="utf-8"
    )
    with pytest.raises(Forbidden, match="CS-P1"):  # of 开福区 (430102)
        load_project_progress(
            library, actor=reporter, origin="test", parsed=read_project_progress(file)
        )
    file.write_text(
        "项目编号,填报月份,本年累计完成投资（万元）\nCS-P2,2026-07,8000\n", encoding="utf-8"
    )
    done = load_project_progress(
        library, actor=reporter, origin="test", parsed=read_project_progress(file)
    )
    assert (done.created, done.updated) == (1, 0)


def test_a_stage_change_enters_the_history_and_the_audit_trail(
    library: Bioecon, tmp_path: Path
) -> None:
    text = (DATA / "ledger.csv").read_text(encoding="utf-8")
    changed = text.replace(
        "CS-P3,医疗器械产业园,签约,新开工,430104,岳麓区工信局,5,2026,5000,2026-03-15,,,2026-01-08,投资协议",
        "CS-P3,医疗器械产业园,开工,新开工,430104,岳麓区工信局,5,2026,5000,2026-03-15,2026-07-02,,2026-07-02,开工令",
    )
    file = tmp_path / "ledger.csv"
    file.write_text(changed, encoding="utf-8")
    done = load_project_ledger(
        library, actor=LOCAL_ADMIN, origin="test", parsed=read_project_ledger(file, plan=PLAN)
    )
    assert (done.created, done.updated, done.unchanged) == (0, 1, 4)
    page = project_page(library, actor=LOCAL_ADMIN, code="CS-P3")
    record, stages, progress = page.record, page.stages, page.progress
    assert record.stage is ProjectStage.STARTED
    assert [(s.stage, str(s.on), s.evidence) for s in stages] == [
        (ProjectStage.SIGNED, "2026-01-08", "投资协议"),
        (ProjectStage.STARTED, "2026-07-02", "开工令"),
    ]
    assert [(str(p.period), p.completed) for p in progress] == [("2026-06", Decimal(500))]
    events = value_history(library, actor=LOCAL_ADMIN, entity=AuditEntity.PROJECT, prefix="CS-P3")
    assert [e.action.value for e in events] == ["create", "update"]
    assert events[-1].new_value == {"stage": "started", "actual_start": "2026-07-02"}
    progress_events = value_history(
        library, actor=LOCAL_ADMIN, entity=AuditEntity.PROJECT_PROGRESS, prefix="CS-P2"
    )
    assert len(progress_events) == 3


def test_loading_the_same_files_again_changes_nothing(library: Bioecon) -> None:
    ledger = read_project_ledger(DATA / "ledger.csv", plan=PLAN)
    again = load_project_ledger(library, actor=LOCAL_ADMIN, origin="test", parsed=ledger)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    progress = read_project_progress(DATA / "progress.csv")
    same = load_project_progress(library, actor=LOCAL_ADMIN, origin="test", parsed=progress)
    assert (same.created, same.updated, same.unchanged) == (0, 0, 6)


_LEDGER_HEAD = "项目编号,项目名称,实际建设阶段,项目类别,所在区域,计划总投资（亿元）,计划年度,年度计划投资（万元）,计划开工日期\n"


@pytest.mark.parametrize(
    ("row", "location", "message"),
    [
        ("X1,甲,开工,新开工,430102,3,2026,100,2026-02-30", "第2行 计划开工日期", "不是有效日期"),
        ("X1,甲,在路上,新开工,430102,3,2026,100,", "第2行 实际建设阶段", "不是七个一批的阶段"),
        ("X1,甲,开工,新开工,430102,-3,2026,100,", "第2行 计划总投资（亿元）", "为负数"),
        ("X1,甲,开工,新开工,430102,3,,100,", "第2行 计划年度", "须同时填写计划年度"),
        ("X1,甲,开工,新开工,439999,3,2026,100,", "第2行 所在区域", "未知区域「439999」"),
        ("X1,甲,开工,新开工,430102,0.5,2026,100,", "第2行 计划总投资（亿元）", "入库门槛（1亿元）"),
        ("X1,甲,开工,新项目,430102,3,2026,100,", "第2行 项目类别", "不是年度项目类别"),
        ("X1,,开工,新开工,430102,3,2026,100,", "第2行 项目名称", "必须填写"),
        ("X1,甲,开工,新开工,430102,3,2026,1e30,", "第2行 年度计划投资（万元）", "too large"),
    ],
)
def test_a_ledger_with_one_defect_is_refused_whole_naming_row_and_field(
    library: Bioecon, tmp_path: Path, row: str, location: str, message: str
) -> None:
    file = tmp_path / "ledger.csv"
    file.write_text(_LEDGER_HEAD + row + "\nX2,乙,谋划,预备,430102,2,,,\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_project_ledger(
            library, actor=LOCAL_ADMIN, origin="test", parsed=read_project_ledger(file, plan=PLAN)
        )
    [problem] = refused.value.problems
    assert problem.location == location
    assert message in problem.message
    report = project_report(library, actor=LOCAL_ADMIN, plan=PLAN, period=JUNE)
    assert "X2" not in {v.line.code for v in report.lines}  # nothing written


def test_a_repeated_project_code_is_named_with_its_first_row(
    library: Bioecon, tmp_path: Path
) -> None:
    file = tmp_path / "ledger.csv"
    file.write_text(
        _LEDGER_HEAD + "X1,甲,开工,,430102,3,,,\nX1,乙,开工,,430102,3,,,\n", encoding="utf-8"
    )
    with pytest.raises(InvalidInput) as refused:
        load_project_ledger(
            library, actor=LOCAL_ADMIN, origin="test", parsed=read_project_ledger(file, plan=PLAN)
        )
    assert [(p.location, p.message) for p in refused.value.problems] == [
        ("第3行 项目编号", "「X1」与第2行重复")
    ]


_PROGRESS_HEAD = "项目编号,填报月份,本年累计完成投资（万元）,形象进度\n"


@pytest.mark.parametrize(
    ("rows", "location", "message"),
    [
        ("NOPE,2026-06,10,", "第2行 项目编号", "项目库中没有项目编号「NOPE」"),
        ("CS-P1,2026-13,10,", "第2行 填报月份", "not a valid period"),
        ("CS-P1,2026,10,", "第2行 填报月份", "不是月份"),
        ("CS-P1,2026-07,十万,", "第2行 本年累计完成投资（万元）", "not a number"),
        ("CS-P1,2026-07,,", "第2行 本年累计完成投资（万元）", "必须填写"),
        ("CS-P1,2026-07,10,\nCS-P1,2026-07,12,", "第3行 填报月份", "2026-07 与第2行重复"),
    ],
)
def test_a_progress_file_with_one_defect_is_refused_whole(
    library: Bioecon, tmp_path: Path, rows: str, location: str, message: str
) -> None:
    file = tmp_path / "progress.csv"
    file.write_text(_PROGRESS_HEAD + rows + "\nCS-P4,2026-07,1,\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_project_progress(
            library, actor=LOCAL_ADMIN, origin="test", parsed=read_project_progress(file)
        )
    [problem] = refused.value.problems
    assert (problem.location, message in problem.message) == (location, True)
    assert project_page(library, actor=LOCAL_ADMIN, code="CS-P4").progress == ()


def test_a_projects_history_keeps_to_the_callers_scope(library: Bioecon) -> None:
    # CS-P2 and CS-P3 lie in 岳麓区 430104, CS-P1, CS-P4, CS-P5 in 芙蓉区 430102 (ledger.csv)
    yuelu = Principal("yuelu-viewer", Role.VIEWER, Scope("430104"))

    def keys(actor: Principal, entity: AuditEntity) -> set[str]:
        events = value_history(library, actor=actor, entity=entity)
        return {e.record_key.split("/")[0] for e in events}

    assert keys(LOCAL_ADMIN, AuditEntity.PROJECT) == {"CS-P1", "CS-P2", "CS-P3", "CS-P4", "CS-P5"}
    assert keys(yuelu, AuditEntity.PROJECT) == {"CS-P2", "CS-P3"}
    assert keys(yuelu, AuditEntity.PROJECT_PROGRESS) <= {"CS-P2", "CS-P3"}
    assert "CS-P2" in keys(yuelu, AuditEntity.PROJECT_PROGRESS)  # its three months (above)


def test_the_monthly_bulletin_states_the_same_project_schedule(library: Bioecon) -> None:
    # the figures of the module docstring: 17500/43000 = 40.6977 %, gap −9.3023 points;
    # red P3 (investment −40, start 4 months late), then yellow in the ledger's order:
    # P2 (investment −15), P4 (start, 1 month), P5 (入统, 2 months)
    summary = monthly_bulletin(library, actor=LOCAL_ADMIN, plan=PLAN, period=JUNE).projects
    assert summary is not None
    assert (summary.projects, summary.annual_plan, summary.completed) == (
        5,
        Decimal(43000),
        Decimal(17500),
    )
    assert summary.completion is not None and round(summary.completion, 4) == 40.6977
    assert summary.gap is not None and round(summary.gap, 4) == -9.3023
    assert summary.schedule == 50.0
    assert (summary.planned_starts, summary.actual_starts) == (4, 2)
    assert (summary.early_starts, summary.late_starts, summary.red, summary.yellow) == (1, 2, 1, 3)
    assert [(p.code, p.colour, p.warnings, p.responsible) for p in summary.warned] == [
        ("CS-P3", "red", ("investment", "start"), "岳麓区工信局"),
        ("CS-P2", "yellow", ("investment",), "岳麓区工信局"),
        ("CS-P4", "yellow", ("start",), "芙蓉区发改局"),
        ("CS-P5", "yellow", ("statistics",), "芙蓉区发改局"),
    ]
