"""`assess` through the use case on both backends: result items from the ledger of the
bulletin's small world (tests/reports/conftest.py), process items from the key-project library
of tests/services/test_projects_ledger.py, qualitative items from the scheme's scores; and
the scheme file's refusals. Every expected figure is worked by hand in the comments."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.notices import NoticeKind, NoticeSubject
from bioecon.domain.periods import Period
from bioecon.errors import Forbidden, InvalidInput, InvalidValue, NotFound
from bioecon.io.assessment_output import assessment_records, assessment_table
from bioecon.io.assessment_scheme import read_scheme_file
from bioecon.io.planfile import read_plan_file
from bioecon.io.project_files import read_project_ledger, read_project_progress
from bioecon.io.task_files import read_task_breakdown
from bioecon.messages import render
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.assessment import assess
from bioecon.services.notices import close_notice, raise_notice, reply_notice
from bioecon.services.plans import load_plan
from bioecon.services.projects import load_project_ledger, load_project_progress
from bioecon.services.tasks import load_breakdown, plan_tasks, report_progress
from tests.reports.conftest import DATA, PLAN
from tests.services.conftest import load_csv

D = Decimal
PROJECTS = Path(__file__).parent.parent / "data" / "projects"

# The city world at 2026-10 (1—10月累计): D1 一区 110 (a year before 100: +10 %), D2 二区 60
# (50: +20 %).
#   R1 营业收入 按比例, targets D1 100, D2 100, cap 120 %, weight 40:
#        D1 110 / 100 = 110 % × 40 = 44;  D2 60 / 100 = 60 % × 40 = 24
#   R2 累计同比 排名计分, weight 20, 5 % a rank: D2 first → 20; D1 second → 20 × 0.95 = 19
#   Q1 定性 (市领导 0.4, 部门 0.6), 按比例 of 100, weight 40:
#        D1: 0.4 × 90 + 0.6 × (80 + 70) / 2 = 36 + 45 = 81 → 81 % × 40 = 32.4
#        D2: 市领导 100 only, 部门 has not scored it → no input → 0
#   加分 D2 +3 (cap 2 → 2); 扣分 D1 −1.
#   D1 44 + 19 + 32.4 − 1 = 94.4 → 优秀, rank 1;  D2 24 + 20 + 0 + 2 = 46 → 一般, rank 2.
SCHEME = """\
scheme: {code: city-2026, name: 城市区县考核, year: 2026}
units: [D1, D2]
bonus_cap: 2
items:
  - {key: R1, name: 营业收入, weight: 40, method: proportional, cap: 1.2,
     input: {ledger: rev, measure: ytd}, targets: {D1: 100, D2: 100}}
  - {key: R2, name: 营业收入增速, weight: 20, method: ranking, input: {ledger: rev, measure: ytd_yoy}}
  - {key: Q1, name: 工作评价, weight: 40, method: proportional, target: 100,
     input: {qualitative: [{group: 市领导, weight: 0.4}, {group: 部门, weight: 0.6}]}}
adjustments:
  - {unit: D2, points: 3, reason: 获省级表彰}
  - {unit: D1, points: -1, reason: 报送迟缓}
scores:
  - {item: Q1, unit: D1, group: 市领导, score: 90}
  - {item: Q1, unit: D1, group: 部门, score: 80}
  - {item: Q1, unit: D1, group: 部门, score: 70}
  - {item: Q1, unit: D2, group: 市领导, score: 100}
"""


@pytest.fixture
def city(app: Bioecon, tmp_path: Path) -> Bioecon:
    path = tmp_path / "city.yaml"
    path.write_text(PLAN, encoding="utf-8")
    parsed = read_plan_file(path)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    load_csv(app, tmp_path, DATA)
    return app


def scheme_file(tmp_path: Path, text: str = SCHEME) -> Path:
    path = tmp_path / "scheme.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_scheme_is_scored_from_the_ledger_and_the_evaluators(
    city: Bioecon, tmp_path: Path
) -> None:
    scheme = read_scheme_file(scheme_file(tmp_path))
    found = assess(city, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2026, 10))
    assert [
        (r.unit, r.items, r.bonus, r.deduction, r.total, r.grade, r.rank) for r in found.results
    ] == [
        ("D1", (D("44.00"), D("19.00"), D("32.40")), D(0), D(1), D("94.40"), "优秀", 1),
        ("D2", (D("24.00"), D("20.00"), D(0)), D(2), D(0), D("46.00"), "一般", 2),
    ]
    assert render(found.scores[0]["D1"].working) == "110 / 100 = 110% × 40 = 44"
    assert render(found.scores[2]["D2"].working) == "无数据，计0分"
    table = assessment_table(found, explain=True)
    assert "一区 · 营业收入：110 / 100 = 110% × 40 = 44" in table
    (first, _) = assessment_records(found)
    assert (first["name"], first["total"], first["items"][1]["working"]) == (
        "一区",
        D("94.40"),
        "10，第2名：20 × (1 − 5% × (2 − 1)) = 19",
    )


def test_an_earlier_month_is_a_pre_assessment_on_its_own_figures(
    city: Bioecon, tmp_path: Path
) -> None:
    # 2026-09: D1 99 (90 a year before: +10 %), D2 54 (45: +20 %): R1 D1 99 % × 40 = 39.6
    scheme = read_scheme_file(scheme_file(tmp_path))
    found = assess(city, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2026, 9))
    assert found.scores[0]["D1"].points == D("39.60")
    with pytest.raises(InvalidValue):
        assess(city, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2025, 12))


def test_an_unknown_unit_is_not_found(city: Bioecon, tmp_path: Path) -> None:
    text = SCHEME.replace("units: [D1, D2]", "units: [D1, D2, X9]")
    scheme = read_scheme_file(
        scheme_file(tmp_path, text.replace("targets: {D1: 100, D2: 100}", "target: 100"))
    )
    with pytest.raises(NotFound, match="X9"):
        assess(city, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2026, 10))


@pytest.fixture
def library(app: Bioecon, changsha_plan_file: Path) -> Bioecon:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    ledger = read_project_ledger(PROJECTS / "ledger.csv", plan="changsha-2025")
    load_project_ledger(app, actor=LOCAL_ADMIN, origin="test", parsed=ledger)
    progress = read_project_progress(PROJECTS / "progress.csv")
    load_project_progress(app, actor=LOCAL_ADMIN, origin="test", parsed=progress)
    return app


def test_projects_on_schedule_are_a_process_item(library: Bioecon, tmp_path: Path) -> None:
    # 2026-06 (test_projects_ledger.py): 芙蓉区 430102 has P1 (green) and P5 (green; P4 has no
    # annual plan and is not counted) → 2 / 2 = 100 %; 岳麓区 430104 has P2 (yellow) and P3
    # (red) → 0 / 2 = 0 %. 按比例 of 100, weight 30: 30 and 0.
    text = """\
scheme: {code: cs-2026, name: 长沙区县重点项目考核, year: 2026, plan: changsha-2025}
units: ["430102", "430104"]
items:
  - {key: P1, name: 重点项目按序时推进, weight: 30, method: proportional, target: 100,
     input: {projects: on_schedule}}
"""
    scheme = read_scheme_file(scheme_file(tmp_path, text))
    found = assess(library, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2026, 6))
    assert [(r.unit, r.total) for r in found.results] == [
        ("430102", D("30.00")),
        ("430104", D(0)),
    ]
    assert found.inputs[0] == {"430102": D(100), "430104": D(0)}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("method: ranking", "method: rank"), "items[1].method (line 7): 「rank」不是可选值之一"),
        (("weight: 20", "weight: -2000"), "items[1].weight (line 7): 「-2000」不能小于 -1000"),
        (("{group: 部门, weight: 0.6}", "{group: 部门, weight: 0.5}"), "items[2] (Q1): 定性考核项 Q1 的评价组权重之和须为 1"),
        (("targets: {D1: 100, D2: 100}", "targets: {D1: 100}"), "items[0].targets: 缺少这些单位的目标：D2"),
        (("{item: Q1, unit: D2, group: 市领导", "{item: Q1, unit: D2, group: 专家"), "scores[3].group: 专家 不是其评价组（市领导、部门）"),
        (("bonus_cap: 2", "bonus_cap: 2\ncolour: red"), "colour (line 4): 未知字段（方案文件可写的字段见 docs/assessment.md）"),
        (("{unit: D2, points: 3", "{unit: D3, points: 3"), "adjustments[0].unit: D3 不是被考核单位"),
    ],
)  # fmt: skip
def test_a_bad_scheme_is_refused_naming_its_field(
    tmp_path: Path, change: tuple[str, str], problem: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_scheme_file(scheme_file(tmp_path, SCHEME.replace(*change)))
    assert any(str(p).startswith(problem) for p in refused.value.problems), refused.value.problems


# 任务按序时推进 in the city world, with two departments: RU1 of 一区 (D1), RU2 of 二区 (D2).
# Quarterly reports due 10 days after each quarter; four colours, 10 points (the defaults).
# As of 2026-10-31 (304 of 2026's 365 days gone: 序时 83.29 %):
#   W1 RU1, by 2026Q2: 100 % filed 07-05 → done → 绿
#   W2 RU1, by 2026: 60 % (Q3, 10-05), 23.3 points behind → 黄 (lagging)
#   W3 RU2, by 2026: 80 %, 3.3 points behind → 蓝
#   W4 RU2 (RU1 co-leads nothing: a co unit is not counted), by 2026Q3: 50 %, the deadline
#      09-30 passed undone → 红 (lagging)
#   W5 RU2, by 2026: 90 % → 蓝
#   The Q3 report of W2 filed on 11-03 instead would not be known on 10-31 (checked below).
# D1: 1 of W1, W2 not lagging = 50 %; D2: 2 of W3, W4, W5 = 66.67 %. 按比例 of 100, weight 10:
# D1 5.00, D2 6.67.
UNITS = """\
responsible_units:
  - {code: RU1, name: 一区发展改革局, org_unit: D1}
  - {code: RU2, name: 二区发展改革局, org_unit: D2}
"""
BREAKDOWN = """\
任务编号,工作任务,类型,年度,所属重点任务,上级编号,牵头单位,配合单位,责任领导,完成时限,成果形式,关联目标,关联项目
W1,建设产业园,年度工作要点,2026,,,一区发展改革局,,,2026Q2,,,
W2,招引企业,年度工作要点,2026,,,一区发展改革局,,,2026,,,
W3,建设平台,年度工作要点,2026,,,二区发展改革局,,,2026,,,
W4,编制方案,年度工作要点,2026,,,二区发展改革局,一区发展改革局,,2026Q3,,,
W5,培育企业,年度工作要点,2026,,,二区发展改革局,,,2026,,,
"""
TASK_SCHEME = """\
scheme: {code: city-tasks, name: 城市任务考核, year: 2026, plan: city}
units: [D1, D2]
items:
  - {key: T1, name: 任务按序时推进, weight: 10, method: proportional, target: 100,
     input: {tasks: on_schedule}}
"""


def _tasks_world(app: Bioecon, tmp_path: Path, w2_q3_on: date) -> Bioecon:
    path = tmp_path / "city.yaml"
    path.write_text(PLAN + UNITS, encoding="utf-8")
    parsed = read_plan_file(path)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    csv = tmp_path / "breakdown.csv"
    csv.write_text(BREAKDOWN, encoding="utf-8")
    breakdown = read_task_breakdown(csv, plan="city")
    load_breakdown(app, actor=LOCAL_ADMIN, origin="test", plan="city", parsed=breakdown)
    filed = {
        "W1": [(1, 40, date(2026, 4, 5)), (2, 100, date(2026, 7, 5))],
        "W2": [(1, 30, date(2026, 4, 5)), (2, 50, date(2026, 7, 5)), (3, 60, w2_q3_on)],
        "W3": [(1, 30, date(2026, 4, 5)), (2, 60, date(2026, 7, 5)), (3, 80, date(2026, 10, 5))],
        "W4": [(1, 20, date(2026, 4, 5)), (2, 50, date(2026, 7, 5))],
        "W5": [(1, 30, date(2026, 4, 5)), (2, 60, date(2026, 7, 5)), (3, 90, date(2026, 10, 5))],
    }
    for item, reports in filed.items():
        unit = "RU1" if item in ("W1", "W2") else "RU2"
        actor = Principal(unit.lower(), Role.DEPARTMENT, Scope(responsible_unit=unit))
        for quarter, percent, day in reports:
            report_progress(
                app,
                actor=actor,
                origin="test",
                item=item,
                period=Period.quarter(2026, quarter),
                text="按计划推进",
                percent=D(percent),
                now=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
            )
    return app


def test_tasks_on_schedule_are_a_process_item(app: Bioecon, tmp_path: Path) -> None:
    world = _tasks_world(app, tmp_path, date(2026, 10, 5))
    scheme = read_scheme_file(scheme_file(tmp_path, TASK_SCHEME))
    found = assess(world, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2026, 10))
    assert {u: round(v, 2) for u, v in found.inputs[0].items() if v is not None} == {
        "D1": D("50.00"),
        "D2": D("66.67"),
    }
    assert [(r.unit, r.total) for r in found.results] == [("D2", D("6.67")), ("D1", D("5.00"))]


def test_a_task_report_filed_after_the_month_does_not_count_for_it(
    app: Bioecon, tmp_path: Path
) -> None:
    # W2's Q3 report on 11-03: on 10-31 its latest is 50 % (Q2), still 黄, and its Q3 report
    # (due 10-10) is missing; D1 stays at 50 %. As of November the report is known.
    world = _tasks_world(app, tmp_path, date(2026, 11, 3))
    scheme = read_scheme_file(scheme_file(tmp_path, TASK_SCHEME))
    october = assess(world, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2026, 10))
    assert october.inputs[0]["D1"] == D(50)
    lines = plan_tasks(
        world, actor=LOCAL_ADMIN, plan="city", today=date(2026, 10, 31), filed_by_today=True
    )
    w2 = next(x for x in lines if x.item.code == "W2")
    assert (w2.status.percent, w2.status.missing) == (D(50), 1)
    later = plan_tasks(world, actor=LOCAL_ADMIN, plan="city", today=date(2026, 11, 30))
    assert next(x for x in later if x.item.code == "W2").status.percent == D(60)


# 督办 in the same world (W2 yellow and W4 red on 10-20):
#   N1 督办单 to RU2 (二区) on W4, raised 10-20, reply due 10-27, never replied → on 10-31
#      past its deadline unreplied
#   N2 提示单 to RU1 (一区) on W2, raised 10-20, reply due 10-30, replied 10-25
#   N3 提示单 to RU2 on W4, raised 11-02: after October
# As of 2026-10: 督办单 D1 0, D2 1; 逾期未回复 D1 0, D2 1. 功效系数法, satisfactory 0:
#   S1 (weight 10, disallowed 4): D1 (4 − 0) / 4 = 100 % → 10; D2 (4 − 1) / 4 = 75 %,
#      60 % + 40 % × 75 % = 90 % → 9
#   S2 (weight 5, disallowed 2): D1 5; D2 (2 − 1) / 2 = 50 % → 60 % + 20 % = 80 % → 4
# As of 2026-11 all notices received: D1 1 (N2), D2 2 (N1, N3). N2 is closed (销号) on
# 11-05: 已销号 as of October D1 0, as of November D1 1; D2 none.
NOTICE_SCHEME = """\
scheme: {code: city-notices, name: 城市督办考核, year: 2026, plan: city}
units: [D1, D2]
items:
  - {key: S1, name: 督办单, weight: 10, method: efficacy, satisfactory: 0, disallowed: 4,
     input: {notices: supervision}}
  - {key: S2, name: 逾期未回复, weight: 5, method: efficacy, satisfactory: 0, disallowed: 2,
     input: {notices: reply_overdue}}
  - {key: S3, name: 收到的通知, weight: 5, method: efficacy, satisfactory: 0, disallowed: 4,
     input: {notices: raised}}
  - {key: S4, name: 销号, weight: 5, method: proportional, target: 1, input: {notices: closed}}
"""


def test_notices_to_a_units_departments_are_a_process_item(app: Bioecon, tmp_path: Path) -> None:
    world = _tasks_world(app, tmp_path, date(2026, 10, 5))

    def moment(month: int, day: int) -> datetime:
        return datetime(2026, month, day, 9, tzinfo=UTC)

    def notice(item: str, kind: NoticeKind, month: int, day: int, due: date) -> str:
        raised = raise_notice(
            world,
            actor=LOCAL_ADMIN,
            origin="test",
            subject=NoticeSubject.TASK,
            code=item,
            kind=kind,
            reason="进度滞后",
            reply_due=due,
            now=moment(month, day),
        )
        return raised.code

    notice("W4", NoticeKind.SUPERVISION, 10, 20, date(2026, 10, 27))
    n2 = notice("W2", NoticeKind.PROMPT, 10, 20, date(2026, 10, 30))
    ru1 = Principal("ru1", Role.DEPARTMENT, Scope(responsible_unit="RU1"))
    reply_notice(world, actor=ru1, origin="test", code=n2, measures="加快招引", now=moment(10, 25))
    notice("W4", NoticeKind.PROMPT, 11, 2, date(2026, 11, 12))
    close_notice(world, actor=LOCAL_ADMIN, origin="test", code=n2, note="已办结", now=moment(11, 5))
    scheme = read_scheme_file(scheme_file(tmp_path, NOTICE_SCHEME))
    october = assess(world, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2026, 10))
    assert [dict(found) for found in october.inputs] == [
        {"D1": D(0), "D2": D(1)},
        {"D1": D(0), "D2": D(1)},
        {"D1": D(1), "D2": D(1)},
        {"D1": D(0), "D2": D(0)},
    ]
    assert {r.unit: r.items[:2] for r in october.results} == {
        "D1": (D("10.00"), D("5.00")),
        "D2": (D("9.00"), D("4.00")),
    }
    november = assess(world, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2026, 11))
    assert dict(november.inputs[2]) == {"D1": D(1), "D2": D(2)}
    assert dict(november.inputs[3]) == {"D1": D(1), "D2": D(0)}


# Another plan (city2) of the same city, whose work item W9 一区发展改革局 leads, gets a
# 督办单 on 10-20, and the city plan's W4 (二区) one too. A notice has no plan: its subject
# has. As of 2026-10 the city scheme counts only W4's: 督办单 D1 0, D2 1 (not D1 1); the
# same scheme on city2 counts only W9's: D1 1, D2 0.
OTHER_BREAKDOWN = """\
任务编号,工作任务,类型,年度,所属重点任务,上级编号,牵头单位,配合单位,责任领导,完成时限,成果形式,关联目标,关联项目
W9,另一规划的任务,年度工作要点,2026,,,一区发展改革局,,,2026Q3,,,
"""


def test_notices_count_for_the_schemes_plan_only(app: Bioecon, tmp_path: Path) -> None:
    world = _tasks_world(app, tmp_path, date(2026, 10, 5))
    other = tmp_path / "city2.yaml"
    other.write_text((PLAN + UNITS).replace("code: city,", "code: city2,"), encoding="utf-8")
    parsed = read_plan_file(other)
    load_plan(world, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source="city2")
    csv = tmp_path / "breakdown2.csv"
    csv.write_text(OTHER_BREAKDOWN, encoding="utf-8")
    breakdown = read_task_breakdown(csv, plan="city2")
    load_breakdown(world, actor=LOCAL_ADMIN, origin="test", plan="city2", parsed=breakdown)
    for item in ("W9", "W4"):
        raise_notice(
            world,
            actor=LOCAL_ADMIN,
            origin="test",
            subject=NoticeSubject.TASK,
            code=item,
            kind=NoticeKind.SUPERVISION,
            reason="进度滞后",
            reply_due=date(2026, 10, 27),
            now=datetime(2026, 10, 20, 9, tzinfo=UTC),
        )
    scheme = read_scheme_file(scheme_file(tmp_path, NOTICE_SCHEME))
    october = Period.month(2026, 10)
    found = assess(world, actor=LOCAL_ADMIN, scheme=scheme, as_of=october)
    assert dict(found.inputs[0]) == {"D1": D(0), "D2": D(1)}
    on_city2 = read_scheme_file(
        scheme_file(tmp_path, NOTICE_SCHEME.replace("plan: city}", "plan: city2}"))
    )
    found = assess(world, actor=LOCAL_ADMIN, scheme=on_city2, as_of=october)
    assert dict(found.inputs[0]) == {"D1": D(1), "D2": D(0)}


# 部门考核: the same world assessing the departments themselves (RU1 一区发展改革局, RU2
# 二区发展改革局), by their responsible-unit codes, with the notices of the city plan:
#   T1 任务按序时推进 (按比例 of 100, weight 10), the work items each leads, as of 10-31:
#      RU1 W1 绿, W2 黄 → 1 / 2 = 50 % → 5;  RU2 W3 蓝, W4 红, W5 蓝 → 2 / 3 = 66.67 % → 6.67
#   S1 督办单 (功效系数法, satisfactory 0, disallowed 4, weight 10): N1 to RU2 on W4 →
#      RU1 0 → 10;  RU2 (4 − 1) / 4 = 75 % → 60 % + 40 % × 75 % = 90 % → 9
#   RU1 15.00, RU2 15.67 → RU2 first.
DEPARTMENT_SCHEME = """\
scheme: {code: city-departments, name: 城市部门考核, year: 2026, plan: city, assesses: departments}
units: [RU1, RU2]
items:
  - {key: T1, name: 任务按序时推进, weight: 10, method: proportional, target: 100,
     input: {tasks: on_schedule}}
  - {key: S1, name: 督办单, weight: 10, method: efficacy, satisfactory: 0, disallowed: 4,
     input: {notices: supervision}}
"""


def test_departments_are_assessed_on_what_they_are_responsible_for(
    app: Bioecon, tmp_path: Path
) -> None:
    world = _tasks_world(app, tmp_path, date(2026, 10, 5))
    raise_notice(
        world,
        actor=LOCAL_ADMIN,
        origin="test",
        subject=NoticeSubject.TASK,
        code="W4",
        kind=NoticeKind.SUPERVISION,
        reason="进度滞后",
        reply_due=date(2026, 10, 27),
        now=datetime(2026, 10, 20, 9, tzinfo=UTC),
    )
    scheme = read_scheme_file(scheme_file(tmp_path, DEPARTMENT_SCHEME))
    found = assess(world, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2026, 10))
    assert {u: round(v, 2) for u, v in found.inputs[0].items() if v is not None} == {
        "RU1": D("50.00"),
        "RU2": D("66.67"),
    }
    assert dict(found.inputs[1]) == {"RU1": D(0), "RU2": D(1)}
    assert [(r.unit, r.items, r.total, r.rank) for r in found.results] == [
        ("RU2", (D("6.67"), D("9.00")), D("15.67"), 1),
        ("RU1", (D("5.00"), D("10.00")), D("15.00"), 2),
    ]
    assert found.names == {"RU1": "一区发展改革局", "RU2": "二区发展改革局"}
    # a district's plan office reads only its own district, not the plan's region (C)
    d1_office = Principal("d1", Role.PLAN_OFFICE, Scope(org_unit="D1"))
    with pytest.raises(Forbidden):
        assess(world, actor=d1_office, scheme=scheme, as_of=Period.month(2026, 10))
    unknown = read_scheme_file(
        scheme_file(tmp_path, DEPARTMENT_SCHEME.replace("[RU1, RU2]", "[RU1, RU9]"))
    )
    with pytest.raises(NotFound, match="RU9"):
        assess(world, actor=LOCAL_ADMIN, scheme=unknown, as_of=Period.month(2026, 10))


def test_a_department_scheme_takes_no_figure_kept_by_org_unit(tmp_path: Path) -> None:
    text = DEPARTMENT_SCHEME + (
        "  - {key: R1, name: 营业收入, weight: 10, method: proportional, target: 100,\n"
        "     input: {ledger: rev}}\n"
    )
    with pytest.raises(InvalidInput) as refused:
        read_scheme_file(scheme_file(tmp_path, text))
    assert "考核部门的方案不能有取自监测台账或报送及时性的考核项（按区域统计）：R1" in str(
        refused.value.problems
    )


# Key projects by their 责任单位 (a project names it as text, tests/data/projects/ledger.csv):
# as of 2026-06 芙蓉区发改局 (FR) is responsible for P1 (green), P5 (green) and P4 (no annual
# plan: not counted) → 100 %; 岳麓区工信局 (YL) for P2 (yellow) and P3 (red) → 0 %.
# 按比例 of 100, weight 30: FR 30, YL 0.
def test_departments_are_assessed_on_the_projects_they_are_responsible_for(
    library: Bioecon, tmp_path: Path
) -> None:
    path = tmp_path / "units.yaml"
    units = """\
responsible_units:
  - {code: FR, name: 芙蓉区发改局}
  - {code: YL, name: 岳麓区工信局}
"""
    path.write_text(PLAN + units, encoding="utf-8")
    parsed = read_plan_file(path)
    load_plan(library, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source="units")
    text = """\
scheme: {code: cs-dept, name: 长沙部门考核, year: 2026, plan: changsha-2025, assesses: departments}
units: [FR, YL]
items:
  - {key: P1, name: 重点项目按序时推进, weight: 30, method: proportional, target: 100,
     input: {projects: on_schedule}}
"""
    scheme = read_scheme_file(scheme_file(tmp_path, text))
    found = assess(library, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2026, 6))
    assert found.inputs[0] == {"FR": D(100), "YL": D(0)}
    assert [(r.unit, r.total) for r in found.results] == [("FR", D("30.00")), ("YL", D(0))]


# The other methods, 逆向 polarity, a points table, a veto and custom grades, on the city
# world's 1—10月 figures (D1 110, +10 %; D2 60, +20 %):
#   C1 完成即满分 partial, target 100, weight 10: D1 110 ≥ 100 → 10; D2 60 / 100 = 60 % → 6
#   C2 完成即满分, target 100, weight 10: D1 10; D2 misses → 0
#   A1 与平均比较 on 累计同比, per_unit 0.5, bonus_cap 10 %, weight 20: average (10 + 20) / 2
#      = 15; D1 20 + 0.5 × (10 − 15) = 17.5; D2 20 + 0.5 × 5 = 22.5, capped at 20 × 1.1 = 22
#   L1 按比例 逆向, target 50, weight 10: D1 50 / 110 = 45.45 % → 4.545… → 4.55;
#      D2 50 / 60 = 83.33 % → 8.33
#   K1 排名 逆向 with the table [10, 6]: D2 (60, lower) first → 10; D1 second → 6
#   D1 10 + 10 + 17.5 + 4.55 + 6 = 48.05 ≥ 40 → 甲, rank 1
#   D2 6 + 0 + 22 + 8.33 + 10 = 46.33, but 一票否决 (数据造假) → 不合格, no rank, listed last
METHODS_SCHEME = """\
scheme: {code: city-methods, name: 城市计分方法, year: 2026}
units: [D1, D2]
grades: [{name: 甲, min: 40}, {name: 乙, min: 0}]
items:
  - {key: C1, name: 完成（按比例）, weight: 10, method: completion, partial: true, target: 100,
     input: {ledger: rev}}
  - {key: C2, name: 完成, weight: 10, method: completion, target: 100, input: {ledger: rev}}
  - {key: A1, name: 增速比平均, weight: 20, method: average, per_unit: 0.5, bonus_cap: 0.1,
     input: {ledger: rev, measure: ytd_yoy}}
  - {key: L1, name: 逆向按比例, weight: 10, method: proportional, polarity: lower, target: 50,
     input: {ledger: rev}}
  - {key: K1, name: 逆向排名, weight: 10, method: ranking, polarity: lower, table: [10, 6],
     input: {ledger: rev}}
vetoes: [{unit: D2, reason: 数据造假}]
"""


def test_every_method_polarity_and_veto_on_the_database(city: Bioecon, tmp_path: Path) -> None:
    scheme = read_scheme_file(scheme_file(tmp_path, METHODS_SCHEME))
    found = assess(city, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2026, 10))
    assert [(r.unit, r.items, r.total, r.grade, r.rank, r.vetoed) for r in found.results] == [
        ("D1", (D(10), D(10), D("17.50"), D("4.55"), D(6)), D("48.05"), "甲", 1, ()),
        ("D2", (D(6), D(0), D(22), D("8.33"), D(10)), D("46.33"), "不合格", None, ("数据造假",)),
    ]
    assert render(found.scores[0]["D2"].working) == ("60 / 100 = 60%，未达到目标，按比例 × 10 = 6")
