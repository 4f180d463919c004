"""`bioecon policies load|list|apply|step|show|match|ledger|budget|effect|funds`: the policy clause
register (政策条款库) and its payout (政策兑现) — applications through 审核, 公示 and 兑付, 免申即享
matching, the support ledger, the budget by clause, org unit and year, and the guidance funds
(引导基金) with 返投 (docs/policies.md).
Acts as the local admin, as every command does (docs/security.md). Registered on the root
group by :func:`register`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from bioecon.cli_common import YEAR, app_of
from bioecon.cli_users import cli_origin
from bioecon.domain.policies import Application, ApplicationStep
from bioecon.io.policy_file import read_clause_file, read_fund_file
from bioecon.io.texttable import render_table
from bioecon.services import policies as service
from bioecon.services.accounts import LOCAL_ADMIN


@click.group("policies")
def policies() -> None:
    """Policy clauses (政策条款库) and their payout (政策兑现)."""


@policies.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def load(context: click.Context, file: Path) -> None:
    """Load the clause register (YAML: docs/policies.md), inserting or updating clauses by
    code. A file with any problem is refused whole."""
    clauses = read_clause_file(file)
    report = service.load_clauses(
        app_of(context), actor=LOCAL_ADMIN, origin=cli_origin(), clauses=clauses, source=str(file)
    )
    click.echo(report.line())


@policies.command("list")
@click.pass_context
def list_clauses(context: click.Context) -> None:
    """The clauses: code, name, issuer, document and article, validity, formula kind."""
    rows = [
        [
            c.code,
            c.name,
            c.issuer,
            f"{c.document} {c.article or ''}".strip(),
            f"{c.valid_from}–{c.valid_to or ''}",
            c.formula.kind.value,
            c.year_cap,
        ]
        for c in service.list_clauses(app_of(context), actor=LOCAL_ADMIN)
    ]
    headers = ["条款", "名称", "发文单位", "文件及条款", "有效期", "公式", "每户每年上限（万元）"]
    click.echo(render_table(headers, rows))


def _amount(text: str | None) -> Decimal | None:
    """An amount typed on the command line (万元), exactly as written."""
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise click.BadParameter(f"「{text}」不是数", param_hint="--award") from None


def _line(item: Application) -> str:
    return f"{item.key}\t{item.status.value}\t计算 {item.computed}\t核定 {item.award} 万元"


@policies.command("apply")
@click.argument("clause")
@click.argument("enterprise")
@click.option("--year", type=YEAR, required=True, help="The year of the registry data used.")
@click.option("--project", help="A key project of the enterprise the support is for (code).")
@click.option("--platform", help="A platform the enterprise hosts the support is for (code).")
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), help="The day (default today).")
@click.pass_context
def apply(
    context: click.Context,
    clause: str,
    enterprise: str,
    year: int,
    project: str | None,
    platform: str | None,
    on: object,
) -> None:
    """File an application (申报) of ENTERPRISE (credit code) under CLAUSE; the award is
    computed by the clause's formula from the registry data of the year."""
    day = on.date() if hasattr(on, "date") else date.today()
    item = service.apply_for(
        app_of(context),
        actor=LOCAL_ADMIN,
        origin=cli_origin(),
        clause=clause,
        enterprise=enterprise,
        year=year,
        today=day,
        project=project,
        platform=platform,
    )
    click.echo(_line(item))


@policies.command("step")
@click.argument("clause")
@click.argument("enterprise")
@click.argument("year", type=YEAR)
@click.argument("step", type=click.Choice([s.value for s in ApplicationStep]))
@click.option("--award", help="审核: the granted amount (万元), if not computed.")
@click.option("--reason", help="Why (required to reject, or to change the computed award).")
@click.option("--paid-on", type=click.DateTime(["%Y-%m-%d"]), help="兑付: the payment's day.")
@click.option("--voucher", help="兑付: the payment voucher (凭证号).")
@click.pass_context
def step(
    context: click.Context,
    clause: str,
    enterprise: str,
    year: int,
    step: str,
    award: str | None,
    reason: str | None,
    paid_on: object,
    voucher: str | None,
) -> None:
    """Take a step on an application: approve (审核通过), reject (退回), publicize (公示) or
    pay (兑付)."""
    item = service.take_step(
        app_of(context),
        actor=LOCAL_ADMIN,
        origin=cli_origin(),
        clause=clause,
        enterprise=enterprise,
        year=year,
        step=ApplicationStep(step),
        award=_amount(award),
        reason=reason,
        paid_on=paid_on.date() if hasattr(paid_on, "date") else None,
        voucher=voucher,
    )
    click.echo(_line(item))


@policies.command("show")
@click.argument("clause")
@click.argument("enterprise")
@click.argument("year", type=YEAR)
@click.pass_context
def show(context: click.Context, clause: str, enterprise: str, year: int) -> None:
    """An application with the data it used and every step taken (who, when, why)."""
    page = service.application_page(
        app_of(context), actor=LOCAL_ADMIN, clause=clause, enterprise=enterprise, year=year
    )
    click.echo(_line(page.application))
    click.echo(f"所用数据\t{page.application.facts}")
    rows = [
        [e.at.strftime("%Y-%m-%d %H:%M:%S"), e.action.value, e.actor, e.reason or ""]
        for e in page.history
    ]
    click.echo(render_table(["时间", "步骤", "操作人", "理由"], rows))


@policies.command("match")
@click.argument("clause")
@click.option("--year", type=YEAR, required=True, help="The year of the registry data used.")
@click.option("--confirm", is_flag=True, help="File an application for every match not applied.")
@click.pass_context
def match(context: click.Context, clause: str, year: int, confirm: bool) -> None:
    """免申即享: the enterprises whose registry data meet CLAUSE's conditions, with the award
    and the data used; with --confirm, an application for each one not yet applied."""
    app = app_of(context)
    found = service.match_clause(app, actor=LOCAL_ADMIN, clause=clause, year=year)
    rows = [[m.enterprise, m.name, m.org_unit, m.award, m.facts, m.applied] for m in found]
    click.echo(
        render_table(["信用代码", "企业", "区域", "金额（万元）", "所用数据", "已申报"], rows)
    )
    if confirm:
        filed = service.confirm_matches(
            app,
            actor=LOCAL_ADMIN,
            origin=cli_origin(),
            clause=clause,
            year=year,
            enterprises=[m.enterprise for m in found if not m.applied],
            today=date.today(),
        )
        click.echo(f"filed {len(filed)} applications", err=True)


@policies.command("ledger")
@click.option("--enterprise", help="One enterprise (credit code).")
@click.option("--project", help="One key project (code).")
@click.option("--platform", help="One platform (code).")
@click.pass_context
def ledger(
    context: click.Context, enterprise: str | None, project: str | None, platform: str | None
) -> None:
    """扶持台账: support granted and paid (万元) by year and clause."""
    lines = service.support_ledger(
        app_of(context),
        actor=LOCAL_ADMIN,
        enterprise=enterprise,
        project=project,
        platform=platform,
    )
    rows = [
        [s.year, s.clause, s.enterprise, s.enterprise_name, s.status.value, s.award, s.paid]
        for s in lines
    ]
    headers = ["年度", "条款", "信用代码", "企业", "状态", "核定（万元）", "已兑付（万元）"]
    click.echo(render_table(headers, rows))


@policies.command("budget")
@click.pass_context
def budget(context: click.Context) -> None:
    """资金兑现汇总: applications, granted and paid (万元) by clause, org unit and year."""
    lines = service.budget_summary(app_of(context), actor=LOCAL_ADMIN)
    rows = [[b.clause, b.org_unit, b.year, b.applications, b.granted, b.paid] for b in lines]
    click.echo(
        render_table(["条款", "区域", "年度", "申请数", "核定（万元）", "已兑付（万元）"], rows)
    )


@policies.command("effect")
@click.argument("clause")
@click.option("--year", type=YEAR, required=True, help="The year support was granted for.")
@click.option("--later", type=YEAR, required=True, help="The later year compared.")
@click.pass_context
def effect(context: click.Context, clause: str, year: int, later: int) -> None:
    """Revenue growth from --year to --later of the enterprises granted support under CLAUSE
    beside comparable ones (eligible in --year, not granted): an association, not an effect."""
    found = service.support_effect(
        app_of(context), actor=LOCAL_ADMIN, clause=clause, year=year, later=later
    )
    rows = [
        [name, g.enterprises, g.base, g.later, _ratio(None if g.growth is None else 100 * g.growth)]
        for name, g in (("获得扶持", found.supported), ("可比未获扶持", found.comparable))
    ]
    headers = ["组", "企业数", f"{year}营业收入", f"{later}营业收入", "增长（%）"]
    click.echo(render_table(headers, rows))
    click.echo("相关而非因果：申报与获批并非随机，两组企业在数据未记录的方面也有差异。")


@policies.group("funds")
def funds() -> None:
    """Guidance funds (引导基金): size, capital, investments, 返投."""


@funds.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@click.pass_context
def funds_load(context: click.Context, file: Path) -> None:
    """Load the fund register (YAML: docs/policies.md): funds by code, each with all its
    investments. A file with any problem is refused whole."""
    found, investments = read_fund_file(file)
    report = service.load_funds(
        app_of(context),
        actor=LOCAL_ADMIN,
        origin=cli_origin(),
        funds=found,
        investments=investments,
        source=str(file),
    )
    click.echo(report.line())


@funds.command("list")
@click.pass_context
def funds_list(context: click.Context) -> None:
    """Each fund: size, committed, paid in, invested, 返投 and its ratio against the
    requirement, exits and their multiple."""
    rows = [
        [
            s.fund.code,
            s.fund.name,
            s.fund.size,
            s.fund.committed,
            s.fund.paid_in,
            s.invested,
            s.local,
            _ratio(s.reinvest_ratio),
            s.fund.reinvest_required,
            {True: "yes", False: "no", None: ""}[s.reinvest_met],
            s.exits,
            _ratio(s.exit_multiple),
        ]
        for s in service.fund_standings(app_of(context), actor=LOCAL_ADMIN)
    ]
    headers = ["基金", "名称", "规模", "认缴", "实缴", "已投", "返投", "返投比例", "要求", "达标"]
    click.echo(render_table([*headers, "退出", "退出倍数"], rows))


def _ratio(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def register(group: click.Group) -> None:
    """Add the ``policies`` group to the root group."""
    group.add_command(policies)
