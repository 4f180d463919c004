"""督办 use cases, shared by tasks and key projects: raise a notice on a lagging task or project
to its responsible unit, the unit's reply with measures, the office's close (销号) or
escalation, the 督办 list with filters, and the counts per unit. Every step is a notice_step
and an audit event (``notice``). docs/tasks.md."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from bioecon.app import Bioecon
from bioecon.catalogs import notice_book, project_warnings
from bioecon.domain.access import Action, Principal
from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.domain.notices import (
    Notice,
    NoticeAction,
    NoticeFilter,
    NoticeKind,
    NoticeState,
    NoticeStep,
    NoticeSubject,
    NoticeTally,
    UnitNoticeCounts,
    next_state,
)
from bioecon.domain.periods import Period
from bioecon.domain.project_report import judge
from bioecon.domain.project_warnings import Colour
from bioecon.domain.reporting_calendar import BEIJING, office_day
from bioecon.domain.tasks import LAGGING
from bioecon.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from bioecon.services._audit import record
from bioecon.services._project_lookup import project_unit, readable_project
from bioecon.services._scope import permitted, reach, require_manager, units_for
from bioecon.services._task_lines import reports_for, task_lines
from bioecon.store import Connection
from bioecon.store import notices as store
from bioecon.store import projects as project_store
from bioecon.store import tasks as task_store
from bioecon.store.migrate import ensure_current
from bioecon.store.orgunits import EVERYWHERE

_PROJECT_LAGGING = frozenset({Colour.YELLOW, Colour.RED})


@dataclass(frozen=True, slots=True)
class NoticePage:
    notice: Notice
    steps: tuple[NoticeStep, ...]
    unit_name: str


def raise_notice(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    subject: NoticeSubject,
    code: str,
    kind: NoticeKind,
    reason: str,
    unit: str | None = None,
    reply_due: date | None = None,
    now: datetime | None = None,
) -> Notice:
    """Raise a notice of ``kind`` about the lagging task (work item) or key project ``code``
    to ``unit`` (default: the task's first lead unit, the project's 责任单位 by name), due
    for reply on ``reply_due`` (default: the kind's reply days from today). A task must be
    yellow or red by its plan's preset, a project yellow or red in its latest month; the
    caller must manage plans over the task's plan region or the project's org unit."""
    at = now or datetime.now(UTC)
    day = office_day(at)  # the day in China: the notice's year, reply deadline and judgement
    with app.transaction() as connection:
        ensure_current(connection)
        home, target_unit, lagging = _subject(connection, actor, subject, code, unit, day)
        require_manager(connection, actor, [home])
        if not lagging:
            raise Conflict(f"「{code}」未滞后（非黄灯、红灯），不需督办")
        if not reason.strip():
            raise InvalidInput("reason", [Problem("reason", "请填写督办事由")])
        rule = notice_book().kinds[kind]
        notice = Notice(
            notice_book().number(
                kind, day.year, store.next_sequence(connection, rule.prefix, day.year)
            ),
            kind,
            subject,
            code,
            target_unit,
            reason.strip(),
            reply_due or day + timedelta(days=rule.reply_days),
            NoticeState.OPEN,
            actor.login,
            at,
            home,
        )
        _insert(connection, actor, origin, notice)
        return notice


def _insert(connection: Connection, actor: Principal, origin: str, notice: Notice) -> None:
    if notice.reply_due < office_day(notice.raised_at):
        raise InvalidInput("reply_due", [Problem("reply_due", "回复时限早于下发日期")])
    store.insert_notice(connection, notice)
    step = NoticeStep(NoticeAction.RAISE, actor.login, notice.raised_at, notice.reason)
    store.add_step(connection, notice.code, step, NoticeState.OPEN)
    values = {
        "kind": notice.kind.value,
        "subject": f"{notice.subject.value}:{notice.subject_code}",
        "responsible_unit": notice.responsible_unit,
        "reply_due": notice.reply_due.isoformat(),
        "reason": notice.reason,
        "escalated_from": notice.escalated_from,
    }
    record(
        connection,
        actor,
        origin,
        AuditEntity.NOTICE,
        [(notice.code, AuditAction.CREATE, None, values)],
    )


def _subject(
    connection: Connection,
    actor: Principal,
    subject: NoticeSubject,
    code: str,
    unit: str | None,
    today: date,
) -> tuple[str | None, str, bool]:
    """(the office's org unit, the unit addressed, whether the subject lags)."""
    if subject is NoticeSubject.TASK:
        found = task_store.items(connection, codes=[code])
        if not found:
            raise NotFound(f"没有任务编号「{code}」")
        item = found[0]
        region = task_store.plan_region(connection, item.plan)
        home = None if region is None else region[1]
        if unit is not None and unit not in item.units:
            raise InvalidInput("unit", [Problem("unit", f"{unit} 不是任务「{code}」的责任单位")])
        addressed = unit or (item.lead_units[0] if item.lead_units else None)
        if addressed is None:
            raise InvalidInput("unit", [Problem("unit", f"任务「{code}」没有责任单位")])
        (line,) = task_lines(connection, [item], today)
        return home, addressed, line.status.colour in LAGGING
    records = project_store.ledger_records(connection, {code: None})
    project = records.get(code)
    if project is None:
        raise NotFound(f"项目库中没有项目编号「{code}」")
    if unit is not None and not task_store.unit_ids(connection, [unit]):
        raise InvalidInput("unit", [Problem("unit", f"没有责任单位 {unit}")])
    # a name resolves only to a unit of the table
    addressed = unit or project_unit(connection, project)
    if addressed is None:
        raise InvalidInput(
            "unit",
            [
                Problem(
                    "unit", f"项目「{code}」的责任单位不在责任单位表中，请指定督办对象（--unit）"
                )
            ],
        )
    # judged in the month before today's: the latest month a 调度 report covers
    month = Period.containing(today).previous()
    return project.org_unit, addressed, _project_lags(connection, code, project.plan, month)


def _project_lags(connection: Connection, code: str, plan: str | None, month: Period) -> bool:
    """Whether the project is yellow or red in ``month`` by its plan's warning preset."""
    if plan is None:
        return False
    lines = project_store.report_lines(connection, plan, month, EVERYWHERE)
    preset = project_warnings().for_plan(plan)
    return any(
        judge(line, preset, month).colour in _PROJECT_LAGGING for line in lines if line.code == code
    )


def _stored(connection: Connection, code: str) -> Notice:
    found = store.find(connection, code)
    if found is None:
        raise NotFound(f"没有督办单「{code}」")
    return found


def _step(
    app: Bioecon,
    actor: Principal,
    origin: str,
    code: str,
    action: NoticeAction,
    text: str,
    at: datetime | None,
) -> Notice:
    """One step of the loop on notice ``code`` in its own transaction (see :func:`_apply`)."""
    with app.transaction() as connection:
        ensure_current(connection)
        return _apply(connection, actor, origin, code, action, text, at or datetime.now(UTC))


def _apply(
    connection: Connection,
    actor: Principal,
    origin: str,
    code: str,
    action: NoticeAction,
    text: str,
    when: datetime,
) -> Notice:
    """One step of the loop on notice ``code``, checked by :func:`next_state`; the unit's
    department replies, the issuing office closes or escalates. Recorded."""
    notice = _stored(connection, code)
    if action is NoticeAction.REPLY:
        if not reports_for(actor, notice.responsible_unit):
            raise Forbidden(f"{actor.login} 不是{notice.responsible_unit}的部门用户，不能回复")
    else:
        require_manager(connection, actor, [notice.org_unit])
    if not text.strip():
        raise InvalidInput(code, [Problem("text", _EMPTY[action])])
    state = next_state(notice.state, action)
    store.add_step(connection, code, NoticeStep(action, actor.login, when, text.strip()), state)
    old, new = {"state": notice.state.value}, {"state": state.value, "text": text.strip()}
    record(connection, actor, origin, AuditEntity.NOTICE, [(code, _AUDIT[action], old, new)])
    return replace(notice, state=state)


_EMPTY = {
    NoticeAction.REPLY: "请填写整改措施",
    NoticeAction.CLOSE: "请填写销号意见",
    NoticeAction.ESCALATE: "请填写升级事由",
}
_AUDIT = {
    NoticeAction.REPLY: AuditAction.SUBMIT,
    NoticeAction.CLOSE: AuditAction.APPROVE,
    NoticeAction.ESCALATE: AuditAction.REJECT,
}


def reply_notice(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    code: str,
    measures: str,
    now: datetime | None = None,
) -> Notice:
    """The addressed unit's department replies with its measures (整改措施)."""
    return _step(app, actor, origin, code, NoticeAction.REPLY, measures, now)


def close_notice(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    code: str,
    note: str,
    now: datetime | None = None,
) -> Notice:
    """The issuing office closes a replied notice (销号) with its note."""
    return _step(app, actor, origin, code, NoticeAction.CLOSE, note, now)


def escalate_notice(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    code: str,
    reason: str,
    reply_due: date | None = None,
    now: datetime | None = None,
) -> Notice:
    """The issuing office escalates a notice: it is marked escalated and a notice of the kind
    it escalates to (notices.yaml) is raised to the same unit, citing it. Returns the new one."""
    at = now or datetime.now(UTC)
    with app.transaction() as connection:
        ensure_current(connection)
        old = _apply(connection, actor, origin, code, NoticeAction.ESCALATE, reason, at)
        rule = notice_book().kinds[notice_book().kinds[old.kind].escalates_to]
        day = office_day(at)
        sequence = store.next_sequence(connection, rule.prefix, day.year)
        notice = Notice(
            notice_book().number(rule.kind, day.year, sequence),
            rule.kind,
            old.subject,
            old.subject_code,
            old.responsible_unit,
            reason.strip(),
            reply_due or day + timedelta(days=rule.reply_days),
            NoticeState.OPEN,
            actor.login,
            at,
            old.org_unit,
            old.code,
        )
        _insert(connection, actor, origin, notice)
        return notice


def notice_list(
    app: Bioecon, *, actor: Principal, wanted: NoticeFilter | None = None
) -> list[Notice]:
    """The notices the caller may see (issued in its scope, or addressed to its unit),
    filtered by state, kind, subject, unit or reply overdue, newest first."""
    with app.reading() as connection:
        ensure_current(connection)
        where, units = reach(connection, actor, Action.READ), _own_unit(actor)
        return store.listing(connection, where, units, wanted or NoticeFilter())


def _own_unit(actor: Principal) -> tuple[str, ...]:
    unit = actor.scope.responsible_unit
    return () if unit is None else (unit,)


def notice_page(app: Bioecon, *, actor: Principal, code: str) -> NoticePage:
    """A notice with its steps; one the caller may not see is not found."""
    with app.reading() as connection:
        ensure_current(connection)
        notice = store.find(connection, code)
        missing = f"没有督办单「{code}」"
        if notice is None:
            raise NotFound(missing)
        own = notice.responsible_unit in _own_unit(actor)
        seen = units_for(connection, actor, Action.READ, [notice.org_unit])
        if not own and notice.org_unit not in seen:
            raise NotFound(missing)
        names = task_store.unit_names(connection, [notice.responsible_unit])
        steps = store.steps(connection, [code])[code]
        return NoticePage(
            notice, tuple(steps), names.get(notice.responsible_unit, notice.responsible_unit)
        )


def notice_counts(
    app: Bioecon, *, actor: Principal, today: date | None = None
) -> list[UnitNoticeCounts]:
    """督办 counts per responsible unit over the notices the caller may see (the
    assessment's 过程性 items, issue #16)."""
    with app.reading() as connection:
        ensure_current(connection)
        where, units = reach(connection, actor, Action.READ), _own_unit(actor)
        return store.counts_by_unit(connection, where, units, today or datetime.now(UTC).date())


@dataclass(frozen=True, slots=True)
class ProjectNotices:
    """The notices about a key project, each with its steps, and what the caller may do."""

    notices: tuple[tuple[Notice, tuple[NoticeStep, ...]], ...]
    manages: bool  # raises, closes and escalates (manages plans over the project's org unit)
    lagging: bool  # yellow or red in its latest month: a notice may be raised
    replies_for: frozenset[str]  # the units whose notices the caller replies to
    addressed: str | None  # the responsible unit its 责任单位 names (None: not in the table)


def project_notices(
    app: Bioecon, *, actor: Principal, code: str, month: Period | None = None
) -> ProjectNotices:
    """The 督办 of key project ``code`` for its page, whether it lags judged in ``month``
    (default: the month before today's, the latest a 调度 report covers); a project the
    caller may not read is not found."""
    judged = month or Period.containing(datetime.now(UTC).date()).previous()
    with app.reading() as connection:
        ensure_current(connection)
        project = readable_project(connection, actor, code)
        found = store.with_steps(connection, subject=NoticeSubject.PROJECT.value, subject_code=code)
        manages = project.org_unit is not None and bool(
            permitted(connection, actor, [Action.MANAGE_PLANS], [project.org_unit])
        )
        return ProjectNotices(
            tuple(found),
            manages,
            _project_lags(connection, code, project.plan, judged),
            frozenset(
                n.responsible_unit for n, _ in found if reports_for(actor, n.responsible_unit)
            ),
            project_unit(connection, project),
        )


def notice_tallies(
    app: Bioecon, *, actor: Principal, first: date, last: date, plan: str | None = None
) -> list[NoticeTally]:
    """督办 counts per responsible unit of the notices the caller may see raised from ``first``
    to ``last`` (days in China), as known at the end of ``last``: raised, 督办单, past the
    reply deadline without a reply by then, and closed (销号) by then; with ``plan``, only
    the notices on that plan's work items and key projects."""
    start = datetime.combine(first, time(), BEIJING).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(), BEIJING).astimezone(UTC)
    with app.reading() as connection:
        ensure_current(connection)
        where = reach(connection, actor, Action.READ)
        return store.tallies(connection, where, start, end, last, plan)


def unit_names(app: Bioecon, *, actor: Principal) -> dict[str, str]:
    """Every responsible unit's name by code (shared records: any caller reads them)."""
    with app.reading() as connection:
        ensure_current(connection)
        return task_store.unit_names(connection)
