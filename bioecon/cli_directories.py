"""`bioecon orgunits list|load|export` and `bioecon indicators list|load|export`: the registers
of org units and of the database's (ledger) indicators, in CSV/XLSX files with Chinese headers
(bioecon/io/directory_files.py). Registered on the root group by :func:`register`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from bioecon.cli_common import OutputFile, app_of, emit, output_format
from bioecon.cli_users import cli_origin
from bioecon.io.directory_files import (
    INDICATORS,
    ORG_UNITS,
    RegisterOutput,
    read_indicator_file,
    read_org_unit_file,
    register_load_line,
)
from bioecon.services import indicators as indicator_service
from bioecon.services import orgunits as org_unit_service
from bioecon.services.accounts import LOCAL_ADMIN

_FILES = click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
_SHEET = click.option("--sheet", help="XLSX sheet to read (default: the first).")
_OUT = click.option(
    "--out",
    type=OutputFile(),
    help="Write .xlsx or .csv (UTF-8 with BOM) here instead of CSV to standard output.",
)


@dataclass(frozen=True)
class _Register:
    """What a register's three commands need: its file shape, reader and use cases."""

    noun: str  # plural, for messages
    output: RegisterOutput
    read: Callable[..., Any]  # (path, *, sheet) → DirectoryFile
    list_all: Callable[..., Sequence[Any]]  # (app, *, actor)
    load: Callable[..., Any]  # (app, *, actor, file) → DirectoryLoadReport


def _commands(group: click.Group, register: _Register) -> None:
    """``list``, ``load`` and ``export`` of ``register`` on ``group``."""

    @group.command("list", help=f"List the stored {register.noun}, by code.")
    @output_format("table", "json", "csv")
    @click.pass_context
    def list_command(context: click.Context, output: str) -> None:
        emit(register.output, register.list_all(app_of(context), actor=LOCAL_ADMIN), output)

    @group.command(
        "load",
        help=f"Load files of {register.noun} (.csv/.xlsx, Chinese headers as `export` writes "
        "them), each all or nothing: every bad cell is named by row and column "
        "(docs/onboarding.md).",
    )
    @_FILES
    @_SHEET
    @click.pass_context
    def load_command(context: click.Context, files: tuple[Path, ...], sheet: str | None) -> None:
        for file in files:
            parsed = register.read(file, sheet=sheet)
            click.echo(
                register_load_line(
                    register.load(
                        app_of(context), actor=LOCAL_ADMIN, origin=cli_origin(), file=parsed
                    )
                )
            )

    @group.command(
        "export", help=f"Write the {register.noun} as a file that `load` reads back unchanged."
    )
    @_OUT
    @click.pass_context
    def export_command(context: click.Context, out: Path | None) -> None:
        items = register.list_all(app_of(context), actor=LOCAL_ADMIN)
        if out is None:
            click.echo(register.output.csv(items), nl=False)
        else:
            register.output.write(out, items)
            click.echo(f"wrote {out}: {len(items)} {register.noun}", err=True)


@click.group("orgunits")
def orgunits() -> None:
    """List, load and export org units (区域/园区: 代码, 名称, 层级, 上级代码, 统计用区划代码)."""


@click.group("indicators")
def indicators() -> None:
    """List, load and export the database's indicators (指标代码, 指标名称, 单位, 性质, 口径 …)."""


_commands(
    orgunits,
    _Register(
        "org units",
        ORG_UNITS,
        read_org_unit_file,
        org_unit_service.list_org_units,
        org_unit_service.load_org_units,
    ),
)
_commands(
    indicators,
    _Register(
        "indicators",
        INDICATORS,
        read_indicator_file,
        indicator_service.list_indicators,
        indicator_service.load_indicators,
    ),
)


def register(cli: click.Group) -> None:
    """Add the ``orgunits`` and ``indicators`` groups to the root group."""
    cli.add_command(orgunits)
    cli.add_command(indicators)
