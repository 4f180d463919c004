"""Task use cases (任务分解与进展): load a plan's breakdown (年度工作要点, 分解任务), report a
task's progress with evidence, a plan's task list with colours, a task's page, and the
resolution of responsible-unit names (with rapidfuzz suggestions the plan office confirms).
docs/tasks.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.catalogs import task_book, task_evidence_rules
from bioecon.domain.access import Action, Principal
from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.domain.evidence import Attachment, Evidence
from bioecon.domain.notices import Notice, NoticeFilter, NoticeState, NoticeStep, NoticeSubject
from bioecon.domain.periods import Period
from bioecon.domain.projects import ProjectRecord
from bioecon.domain.registers import RegisterFile, RegisterLoadReport
from bioecon.domain.tasks import (
    DueReport,
    ReportTiming,
    TaskLine,
    WorkItem,
    WorkReport,
    due_reports,
    report_problems,
)
from bioecon.domain.unit_resolution import Suggestion, resolve, suggest, unknown_unit_message
from bioecon.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from bioecon.services._attachments import refused_files, store_files
from bioecon.services._audit import Change, compared, record
from bioecon.services._project_lookup import readable_project
from bioecon.services._registers import refuse, repeated_keys
from bioecon.services._scope import permitted, reach, require_manager, unplaced
from bioecon.services._task_lines import reports_for, task_lines
from bioecon.store import Connection
from bioecon.store import notices as notice_store
from bioecon.store import projects as project_store
from bioecon.store import tasks as store
from bioecon.store.evidence import evidence_content, task_evidence
from bioecon.store.migrate import ensure_current
from bioecon.store.orgunits import EVERYWHERE


@dataclass(frozen=True, slots=True)
class TaskPage:
    """A work item's page: its line, the reports it owes and filed, their evidence and the
    notices about it with their steps."""

    line: TaskLine
    due: tuple[DueReport, ...]
    reports: tuple[WorkReport, ...]
    evidence: tuple[Evidence, ...]
    notices: tuple[tuple[Notice, tuple[NoticeStep, ...]], ...]
    sub_items: tuple[TaskLine, ...]
    reports_here: bool  # the caller reports for one of its units
    replies_for: frozenset[str]  # the units whose notices the caller replies to
    manages: bool  # the caller manages the plan (raises, closes and escalates notices)


# --- access ----------------------------------------------------------------------------------


def _plan_home(connection: Connection, plan: str) -> tuple[int, str]:
    """The plan's id and region, or NotFound when the caller may read neither it nor a task
    of its own unit in it."""
    found = store.plan_region(connection, plan)
    missing = f"no plan with code '{plan}' (see `bioecon plan list`)"
    if found is None:
        raise NotFound(missing)
    return found


def _may_read_item(connection: Connection, actor: Principal, item: WorkItem, region: str) -> bool:
    """Readers of the plan's region, and the department of one of the item's units."""
    if permitted(connection, actor, [Action.READ], [region]):
        return True
    return any(reports_for(actor, unit) for unit in item.units)


def _readable_item(connection: Connection, actor: Principal, code: str) -> tuple[WorkItem, str]:
    found = store.items(connection, codes=[code])
    missing = f"没有任务编号「{code}」"
    if not found:
        raise NotFound(missing)
    item = found[0]
    region = _plan_home(connection, item.plan)[1]
    if not _may_read_item(connection, actor, item, region):
        raise NotFound(missing)
    return item, region


# --- the breakdown ---------------------------------------------------------------------------


def load_breakdown(
    app: Bioecon, *, actor: Principal, origin: str, plan: str, parsed: RegisterFile[WorkItem]
) -> RegisterLoadReport:
    """Insert or update ``plan``'s work items by 任务编号, all or nothing: codes once per file
    and not another plan's, 所属重点任务 a task of the plan, 上级编号 a work point of the file or
    stored, units named by a code, name or alias of the responsible-unit table (an unknown
    name is refused with the most similar names to confirm), targets of the plan and key
    projects known. The caller must manage plans over the plan's region. Each created or
    updated item is recorded."""
    with app.transaction() as connection:
        ensure_current(connection)
        plan_id, region = _plan_home(connection, plan)
        require_manager(connection, actor, [region])
        resolved, problems = _resolved_units(connection, parsed)
        problems += repeated_keys(parsed, "code") + _link_problems(connection, parsed, plan_id)
        refuse(parsed, problems)
        items = [row.record for row in resolved.rows]
        stored = {i.code: i for i in store.items(connection, codes=[i.code for i in items])}
        others = [i for i in stored.values() if i.plan != plan]
        if others:
            names = "、".join(i.code for i in others[:10])
            raise Conflict(f"任务编号已属于其他规划：{names}")
        tasks = store.task_ids(connection, plan_id, [i.task for i in items if i.task])
        unit_ids = store.unit_ids(connection, [u for i in items for u in i.units])
        store.save_items(connection, plan_id, items, tasks, unit_ids)
        changes = compared(items, stored, lambda i: i.code)
        record(connection, actor, origin, AuditEntity.WORK_ITEM, changes)
        created = sum(1 for c in changes if c[1] is AuditAction.CREATE)
        return RegisterLoadReport(
            parsed.source, created, len(changes) - created, len(items) - len(changes)
        )


def _resolved_units(
    connection: Connection, parsed: RegisterFile[WorkItem]
) -> tuple[RegisterFile[WorkItem], list[Problem]]:
    """The file with every unit as its code, and a problem for each name not known."""
    known = store.unit_names_and_aliases(connection)
    codes = sorted({code for _, code in known})
    problems: list[Problem] = []
    rows = []
    for row in parsed.rows:
        units: list[tuple[str, ...]] = []
        for field in ("lead_units", "co_units"):
            names: tuple[str, ...] = getattr(row.record, field)
            resolved = [resolve(name, known, codes) for name in names]
            problems += [
                parsed.problem(row.row, field, unknown_unit_message(name, suggest(name, known)))
                for name, code in zip(names, resolved, strict=True)
                if code is None
            ]
            units.append(tuple(dict.fromkeys(code for code in resolved if code is not None)))
        record = replace(row.record, lead_units=units[0], co_units=units[1])
        rows.append(replace(row, record=record))
    return replace(parsed, rows=tuple(rows)), problems


def _link_problems(
    connection: Connection, parsed: RegisterFile[WorkItem], plan_id: int
) -> list[Problem]:
    """Tasks, parents, targets and projects a row names that do not exist."""
    records = [(row.row, row.record) for row in parsed.rows]
    tasks = store.task_ids(connection, plan_id, [r.task for _, r in records if r.task])
    in_file = {r.code: r for _, r in records}
    stored = {
        i.code: i for i in store.items(connection, codes=[r.parent for _, r in records if r.parent])
    }
    targets = store.target_keys(connection, plan_id)
    projects = store.project_codes(connection, [p for _, r in records for p in r.projects])
    problems: list[Problem] = []
    for number, r in records:
        if r.task and r.task not in tasks:
            problems.append(parsed.problem(number, "task", f"规划中没有重点任务「{r.task}」"))
        if r.parent and r.parent != r.code:
            parent = in_file.get(r.parent) or stored.get(r.parent)
            if parent is None:
                problems.append(parsed.problem(number, "parent", f"没有任务编号「{r.parent}」"))
            elif parent.parent is not None:
                problems.append(
                    parsed.problem(number, "parent", f"「{r.parent}」是分解任务，不能再分解")
                )
        problems += [
            parsed.problem(number, "targets", f"规划中没有目标「{key}」")
            for key in r.targets
            if key not in targets
        ]
        problems += [
            parsed.problem(number, "projects", f"项目库中没有项目编号「{code}」")
            for code in r.projects
            if code not in projects
        ]
    return problems


def plan_tasks(
    app: Bioecon,
    *,
    actor: Principal,
    plan: str,
    today: date | None = None,
    filed_by_today: bool = False,
) -> list[TaskLine]:
    """``plan``'s work items the caller may read, each with its colour on ``today``; with
    ``filed_by_today``, from the reports filed by that day (in China) only, as a bulletin of
    a past month states them."""
    with app.reading() as connection:
        ensure_current(connection)
        region = _plan_home(connection, plan)[1]
        items = store.items(connection, plan=plan)
        if not permitted(connection, actor, [Action.READ], [region]):
            items = [i for i in items if any(reports_for(actor, u) for u in i.units)]
            if not items:  # neither a reader of the plan nor a unit of one of its tasks
                raise NotFound(f"no plan with code '{plan}' (see `bioecon plan list`)")
        day = today or datetime.now(UTC).date()
        return task_lines(connection, items, day, filed_by=day if filed_by_today else None)


def manages_plan(app: Bioecon, *, actor: Principal, plan: str) -> bool:
    """Whether the caller manages ``plan`` (raises and closes its notices)."""
    with app.reading() as connection:
        ensure_current(connection)
        found = store.plan_region(connection, plan)
        return found is not None and bool(
            permitted(connection, actor, [Action.MANAGE_PLANS], [found[1]])
        )


@dataclass(frozen=True, slots=True)
class UnitBoard:
    """A responsible unit's board: its tasks with colours, its key projects, the reports it
    owes (missing, and the next due), and its open notices."""

    code: str
    name: str
    tasks: tuple[TaskLine, ...]
    projects: tuple[ProjectRecord, ...]
    due: tuple[tuple[DueReport, str], ...]  # (the report, its task's title)
    notices: tuple[Notice, ...]


def unit_board(
    app: Bioecon, *, actor: Principal, unit: str, today: date | None = None
) -> UnitBoard:
    """The board of responsible unit ``unit``: for its department, and for readers of the
    unit's org unit; anyone else: not found."""
    day = today or datetime.now(UTC).date()
    with app.reading() as connection:
        ensure_current(connection)
        names = store.unit_names(connection, [unit])
        missing = f"没有责任单位 {unit}"
        if unit not in names:
            raise NotFound(missing)
        home = store.unit_org_unit(connection, unit)
        readable = home is not None and bool(permitted(connection, actor, [Action.READ], [home]))
        if not (readable or reports_for(actor, unit) or unplaced(actor, Action.READ)):
            raise NotFound(missing)
        items = store.items(connection, unit=unit)
        lines = task_lines(connection, items, day)
        reports = store.reports(connection, [i.code for i in items])
        book = task_book()
        due = [
            (d, item.title)
            for item in items
            for d in due_reports(
                item, [r for r in reports if r.item == item.code], book.cadence_for(item.plan), day
            )
            if d.timing is ReportTiming.MISSING
            or (d.timing is ReportTiming.NOT_DUE and (d.due_on - day).days <= _SOON_DAYS)
        ]
        where = reach(connection, actor, Action.READ)
        # the unit's department sees every project its unit answers for (as on their pages)
        named = EVERYWHERE if reports_for(actor, unit) else where
        codes = store.unit_project_codes(connection, unit, named)
        records = project_store.ledger_records(connection, dict.fromkeys(codes))
        notices = notice_store.listing(
            connection, where, (unit,), NoticeFilter(responsible_unit=unit)
        )
        open_ones = [n for n in notices if n.state in (NoticeState.OPEN, NoticeState.REPLIED)]
        return UnitBoard(
            unit,
            names[unit],
            tuple(lines),
            tuple(records[c] for c in codes),
            tuple(sorted(due, key=lambda d: d[0].due_on)),
            tuple(open_ones),
        )


_SOON_DAYS = 31  # a report due within this many days is on the board


def unit_tasks(
    app: Bioecon, *, actor: Principal, unit: str, today: date | None = None
) -> list[TaskLine]:
    """The work items of responsible unit ``unit`` (lead or co) the caller may read."""
    with app.reading() as connection:
        ensure_current(connection)
        items = store.items(connection, unit=unit)
        regions = {p: _plan_home(connection, p)[1] for p in {i.plan for i in items}}
        readable = [i for i in items if _may_read_item(connection, actor, i, regions[i.plan])]
        return task_lines(connection, readable, today or datetime.now(UTC).date())


def task_page(app: Bioecon, *, actor: Principal, code: str, today: date | None = None) -> TaskPage:
    """A work item's page; one the caller may not read is not found."""
    day = today or datetime.now(UTC).date()
    with app.reading() as connection:
        ensure_current(connection)
        item, region = _readable_item(connection, actor, code)
        (line,) = task_lines(connection, [item], day)
        reports = store.reports(connection, [code])
        cadence = task_book().cadence_for(item.plan)
        subs = [i for i in store.items(connection, plan=item.plan) if i.parent == code]
        return TaskPage(
            line,
            tuple(due_reports(item, reports, cadence, day)),
            tuple(reports),
            tuple(task_evidence(connection, [code])),
            tuple(notice_store.with_steps(connection, subject="task", subject_code=code)),
            tuple(task_lines(connection, subs, day)),
            any(reports_for(actor, unit) for unit in item.units),
            frozenset(unit for unit in item.units if reports_for(actor, unit)),
            bool(permitted(connection, actor, [Action.MANAGE_PLANS], [region])),
        )


# --- progress reports ------------------------------------------------------------------------


def report_progress(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    item: str,
    period: Period,
    text: str,
    percent: Decimal | None = None,
    milestone: str | None = None,
    attachments: Sequence[Attachment] = (),
    now: datetime | None = None,
) -> WorkReport:
    """Record (or replace) the item's report of ``period``, a period of the plan's cadence
    within the item's reporting span, with its evidence files (types and size limited by
    ``bioecon/data/tasks/evidence.yaml``). Only the department of one of the item's units
    reports (or an admin). The report and each file are recorded."""
    at = now or datetime.now(UTC)
    with app.transaction() as connection:
        ensure_current(connection)
        found, _ = _readable_item(connection, actor, item)
        if not any(reports_for(actor, unit) for unit in found.units):
            raise Forbidden(f"{actor.login} 不是该任务责任单位的部门用户，不能填报进展")
        report = WorkReport(item, period, text.strip(), percent, milestone or None, actor.login, at)
        problems = [Problem(field, message) for field, message in report_problems(report)]
        periods = task_book().cadence_for(found.plan).periods(found)
        if period not in periods:
            allowed_text = "、".join(str(p) for p in periods)
            problems.append(Problem("period", f"「{period}」不是该任务的报送期（{allowed_text}）"))
        problems += refused_files(attachments, task_evidence_rules())
        if problems:
            raise InvalidInput(f"{item} {period}", problems)
        stored = {str(r.period): r for r in store.reports(connection, [item])}
        before = stored.get(str(period))
        if (
            before is not None
            and not attachments
            and _report_values(before) == _report_values(report)
        ):
            return before  # the same report again: nothing changes
        report_id = store.save_report(connection, report)
        key = f"{item}/{period}"
        old = None if before is None else _report_values(before)
        action = AuditAction.CREATE if before is None else AuditAction.UPDATE
        changes: list[Change] = [(key, action, old, _report_values(report))]
        changes += store_files(
            connection, attachments, key=key, by=actor.login, at=at, report_id=report_id
        )
        record(connection, actor, origin, AuditEntity.WORK_REPORT, changes)
        return report


def _report_values(report: WorkReport) -> dict[str, object]:
    return {
        "text": report.text,
        "percent": None if report.percent is None else str(report.percent),
        "milestone": report.milestone,
    }


def evidence_file(app: Bioecon, *, actor: Principal, evidence_id: int) -> tuple[Evidence, bytes]:
    """An attachment and its bytes — a task report's evidence or a project's progress photo;
    one whose task or project the caller may not read is not found."""
    with app.reading() as connection:
        ensure_current(connection)
        found = evidence_content(connection, evidence_id)
        if found is None:
            raise NotFound(f"没有佐证材料 {evidence_id}")
        try:
            if found[0].subject is NoticeSubject.PROJECT:
                readable_project(connection, actor, found[0].item)
            else:
                _readable_item(connection, actor, found[0].item)
        except NotFound:
            raise NotFound(f"没有佐证材料 {evidence_id}") from None
        return found


# --- unit names ------------------------------------------------------------------------------


def resolve_unit(
    app: Bioecon, *, actor: Principal, name: str
) -> tuple[str | None, list[Suggestion]]:
    """The responsible unit ``name`` names (a code, a name or an alias), or None with the most
    similar known names."""
    with app.reading() as connection:
        ensure_current(connection)
        known = store.unit_names_and_aliases(connection)
        code = resolve(name, known, sorted({c for _, c in known}))
        return code, ([] if code is not None else suggest(name, known))


def confirm_alias(app: Bioecon, *, actor: Principal, origin: str, name: str, unit: str) -> None:
    """The plan office confirms that ``name`` is responsible unit ``unit``: the name becomes
    one of its aliases (refused if it already names a unit). Recorded."""
    with app.transaction() as connection:
        ensure_current(connection)
        known = store.unit_names_and_aliases(connection)
        codes = sorted({c for _, c in known})
        if unit not in codes:
            raise NotFound(f"没有责任单位 {unit}")
        home = store.unit_org_unit(connection, unit)
        require_manager(connection, actor, [home])
        already = resolve(name, known, codes)
        if already is not None:
            raise Conflict(f"「{name}」已是责任单位 {already} 的名称或别名")
        store.add_alias(connection, unit, name.strip())
        record(
            connection,
            actor,
            origin,
            AuditEntity.RESPONSIBLE_UNIT,
            [(unit, AuditAction.UPDATE, None, {"alias": name.strip()})],
        )
