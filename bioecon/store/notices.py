"""督办 notices (notice) and their steps (notice_step), and the counts per responsible unit.
Records are keyed by their number (code); ids stay here."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    and_,
    case,
    func,
    insert,
    or_,
    select,
    true,
    update,
)

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
)
from bioecon.store import tables as t
from bioecon.store.orgunits import Reach, reached


def _columns() -> Select[Any]:
    """The notice's fields by name, its units by code."""
    n, ru, org = t.notice, t.responsible_unit, t.org_unit
    return (
        select(
            n.c.code,
            n.c.kind,
            n.c.subject,
            n.c.subject_code,
            ru.c.code.label("responsible_unit"),
            n.c.reason,
            n.c.reply_due,
            n.c.state,
            n.c.raised_by,
            n.c.raised_at,
            org.c.code.label("org_unit"),
            n.c.escalated_from,
        )
        .join(ru, ru.c.id == n.c.responsible_unit_id)
        .outerjoin(org, org.c.id == n.c.org_unit_id)
    )


def _notice(row: Row[Any]) -> Notice:
    m = row._mapping
    return Notice(
        m["code"],
        NoticeKind(m["kind"]),
        NoticeSubject(m["subject"]),
        m["subject_code"],
        m["responsible_unit"],
        m["reason"],
        m["reply_due"],
        NoticeState(m["state"]),
        m["raised_by"],
        m["raised_at"],
        m["org_unit"],
        m["escalated_from"],
    )


def next_sequence(connection: Connection, prefix: str, year: int) -> int:
    """The next number of the year's notices of a prefix (DB-2026-0003 → 4)."""
    pattern = f"{prefix}-{year}-%"
    count = connection.execute(
        select(func.count()).where(t.notice.c.code.like(pattern))
    ).scalar_one()
    return int(count) + 1


def insert_notice(connection: Connection, notice: Notice) -> None:
    ru, org = t.responsible_unit, t.org_unit
    unit_id = connection.execute(
        select(ru.c.id).where(ru.c.code == notice.responsible_unit)
    ).scalar_one()
    org_id = None
    if notice.org_unit is not None:
        org_id = connection.execute(
            select(org.c.id).where(org.c.code == notice.org_unit)
        ).scalar_one()
    connection.execute(
        insert(t.notice).values(
            code=notice.code,
            kind=notice.kind.value,
            subject=notice.subject.value,
            subject_code=notice.subject_code,
            org_unit_id=org_id,
            responsible_unit_id=unit_id,
            reason=notice.reason,
            reply_due=notice.reply_due,
            state=notice.state.value,
            escalated_from=notice.escalated_from,
            raised_by=notice.raised_by,
            raised_at=notice.raised_at,
        )
    )


def add_step(connection: Connection, code: str, step: NoticeStep, state: NoticeState) -> None:
    """Append ``step`` to the notice ``code`` and set its state."""
    notice_id = connection.execute(
        select(t.notice.c.id).where(t.notice.c.code == code)
    ).scalar_one()
    connection.execute(
        insert(t.notice_step).values(
            notice_id=notice_id,
            action=step.action.value,
            text=step.text,
            actor=step.actor,
            at=step.at,
        )
    )
    connection.execute(update(t.notice).where(t.notice.c.id == notice_id).values(state=state.value))


def find(connection: Connection, code: str) -> Notice | None:
    row = connection.execute(_columns().where(t.notice.c.code == code)).first()
    return None if row is None else _notice(row)


def listing(
    connection: Connection, reach: Reach, units: tuple[str, ...], wanted: NoticeFilter
) -> list[Notice]:
    """Notices issued in ``reach`` or addressed to one of ``units``, filtered, newest first."""
    n, ru = t.notice, t.responsible_unit
    query = _columns().where(or_(reached(n.c.org_unit_id, reach), ru.c.code.in_(units)))
    if wanted.state is not None:
        query = query.where(n.c.state == wanted.state.value)
    if wanted.kind is not None:
        query = query.where(n.c.kind == wanted.kind.value)
    if wanted.subject is not None:
        query = query.where(n.c.subject == wanted.subject.value)
    if wanted.responsible_unit is not None:
        query = query.where(ru.c.code == wanted.responsible_unit)
    if wanted.overdue_on is not None:
        query = query.where(
            and_(n.c.state == NoticeState.OPEN.value, n.c.reply_due < wanted.overdue_on)
        )
    rows = connection.execute(query.order_by(n.c.raised_at.desc(), n.c.code.desc())).all()
    return [_notice(row) for row in rows]


def steps(connection: Connection, codes: list[str]) -> dict[str, list[NoticeStep]]:
    """The steps of the notices ``codes``, in order."""
    s, n = t.notice_step, t.notice
    found: dict[str, list[NoticeStep]] = {code: [] for code in codes}
    for row in connection.execute(
        select(n.c.code, s.c.action, s.c.actor, s.c.at, s.c.text)
        .join(n, n.c.id == s.c.notice_id)
        .where(n.c.code.in_(codes))
        .order_by(n.c.code, s.c.at, s.c.id)
    ):
        found[row.code].append(NoticeStep(NoticeAction(row.action), row.actor, row.at, row.text))
    return found


def with_steps(
    connection: Connection, *, subject: str, subject_code: str
) -> list[tuple[Notice, tuple[NoticeStep, ...]]]:
    """The notices about one task or project, oldest first, each with its steps."""
    n = t.notice
    rows = connection.execute(
        _columns()
        .where(n.c.subject == subject, n.c.subject_code == subject_code)
        .order_by(n.c.raised_at, n.c.code)
    ).all()
    notices = [_notice(row) for row in rows]
    found = steps(connection, [x.code for x in notices])
    return [(x, tuple(found[x.code])) for x in notices]


def tallies(
    connection: Connection,
    reach: Reach,
    start: datetime,
    end: datetime,
    last_day: date,
    plan: str | None = None,
) -> list[NoticeTally]:
    """Per responsible unit with a notice raised in [``start``, ``end``) (UTC moments), in
    one grouped query: those notices, the 督办单 among them, those whose reply deadline is
    before ``last_day`` with no reply before ``end``, and those closed (销号) before ``end``.
    With ``plan``, only the notices on its work items and key projects (a notice has no plan
    of its own: its subject has)."""
    n, ru, org = t.notice, t.responsible_unit, t.org_unit
    first_reply, first_close = _first(NoticeAction.REPLY), _first(NoticeAction.CLOSE)
    unreplied = or_(first_reply.c.at.is_(None), first_reply.c.at >= end)
    count = _count

    rows = connection.execute(
        select(
            ru.c.code,
            org.c.code,
            func.count(n.c.id),
            count(n.c.kind == NoticeKind.SUPERVISION.value),
            count(and_(n.c.reply_due < last_day, unreplied)),
            count(first_close.c.at < end),
        )
        .join(ru, ru.c.id == n.c.responsible_unit_id)
        .outerjoin(org, org.c.id == ru.c.org_unit_id)
        .outerjoin(first_reply, first_reply.c.notice_id == n.c.id)
        .outerjoin(first_close, first_close.c.notice_id == n.c.id)
        .where(n.c.raised_at >= start, n.c.raised_at < end, reached(n.c.org_unit_id, reach))
        .where(_of_plan(plan))
        .group_by(ru.c.code, org.c.code)
        .order_by(ru.c.code)
    ).all()
    return [
        NoticeTally(str(r[0]), None if r[1] is None else str(r[1]), *(int(v) for v in r[2:]))
        for r in rows
    ]


def _of_plan(plan: str | None) -> ColumnElement[bool]:
    """Notices whose subject (a work item, a key project) belongs to ``plan``; all without."""
    if plan is None:
        return true()
    n, p, w, k = t.notice, t.plan, t.work_item, t.project
    items = select(w.c.code).join(p, p.c.id == w.c.plan_id).where(p.c.code == plan)
    projects = select(k.c.code).join(p, p.c.id == k.c.plan_id).where(p.c.code == plan)
    return or_(
        and_(n.c.subject == NoticeSubject.TASK.value, n.c.subject_code.in_(items)),
        and_(n.c.subject == NoticeSubject.PROJECT.value, n.c.subject_code.in_(projects)),
    )


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """The rows for which ``condition`` holds, in a grouped query."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _first(action: NoticeAction) -> Any:
    """Each notice's first step of ``action`` (its moment as ``at``), as a subquery."""
    s = t.notice_step
    return (
        select(s.c.notice_id, func.min(s.c.at).label("at"))
        .where(s.c.action == action.value)
        .group_by(s.c.notice_id)
        .subquery()
    )


def counts_by_unit(
    connection: Connection, reach: Reach, units: tuple[str, ...], today: date
) -> list[UnitNoticeCounts]:
    """Per responsible unit, in one grouped query: notices raised, 督办单 among them, open,
    open past the reply deadline on ``today``, replied by the deadline (first reply), closed
    and escalated."""
    n, ru = t.notice, t.responsible_unit
    first_reply = _first(NoticeAction.REPLY)
    count = _count

    rows = connection.execute(
        select(
            ru.c.code,
            ru.c.name,
            func.count(n.c.id),
            count(n.c.kind == NoticeKind.SUPERVISION.value),
            count(n.c.state == NoticeState.OPEN.value),
            count(and_(n.c.state == NoticeState.OPEN.value, n.c.reply_due < today)),
            count(func.date(first_reply.c.at) <= n.c.reply_due),
            count(n.c.state == NoticeState.CLOSED.value),
            count(n.c.state == NoticeState.ESCALATED.value),
        )
        .join(ru, ru.c.id == n.c.responsible_unit_id)
        .outerjoin(first_reply, first_reply.c.notice_id == n.c.id)
        .where(or_(reached(n.c.org_unit_id, reach), ru.c.code.in_(units)))
        .group_by(ru.c.code, ru.c.name)
        .order_by(ru.c.code)
    ).all()
    return [UnitNoticeCounts(str(r[0]), str(r[1]), *(int(value) for value in r[2:])) for r in rows]
