"""`bioecon data submit|recall|approve|reject|reopen|history`: one reported value through the
review workflow (docs/reporting.md), and the history of changes; `bioecon history KIND [KEY]`:
the history of any kind of record. The command line acts as the local admin; a reason is
required to reject or reopen."""

from __future__ import annotations

from decimal import Decimal

import click

from bioecon.cli_common import app_of, emit, output_format
from bioecon.cli_users import cli_origin
from bioecon.domain.audit import AuditEntity
from bioecon.domain.model import ReportingBasis
from bioecon.domain.periods import Period
from bioecon.domain.review import ReviewStep
from bioecon.domain.value_key import ValueKey
from bioecon.io.audit_output import AUDIT_EVENT
from bioecon.messages import label
from bioecon.services import history as history_service
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.review import review_value


def _key_options(function: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(
        (
            click.option("--indicator", required=True, help="Indicator code."),
            click.option("--org-unit", required=True, help="Org unit code."),
            click.option("--period", required=True, help="Period, e.g. 2025-06 or 2025Q2."),
            click.option(
                "--basis",
                required=True,
                type=click.Choice([b.value for b in ReportingBasis]),
                help="The value's basis (month_value, ytd, period_end).",
            ),
            click.option("--sector", default="", help="Sector code ('' for all sectors)."),
        )
    ):
        function = option(function)
    return function


def _step_command(step: ReviewStep, needs_note: bool) -> click.Command:
    @_key_options
    @click.option("--note", required=needs_note, help="Comment or reason (kept in the history).")
    @click.option("--seen", help="The value you checked: refused if it has changed since.")
    @click.pass_context
    def command(
        context: click.Context,
        indicator: str,
        org_unit: str,
        period: str,
        basis: str,
        sector: str,
        note: str | None,
        seen: str | None,
    ) -> None:
        key = ValueKey(indicator, org_unit, Period.parse(period), ReportingBasis(basis), sector)
        done = review_value(
            app_of(context),
            actor=LOCAL_ADMIN,
            key=key,
            step=step,
            origin=cli_origin(),
            note=note,
            seen=Decimal(seen) if seen is not None else None,
        )
        click.echo(f"{key}: {label(done.before)} → {label(done.after)}")

    command.__doc__ = f"{label(step)} ({step.value}) one reported value."
    return click.command(step.value)(command)


@click.command("history")
@click.option("--indicator", required=True, help="Indicator code.")
@click.option("--org-unit", help="Only this org unit (with --period and --basis: one value).")
@click.option("--period", help="Period, e.g. 2025-06.")
@click.option("--basis", type=click.Choice([b.value for b in ReportingBasis]))
@output_format("table", "json", "jsonl", "csv")
@click.pass_context
def data_history(
    context: click.Context,
    indicator: str,
    org_unit: str | None,
    period: str | None,
    basis: str | None,
    output: str,
) -> None:
    """The history of changes to an indicator's values: who, when, from where, old and new
    value, reason (oldest first)."""
    events = history_service.value_history(
        app_of(context),
        actor=LOCAL_ADMIN,
        entity=AuditEntity.OBSERVATION,
        prefix="/".join(p for p in (indicator, org_unit, period, basis) if p),
    )
    emit(AUDIT_EVENT, events, output)


@click.command("history")
@click.argument("kind", type=click.Choice([e.value for e in AuditEntity]))
@click.argument("key", required=False)
@output_format("table", "json", "jsonl", "csv")
@click.pass_context
def record_history(context: click.Context, kind: str, key: str | None, output: str) -> None:
    """The history of changes to records of KIND (plan, mapping, org_unit, indicator,
    platform, approval, enterprise, user …): who, when, from where, old and new value,
    reason (oldest first). KEY narrows it to one record and those under it, e.g. a plan
    code, a plan's mappings ``CS-2025/T3``, an org unit code, a credit code."""
    events = history_service.value_history(
        app_of(context), actor=LOCAL_ADMIN, entity=AuditEntity(kind), prefix=key
    )
    emit(AUDIT_EVENT, events, output)


def register(data: click.Group) -> None:
    """Add the review steps and ``history`` to the ``data`` group."""
    for step, needs_note in (
        (ReviewStep.SUBMIT, False),
        (ReviewStep.RECALL, False),
        (ReviewStep.APPROVE, False),
        (ReviewStep.REJECT, True),
        (ReviewStep.REOPEN, True),
    ):
        data.add_command(_step_command(step, needs_note))
    data.add_command(data_history)
