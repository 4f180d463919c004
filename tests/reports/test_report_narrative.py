"""Golden sentences of the monthly bulletin: hand-made records through the shipped template,
the expected text written by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from bioecon.errors import InvalidValue
from bioecon.reports.narrative import Block, compose, monthly_template
from bioecon.reports.record import (
    Bulletin,
    DistrictLine,
    Headline,
    ProjectLine,
    ProjectSummary,
    QualityNote,
    Revision,
    TargetLine,
    TaskRow,
    TaskSummary,
    content_hash,
    from_plain,
    to_plain,
)

SCALE = Headline(
    indicator="biomedicine_scale",
    subject="全市生物医药产业",
    unit="亿元",
    cumulative=True,
    value=Decimal("123.4"),
    ytd=Decimal("1234.567"),
    yoy=-2.04,
    ytd_yoy=8.26,
    ytd_yoy_before=7.9,
    completion=62.25,
    time_progress=50.0,
    deadline_year=2027,
)
FIRMS = Headline(
    indicator="firms",
    subject="规模以上企业",
    unit="家",
    cumulative=False,
    value=Decimal(212),
    ytd=None,
    yoy=0.04,
    ytd_yoy=None,
    ytd_yoy_before=None,
)
BULLETIN = Bulletin(
    plan="city-2027",
    plan_title="某市生物经济发展规划",
    region="C",
    region_name="某市",
    period="2026-06",
    year=2026,
    month=6,
    headlines=(SCALE, FIRMS),
    statuses={"met": 2, "on_track": 1, "lagging": 1, "at_risk": 1},
    lagging=(
        TargetLine("T4", "产业规模", "一区", "lagging", 41.0, 58.33, "一区"),
        TargetLine("T5", "企业数量", "全市", "at_risk", 10.0, 58.33, "市发展改革委"),
    ),
    district_indicator="生物医药产业规模",
    district_unit="亿元",
    districts=(
        DistrictLine("D1", "一区", Decimal("700"), 5.55),
        DistrictLine("D2", "二区", Decimal("534.567"), 12.0),
    ),
    quality_errors=1,
    quality_warnings=2,
    quality=(QualityNote("error", "生物医药产业规模", "二区", "2026-05", "累计值不应回落"),),
    earlier_report=3,
    earlier_period="2026-05",
    revisions=(
        Revision("生物医药产业规模", "二区", "2026-05", Decimal(50), Decimal("52.5"), "亿元"),
    ),
)


def texts(bulletin: Bulletin) -> list[str]:
    document = compose(bulletin, issued_on=date(2026, 7, 8))
    return [b.text for b in document.blocks if b.style in ("heading1", "paragraph")]


def tables(bulletin: Bulletin, style: str = "table") -> list[tuple[tuple[str, ...], ...]]:
    document = compose(bulletin, issued_on=date(2026, 7, 8))
    return [b.rows for b in document.blocks if b.style == style]


def test_every_sentence_of_a_bulletin_reads_as_written_by_hand() -> None:
    assert texts(BULLETIN) == [
        "一、主要指标完成情况",
        "1—6月，全市生物医药产业累计1234.57亿元，同比增长8.3%，增速比1—5月加快0.4个百分点；"
        "6月当月123.40亿元，同比下降2.0%。全市生物医药产业完成2027年目标的62.3%，"
        "超时序进度12.3个百分点。",
        "6月末，规模以上企业212家，同比持平。",
        "二、规划目标进展",
        "规划5项目标中，达标2项、正常1项、滞后1项、严重滞后1项。",
        "进度滞后的2项目标如下，请责任单位加快推进：",
        "三、区县比较",
        "分区县看，一区生物医药产业规模累计700.00亿元，规模居首；二区增速最快，同比增长12.0%。",
        "四、数据质量",
        "本期数据质量检查发现错误1条、提示2条，主要有：",
        "二区生物医药产业规模：累计值不应回落。",
        "五、数据修订",
        "与第3号已发布月报（2026-05）所用数据相比，以下1个数据已修订：",
    ]


def test_the_tables_carry_the_figures_and_the_responsible_units_by_name() -> None:
    headlines, lagging, districts, revisions = tables(BULLETIN)
    assert headlines == (
        ("指标", "6月", "1—6月累计", "同比（%）", "累计同比（%）"),
        ("全市生物医药产业（亿元）", "123.40", "1234.57", "-2.0", "8.3"),
        ("规模以上企业（家）", "212", "—", "0.0", "—"),
    )
    assert lagging[1:] == (
        ("产业规模", "一区", "41.0", "58.3", "滞后", "一区"),
        ("企业数量", "全市", "10.0", "58.3", "严重滞后", "市发展改革委"),
    )
    assert districts[1:] == (("一区", "700.00", "5.6"), ("二区", "534.57", "12.0"))
    assert revisions[1:] == (("生物医药产业规模", "二区", "2026-05", "50.00", "52.50"),)


def test_january_a_yearly_target_a_slowing_pace_and_missing_figures_have_their_own_words() -> None:
    january = replace(
        BULLETIN,
        month=1,
        period="2026-01",
        headlines=(
            replace(SCALE, ytd_yoy_before=None, deadline_year=None, completion=8.0),
            replace(SCALE, subject="生物制造业", yoy=None, completion=None),
        ),
        statuses={"no_data": 2},
        lagging=(),
        districts=(),
        quality_errors=0,
        quality_warnings=0,
        quality=(),
        earlier_report=None,
    )
    assert texts(january) == [
        "一、主要指标完成情况",
        "1月，全市生物医药产业累计1234.57亿元，同比增长8.3%；1月当月123.40亿元，同比下降2.0%。"
        "全市生物医药产业完成年度目标的8.0%，落后时序进度42.0个百分点。",
        "1月，生物制造业累计1234.57亿元，同比增长8.3%；1月当月123.40亿元，同比暂无可比数据。",
        "二、规划目标进展",
        "规划2项目标中，数据不足2项。",
        "本期没有进度滞后的目标。",
        "三、数据质量",
        "本期数据质量检查未发现问题。",
    ]
    slower = replace(BULLETIN, headlines=(replace(SCALE, ytd_yoy_before=8.9, completion=None),))
    assert texts(slower)[1] == (
        "1—6月，全市生物医药产业累计1234.57亿元，同比增长8.3%，增速比1—5月回落0.6个百分点；"
        "6月当月123.40亿元，同比下降2.0%。"
    )


def test_a_target_past_its_deadline_is_not_compared_with_time_progress() -> None:
    past = replace(BULLETIN, headlines=(replace(SCALE, deadline_year=2025),))
    assert "目标" not in texts(past)[1]


def test_the_template_decides_the_order_and_a_section_left_out_is_not_written() -> None:
    template = dict(monthly_template())
    template["sections"] = ["quality", "headlines"]
    document = compose(BULLETIN, issued_on=date(2026, 7, 8), template=template)
    headings = [b.text for b in document.blocks if b.style == "heading1"]
    assert headings == ["一、数据质量", "二、主要指标完成情况"]
    assert (document.title, document.number) == ("某市生物经济统计监测月报", "2026年第6期")
    assert (document.issuer, document.date) == ("某市生物经济发展规划办公室", "2026年7月8日")
    assert Block("heading1", "五、数据修订") not in document.blocks


def test_an_unknown_section_in_the_template_is_refused_with_its_place() -> None:
    template = dict(monthly_template())
    template["sections"] = ["headlines", "enterprises"]
    with pytest.raises(InvalidValue) as refused:
        compose(BULLETIN, issued_on=date(2026, 7, 8), template=template)
    assert str(refused.value) == (
        "reports/monthly.yaml sections[1]：未知的章节 enterprises"
        "（可用：headlines、targets、districts、quality、revisions、projects、tasks、overview、"
        "evaluated、"
        "adjustments、adjusted）"
    )


# The 项目调度 of tests/services/test_projects_ledger.py at 2026-06 (worked there by hand):
# 5 projects, annual plan 43000 万元 = 4.30 亿元, completed 17500 万元 = 1.75 亿元,
# 40.6977 % of the plan, 序时进度 50 %, gap −9.3023; red P3, yellow P2, P4, P5.
PROJECTS = ProjectSummary(
    projects=5,
    annual_plan=Decimal(43000),
    completed=Decimal(17500),
    completion=40.6977,
    schedule=50.0,
    gap=-9.3023,
    planned_starts=4,
    actual_starts=2,
    early_starts=1,
    late_starts=2,
    red=1,
    yellow=3,
    warned=(
        ProjectLine(
            "CS-P3", "三号项目", "市发改委", Decimal(5000), Decimal(500), 10.0, -40.0, "red",
            ("investment", "start"),
        ),
        ProjectLine(
            "CS-P4", "四号项目", "", None, None, None, None, "yellow", ("start",)
        ),
    ),
)  # fmt: skip


def test_the_projects_section_states_the_schedule_and_lists_the_warned_projects() -> None:
    bulletin = replace(BULLETIN, projects=PROJECTS)
    template = dict(monthly_template()) | {"sections": ["projects"]}
    document = compose(bulletin, issued_on=date(2026, 7, 8), template=template)
    assert [b.text for b in document.blocks if b.style != "table"] == [
        "一、重点项目推进",
        "纳入调度的重点项目5个，年度计划投资4.30亿元，1—6月完成投资1.75亿元，完成年度计划的"
        "40.7%，落后时序进度9.3个百分点。今年以来计划开工4个，已开工2个（其中提前开工1个），"
        "未按计划开工2个。",
        "亮红灯1个、黄灯3个，请责任单位加快推进：",
    ]
    (table,) = [b.rows for b in document.blocks if b.style == "table"]
    assert table == (
        (
            "项目", "责任单位", "年度计划（万元）", "累计完成（万元）", "完成率（%）",
            "较序时进度（个百分点）", "预警", "滞后事项",
        ),
        ("三号项目", "市发改委", "5000.00", "500.00", "10.0", "-40.0", "红灯", "投资进度、开工"),
        ("四号项目", "—", "—", "—", "—", "—", "黄灯", "开工"),
    )  # fmt: skip


def test_a_plan_without_projects_says_so_and_an_old_record_has_no_section() -> None:
    template = dict(monthly_template()) | {"sections": ["projects"]}
    none = replace(PROJECTS, projects=0, warned=(), red=0, yellow=0)
    document = compose(
        replace(BULLETIN, projects=none), issued_on=date(2026, 7, 8), template=template
    )
    assert [b.text for b in document.blocks] == ["一、重点项目推进", "本期没有纳入调度的重点项目。"]
    # a bulletin published before the section existed holds no projects: nothing is written
    assert compose(BULLETIN, issued_on=date(2026, 7, 8), template=template).blocks == ()
    calm = replace(PROJECTS, warned=(), red=0, yellow=0, completion=None, gap=None)
    document = compose(
        replace(BULLETIN, projects=calm), issued_on=date(2026, 7, 8), template=template
    )
    assert [b.text for b in document.blocks][1:] == [
        "纳入调度的重点项目5个，尚未填报年度计划投资。今年以来计划开工4个，已开工2个（其中提前开工1个），"
        "未按计划开工2个。",
        "本期没有亮灯预警的重点项目。",
    ]


def test_the_charts_are_the_years_months_and_the_districts() -> None:
    trend = (("2025-12", Decimal("98.5")), ("2026-01", None), ("2026-02", Decimal(120)))
    with_trend = replace(BULLETIN, headlines=(replace(SCALE, trend=trend), FIRMS))
    document = compose(with_trend, issued_on=date(2026, 7, 8))
    charts = [(b.text, b.rows) for b in document.blocks if b.style == "chart"]
    assert charts == [
        (
            "全市生物医药产业当月值（亿元）",
            (("12月", "98.50"), ("2026年1月", "—"), ("2月", "120.00")),
        ),
        ("各区县1—6月累计（亿元）", (("一区", "700.00"), ("二区", "534.57"))),
    ]
    assert tables(BULLETIN, "chart")[0] == (("一区", "700.00"), ("二区", "534.57"))


def test_a_record_published_before_the_projects_section_keeps_its_content_and_hash() -> None:
    plain = to_plain(BULLETIN)  # no project figures: the field is left out, as in 2026-11
    assert "projects" not in plain
    again = from_plain(plain, ())
    assert again.projects is None and content_hash(again) == content_hash(BULLETIN)
    with_projects = replace(BULLETIN, projects=PROJECTS)
    assert to_plain(with_projects)["projects"]["annual_plan"] == "43000"
    assert from_plain(to_plain(with_projects), ()) == with_projects


TASKS = TaskSummary(
    as_of="2026-06-30",
    work_points=3,
    sub_tasks=2,
    colours={"green": 1, "blue": 1, "yellow": 1, "red": 2},
    done=1,
    overdue=1,
    missing=3,
    lagging=(
        TaskRow("T-1", "建设集聚区", "work_point", "市发改委、市科技局", "2026Q1", 60.0, 100.0,
                1, True, "red"),
        TaskRow("T-2", "编制规划", "sub_task", "", None, 0.0, 49.55, 2, False, "red"),
        TaskRow("T-3", "招引项目", "sub_task", "市商务局", "2026", 10.0, 49.6, 0, False, "yellow"),
    ),
)  # fmt: skip


def test_the_tasks_section_counts_the_colours_and_lists_red_then_yellow() -> None:
    template = dict(monthly_template()) | {"sections": ["tasks"]}
    document = compose(
        replace(BULLETIN, tasks=TASKS), issued_on=date(2026, 7, 8), template=template
    )
    assert [b.text for b in document.blocks if b.style != "table"] == [
        "一、重点任务推进",
        "截至2026年6月30日，纳入调度的年度工作要点3项、分解任务2项，其中绿灯1项、蓝灯1项、黄灯1项、"
        "红灯2项；已完成1项、逾期未完成1项、应报未报进展3次。",
        "亮红灯、黄灯的3项任务如下，请牵头单位加快推进：",
    ]
    (table,) = [b.rows for b in document.blocks if b.style == "table"]
    assert table == (
        ("任务", "牵头单位", "完成时限", "完成进度（%）", "序时进度（%）", "未报次数", "状态"),
        ("建设集聚区", "市发改委、市科技局", "2026Q1", "60.0", "100.0", "1", "红灯"),
        ("编制规划", "—", "—", "0.0", "49.6", "2", "红灯"),  # 49.55 rounds half up
        ("招引项目", "市商务局", "2026", "10.0", "49.6", "0", "黄灯"),
    )  # fmt: skip


def test_a_plan_without_tasks_says_so_and_an_old_record_has_no_tasks_section() -> None:
    template = dict(monthly_template()) | {"sections": ["tasks"]}
    none = TaskSummary("2026-06-30", 0, 0, {}, 0, 0, 0, ())
    document = compose(replace(BULLETIN, tasks=none), issued_on=date(2026, 7, 8), template=template)
    assert [b.text for b in document.blocks] == ["一、重点任务推进", "本期没有纳入调度的任务。"]
    assert compose(BULLETIN, issued_on=date(2026, 7, 8), template=template).blocks == ()
    calm = TaskSummary("2026-06-30", 1, 0, {"blue": 1}, 0, 0, 0, ())
    document = compose(replace(BULLETIN, tasks=calm), issued_on=date(2026, 7, 8), template=template)
    assert [b.text for b in document.blocks][1:] == [
        "截至2026年6月30日，纳入调度的年度工作要点1项、分解任务0项，其中蓝灯1项；"
        "暂无已完成、逾期或应报未报的任务。",
        "本期没有亮红灯、黄灯的任务。",
    ]
    # a record published before the section: its content (and hash) has no tasks key
    assert "tasks" not in to_plain(BULLETIN)
    assert from_plain(to_plain(replace(BULLETIN, tasks=TASKS)), ()).tasks == TASKS
