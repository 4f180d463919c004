"""`bioecon orgunits list|load|export` and `bioecon indicators list|load|export`: the registers
of org units and of the database's (ledger) indicators, in CSV/XLSX files with Chinese headers
(bioecon/io/register_files.py). Registered on the root group by :func:`register`."""

from __future__ import annotations

from pathlib import Path

import click

from bioecon.cli_common import app_of, emit, output_format
from bioecon.io.register_files import (
    INDICATORS,
    ORG_UNITS,
    read_indicator_file,
    read_org_unit_file,
    register_load_line,
)
from bioecon.services import indicators as indicator_service
from bioecon.services import orgunits as org_unit_service

_FILES = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
_SHEET = click.option("--sheet", help="XLSX sheet to read (default: the first).")
_OUT = click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Write .xlsx or .csv (UTF-8 with BOM) here instead of CSV to standard output.",
)


@click.group("orgunits")
def orgunits() -> None:
    """List, load and export org units (区域/园区: 代码, 名称, 层级, 上级代码, 统计用区划代码)."""


@orgunits.command("list")
@output_format("table", "json", "csv")
@click.pass_context
def orgunits_list(context: click.Context, output: str) -> None:
    """List the stored org units, by code."""
    emit(ORG_UNITS, org_unit_service.list_org_units(app_of(context)), output)


@orgunits.command("load")
@_FILES
@_SHEET
@click.pass_context
def orgunits_load(context: click.Context, files: tuple[Path, ...], sheet: str | None) -> None:
    """Load org-unit files (.csv/.xlsx, Chinese headers as `orgunits export` writes them),
    each all or nothing: every bad cell is named by row and column."""
    for file in files:
        parsed = read_org_unit_file(file, sheet=sheet)
        click.echo(
            register_load_line(org_unit_service.load_org_units(app_of(context), file=parsed))
        )


@orgunits.command("export")
@_OUT
@click.pass_context
def orgunits_export(context: click.Context, out: Path | None) -> None:
    """Write the org units as a file that `orgunits load` reads back unchanged."""
    units = org_unit_service.list_org_units(app_of(context))
    if out is None:
        click.echo(ORG_UNITS.csv(units), nl=False)
    else:
        ORG_UNITS.write(out, units)
        click.echo(f"wrote {out}: {len(units)} org units", err=True)


@click.group("indicators")
def indicators() -> None:
    """List, load and export the database's indicators (指标代码, 指标名称, 单位, 性质, 口径 …)."""


@indicators.command("list")
@output_format("table", "json", "csv")
@click.pass_context
def indicators_list(context: click.Context, output: str) -> None:
    """List the stored indicators, by code."""
    emit(INDICATORS, indicator_service.list_indicators(app_of(context)), output)


@indicators.command("load")
@_FILES
@_SHEET
@click.pass_context
def indicators_load(context: click.Context, files: tuple[Path, ...], sheet: str | None) -> None:
    """Load indicator files (.csv/.xlsx, Chinese headers as `indicators export` writes them),
    each all or nothing: every bad cell and unknown unit is named by row and column."""
    for file in files:
        parsed = read_indicator_file(file, sheet=sheet)
        click.echo(
            register_load_line(indicator_service.load_indicators(app_of(context), file=parsed))
        )


@indicators.command("export")
@_OUT
@click.pass_context
def indicators_export(context: click.Context, out: Path | None) -> None:
    """Write the indicators as a file that `indicators load` reads back unchanged."""
    items = indicator_service.list_indicators(app_of(context))
    if out is None:
        click.echo(INDICATORS.csv(items), nl=False)
    else:
        INDICATORS.write(out, items)
        click.echo(f"wrote {out}: {len(items)} indicators", err=True)


def register(cli: click.Group) -> None:
    """Add the ``orgunits`` and ``indicators`` groups to the root group."""
    cli.add_command(orgunits)
    cli.add_command(indicators)
