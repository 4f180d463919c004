"""`bioecon assess`: score a 考核方案 (a scheme file, docs/assessment.md) as of a month — the
year-end 考核 or a 预考核 during the year; `assess load` keeps a scheme for the assessment
page, `assess publish` freezes a stored scheme's results with the data version they used.
Acts as the local admin, as every command does (docs/security.md). Registered on the root
group by :func:`register`."""

from __future__ import annotations

from pathlib import Path

import click

from bioecon.cli_common import OutputFile, app_of
from bioecon.cli_users import cli_origin
from bioecon.domain.periods import Period
from bioecon.io.assessment_output import (
    assessment_records,
    assessment_table,
    write_assessment_xlsx,
)
from bioecon.io.assessment_scheme import read_scheme_file
from bioecon.io.output import json_text
from bioecon.services import assessment as service
from bioecon.services.accounts import LOCAL_ADMIN


@click.group("assess", invoke_without_command=True)
@click.option(
    "--scheme",
    "scheme_file",
    type=click.Path(path_type=Path),
    help="The scheme file (YAML): units, items, methods, weights, adjustments.",
)
@click.option("--as-of", "as_of", help="The month scored (default: December of the scheme's year).")
@click.option(
    "--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--explain", is_flag=True, help="Also print every score's input and working.")
@click.option("--xlsx", "xlsx", type=OutputFile(), help="Also write the results to FILE.xlsx.")
@click.pass_context
def assess(
    context: click.Context,
    scheme_file: Path | None,
    as_of: str | None,
    output: str,
    explain: bool,
    xlsx: Path | None,
) -> None:
    """Score every assessed unit of a scheme: item points by their methods (完成即满分, 按比例,
    功效系数法, 排名计分, 与平均水平比较), 加分/扣分 with their caps, 一票否决, total, 等次 and
    名次, each score with its working. `assess load` and `assess publish` keep a scheme for
    the page and freeze its results."""
    if context.invoked_subcommand is not None:
        return
    if scheme_file is None:
        raise click.UsageError("缺少 --scheme（考核方案文件）", context)
    scheme = read_scheme_file(scheme_file)
    month = Period.parse(as_of) if as_of else Period.month(scheme.year, 12)
    result = service.assess(app_of(context), actor=LOCAL_ADMIN, scheme=scheme, as_of=month)
    if xlsx is not None:
        write_assessment_xlsx(result, xlsx)
    if output == "json":
        click.echo(json_text(assessment_records(result)))
    else:
        click.echo(assessment_table(result, explain=explain))


@assess.command("load")
@click.argument("scheme_file", type=click.Path(path_type=Path))
@click.pass_context
def load(context: click.Context, scheme_file: Path) -> None:
    """Keep a scheme file's scheme for the assessment page (/assessment): a new code is
    created, a known one replaced (the change enters the history)."""
    scheme = read_scheme_file(scheme_file)
    done = service.load_scheme(
        app_of(context),
        actor=LOCAL_ADMIN,
        origin=cli_origin(),
        scheme=scheme,
        source=scheme_file.name,
    )
    click.echo(f"scheme {scheme.code}: {done}")


@assess.command("publish")
@click.argument("code")
@click.option("--as-of", "as_of", help="The month scored (default: December of the scheme's year).")
@click.pass_context
def publish(context: click.Context, code: str, as_of: str | None) -> None:
    """Score the stored scheme CODE and freeze the results (every unit's inputs, scores and
    working, total, grade and rank) with the data version they used. Publishing the same
    scheme and year again records the next version; the page shows the latest."""
    app = app_of(context)
    stored = service.stored_scheme(app, actor=LOCAL_ADMIN, code=code)
    month = Period.parse(as_of) if as_of else Period.month(stored.scheme.year, 12)
    done = service.publish(app, actor=LOCAL_ADMIN, origin=cli_origin(), code=code, as_of=month)
    click.echo(
        f"scheme {code} {stored.scheme.year}: published version {done.version} as of {month}"
        f" (data version {done.data_version})"
    )


def register(group: click.Group) -> None:
    """Add `assess` to the root group."""
    group.add_command(assess)
