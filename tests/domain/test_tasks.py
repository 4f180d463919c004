"""Task status presets and overdue reports, on hand-computed fixtures, and the notice loop.

The fixture item: year 2026, deadline 2026Q3 (last day 2026-09-30), quarterly cadence due
10 days after each quarter: 2026Q1 due 04-10, 2026Q2 due 07-10, 2026Q3 due 10-10.
序时进度 counts days from 2026-01-01 inclusive over the 273 days to 09-30
(31+28+31+30+31+30+31+31+30 = 273).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.catalogs import notice_book, task_book
from bioecon.domain.notices import NoticeAction, NoticeKind, NoticeState, next_state
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.tasks import (
    Cadence,
    ReportTiming,
    TaskColour,
    WorkItem,
    WorkItemKind,
    WorkReport,
    due_reports,
    report_problems,
    schedule_share,
    task_status,
)
from bioecon.errors import Conflict

ITEM = WorkItem(
    "K01-2026-1", "changsha-2025", WorkItemKind.WORK_POINT, 2026, "建设平台",
    deadline=Period.quarter(2026, 3),
)  # fmt: skip
QUARTERLY = Cadence(PeriodType.QUARTER, 10)
FOUR = task_book().presets["four_colours"]
TIMELY = task_book().presets["timeliness"]


def report(quarter: int, on: date, percent: int) -> WorkReport:
    at = datetime(on.year, on.month, on.day, 9, tzinfo=UTC)
    return WorkReport(
        ITEM.code, Period.quarter(2026, quarter), "进展", Decimal(percent), None, "d", at
    )


def timings(reports: list[WorkReport], today: date) -> list[tuple[str, ReportTiming]]:
    return [(str(d.period), d.timing) for d in due_reports(ITEM, reports, QUARTERLY, today)]


def colours(reports: list[WorkReport], today: date) -> tuple[TaskColour, TaskColour]:
    return (
        task_status(ITEM, reports, QUARTERLY, FOUR, today).colour,
        task_status(ITEM, reports, QUARTERLY, TIMELY, today).colour,
    )


def test_last_days_of_periods() -> None:
    assert Period.quarter(2026, 3).last_day == date(2026, 9, 30)
    assert Period.month(2028, 2).last_day == date(2028, 2, 29)
    assert Period.of_year(2026).last_day == date(2026, 12, 31)
    assert QUARTERLY.due_on(Period.quarter(2026, 4)) == date(2027, 1, 10)


def test_a_late_report_behind_schedule() -> None:
    # 08-15: Q1 filed 04-08 ≤ 04-10 on time; Q2 filed 07-15 > 07-10 late; Q3 due 10-10 ahead.
    # 序时 = (212 + 15) / 273 = 227/273 = 83.15 %; 40 % is 43.15 points behind (> 10): yellow.
    # timeliness: none missing, one late → caught up: yellow.
    reports = [report(1, date(2026, 4, 8), 20), report(2, date(2026, 7, 15), 40)]
    today = date(2026, 8, 15)
    assert timings(reports, today) == [
        ("2026Q1", ReportTiming.ON_TIME),
        ("2026Q2", ReportTiming.LATE),
        ("2026Q3", ReportTiming.NOT_DUE),
    ]
    status = task_status(ITEM, reports, QUARTERLY, FOUR, today)
    assert status.schedule == Decimal(227) * 100 / Decimal(273)
    assert (status.percent, status.missing, status.late) == (Decimal(40), 0, 1)
    assert not status.overdue
    assert colours(reports, today) == (TaskColour.YELLOW, TaskColour.YELLOW)


def test_a_missing_report() -> None:
    # 08-15 without Q2's report (due 07-10): missing → four colours yellow, timeliness red.
    reports = [report(1, date(2026, 4, 8), 80)]
    today = date(2026, 8, 15)
    assert timings(reports, today)[1] == ("2026Q2", ReportTiming.MISSING)
    assert colours(reports, today) == (TaskColour.YELLOW, TaskColour.RED)


def test_the_deadline_passed_undone() -> None:
    # 10-01 > 09-30 with 90 %: overdue → red in both; Q3 (due 10-10) not yet due.
    reports = [report(1, date(2026, 4, 8), 20), report(2, date(2026, 7, 9), 90)]
    today = date(2026, 10, 1)
    assert timings(reports, today)[2] == ("2026Q3", ReportTiming.NOT_DUE)
    assert task_status(ITEM, reports, QUARTERLY, FOUR, today).overdue
    assert colours(reports, today) == (TaskColour.RED, TaskColour.RED)


def test_done_after_the_deadline() -> None:
    # Q3's report of 10-05 says 100 %: done on 10-05, after 09-30, but the report itself is on
    # time (≤ 10-10). Four colours: done → green; timeliness: done late → yellow.
    reports = [
        report(1, date(2026, 4, 8), 20),
        report(2, date(2026, 7, 9), 60),
        report(3, date(2026, 10, 5), 100),
    ]
    today = date(2026, 11, 1)
    assert timings(reports, today)[2] == ("2026Q3", ReportTiming.ON_TIME)
    assert task_status(ITEM, reports, QUARTERLY, FOUR, today).done_on == date(2026, 10, 5)
    assert colours(reports, today) == (TaskColour.GREEN, TaskColour.YELLOW)


def test_done_early_owes_no_further_reports() -> None:
    # Q1's report of 03-20 says 100 %: Q2 and Q3 owe nothing, even on 12-01.
    reports = [report(1, date(2026, 3, 20), 100)]
    today = date(2026, 12, 1)
    assert timings(reports, today) == [("2026Q1", ReportTiming.ON_TIME)]
    assert colours(reports, today) == (TaskColour.GREEN, TaskColour.GREEN)


def test_on_schedule_early_in_the_year() -> None:
    # 01-20: 序时 = 20/273 = 7.33 %, 0 % is 7.33 points behind (≤ 10): blue; nothing due: green.
    # 03-01: 序时 = 60/273 = 21.98 %, 21.98 points behind (> 10): yellow; timeliness still green.
    assert colours([], date(2026, 1, 20)) == (TaskColour.BLUE, TaskColour.GREEN)
    assert colours([], date(2026, 3, 1)) == (TaskColour.YELLOW, TaskColour.GREEN)


def test_report_rules() -> None:
    base = WorkReport("X", Period.quarter(2026, 1), "完成选址", Decimal(50))
    assert report_problems(base) == []
    assert report_problems(WorkReport("X", base.period, "  ")) == [
        ("text", "请填写进展情况"),
        ("percent", "请填写完成进度（%）或已完成的节点目标"),
    ]
    assert report_problems(WorkReport("X", base.period, "t", Decimal(101))) == [
        ("percent", "完成进度101不在0至100之间")
    ]
    assert report_problems(WorkReport("X", base.period, "t", None, "完成立项")) == []


@given(st.dates(date(2026, 1, 1), date(2026, 12, 31)))
def test_schedule_share_grows_from_zero_to_a_hundred(today: date) -> None:
    share = schedule_share(ITEM, today)
    assert 0 < share <= 100
    assert (share == 100) == (today >= date(2026, 9, 30))


def test_the_loop_of_a_notice() -> None:
    # raise → open; reply → replied; close → closed (销号); a closed notice takes no step.
    state = next_state(NoticeState.OPEN, NoticeAction.REPLY)
    assert state is NoticeState.REPLIED
    assert next_state(state, NoticeAction.CLOSE) is NoticeState.CLOSED
    assert next_state(NoticeState.OPEN, NoticeAction.ESCALATE) is NoticeState.ESCALATED
    with pytest.raises(Conflict, match="待回复的督办单不能销号"):
        next_state(NoticeState.OPEN, NoticeAction.CLOSE)
    with pytest.raises(Conflict, match="已销号的督办单不能回复"):
        next_state(NoticeState.CLOSED, NoticeAction.REPLY)


def test_notice_numbers_and_escalation() -> None:
    book = notice_book()
    assert book.number(NoticeKind.SUPERVISION, 2026, 3) == "DB-2026-0003"
    assert book.kinds[NoticeKind.PROMPT].escalates_to is NoticeKind.SUPERVISION
    assert book.kinds[NoticeKind.PROMPT].name == "提示单"


_PERCENTS = st.lists(st.none() | st.integers(0, 100), min_size=0, max_size=3)


def _reports(percents: list[int | None]) -> list[WorkReport]:
    return [
        report(quarter, Period.quarter(2026, quarter).last_day, percent)
        for quarter, percent in enumerate(percents, start=1)
        if percent is not None
    ]


@given(_PERCENTS, st.dates(date(2026, 1, 1), date(2027, 6, 30)))
def test_four_colours_are_green_exactly_when_a_report_says_done(
    percents: list[int | None], today: date
) -> None:
    reports = _reports(percents)
    status = task_status(ITEM, reports, QUARTERLY, FOUR, today)
    assert (status.colour is TaskColour.GREEN) == any(r.done for r in reports)
    assert status.colour is not TaskColour.RED or today > date(2026, 9, 30)


@given(_PERCENTS, st.dates(date(2026, 1, 1), date(2027, 6, 30)))
def test_timeliness_is_red_exactly_when_a_report_is_missing_or_the_deadline_passed(
    percents: list[int | None], today: date
) -> None:
    reports = _reports(percents)
    status = task_status(ITEM, reports, QUARTERLY, TIMELY, today)
    assert (status.colour is TaskColour.RED) == (status.missing > 0 or status.overdue)
    owed = due_reports(ITEM, reports, QUARTERLY, today)
    assert [str(d.period) for d in owed] == ["2026Q1", "2026Q2", "2026Q3"][: len(owed)]


def test_the_due_day_is_a_day_in_china() -> None:
    # Q1 is due 04-10. 04-10 15:59 UTC is 23:59 in China: on time; 16:00 UTC is 04-11 00:00
    # in China: late, though it is still 04-10 in UTC.
    def filed(hour: int, minute: int) -> WorkReport:
        at = datetime(2026, 4, 10, hour, minute, tzinfo=UTC)
        return WorkReport(ITEM.code, Period.quarter(2026, 1), "进展", Decimal(30), None, "d", at)

    today = date(2026, 5, 1)
    assert timings([filed(15, 59)], today)[0] == ("2026Q1", ReportTiming.ON_TIME)
    assert timings([filed(16, 0)], today)[0] == ("2026Q1", ReportTiming.LATE)
