"""`bioecon plan map`: a plan's targets without an indicator with ranked suggestions, and the
choices that map them (attached to the ``plan`` group of bioecon.cli)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import click

from bioecon.cli_common import app_of
from bioecon.cli_users import cli_origin
from bioecon.io.mapping_output import APPLIED, TARGET_SUGGESTIONS, applied_lines
from bioecon.io.output import json_text, render
from bioecon.services import mapping as mapping_service
from bioecon.services.accounts import LOCAL_ADMIN


def _choices(values: tuple[str, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in values:
        key, sep, code = value.partition("=")
        if not sep or not key.strip() or not code.strip():
            raise click.BadParameter(f"'{value}': write TARGET=INDICATOR (T03=tier.listed)")
        found[key.strip()] = code.strip()
    return found


def _confidence(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        found = Decimal(value)
    except InvalidOperation:
        raise click.BadParameter(f"'{value}' is not a number from 0 to 1") from None
    if not Decimal(0) <= found <= 1:
        raise click.BadParameter(f"'{value}' is not a number from 0 to 1")
    return found


@click.command("map")
@click.argument("reference", metavar="PLAN")
@click.option(
    "--all", "include_mapped", is_flag=True, help="Also targets mapped below high confidence."
)
@click.option(
    "--set", "settings", multiple=True, metavar="T=CODE", help="Map target T to CODE (repeatable)."
)
@click.option(
    "--accept", metavar="CONFIDENCE", help="Apply every top suggestion at this confidence or above."
)
@click.option(
    "--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.pass_context
def plan_map(
    context: click.Context,
    reference: str,
    include_mapped: bool,
    settings: tuple[str, ...],
    accept: str | None,
    output: str,
) -> None:
    """指标关联: list the plan's targets without an indicator (with --all, also those mapped
    below high confidence) with ranked suggestions — code, name, source, confidence, why; or
    apply choices (--set, --accept), recorded on the target as manual. docs/indicators.md."""
    app = app_of(context)
    choices, at_least = _choices(settings), _confidence(accept)
    if choices or at_least is not None:
        applied = mapping_service.apply_mapping(
            app,
            actor=LOCAL_ADMIN,
            origin=cli_origin(),
            plan=reference,
            choices=choices,
            accept=at_least,
            include_mapped=include_mapped,
        )
        text = json_text(APPLIED.records(applied)) if output == "json" else applied_lines(applied)
        click.echo(text)
        return
    items = mapping_service.plan_mapping(
        app, actor=LOCAL_ADMIN, plan=reference, include_mapped=include_mapped
    )
    click.echo(render(TARGET_SUGGESTIONS, items, output))
