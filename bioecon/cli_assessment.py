"""`bioecon assess`: score a 考核方案 (a scheme file, docs/assessment.md) as of a month — the
year-end 考核 or a 预考核 during the year. Acts as the local admin, as every command does
(docs/security.md). Registered on the root group by :func:`register`."""

from __future__ import annotations

from pathlib import Path

import click

from bioecon.cli_common import OutputFile, app_of
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


@click.command("assess")
@click.option(
    "--scheme",
    "scheme_file",
    type=click.Path(path_type=Path),
    required=True,
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
    scheme_file: Path,
    as_of: str | None,
    output: str,
    explain: bool,
    xlsx: Path | None,
) -> None:
    """Score every assessed unit of a scheme: item points by their methods (完成即满分, 按比例,
    功效系数法, 排名计分, 与平均水平比较), 加分/扣分 with their caps, 一票否决, total, 等次 and
    名次, each score with its working."""
    scheme = read_scheme_file(scheme_file)
    month = Period.parse(as_of) if as_of else Period.month(scheme.year, 12)
    result = service.assess(app_of(context), actor=LOCAL_ADMIN, scheme=scheme, as_of=month)
    if xlsx is not None:
        write_assessment_xlsx(result, xlsx)
    if output == "json":
        click.echo(json_text(assessment_records(result)))
    else:
        click.echo(assessment_table(result, explain=explain))


def register(group: click.Group) -> None:
    """Add `assess` to the root group."""
    group.add_command(assess)
