"""What both the task and the notice use cases need: whether a caller reports a unit's tasks,
and work items with their colours on a day (one home for each, used by services/tasks.py and
services/notices.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bioecon.catalogs import role_book, task_book
from bioecon.domain.access import Action, Principal, allowed
from bioecon.domain.reporting_calendar import office_day
from bioecon.domain.tasks import TaskLine, WorkItem, WorkReport, task_status
from bioecon.store import Connection
from bioecon.store import tasks as store


def reports_for(actor: Principal, unit: str) -> bool:
    """Whether the caller reports the tasks of responsible unit ``unit``."""
    return allowed(role_book(), actor, Action.REPORT_TASKS, responsible_unit=unit)


def task_lines(
    connection: Connection,
    items: Sequence[WorkItem],
    today: date,
    *,
    filed_by: date | None = None,
) -> list[TaskLine]:
    """Each item with its colour on ``today`` (its reports read in one query, those filed
    after ``filed_by`` left out) and its units by name."""
    reports = store.reports(connection, [i.code for i in items])
    if filed_by is not None:
        reports = [
            r
            for r in reports
            if r.reported_at is not None and office_day(r.reported_at) <= filed_by
        ]
    names = store.unit_names(connection, {u for i in items for u in i.units})
    homes = store.unit_org_units(connection, {u for i in items for u in i.lead_units})
    book = task_book()
    by_item: dict[str, list[WorkReport]] = {}
    for report in reports:
        by_item.setdefault(report.item, []).append(report)
    return [
        TaskLine(
            item,
            task_status(
                item,
                by_item.get(item.code, []),
                book.cadence_for(item.plan),
                book.preset_for(item.plan),
                today,
            ),
            tuple(names.get(u, u) for u in item.lead_units),
            tuple(names.get(u, u) for u in item.co_units),
            tuple(homes.get(u) for u in item.lead_units),
        )
        for item in items
    ]
