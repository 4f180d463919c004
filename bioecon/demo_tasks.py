"""The demo's task breakdown (模拟数据): one annual work point (年度工作要点) of the build year
for each of a plan's first tasks with 责任单位, quarterly progress reports by its lead unit
up to the last month — one done, some on schedule, one behind, one with a report missing —
and a 提示单 on the one behind, replied to by its unit; so the task pages, a unit's board and
the 督办 list have every colour and step to show. Written only through :mod:`bioecon.services`;
deterministic for a build month. The bodies each plan's text names (领导小组 …) are read too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.catalogs import task_book
from bioecon.demo_accounts import DEMO_ORIGIN
from bioecon.demo_ledger import SIMULATED
from bioecon.domain.model import PlanBundle
from bioecon.domain.notices import NoticeFilter, NoticeKind, NoticeSubject
from bioecon.domain.periods import Period
from bioecon.domain.registers import RegisterFile, RegisterRow
from bioecon.domain.tasks import LAGGING, WorkItem, WorkItemKind
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.bodies import read_plan_bodies
from bioecon.services.notices import notice_list, raise_notice, reply_notice
from bioecon.services.tasks import load_breakdown, plan_tasks, report_progress

# (deadline quarter, percent reported per quarter; None: the quarter's report is missing)
_PROFILES: tuple[tuple[int, tuple[int | None, ...]], ...] = (
    (2, (60, 100)),  # done in Q2
    (4, (25, 50, 75, 90)),  # on schedule
    (4, (10, 15, 20, 30)),  # behind: the notice's task
    (3, (30, None, 80)),  # one report missing
    (4, (20, 45, 70, 95)),
    (4, (30, 55, 80, 100)),
)


def build_demo_tasks(app: Bioecon, bundle: PlanBundle, last: Period) -> list[str]:
    """Load the plan's simulated breakdown, reports and one notice; return the log's lines."""
    plan, year = bundle.plan.code, last.year
    bodies = read_plan_bodies(app, actor=LOCAL_ADMIN, origin=DEMO_ORIGIN, plan=plan)
    log = [f"  bodies read from the text: {len(bodies)}"]
    tasks = [k for k in bundle.tasks if k.lead_units][: len(_PROFILES)]
    if not tasks:
        return [*log, f"  {SIMULATED} tasks: none (no task names its units)"]
    items = [
        WorkItem(
            f"{plan}-{year}-{task.key}",
            plan,
            WorkItemKind.WORK_POINT,
            year,
            f"{year}年：{task.heading}",
            task=task.key,
            lead_units=task.lead_units[:1],
            co_units=task.co_units[:2],
            deadline=Period.quarter(year, _PROFILES[n][0]),
            deliverable="阶段性工作总结",
        )
        for n, task in enumerate(tasks)
    ]
    rows = tuple(RegisterRow(n + 2, item) for n, item in enumerate(items))
    loaded = load_breakdown(
        app,
        actor=LOCAL_ADMIN,
        origin=DEMO_ORIGIN,
        plan=plan,
        parsed=RegisterFile(SIMULATED, rows, (), {}),
    )
    cadence = task_book().cadence_for(plan)
    reports = 0
    for item, (_, percents) in zip(items, _PROFILES, strict=False):
        for quarter, percent in enumerate(percents, start=1):
            period = Period.quarter(year, quarter)
            if percent is None or period.end_ordinal > last.end_ordinal:
                continue
            due = cadence.due_on(period)
            report_progress(
                app,
                actor=LOCAL_ADMIN,
                origin=DEMO_ORIGIN,
                item=item.code,
                period=period,
                text=f"{SIMULATED}：{period.label_zh}完成阶段性工作",
                percent=Decimal(percent),
                now=datetime(due.year, due.month, due.day, 9, tzinfo=UTC) - timedelta(days=3),
            )
            reports += 1
    log.append(
        f"  {SIMULATED} tasks: {loaded.created} created, {loaded.updated} updated; "
        f"{reports} progress reports"
    )
    return log + _demo_notice(app, plan, items, last)


def _demo_notice(app: Bioecon, plan: str, items: list[WorkItem], last: Period) -> list[str]:
    """A 提示单 on the behind task (when it lags at the end of the last month), replied to."""
    if len(items) < 3:
        return []
    end = datetime(last.year, last.last_month, 1, 9, tzinfo=UTC) + timedelta(days=27)
    lines = plan_tasks(app, actor=LOCAL_ADMIN, plan=plan, today=end.date())
    behind = next(line for line in lines if line.item.code == items[2].code)
    raised = notice_list(app, actor=LOCAL_ADMIN, wanted=NoticeFilter(subject=NoticeSubject.TASK))
    if behind.status.colour not in LAGGING or any(
        n.subject_code == behind.item.code for n in raised
    ):
        return []
    notice = raise_notice(
        app,
        actor=LOCAL_ADMIN,
        origin=DEMO_ORIGIN,
        subject=NoticeSubject.TASK,
        code=items[2].code,
        kind=NoticeKind.PROMPT,
        reason=f"{SIMULATED}：完成进度低于序时进度",
        now=end,
    )
    reply_notice(
        app,
        actor=LOCAL_ADMIN,
        origin=DEMO_ORIGIN,
        code=notice.code,
        measures=f"{SIMULATED}：增派工作专班，按月调度",
        now=end + timedelta(days=2),
    )
    return [f"  {SIMULATED} notices: {notice.code} raised and replied"]
