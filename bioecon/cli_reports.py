"""`bioecon report build|build-demo|list|show`: bulletins (统计监测月报) as .docx, PDF or
HTML (by the output file's suffix), published with the values they used (vintages), and a
published one rendered again from its record. Acts as the local admin, as every command
does (docs/security.md)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from bioecon.cli_common import YEAR, OutputFile, app_of, emit, output_format
from bioecon.domain.periods import Period
from bioecon.domain.reporting_calendar import BEIJING
from bioecon.io.release_output import RELEASE
from bioecon.reports.narrative import compose
from bioecon.reports.output import WRITERS, write_report
from bioecon.reports.record import KINDS, Bulletin
from bioecon.services import plans as plan_service
from bioecon.services import quality as quality_service
from bioecon.services import reports as service
from bioecon.services.accounts import LOCAL_ADMIN


class ReportFile(OutputFile):
    """An output file whose suffix names a format bulletins are written in."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if Path(path).suffix.lower() not in WRITERS:
            self.fail(f"{Path(path).name}：报告文件须以 .docx、.pdf 或 .html 结尾", param, ctx)
        return path


def _day(moment: datetime | None = None) -> date:
    """The issue date a bulletin prints: the day (北京时间) it was built."""
    return (moment or datetime.now(BEIJING)).astimezone(BEIJING).date()


def _write(bulletin: Bulletin, out: Path, issued_on: date) -> None:
    write_report(compose(bulletin, issued_on=issued_on), out)
    click.echo(f"{out}: {bulletin.plan} {bulletin.period}")


@click.group("report")
def report() -> None:
    """Bulletins (统计监测月报) as .docx, PDF or HTML; publishing them (vintages)."""


@report.command("build")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--plan", "plan", required=True, help="Plan code or id.")
@click.option(
    "--period",
    required=True,
    help="What is reported on: a month for monthly, midterm and final (2026-10), a quarter "
    "for quarterly (2026Q3), a year for annual (2025).",
)
@click.option("--out", type=ReportFile(), required=True, help="FILE.docx, FILE.pdf or FILE.html")
@click.option("--publish", is_flag=True, help="Record it as published, with the values used.")
@click.pass_context
def report_build(
    context: click.Context, kind: str, plan: str, period: str, out: Path, publish: bool
) -> None:
    """Build a plan's monthly bulletin (统计监测月报) for a month, its quarterly one (季报) for a
    quarter, its 年度总结 for a year, or its mid-term (中期评估) or final (总结评估) evaluation
    as of a month; with
    --publish, record it (its content hash and every value it used), so a later report of
    its kind lists the figures revised since (修订)."""
    reported = Period.parse(period)
    if publish:
        published, bulletin = service.publish_bulletin(
            app_of(context), actor=LOCAL_ADMIN, plan=plan, kind=kind, period=reported
        )
        _write(bulletin, out, _day(published.built_at))
        click.echo(f"published as report {published.id}, content hash {published.content_hash}")
    else:
        bulletin = service.bulletin_of(
            app_of(context), actor=LOCAL_ADMIN, plan=plan, kind=kind, period=reported
        )
        _write(bulletin, out, _day())


@report.command("show")
@click.argument("report_id", type=click.IntRange(min=1))
@click.option("--out", type=ReportFile(), required=True, help="FILE.docx, FILE.pdf or FILE.html")
@click.pass_context
def report_show(context: click.Context, report_id: int, out: Path) -> None:
    """Render a published bulletin again from its record, unchanged by revisions since, and
    list the values it used that have been revised since (修订)."""
    published, bulletin = service.published_bulletin(
        app_of(context), actor=LOCAL_ADMIN, report=report_id
    )
    _write(bulletin, out, _day(published.built_at))
    click.echo(f"content hash {published.content_hash}")
    for r in service.revised_since(app_of(context), actor=LOCAL_ADMIN, report=report_id):
        now = "不再计入" if r.now is None else f"{r.now}"
        click.echo(f"修订：{r.indicator} {r.org_unit} {r.period} {r.earlier} → {now}")


@report.command("list")
@click.pass_context
def report_list(context: click.Context) -> None:
    """The published bulletins, newest first."""
    for p in service.list_published(app_of(context), actor=LOCAL_ADMIN):
        built = p.built_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
        click.echo(f"{p.id}\t{p.plan}\t{p.period}\t{built}\t{p.built_by}\t{p.content_hash}")


@report.command("calendar")
@click.option("--plan", "plan", required=True, help="Plan code or id.")
@click.option("--year", type=YEAR, required=True, help="The year whose periods are listed.")
@output_format("table", "json", "csv")
@click.pass_context
def report_calendar(context: click.Context, plan: str, year: int, output: str) -> None:
    """The release calendar (发布日历) of a plan's 月报, 季报 and 年度总结 for a year: each
    period's due day (bioecon/data/reports/calendar.yaml) and whether it was published on
    time, late, or not yet (逾期未发布 once the day has passed)."""
    releases = service.release_calendar(app_of(context), actor=LOCAL_ADMIN, plan=plan, year=year)
    emit(RELEASE, releases, output)


@report.command("build-demo")
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-data/reports"),
    show_default=True,
)
@click.pass_context
def report_build_demo(context: click.Context, out_dir: Path) -> None:
    """The latest monthly bulletin of each plan, as .docx, .pdf and .html:
    OUT_DIR/<plan>-<month>.<suffix>."""
    app = app_of(context)
    out_dir.mkdir(parents=True, exist_ok=True)
    for plan in plan_service.list_plans(app, actor=LOCAL_ADMIN):
        month = quality_service.latest_data_month(app, actor=LOCAL_ADMIN, plan=plan.code)
        if month is None:
            click.echo(f"{plan.code}: no data yet, no bulletin")
            continue
        bulletin = service.monthly_bulletin(app, actor=LOCAL_ADMIN, plan=plan.code, period=month)
        for suffix in WRITERS:
            _write(bulletin, out_dir / f"{plan.code}-{month}{suffix}", _day())


def register(group: click.Group) -> None:
    """Add the ``report`` group to the root group."""
    group.add_command(report)
