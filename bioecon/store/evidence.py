"""Attachments (佐证材料) kept in the database (``work_evidence``), one store for both of their
parents: a task's progress report (``work_report``) and a key project's monthly progress
entry (``project_progress``, a project and a month)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, case, insert, literal, select

from bioecon.domain.evidence import Attachment, Evidence
from bioecon.domain.notices import NoticeSubject
from bioecon.store import tables as t


def add_evidence(
    connection: Connection,
    file: Attachment,
    *,
    sha256: str,
    by: str,
    at: datetime,
    report_id: int | None = None,
    progress: tuple[int, str] | None = None,
) -> int:
    """Store one file under a task report (``report_id``) or a project's progress entry
    (``progress``: the project's id and the month); returns its id."""
    table = t.work_evidence
    project_id, period = progress if progress is not None else (None, None)
    return int(
        connection.execute(
            insert(table)
            .values(
                report_id=report_id,
                project_id=project_id,
                period=period,
                filename=file.filename,
                media_type=file.media_type,
                size=len(file.content),
                sha256=sha256,
                content=file.content,
                uploaded_by=by,
                uploaded_at=at,
            )
            .returning(table.c.id)
        ).scalar_one()
    )


def _records(*extra: Any) -> Select[Any]:
    """Each attachment with its subject (task or project), the code and the period."""
    ev, report, item, project = t.work_evidence, t.work_report, t.work_item, t.project
    is_task = ev.c.report_id.is_not(None)
    return (
        select(
            ev.c.id,
            case(
                (is_task, literal(NoticeSubject.TASK.value)), else_=NoticeSubject.PROJECT.value
            ).label("subject"),
            case((is_task, item.c.code), else_=project.c.code).label("item"),
            case((is_task, report.c.period), else_=ev.c.period).label("period"),
            ev.c.filename,
            ev.c.media_type,
            ev.c.size,
            ev.c.sha256,
            ev.c.uploaded_by,
            ev.c.uploaded_at,
            *extra,
        )
        .outerjoin(report, report.c.id == ev.c.report_id)
        .outerjoin(item, item.c.id == report.c.item_id)
        .outerjoin(project, project.c.id == ev.c.project_id)
    )


def _evidence(values: dict[str, Any]) -> Evidence:
    return Evidence(**(values | {"subject": NoticeSubject(values["subject"])}))


def task_evidence(connection: Connection, codes: Iterable[str]) -> list[Evidence]:
    """The attachments of the work items ``codes``' reports (without their content)."""
    item, report, ev = t.work_item, t.work_report, t.work_evidence
    rows = connection.execute(
        _records()
        .where(item.c.code.in_(sorted(set(codes))))
        .order_by(item.c.code, report.c.period, ev.c.id)
    )
    return [_evidence(dict(r._mapping)) for r in rows]


def progress_photos(connection: Connection, code: str) -> list[Evidence]:
    """The photos of project ``code``'s progress entries, by month and upload."""
    project, ev = t.project, t.work_evidence
    rows = connection.execute(
        _records().where(project.c.code == code).order_by(ev.c.period, ev.c.id)
    )
    return [_evidence(dict(r._mapping)) for r in rows]


def evidence_content(connection: Connection, evidence_id: int) -> tuple[Evidence, bytes] | None:
    """An attachment's record and bytes."""
    ev = t.work_evidence
    row = connection.execute(_records(ev.c.content).where(ev.c.id == evidence_id)).first()
    if row is None:
        return None
    values = dict(row._mapping)
    content = values.pop("content")
    return _evidence(values), bytes(content)
