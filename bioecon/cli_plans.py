"""`bioecon plan onboard` and `bioecon plan delete`: a plan document to a loaded plan in one
command, and a plan's removal. Registered on the ``plan`` group by :func:`register`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from bioecon.cli_common import app_of
from bioecon.cli_users import cli_origin
from bioecon.domain.amounts import parse_decimal
from bioecon.io.onboard_output import deletion_lines, onboard_lines
from bioecon.io.plan_output import adjustment_line
from bioecon.services import onboarding as onboarding_service
from bioecon.services import plans as plan_service
from bioecon.services import target_adjustments as adjustment_service
from bioecon.services.accounts import LOCAL_ADMIN


@click.command("onboard")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--code", help="Plan code (default: region pinyin and period, nanjing-2021-2023).")
@click.option("--region", help="Org unit code of the plan's region (default: read from the text).")
@click.option("--replace", is_flag=True, help="Overwrite a stored plan of another document.")
@click.pass_context
def plan_onboard(
    context: click.Context, source: Path, code: str | None, region: str | None, replace: bool
) -> None:
    """Extract a plan document (.txt UTF-8/GBK, .docx, .pdf with a text layer) and load it:
    title, region (统计用区划代码), period and code read from the text (docs/onboarding.md),
    targets mapped to indicators as `extract --format yaml` does. Another document under a
    stored code is refused unless --replace; the same document again changes nothing."""
    report = onboarding_service.onboard_plan(
        app_of(context),
        actor=LOCAL_ADMIN,
        origin=cli_origin(),
        source=source,
        code=code,
        region=region,
        replace_plan=replace,
    )
    for line in onboard_lines(source, report):
        click.echo(line)


@click.command("delete")
@click.argument("reference", metavar="ID")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def plan_delete(context: click.Context, reference: str, yes: bool) -> None:
    """Delete a plan (by code or id) with its targets and tasks, and the responsible units,
    indicators and org units it declared that nothing else uses. Observations, and records
    other plans use, are kept. Asks first unless --yes."""
    app = app_of(context)
    bundle = plan_service.get_plan(app, actor=LOCAL_ADMIN, reference=reference)
    if not yes:
        click.confirm(
            f"delete plan {bundle.plan.code} 《{bundle.plan.title}》 with its "
            f"{len(bundle.targets)} targets and {len(bundle.tasks)} tasks?",
            abort=True,
        )
    deletion = plan_service.delete_plan(
        app, actor=LOCAL_ADMIN, origin=cli_origin(), reference=bundle.plan.code
    )
    for line in deletion_lines(deletion):
        click.echo(line)


@click.command("adjust-target")
@click.argument("plan")
@click.argument("target")
@click.option("--value", type=click.STRING, required=True, help="The target's new value.")
@click.option("--value-high", type=click.STRING, help="A range target's new high end.")
@click.option("--reason", required=True, help="Why (调整理由).")
@click.option("--approved-by", required=True, help="The approving body (审批机构).")
@click.option("--approved-on", type=click.DateTime(["%Y-%m-%d"]), required=True, help="YYYY-MM-DD.")
@click.option("--document", help="The approving document's number (文号).")
@click.pass_context
def plan_adjust_target(
    context: click.Context,
    plan: str,
    target: str,
    value: str,
    value_high: str | None,
    reason: str,
    approved_by: str,
    approved_on: datetime,
    document: str | None,
) -> None:
    """Adjust a target by an approved decision (目标动态调整): the target takes the new value,
    and the adjustment is kept with its reason, approving body, day and document (shown in
    the 中期评估 and 总结评估 reports; `bioecon history target`). Reloading the plan file sets
    the file's values again: change the file too."""
    adjustment = adjustment_service.adjust_target(
        app_of(context),
        actor=LOCAL_ADMIN,
        origin=cli_origin(),
        plan=plan,
        target=target,
        value=parse_decimal(value),
        value_high=parse_decimal(value_high) if value_high else None,
        reason=reason,
        approved_by=approved_by,
        approved_on=approved_on.date(),
        document=document,
    )
    click.echo(adjustment_line(adjustment))


@click.command("adjustments")
@click.argument("plan")
@click.pass_context
def plan_adjustments(context: click.Context, plan: str) -> None:
    """A plan's target adjustments (目标动态调整), oldest first."""
    for adjustment in adjustment_service.target_adjustments(
        app_of(context), actor=LOCAL_ADMIN, plan=plan
    ):
        click.echo(adjustment_line(adjustment))


def register(plan: click.Group) -> None:
    """Add these commands to the ``plan`` group."""
    plan.add_command(plan_onboard)
    plan.add_command(plan_delete)
    plan.add_command(plan_adjust_target)
    plan.add_command(plan_adjustments)
