"""`bioecon projects load|progress load|report`: the key-project library (项目库) — a plan's
project ledger (项目台账), monthly progress (月度调度) and the monthly 项目调度 report
(docs/projects.md). Acts as the local admin, as every command does (docs/security.md).
Registered on the root group by :func:`register`."""

from __future__ import annotations

from pathlib import Path

import click

from bioecon.cli_common import OutputFile, app_of
from bioecon.cli_users import cli_origin
from bioecon.domain.periods import Period
from bioecon.io.project_files import read_project_ledger, read_project_progress
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


@projects.command("report")
@click.option("--plan", "plan", required=True, help="The plan (code).")
@click.option("--period", required=True, help="The month, e.g. 2026-10.")
@click.option("--out", type=OutputFile(), help="Write the report to FILE.xlsx.")
@click.pass_context
def report(context: click.Context, plan: str, period: str, out: Path | None) -> None:
    """The monthly 项目调度 report: counts by stage, investment against the annual plan and
    序时进度, planned vs actual starts, the red and yellow lists (with 责任单位)."""
    found = service.project_report(
        app_of(context), actor=LOCAL_ADMIN, plan=plan, period=Period.parse(period)
    )
    for name, value in summary_rows(found):
        click.echo(f"{name}\t{'' if value is None else value}")
    if out is not None:
        write_project_report(out, found)
        click.echo(f"wrote {len(found.lines)} projects to {out}", err=True)


def register(group: click.Group) -> None:
    """Add the ``projects`` group to the root group."""
    group.add_command(projects)
