"""`bioecon projects load|progress load|selection load|selection list|report`: the key-project
library (项目库) — a plan's project ledger (项目台账), monthly progress (月度调度), each year's
selection with its scores (每年遴选) and the monthly 项目调度 report (docs/projects.md). Acts as the local admin, as every command does (docs/security.md).
Registered on the root group by :func:`register`."""

from __future__ import annotations

from pathlib import Path

import click

from bioecon.cli_common import YEAR, OutputFile, app_of
from bioecon.cli_users import cli_origin
from bioecon.domain.periods import Period
from bioecon.io.project_files import (
    read_project_ledger,
    read_project_progress,
    read_project_selection,
)
from bioecon.io.project_report_output import summary_rows, write_project_report
from bioecon.services import projects as service
from bioecon.services.accounts import LOCAL_ADMIN

_SHEET = click.option("--sheet", help="XLSX sheet to read (default: the first).")


@click.group("projects")
def projects() -> None:
    """The key-project library (项目库): ledger, monthly progress, monthly report."""


@projects.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--plan", "plan", required=True, help="The plan the projects belong to (code).")
@_SHEET
@click.pass_context
def load(context: click.Context, file: Path, plan: str, sheet: str | None) -> None:
    """Load a project ledger (CSV or XLSX, Chinese headers: docs/projects.md), inserting or
    updating projects by 项目编号. A file with any problem is refused whole."""
    parsed = read_project_ledger(file, plan=plan, sheet=sheet)
    report = service.load_project_ledger(
        app_of(context), actor=LOCAL_ADMIN, origin=cli_origin(), parsed=parsed
    )
    click.echo(report.line())


@projects.group("progress")
def progress() -> None:
    """Monthly progress (月度调度) of the library's projects."""


@progress.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@_SHEET
@click.pass_context
def progress_load(context: click.Context, file: Path, sheet: str | None) -> None:
    """Load monthly progress (项目编号, 填报月份, 本年累计完成投资（万元）, 形象进度, 存在问题,
    需协调事项), one row per project and month. A file with any problem is refused whole."""
    parsed = read_project_progress(file, sheet=sheet)
    report = service.load_project_progress(
        app_of(context), actor=LOCAL_ADMIN, origin=cli_origin(), parsed=parsed
    )
    click.echo(report.line())


@projects.group("selection")
def selection() -> None:
    """每年遴选: a year's selection of key projects with each candidate's score."""


@selection.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@_SHEET
@click.pass_context
def selection_load(context: click.Context, file: Path, sheet: str | None) -> None:
    """Load a selection (项目编号, 遴选年度, 总分 and/or the criteria's 「<name>得分」 of
    projects/selection.yaml, 是否入选, 评审单位, 备注), one row per candidate and year. A file
    with any problem is refused whole."""
    parsed = read_project_selection(file, sheet=sheet)
    report = service.load_project_selection(
        app_of(context), actor=LOCAL_ADMIN, origin=cli_origin(), parsed=parsed
    )
    click.echo(report.line())


@selection.command("list")
@click.option("--plan", "plan", required=True, help="The plan (code).")
@click.option("--year", type=YEAR, required=True, help="The selection's year (遴选年度).")
@click.pass_context
def selection_list(context: click.Context, plan: str, year: int) -> None:
    """The year's candidates by 总分 (名次, 项目编号, 项目名称, 总分, 是否入选, 评审单位)."""
    lines = service.project_selection(app_of(context), actor=LOCAL_ADMIN, plan=plan, year=year)
    for line in lines:
        entry = line.entry
        chosen = "入选" if entry.selected else "未入选"
        click.echo(
            f"{line.rank}\t{entry.project}\t{line.name}\t{entry.total}\t{chosen}\t"
            f"{entry.scorer or ''}"
        )
    click.echo(f"{sum(1 for x in lines if x.entry.selected)} of {len(lines)} chosen", err=True)


@projects.command("report")
@click.option("--plan", "plan", required=True, help="The plan (code).")
@click.option("--period", required=True, help="The month, e.g. 2026-10.")
@click.option("--out", type=OutputFile(), help="Write the report to FILE.xlsx.")
@click.option("--preset", help="A warning preset of projects/warnings.yaml (default: the plan's).")
@click.pass_context
def report(
    context: click.Context, plan: str, period: str, out: Path | None, preset: str | None
) -> None:
    """The monthly 项目调度 report: counts by stage, investment against the annual plan and
    序时进度, planned vs actual starts, the red and yellow lists (with 责任单位)."""
    found = service.project_report(
        app_of(context), actor=LOCAL_ADMIN, plan=plan, period=Period.parse(period), preset=preset
    )
    for name, value in summary_rows(found):
        click.echo(f"{name}\t{'' if value is None else value}")
    if out is not None:
        write_project_report(out, found)
        click.echo(f"wrote {len(found.lines)} projects to {out}", err=True)


def register(group: click.Group) -> None:
    """Add the ``projects`` group to the root group."""
    group.add_command(projects)
