"""Task breakdown, progress reports, unit names and the 督办 loop, on both backends.

tests/data/tasks/breakdown.csv for changsha-2025 (quarterly cadence, due 10 days after each
quarter; four-colour preset, 10 points):

    CS-2026-01    work point of K01, 2026Q3 (273 days), lead CS-RU01, co CS-RU03 (市发改委,
                  an alias), CS-RU04; Q1 filed 04-08 at 20 %.
                  On 05-20: 序时 = (31+28+31+30+20)/273 = 140/273 = 51.3 %; 20 % is 31.3 points
                  behind (> 10) → yellow (lagging).
    CS-2026-01-1  sub-task, 2026Q2, lead CS-RU03 (市发展改革委); no report, Q1 due 04-10 missing
                  on 05-20 → yellow.
    CS-2026-02    no 重点任务 (the office's own), 2026, lead CS-RU03 (长沙市发展和改革委员会, an
                  alias), co CS-RU07 (市林业局); Q1 filed 04-09 at 50 %. On 05-20: 序时 =
                  140/365 = 38.4 % ≤ 50 % → blue.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditEntity
from bioecon.domain.evidence import Attachment
from bioecon.domain.notices import (
    NoticeFilter,
    NoticeKind,
    NoticeState,
    NoticeSubject,
    UnitNoticeCounts,
)
from bioecon.domain.periods import Period
from bioecon.domain.tasks import ReportTiming, TaskColour, WorkItemKind
from bioecon.errors import Conflict, Forbidden, InvalidInput, NotFound
from bioecon.io.planfile import read_plan_file
from bioecon.io.task_files import read_task_breakdown
from bioecon.reports.narrative import compose, monthly_template
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.history import value_history
from bioecon.services.notices import (
    close_notice,
    escalate_notice,
    notice_counts,
    notice_list,
    raise_notice,
    reply_notice,
)
from bioecon.services.plans import load_plan
from bioecon.services.reports import monthly_bulletin
from bioecon.services.tasks import (
    confirm_alias,
    load_breakdown,
    plan_tasks,
    report_progress,
    resolve_unit,
    task_page,
)

DATA = Path(__file__).parent.parent / "data" / "tasks"
PLAN = "changsha-2025"
XIANGJIANG = Principal("xj", Role.DEPARTMENT, Scope(responsible_unit="CS-RU01"))
DRC = Principal("fgw", Role.DEPARTMENT, Scope(responsible_unit="CS-RU03"))
FORESTRY = Principal("lyj", Role.DEPARTMENT, Scope(responsible_unit="CS-RU07"))
OFFICE = Principal("office", Role.PLAN_OFFICE, Scope(org_unit="430100"))
MAY_20 = date(2026, 5, 20)
PDF = Attachment("会议纪要.pdf", "application/pdf", b"%PDF-1.4 minutes")


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture
def planned(app: Bioecon, changsha_plan_file: Path) -> Bioecon:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    breakdown = read_task_breakdown(DATA / "breakdown.csv", plan=PLAN)
    load_breakdown(app, actor=LOCAL_ADMIN, origin="test", plan=PLAN, parsed=breakdown)
    return app


@pytest.fixture
def reported(planned: Bioecon) -> Bioecon:
    for actor, item, day, percent in (
        (XIANGJIANG, "CS-2026-01", date(2026, 4, 8), 20),
        (DRC, "CS-2026-02", date(2026, 4, 9), 50),
    ):
        report_progress(
            planned,
            actor=actor,
            origin="test",
            item=item,
            period=Period.quarter(2026, 1),
            text="完成选址",
            percent=Decimal(percent),
            attachments=[PDF],
            now=at(day),
        )
    return planned


def test_the_breakdown_loads_with_units_resolved_by_name_and_alias(planned: Bioecon) -> None:
    lines = plan_tasks(planned, actor=LOCAL_ADMIN, plan=PLAN, today=MAY_20)
    assert [(x.item.code, x.item.kind, x.item.lead_units, x.item.co_units) for x in lines] == [
        ("CS-2026-01", WorkItemKind.WORK_POINT, ("CS-RU01",), ("CS-RU03", "CS-RU04")),
        ("CS-2026-01-1", WorkItemKind.SUB_TASK, ("CS-RU03",), ()),
        ("CS-2026-02", WorkItemKind.WORK_POINT, ("CS-RU03",), ("CS-RU07",)),
    ]
    first = lines[0]
    assert first.lead_names == ("湖南湘江新区管委会",)
    assert first.co_names == ("市发展改革委", "市科技局")
    assert (first.item.task, first.item.deadline, first.item.targets) == (
        "K01",
        Period.quarter(2026, 3),
        ("T01",),
    )
    assert lines[1].item.parent == "CS-2026-01" and lines[2].item.task is None
    assert lines[2].item.deadline == Period.of_year(2026)  # 2026年底
    again = read_task_breakdown(DATA / "breakdown.csv", plan=PLAN)
    report = load_breakdown(planned, actor=LOCAL_ADMIN, origin="test", plan=PLAN, parsed=again)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)


def test_bad_cells_are_named_by_row_and_header(planned: Bioecon) -> None:
    parsed = read_task_breakdown(DATA / "breakdown-with-bad-cells.csv", plan=PLAN)
    with pytest.raises(InvalidInput) as caught:
        load_breakdown(planned, actor=LOCAL_ADMIN, origin="test", plan=PLAN, parsed=parsed)
    found = [(p.location, p.message) for p in caught.value.problems]
    assert found == [
        (
            "第2行 完成时限",
            "「明年」不是完成时限；写作 2026、2026年底、2026Q3、2026年第三季度 或 2026-09",
        ),
        ("第3行 类型", "「要务」不是任务类型；写作 年度工作要点 或 分解任务"),
        ("第4行 完成时限", "完成时限2025Q4不在2026年度内"),
        ("第5行 牵头单位", "请填写牵头单位（无责任单位的任务由规划办在此补填）"),
    ]


def test_unknown_references_refuse_the_file_with_suggestions(planned: Bioecon) -> None:
    parsed = read_task_breakdown(DATA / "breakdown-with-unknown-references.csv", plan=PLAN)
    with pytest.raises(InvalidInput) as caught:
        load_breakdown(planned, actor=LOCAL_ADMIN, origin="test", plan=PLAN, parsed=parsed)
    found = {(p.location, p.message) for p in caught.value.problems}
    # 市发改 vs 市发改委: ratio 2·3/(3+4) = 85.7; vs 市发展改革委 2·3/(3+6) = 66.7 … both
    # CS-RU03, so one suggestion for it (its best-scoring name)
    unit = next(m for loc, m in found if loc == "第2行 牵头单位")
    assert unit.startswith("未知责任单位「市发改」；是否为：") and "（CS-RU03）" in unit
    assert unit.endswith("bioecon tasks units confirm 市发改 --unit CS-RU03")
    assert {
        ("第2行 所属重点任务", "规划中没有重点任务「K99」"),
        ("第2行 关联目标", "规划中没有目标「T99」"),
        ("第3行 任务编号", "「CS-2026-01」与第2行重复"),
        ("第3行 关联项目", "项目库中没有项目编号「CS-P404」"),
        ("第4行 上级编号", "没有任务编号「CS-9999」"),
    } <= found
    assert len(found) == 6
    assert plan_tasks(planned, actor=LOCAL_ADMIN, plan=PLAN, today=MAY_20)[0].item.title == (
        "推进湘江新区生物经济集聚区建设"
    )  # nothing of the refused file was written


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("市发展改革委", "CS-RU03"),  # the name in 长沙's text
        ("市发改委", "CS-RU03"),  # its short alias
        ("长沙市发展和改革委员会", "CS-RU03"),  # its full name
        ("市科技局", "CS-RU04"),
        ("CS-RU07", "CS-RU07"),  # a code
    ],
)
def test_real_alias_pairs_of_the_seed_resolve_to_one_unit(
    planned: Bioecon, name: str, code: str
) -> None:
    assert resolve_unit(planned, actor=LOCAL_ADMIN, name=name) == (code, [])


def test_an_unknown_name_is_suggested_then_confirmed_by_the_office(planned: Bioecon) -> None:
    # 市发展和改革委员会 (without 长沙) is not a name or alias; the nearest is 长沙市发展和改革委员会
    # (ratio 2·9/(9+11) = 90.0)
    code, suggestions = resolve_unit(planned, actor=LOCAL_ADMIN, name="市发展和改革委员会")
    assert code is None
    assert (suggestions[0].code, suggestions[0].name, suggestions[0].score) == (
        "CS-RU03",
        "长沙市发展和改革委员会",
        90.0,
    )
    with pytest.raises(Forbidden):
        confirm_alias(planned, actor=DRC, origin="test", name="市发展和改革委员会", unit="CS-RU03")
    confirm_alias(planned, actor=OFFICE, origin="test", name="市发展和改革委员会", unit="CS-RU03")
    assert resolve_unit(planned, actor=LOCAL_ADMIN, name="市发展和改革委员会") == ("CS-RU03", [])
    with pytest.raises(Conflict, match="已是责任单位 CS-RU03"):
        confirm_alias(planned, actor=OFFICE, origin="test", name="市发改委", unit="CS-RU03")


def test_colours_and_due_reports_on_the_day(reported: Bioecon) -> None:
    lines = plan_tasks(reported, actor=LOCAL_ADMIN, plan=PLAN, today=MAY_20)
    assert [(x.item.code, x.status.colour) for x in lines] == [
        ("CS-2026-01", TaskColour.YELLOW),
        ("CS-2026-01-1", TaskColour.YELLOW),
        ("CS-2026-02", TaskColour.BLUE),
    ]
    assert lines[0].status.schedule.quantize(Decimal("0.1")) == Decimal("51.3")
    assert lines[2].status.schedule.quantize(Decimal("0.1")) == Decimal("38.4")
    page = task_page(reported, actor=XIANGJIANG, code="CS-2026-01", today=MAY_20)
    assert [(str(d.period), d.timing) for d in page.due] == [
        ("2026Q1", ReportTiming.ON_TIME),
        ("2026Q2", ReportTiming.NOT_DUE),
        ("2026Q3", ReportTiming.NOT_DUE),
    ]
    assert [(e.filename, e.size) for e in page.evidence] == [("会议纪要.pdf", 16)]
    assert [x.item.code for x in page.sub_items] == ["CS-2026-01-1"]


def test_only_a_unit_of_the_task_reports_and_evidence_is_limited(planned: Bioecon) -> None:
    def report(actor: Principal, files: list[Attachment], period: Period) -> None:
        report_progress(
            planned,
            actor=actor,
            origin="test",
            item="CS-2026-01",
            period=period,
            text="推进中",
            percent=Decimal(10),
            attachments=files,
            now=at(date(2026, 4, 1)),
        )

    with pytest.raises(NotFound):  # CS-RU07 is not among its units: it does not see the task
        report(FORESTRY, [], Period.quarter(2026, 1))
    with pytest.raises(InvalidInput) as caught:
        report(
            DRC,  # a co unit may report
            [
                Attachment("a.exe", "application/x-msdownload", b"MZ"),
                Attachment("big.pdf", "application/pdf", b"0" * (5 * 1024 * 1024 + 1)),
            ],
            Period.quarter(2026, 4),
        )
    messages = [p.message for p in caught.value.problems]
    assert messages[0] == "「2026Q4」不是该任务的报送期（2026Q1、2026Q2、2026Q3）"
    assert messages[1].startswith("文件类型application/x-msdownload不可上传（可上传：PDF、")
    assert messages[2] == "文件大小5242881字节超过上限5242880字节"
    report(DRC, [PDF], Period.quarter(2026, 1))
    history = value_history(
        planned, actor=LOCAL_ADMIN, entity=AuditEntity.WORK_REPORT, prefix="CS-2026-01/2026Q1"
    )
    assert [(e.actor, e.action.value) for e in history] == [("fgw", "create"), ("fgw", "create")]
    # the history is the plan region's (430100): its office reads it, another unit does not
    key = "CS-2026-01/2026Q1"
    assert (
        len(value_history(planned, actor=OFFICE, entity=AuditEntity.WORK_REPORT, prefix=key)) == 2
    )
    assert value_history(planned, actor=FORESTRY, entity=AuditEntity.WORK_REPORT, prefix=key) == []


def test_the_loop_raise_reply_close_and_escalate(reported: Bioecon) -> None:
    with pytest.raises(Conflict, match="未滞后"):  # CS-2026-02 is blue
        raise_notice(
            reported,
            actor=OFFICE,
            origin="test",
            subject=NoticeSubject.TASK,
            code="CS-2026-02",
            kind=NoticeKind.PROMPT,
            reason="进度",
            now=at(MAY_20),
        )
    prompt = raise_notice(
        reported,
        actor=OFFICE,
        origin="test",
        subject=NoticeSubject.TASK,
        code="CS-2026-01",
        kind=NoticeKind.PROMPT,
        reason="进度低于序时进度31个百分点",
        now=at(MAY_20),
    )
    # 提示单: reply within 10 days → 05-30; addressed to the lead unit CS-RU01
    assert (prompt.code, prompt.responsible_unit, prompt.reply_due) == (
        "TS-2026-0001",
        "CS-RU01",
        date(2026, 5, 30),
    )
    with pytest.raises(Forbidden):
        reply_notice(reported, actor=DRC, origin="test", code=prompt.code, measures="x")
    with pytest.raises(Conflict, match="待回复的督办单不能销号"):
        close_notice(reported, actor=OFFICE, origin="test", code=prompt.code, note="x")
    reply_notice(
        reported, actor=XIANGJIANG, origin="test", code=prompt.code, measures="增派专班",
        now=at(date(2026, 5, 25)),
    )  # fmt: skip
    with pytest.raises(Forbidden):
        close_notice(reported, actor=XIANGJIANG, origin="test", code=prompt.code, note="x")
    closed = close_notice(
        reported, actor=OFFICE, origin="test", code=prompt.code, note="同意销号",
        now=at(date(2026, 5, 26)),
    )  # fmt: skip
    assert closed.state is NoticeState.CLOSED
    page = task_page(reported, actor=XIANGJIANG, code="CS-2026-01", today=MAY_20)
    ((notice, steps),) = page.notices
    assert notice.state is NoticeState.CLOSED
    assert [(s.action.value, s.actor, s.at.date(), s.text) for s in steps] == [
        ("raise", "office", MAY_20, "进度低于序时进度31个百分点"),
        ("reply", "xj", date(2026, 5, 25), "增派专班"),
        ("close", "office", date(2026, 5, 26), "同意销号"),
    ]
    history = value_history(
        reported, actor=LOCAL_ADMIN, entity=AuditEntity.NOTICE, prefix=prompt.code
    )
    assert [(e.actor, e.action.value) for e in history] == [
        ("office", "create"),
        ("xj", "submit"),
        ("office", "approve"),
    ]
    assert (
        len(value_history(reported, actor=OFFICE, entity=AuditEntity.NOTICE, prefix=prompt.code))
        == 3
    )

    second = raise_notice(
        reported,
        actor=OFFICE,
        origin="test",
        subject=NoticeSubject.TASK,
        code="CS-2026-01-1",
        kind=NoticeKind.PROMPT,
        reason="一季度进展未报",
        now=at(MAY_20),
    )
    assert (second.code, second.responsible_unit) == ("TS-2026-0002", "CS-RU03")
    # 06-05: no reply by 05-30 → the office escalates; a 督办单 (7 days: 06-12) to CS-RU03
    raised = escalate_notice(
        reported, actor=OFFICE, origin="test", code=second.code, reason="逾期未回复",
        now=at(date(2026, 6, 5)),
    )  # fmt: skip
    assert (raised.code, raised.kind, raised.reply_due, raised.escalated_from) == (
        "DB-2026-0001",
        NoticeKind.SUPERVISION,
        date(2026, 6, 12),
        "TS-2026-0002",
    )
    # on 06-20: CS-RU01 1 raised, replied 05-25 ≤ 05-30 on time, closed; CS-RU03 2 raised
    # (TS escalated, DB open past 06-12), 1 督办单, none replied
    assert notice_counts(reported, actor=OFFICE, today=date(2026, 6, 20)) == [
        UnitNoticeCounts("CS-RU01", "湖南湘江新区管委会", 1, 0, 0, 0, 1, 1, 0),
        UnitNoticeCounts("CS-RU03", "市发展改革委", 2, 1, 1, 1, 0, 0, 1),
    ]
    assert notice_counts(reported, actor=XIANGJIANG, today=date(2026, 6, 20))[0].raised == 1
    open_overdue = notice_list(
        reported, actor=OFFICE, wanted=NoticeFilter(overdue_on=date(2026, 6, 20))
    )
    assert [n.code for n in open_overdue] == ["DB-2026-0001"]
    assert [n.code for n in notice_list(reported, actor=DRC)] == ["DB-2026-0001", "TS-2026-0002"]
    assert notice_list(reported, actor=FORESTRY) == []


def test_bodies_are_read_from_the_stored_text_with_units_resolved(planned: Bioecon) -> None:
    # 长沙's own text names no 领导小组; a plan holding 南京's sentence does, and its office's
    # host 市发改委 is resolved as 长沙's alias of CS-RU03 (the table is shared by plans)
    from bioecon.services.bodies import plan_bodies, read_plan_bodies
    from bioecon.services.extraction import extract_document, extracted_plan

    assert read_plan_bodies(planned, actor=LOCAL_ADMIN, origin="test", plan=PLAN) == []
    source = DATA.parent / "bodies-nanjing.txt"
    bundle = extracted_plan(
        extraction=extract_document(source=source), code="nj-bodies", region="430100"
    )
    load_plan(planned, actor=LOCAL_ADMIN, origin="test", bundle=bundle, source=str(source))
    with pytest.raises(NotFound):  # a department reads no plan
        read_plan_bodies(planned, actor=DRC, origin="test", plan="nj-bodies")
    read_plan_bodies(planned, actor=OFFICE, origin="test", plan="nj-bodies")
    group, office = plan_bodies(planned, actor=LOCAL_ADMIN, plan="nj-bodies")
    assert group.name == "南京市生物经济发展领导小组" and office.parent == group.code
    assert [(m.name, m.responsible_unit) for m in office.members] == [("市发改委", "CS-RU03")]
    assert [m.name for m in group.members][2:4] == ["市委组织部", "市发改委"]


def test_the_bulletin_states_the_tasks_from_the_reports_filed_by_its_last_day(
    reported: Bioecon,
) -> None:
    # CS-2026-01-1's Q1 report comes on 05-06, after April: the April bulletin (as of 04-30,
    # 120 days gone) does not know it.
    #   CS-2026-01   20 % against 序时 120/273 = 43.96 %: 24 points behind → 黄
    #   CS-2026-01-1 Q1 due 04-10, not filed by 04-30 → missing 1 → 黄; 序时 120/181 = 66.30 %
    #   CS-2026-02   50 % against 120/365 = 32.88 % → 蓝
    report_progress(
        reported,
        actor=DRC,
        origin="test",
        item="CS-2026-01-1",
        period=Period.quarter(2026, 1),
        text="规划初稿",
        percent=Decimal(30),
        now=at(date(2026, 5, 6)),
    )
    april = monthly_bulletin(reported, actor=LOCAL_ADMIN, plan=PLAN, period=Period.month(2026, 4))
    template = dict(monthly_template()) | {"sections": ["tasks"]}
    blocks = compose(april, issued_on=date(2026, 5, 8), template=template).blocks
    assert [b.text for b in blocks if b.style != "table"] == [
        "一、重点任务推进",
        "截至2026年4月30日，纳入调度的年度工作要点2项、分解任务1项，其中蓝灯1项、黄灯2项；"
        "应报未报进展1次。",
        "亮红灯、黄灯的2项任务如下，请牵头单位加快推进：",
    ]
    (table,) = [b.rows for b in blocks if b.style == "table"]
    assert table[1:] == (
        ("推进湘江新区生物经济集聚区建设", "湖南湘江新区管委会", "2026Q3", "20.0", "44.0", "0", "黄灯"),
        ("编制集聚区产业规划", "市发展改革委", "2026Q2", "0.0", "66.3", "1", "黄灯"),
    )  # fmt: skip
    # May (as of 05-31, 151 days): the late report counts, 30 % against 151/181 = 83.43 %
    may = monthly_bulletin(reported, actor=LOCAL_ADMIN, plan=PLAN, period=Period.month(2026, 5))
    assert may.tasks is not None
    assert (may.tasks.missing, may.tasks.colours) == (0, {"blue": 1, "yellow": 2})
    assert [(t.code, t.percent, round(t.schedule, 2)) for t in may.tasks.lagging] == [
        ("CS-2026-01", 20.0, 55.31),  # 151/273
        ("CS-2026-01-1", 30.0, 83.43),
    ]


def test_a_notice_raised_after_midnight_in_china_is_of_that_day(reported: Bioecon) -> None:
    # 2026-12-31 17:00 UTC is 2027-01-01 01:00 in China: the notice is numbered in 2027 and
    # its reply is due 10 days (提示单) after 1 January, on 2027-01-11. CS-2026-01 (by 2026Q3,
    # 20 %) is red by then.
    notice = raise_notice(
        reported,
        actor=LOCAL_ADMIN,
        origin="test",
        subject=NoticeSubject.TASK,
        code="CS-2026-01",
        kind=NoticeKind.PROMPT,
        reason="逾期未完成",
        now=datetime(2026, 12, 31, 17, tzinfo=UTC),
    )
    assert (notice.code, notice.reply_due) == ("TS-2027-0001", date(2027, 1, 11))
