"""The register commands: `bioecon platforms load|list|export` and `bioecon approvals
load|list|export` (files: docs/registers.md). Registered on the root group by
:func:`register`; errors become exit codes in ``bioecon.cli`` as for every command."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from bioecon.cli_common import OutputFile, app_of, emit, output_format
from bioecon.cli_users import cli_origin
from bioecon.domain.registers import RegisterLoadReport
from bioecon.io.output import Record
from bioecon.io.register_output import APPROVAL, PLATFORM
from bioecon.io.registers import (
    APPROVALS,
    PLATFORMS,
    RegisterFormat,
    read_register_file,
    write_register_file,
)
from bioecon.services import approvals as approval_service
from bioecon.services import platforms as platform_service
from bioecon.services.accounts import LOCAL_ADMIN


def register(group: click.Group) -> None:
    """Add the ``platforms`` and ``approvals`` groups to the root group."""
    group.add_command(
        _register_group(
            "platforms",
            "The platform and carrier register (创新平台与载体名录): load, list, export.",
            PLATFORMS,
            PLATFORM,
            platform_service.load_platforms,
            platform_service.list_platforms,
        )
    )
    group.add_command(
        _register_group(
            "approvals",
            "The product-approval register (产品注册与批文名录): load, list, export.",
            APPROVALS,
            APPROVAL,
            approval_service.load_approvals,
            approval_service.list_approvals,
        )
    )


def _register_group(
    name: str,
    help_text: str,
    register: RegisterFormat,
    record: Record[Any],
    load: Callable[..., RegisterLoadReport],
    listing: Callable[..., Sequence[Any]],
) -> click.Group:
    group = click.Group(name, help=help_text)

    @group.command("load")
    @click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option("--sheet", help="XLSX sheet to read (default: the first).")
    @click.pass_context
    def load_command(context: click.Context, files: tuple[Path, ...], sheet: str | None) -> None:
        """Load register files (CSV or XLSX, Chinese headers), inserting or updating rows by
        their code or number. A file with any problem is refused whole."""
        for file in files:
            parsed = read_register_file(file, register, sheet=sheet)
            click.echo(
                load(app_of(context), actor=LOCAL_ADMIN, origin=cli_origin(), parsed=parsed).line()
            )

    @group.command("list")
    @click.option("--org-unit", help="Only rows in this org unit's subtree.")
    @output_format("table", "json", "csv")
    @click.pass_context
    def list_command(context: click.Context, org_unit: str | None, output: str) -> None:
        """List the register's rows (codes as stored)."""
        emit(record, listing(app_of(context), actor=LOCAL_ADMIN, org_unit=org_unit), output)

    @group.command("export")
    @click.option("--out", required=True, type=OutputFile(), help="FILE.csv or .xlsx")
    @click.option("--org-unit", help="Only rows in this org unit's subtree.")
    @click.pass_context
    def export_command(context: click.Context, out: Path, org_unit: str | None) -> None:
        """Write the register in the format `load` reads (loading it back changes nothing)."""
        items = listing(app_of(context), actor=LOCAL_ADMIN, org_unit=org_unit)
        write_register_file(out, register, items)
        click.echo(f"wrote {len(items)} rows to {out}", err=True)

    return group
