"""`bioecon datasets load|list|status|rates`: 填报任务 — what units report, by when, and who is
late (催报). Acts as the local admin, as every command does (docs/security.md)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from bioecon.cli_common import app_of, emit, output_format
from bioecon.domain.periods import Period
from bioecon.domain.reporting_calendar import BEIJING, Timeliness
from bioecon.io.data_set_file import read_data_set_file
from bioecon.io.data_set_output import DATA_SET, RATE, STANDING
from bioecon.io.entry_template import write_entry_template
from bioecon.services import data_sets as service
from bioecon.services import entry as entry_service
from bioecon.services.accounts import LOCAL_ADMIN

_AS_OF = click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day to judge on (default: today, 北京时间).",
)
_ORG_UNIT = click.option("--org-unit", help="Only units in this org unit's subtree (code).")


def _day(as_of: datetime | None) -> date:
    return as_of.date() if as_of is not None else datetime.now(BEIJING).date()


@click.group("datasets")
def datasets() -> None:
    """Data sets (填报任务): indicators × period type × reporting units, with a due day."""


@datasets.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def datasets_load(context: click.Context, file: Path) -> None:
    """Load or replace a data set from its YAML file (docs/reporting.md)."""
    report = service.load_data_set(
        app_of(context), actor=LOCAL_ADMIN, data_set=read_data_set_file(file)
    )
    verb = "created" if report.created else "replaced"
    click.echo(
        f"data set {report.code} {verb}: {report.indicators} indicators, "
        f"{report.org_units} org units"
    )


@datasets.command("list")
@output_format("table", "json", "jsonl", "csv")
@click.pass_context
def datasets_list(context: click.Context, output: str) -> None:
    """List the data sets."""
    emit(DATA_SET, service.list_data_sets(app_of(context), actor=LOCAL_ADMIN), output)


@datasets.command("status")
@click.argument("code")
@_AS_OF
@_ORG_UNIT
@click.option("--overdue", is_flag=True, help="Only what is overdue (the 催报 list).")
@output_format("table", "json", "jsonl", "csv")
@click.pass_context
def datasets_status(
    context: click.Context,
    code: str,
    as_of: datetime | None,
    org_unit: str | None,
    overdue: bool,
    output: str,
) -> None:
    """Each unit × each ended period: reported on time, late, not yet due, or overdue."""
    standings = service.reporting_status(
        app_of(context), actor=LOCAL_ADMIN, code=code, today=_day(as_of), org_unit=org_unit
    )
    if overdue:
        standings = [s for s in standings if s.timeliness is Timeliness.OVERDUE]
    emit(STANDING, standings, output)


@datasets.command("rates")
@click.argument("code")
@_AS_OF
@_ORG_UNIT
@output_format("table", "json", "jsonl", "csv")
@click.pass_context
def datasets_rates(
    context: click.Context, code: str, as_of: datetime | None, org_unit: str | None, output: str
) -> None:
    """Per unit: periods due, on time, late, overdue, and the on-time rate (按时报送率)."""
    rates = service.on_time_rates(
        app_of(context), actor=LOCAL_ADMIN, code=code, today=_day(as_of), org_unit=org_unit
    )
    emit(RATE, rates, output)


@datasets.command("template")
@click.argument("code")
@click.option("--org-unit", required=True, help="The reporting unit (code).")
@click.option("--period", required=True, help="The period, e.g. 2025-06.")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="FILE.xlsx")
@click.pass_context
def datasets_template(
    context: click.Context, code: str, org_unit: str, period: str, out: Path
) -> None:
    """The XLSX entry template of one unit and period: pre-filled rows, the previous period
    and the same period last year beside each field; it loads back with `data load`."""
    sheet = entry_service.entry_sheet(
        app_of(context),
        actor=LOCAL_ADMIN,
        code=code,
        org_unit=org_unit,
        period=Period.parse(period),
    )
    write_entry_template(out, sheet)
    click.echo(f"{out}: {len(sheet.fields)} indicators for {org_unit} {period}")


def register(group: click.Group) -> None:
    """Add the ``datasets`` group to the root group."""
    group.add_command(datasets)
