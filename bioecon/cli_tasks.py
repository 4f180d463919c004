"""`bioecon tasks …` and `bioecon notices …`: a plan's task breakdown (年度工作要点, 分解任务),
progress reports with evidence, responsible-unit names, and the 督办 loop shared with key
projects (docs/tasks.md). Acts as the local admin, as every command does (docs/security.md).
Registered on the root group by :func:`register`."""

from __future__ import annotations

import mimetypes
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from bioecon.cli_common import OutputFile, app_of
from bioecon.cli_users import cli_origin
from bioecon.domain.evidence import Attachment
from bioecon.domain.notices import NoticeFilter, NoticeKind, NoticeState, NoticeSubject
from bioecon.domain.periods import Period
from bioecon.domain.reporting_calendar import office_time
from bioecon.io.task_files import read_task_breakdown
from bioecon.io.task_output import (
    COUNT_COLUMNS,
    NOTICE_COLUMNS,
    TASK_COLUMNS,
    count_rows,
    notice_rows,
    task_rows,
    write_list,
)
from bioecon.io.texttable import render_table
from bioecon.messages import label
from bioecon.services import bodies as body_service
from bioecon.services import notices as notice_service
from bioecon.services import tasks as service
from bioecon.services.accounts import LOCAL_ADMIN

_SHEET = click.option("--sheet", help="XLSX sheet to read (default: the first).")
_ON = click.option(
    "--on", "on", type=click.DateTime(["%Y-%m-%d"]), help="The day to judge on (default: today)."
)
_OUT = click.option(
    "--out", type=OutputFile(), help="Also write the list to FILE.xlsx or FILE.csv."
)


def _day(on: object) -> date | None:
    return on.date() if hasattr(on, "date") else None


@click.group("tasks")
def tasks() -> None:
    """A plan's task breakdown, progress reports and responsible-unit names."""


@tasks.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--plan", "plan", required=True, help="The plan the work items belong to (code).")
@_SHEET
@click.pass_context
def load(context: click.Context, file: Path, plan: str, sheet: str | None) -> None:
    """Load a task breakdown (CSV or XLSX: 任务编号, 工作任务, 年度, 牵头单位 …; docs/tasks.md),
    inserting or updating work items by 任务编号. A file with any problem is refused whole."""
    parsed = read_task_breakdown(file, plan=plan, sheet=sheet)
    report = service.load_breakdown(
        app_of(context), actor=LOCAL_ADMIN, origin=cli_origin(), plan=plan, parsed=parsed
    )
    click.echo(report.line())


@tasks.command("list")
@click.option("--plan", "plan", required=True, help="The plan (code).")
@_ON
@_OUT
@click.pass_context
def list_tasks(context: click.Context, plan: str, on: object, out: Path | None) -> None:
    """The plan's work items with progress, 序时进度, missing and late reports and colour."""
    lines = service.plan_tasks(app_of(context), actor=LOCAL_ADMIN, plan=plan, today=_day(on))
    rows = task_rows(lines)
    click.echo(render_table(TASK_COLUMNS, rows))
    if out is not None:
        write_list(out, TASK_COLUMNS, rows, "任务")
        click.echo(f"wrote {len(rows)} tasks to {out}", err=True)


@tasks.command("show")
@click.argument("code")
@_ON
@click.pass_context
def show(context: click.Context, code: str, on: object) -> None:
    """A work item: its record, colour, the reports it owes and filed, and its 督办 history."""
    page = service.task_page(app_of(context), actor=LOCAL_ADMIN, code=code, today=_day(on))
    item, status = page.line.item, page.line.status
    click.echo(f"{item.code}  {item.title}  [{label(status.colour)}]")
    click.echo(
        f"牵头单位 {'、'.join(page.line.lead_names) or '—'}; 配合单位 "
        f"{'、'.join(page.line.co_names) or '—'}; 完成时限 "
        f"{item.deadline.label_zh if item.deadline else '—'}; 完成进度 {status.percent}%"
    )
    click.echo(
        render_table(
            ("报送期", "截止日", "报送情况", "报送时间"),
            [
                (
                    str(d.period),
                    d.due_on.isoformat(),
                    label(d.timing),
                    f"{office_time(d.reported_at):%Y-%m-%d %H:%M}" if d.reported_at else "",
                )
                for d in page.due
            ],
        )
    )
    for notice, steps in page.notices:
        click.echo(f"{notice.code} {label(notice.kind)} {label(notice.state)}")
        for step in steps:
            click.echo(
                f"  {office_time(step.at):%Y-%m-%d %H:%M} {step.actor} {label(step.action)}"
                f" {step.text or ''}"
            )


@tasks.command("report")
@click.argument("code")
@click.option("--period", required=True, help="The reporting period, e.g. 2026Q2 or 2026-05.")
@click.option("--text", "text", required=True, help="进展情况.")
@click.option("--percent", help="完成进度 in % (0–100; 100 is done).")
@click.option("--milestone", help="The milestone (节点目标) reached.")
@click.option(
    "--evidence",
    "evidence",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An evidence file (PDF, JPEG, PNG, DOCX, XLSX); may be repeated.",
)
@click.pass_context
def report(
    context: click.Context,
    code: str,
    period: str,
    text: str,
    percent: str | None,
    milestone: str | None,
    evidence: tuple[Path, ...],
) -> None:
    """Report a work item's progress of one period (replacing that period's report)."""
    try:
        amount = None if percent is None else Decimal(percent)
    except InvalidOperation:
        raise click.BadParameter(f"「{percent}」不是数字", param_hint="--percent") from None
    files = [
        Attachment(
            path.name,
            mimetypes.guess_type(path.name)[0] or "application/octet-stream",
            path.read_bytes(),
        )
        for path in evidence
    ]
    found = service.report_progress(
        app_of(context),
        actor=LOCAL_ADMIN,
        origin=cli_origin(),
        item=code,
        period=Period.parse(period),
        text=text,
        percent=amount,
        milestone=milestone,
        attachments=files,
    )
    click.echo(f"{found.item} {found.period}: reported ({len(files)} evidence files)")


@tasks.group("units")
def units() -> None:
    """Responsible-unit names: resolve one, confirm an alias."""


@units.command("resolve")
@click.argument("name")
@click.pass_context
def resolve(context: click.Context, name: str) -> None:
    """The unit NAME names (a code, name or alias), else the most similar names."""
    code, suggestions = service.resolve_unit(app_of(context), actor=LOCAL_ADMIN, name=name)
    if code is not None:
        click.echo(code)
        return
    for s in suggestions:
        click.echo(f"{s.code}\t{s.name}\t{s.score}")
    raise click.exceptions.Exit(1)


@units.command("confirm")
@click.argument("name")
@click.option("--unit", "unit", required=True, help="The responsible unit's code.")
@click.pass_context
def confirm(context: click.Context, name: str, unit: str) -> None:
    """Confirm that NAME is the responsible unit UNIT: it becomes one of its aliases."""
    service.confirm_alias(
        app_of(context), actor=LOCAL_ADMIN, origin=cli_origin(), name=name, unit=unit
    )
    click.echo(f"{name} → {unit}")


@click.group("notices")
def notices() -> None:
    """督办: notices (提示单, 督办单, 联系单) on lagging tasks and key projects."""


_KIND = click.Choice([k.value for k in NoticeKind])


@notices.command("raise")
@click.option("--task", "task", help="The lagging work item (任务编号).")
@click.option("--project", "project", help="The lagging key project (项目编号).")
@click.option("--kind", type=_KIND, default=NoticeKind.PROMPT.value, show_default=True)
@click.option("--reason", required=True, help="督办事由.")
@click.option("--unit", "unit", help="The unit addressed (default: the task's lead unit).")
@click.option("--reply-due", type=click.DateTime(["%Y-%m-%d"]), help="回复时限 (default: by kind).")
@click.pass_context
def raise_(
    context: click.Context,
    task: str | None,
    project: str | None,
    kind: str,
    reason: str,
    unit: str | None,
    reply_due: object,
) -> None:
    """Raise a notice on a lagging task or key project to its responsible unit."""
    if (task is None) == (project is None):
        raise click.UsageError("give one of --task or --project")
    subject = NoticeSubject.TASK if task else NoticeSubject.PROJECT
    notice = notice_service.raise_notice(
        app_of(context),
        actor=LOCAL_ADMIN,
        origin=cli_origin(),
        subject=subject,
        code=task or project or "",
        kind=NoticeKind(kind),
        reason=reason,
        unit=unit,
        reply_due=_day(reply_due),
    )
    click.echo(
        f"{notice.code}: {label(notice.kind)} to {notice.responsible_unit}, reply by {notice.reply_due}"
    )


@notices.command("reply")
@click.argument("code")
@click.option("--measures", required=True, help="整改措施.")
@click.pass_context
def reply(context: click.Context, code: str, measures: str) -> None:
    """The unit's reply with its measures."""
    found = notice_service.reply_notice(
        app_of(context), actor=LOCAL_ADMIN, origin=cli_origin(), code=code, measures=measures
    )
    click.echo(f"{found.code}: {label(found.state)}")


@notices.command("close")
@click.argument("code")
@click.option("--note", required=True, help="销号意见.")
@click.pass_context
def close(context: click.Context, code: str, note: str) -> None:
    """Close (销号) a replied notice."""
    found = notice_service.close_notice(
        app_of(context), actor=LOCAL_ADMIN, origin=cli_origin(), code=code, note=note
    )
    click.echo(f"{found.code}: {label(found.state)}")


@notices.command("escalate")
@click.argument("code")
@click.option("--reason", required=True, help="升级事由.")
@click.pass_context
def escalate(context: click.Context, code: str, reason: str) -> None:
    """Escalate a notice: a notice of the next kind goes to the same unit."""
    found = notice_service.escalate_notice(
        app_of(context), actor=LOCAL_ADMIN, origin=cli_origin(), code=code, reason=reason
    )
    click.echo(f"{code} escalated: {found.code} {label(found.kind)}, reply by {found.reply_due}")


@notices.command("list")
@click.option("--state", type=click.Choice([s.value for s in NoticeState]))
@click.option("--kind", type=_KIND)
@click.option("--subject", type=click.Choice([s.value for s in NoticeSubject]))
@click.option("--unit", "unit", help="Only notices to this responsible unit (code).")
@click.option(
    "--overdue-on",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Only open notices past their reply deadline on this day.",
)
@_OUT
@click.pass_context
def list_notices(
    context: click.Context,
    state: str | None,
    kind: str | None,
    subject: str | None,
    unit: str | None,
    overdue_on: object,
    out: Path | None,
) -> None:
    """The 督办 list, newest first, with filters."""
    wanted = NoticeFilter(
        NoticeState(state) if state else None,
        NoticeKind(kind) if kind else None,
        NoticeSubject(subject) if subject else None,
        unit,
        _day(overdue_on),
    )
    app = app_of(context)
    found = notice_service.notice_list(app, actor=LOCAL_ADMIN, wanted=wanted)
    rows = notice_rows(found, notice_service.unit_names(app, actor=LOCAL_ADMIN))
    click.echo(render_table(NOTICE_COLUMNS, rows))
    if out is not None:
        write_list(out, NOTICE_COLUMNS, rows, "督办")
        click.echo(f"wrote {len(rows)} notices to {out}", err=True)


@notices.command("counts")
@_ON
@_OUT
@click.pass_context
def counts(context: click.Context, on: object, out: Path | None) -> None:
    """督办 counts per responsible unit (raised, 督办单, open, overdue, replied on time, closed,
    escalated)."""
    found = notice_service.notice_counts(app_of(context), actor=LOCAL_ADMIN, today=_day(on))
    rows = count_rows(found)
    click.echo(render_table(COUNT_COLUMNS, rows))
    if out is not None:
        write_list(out, COUNT_COLUMNS, rows, "督办统计")


@click.group("bodies")
def bodies() -> None:
    """The bodies a plan names: 领导小组, 办公室, 专题协调组, 工作专班, 专家委员会."""


@bodies.command("read")
@click.option("--plan", "plan", required=True, help="The plan (code).")
@click.pass_context
def bodies_read(context: click.Context, plan: str) -> None:
    """Read the bodies and their members from the plan's stored text (replacing earlier ones)."""
    found = body_service.read_plan_bodies(
        app_of(context), actor=LOCAL_ADMIN, origin=cli_origin(), plan=plan
    )
    click.echo(f"{plan}: {len(found)} bodies")


@bodies.command("show")
@click.option("--plan", "plan", required=True, help="The plan (code).")
@click.pass_context
def bodies_show(context: click.Context, plan: str) -> None:
    """The plan's bodies, each with its members (role, name, post, unit code)."""
    for body in body_service.plan_bodies(app_of(context), actor=LOCAL_ADMIN, plan=plan):
        parent = f" ⊂ {body.parent}" if body.parent else ""
        click.echo(f"{body.code}  {label(body.kind)}  {body.name}{parent}")
        for m in body.members:
            unit = f" [{m.responsible_unit}]" if m.responsible_unit else ""
            click.echo(f"  {label(m.role)}  {m.name}{'  ' + m.title if m.title else ''}{unit}")


def register(group: click.Group) -> None:
    """Add the ``tasks``, ``notices`` and ``bodies`` groups to the root group."""
    group.add_command(tasks)
    group.add_command(notices)
    group.add_command(bodies)
