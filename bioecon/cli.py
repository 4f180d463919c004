"""The ``bioecon`` command: declarations that call a service and emit what it returns; errors
become exit codes here, and only here (see :data:`EXIT_CODES` and docs/cli.md).

Every command calls a service except ``classify FILE``, a file-to-file transformation in
``bioecon/io/classify_file.py``. Records are declared in ``bioecon/io/*_output.py`` and
rendered by :func:`emit`."""

from __future__ import annotations

import getpass
import json
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from bioecon import __version__
from bioecon.bench.import_command import bench_import
from bioecon.bench.project_command import bench_projects
from bioecon.classify.classifier import Classifier
from bioecon.classify.tables import load_tables
from bioecon.cli_assessment import register as register_assessment_commands
from bioecon.cli_common import PORT, YEAR, OutputFile, State, app_of, emit, emit_one, output_format
from bioecon.cli_data_sets import register as register_data_set_commands
from bioecon.cli_directories import register as register_directory_commands
from bioecon.cli_extract import register as register_extraction_commands
from bioecon.cli_mapping import plan_map
from bioecon.cli_plans import register as register_plan_commands
from bioecon.cli_policies import register as register_policy_commands
from bioecon.cli_projects import register as register_project_commands
from bioecon.cli_registers import register as register_platforms_and_approvals
from bioecon.cli_reports import register as register_report_commands
from bioecon.cli_review import record_history
from bioecon.cli_review import register as register_review_commands
from bioecon.cli_tasks import register as register_task_commands
from bioecon.cli_users import cli_origin
from bioecon.cli_users import register as register_user_commands
from bioecon.demo import build_demo
from bioecon.domain.model import ObservationStatus
from bioecon.domain.periods import Period
from bioecon.errors import (
    BioeconError,
    ConfigurationError,
    Conflict,
    DatabaseNotReady,
    Forbidden,
    InvalidInput,
    InvalidValue,
    NotAuthenticated,
    NotFound,
    code_for,
)
from bioecon.io.bench_output import BENCH_ROW
from bioecon.io.classify_file import classify_csv
from bioecon.io.database_output import DATABASE_INFO
from bioecon.io.enterprise_output import verdict_line
from bioecon.io.enterprises import read_enterprise_file, write_enterprises
from bioecon.io.evaluation_output import evaluation_record, evaluations_csv, evaluations_table
from bioecon.io.ledger_output import ledger_csv, ledger_record, ledger_table
from bioecon.io.load_reports import (
    enterprise_load_lines,
    observation_load_line,
    plan_load_line,
    sector_ledger_line,
)
from bioecon.io.observations import observations_csv, open_observation_file, write_observations_xlsx
from bioecon.io.output import Output, Rendered, json_text
from bioecon.io.plan_output import PLAN_SUMMARY, plan_text
from bioecon.io.planfile import json_schema, plan_file_yaml, read_plan_file
from bioecon.io.quality_output import FINDING, check_summary, error_count
from bioecon.io.tier_output import tier_output
from bioecon.services import credit_codes as credit_code_service
from bioecon.services import database as database_service
from bioecon.services import enterprises as enterprise_service
from bioecon.services import evaluation as evaluation_service
from bioecon.services import ledger as ledger_service
from bioecon.services import observations as observation_service
from bioecon.services import plans as plan_service
from bioecon.services import quality as quality_service
from bioecon.services import tiers as tier_service
from bioecon.services.accounts import LOCAL_ADMIN

# Exit codes: 0 success, 1 a check found errors, 2 wrong usage (click), then one per error kind;
# docs/cli.md's table is generated from these two tables (bioecon.cli_reference).
EXIT_CODES: dict[type[BioeconError], int] = {
    InvalidInput: 3,
    InvalidValue: 3,
    NotFound: 4,
    Conflict: 5,
    DatabaseNotReady: 6,
    ConfigurationError: 7,
    NotAuthenticated: 8,
    Forbidden: 9,
}
INTERNAL_ERROR = 70  # EX_SOFTWARE of sysexits.h: a bug, not the user's input
ABORTED = 130  # 128 + SIGINT, as shells report Ctrl-C
GENERAL_EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "a checking command found errors (warnings alone exit 0)",
    2: "wrong usage (unknown command or option, missing argument, value out of range)",
    INTERNAL_ERROR: "internal error (a bug): one line names the file holding the traceback; "
    "please report it",
    ABORTED: "aborted (Ctrl-C)",
}


def exit_code_for(error: BioeconError) -> int:
    return code_for(error, EXIT_CODES, default=1)


def error_message(error: BioeconError) -> str:
    return error.report() if isinstance(error, InvalidInput) else f"error: {error}"


LEDGER: Output[Any] = Rendered(ledger_record, ledger_table, ledger_csv)
EVALUATIONS: Output[Any] = Rendered(evaluation_record, evaluations_table, evaluations_csv)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="bioecon")
@click.option(
    "--db",
    "database_url",
    metavar="URL",
    help="Database URL (default: $BIOECON_DATABASE_URL, else a SQLite file in your data folder).",
)
@click.pass_context
def cli(context: click.Context, database_url: str | None) -> None:
    """bioecon — 生物经济规划实施监测平台 (bio-economy plan monitoring).

    Load plans (targets, tasks, responsible units) and monitoring data, and query them.
    """
    state = State(database_url)
    context.obj = state
    context.call_on_close(state.close)


# --- db -------------------------------------------------------------------------------------


@cli.group()
def db() -> None:
    """Create, migrate and describe the database."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Schema revision to reach.")
@click.pass_context
def db_upgrade(context: click.Context, revision: str) -> None:
    """Create the tables, or migrate them to the code's schema revision."""
    info = database_service.upgrade_database(app_of(context), revision=revision)
    click.echo(f"{info.url}: schema at revision {info.revision}")


@db.command("info")
@output_format("table", "json")
@click.pass_context
def db_info(context: click.Context, output: str) -> None:
    """Say which database is used, its schema revision and what it holds."""
    info = database_service.database_info(app_of(context))
    emit_one(DATABASE_INFO, info, output)


# --- plan -----------------------------------------------------------------------------------


@cli.group()
def plan() -> None:
    """Load, list, show and export plans (plan files: docs/plan-format.md)."""


@plan.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite a stored plan of another document.")
@click.option(
    "--source-root",
    "source_roots",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A folder source.path may also name a file in (the plan file's own folder always).",
)
@click.pass_context
def plan_load(
    context: click.Context, files: tuple[Path, ...], replace: bool, source_roots: tuple[Path, ...]
) -> None:
    """Load plan files. Loading an unchanged file again changes nothing; a changed file
    updates the stored plan in place; another document (title, source) under a stored code is
    refused unless --replace. A file with any problem is refused whole. A plan's source.path
    must lie in the plan file's folder or under a --source-root."""
    for file in files:
        parsed = read_plan_file(file, source_roots=source_roots)
        report = plan_service.load_plan(
            app_of(context),
            actor=LOCAL_ADMIN,
            origin=cli_origin(),
            bundle=parsed.bundle,
            source=parsed.source,
            locate=parsed.locate,
            replace=replace,
        )
        click.echo(plan_load_line(file, report))


@plan.command("list")
@output_format("table", "json")
@click.pass_context
def plan_list(context: click.Context, output: str) -> None:
    """List the stored plans."""
    emit(PLAN_SUMMARY, plan_service.list_plans(app_of(context), actor=LOCAL_ADMIN), output)


@plan.command("show")
@click.argument("reference", metavar="ID")
@output_format("table", "yaml", "json")
@click.pass_context
def plan_show(context: click.Context, reference: str, output: str) -> None:
    """Show one plan (by code or id): metadata, targets and tasks."""
    bundle = plan_service.get_plan(app_of(context), actor=LOCAL_ADMIN, reference=reference)
    if output == "yaml":
        click.echo(plan_file_yaml(bundle), nl=False)
    elif output == "json":
        click.echo(json_text(asdict(bundle)))
    else:
        click.echo(plan_text(bundle))


@plan.command("export")
@click.argument("reference", metavar="ID")
@click.option("--out", type=OutputFile(), help="Write to this file instead of standard output.")
@click.pass_context
def plan_export(context: click.Context, reference: str, out: Path | None) -> None:
    """Write a plan (by code or id) as a plan file that loads back to the same plan."""
    text = plan_file_yaml(
        plan_service.get_plan(app_of(context), actor=LOCAL_ADMIN, reference=reference)
    )
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)


plan.add_command(plan_map)


@plan.command("schema")
def plan_schema() -> None:
    """Print the JSON Schema of plan files."""
    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


register_plan_commands(plan)
register_directory_commands(cli)
register_platforms_and_approvals(cli)
register_user_commands(cli)
cli.add_command(record_history)
register_data_set_commands(cli)
register_report_commands(cli)
register_project_commands(cli)
register_assessment_commands(cli)
register_task_commands(cli)
register_policy_commands(cli)  # issue #21: policy clauses and their payout


# --- data -----------------------------------------------------------------------------------


@cli.group()
def data() -> None:
    """Load and export monitoring data (observations)."""


register_review_commands(data)


@data.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--sheet", help="XLSX sheet to read (default: the first).")
@click.option(
    "--status",
    type=click.Choice([s.value for s in ObservationStatus]),
    default=ObservationStatus.SUBMITTED.value,
    show_default=True,
    help="Status of rows whose file has no status column. Only approved (已审核) rows enter the "
    "ledger and evaluations, unless the setting ledger_admits_submitted admits submitted ones "
    "(docs/configuration.md).",
)
@click.option("--user", default=None, help="Who reports the data (default: your login name).")
@click.pass_context
def data_load(
    context: click.Context,
    files: tuple[Path, ...],
    sheet: str | None,
    status: str,
    user: str | None,
) -> None:
    """Load observations from CSV or XLSX files (columns indicator, org_unit, period, value
    [, sector, basis, status]). Each file is written whole or not at all."""
    for file in files:
        with open_observation_file(file, sheet=sheet) as parsed:
            report = observation_service.load_observations(
                app_of(context),
                actor=LOCAL_ADMIN,
                origin=cli_origin(),
                parsed=parsed,
                status=ObservationStatus(status),
                reported_by=user or getpass.getuser(),
            )
        click.echo(observation_load_line(report))
        if status != ObservationStatus.APPROVED.value and (report.inserted or report.updated):
            click.echo(
                f"  note: rows without a status column were stored as {status}; the ledger "
                "counts approved (已审核) rows only — load reviewed figures with --status approved"
            )


@data.command("check")
@click.option(
    "--as-of", "as_of", help="Check data up to this month (default: the latest month reported)."
)
@output_format("table", "json")
@click.pass_context
def data_check(context: click.Context, as_of: str | None, output: str) -> None:
    """Data-quality checks: parts exceeding their total, cumulative values that fall, outlying
    growth (robust z-score), missing periods. Exits 1 when there are errors, 0 on warnings only.
    """
    checked_to, findings = quality_service.check_data(
        app_of(context), actor=LOCAL_ADMIN, as_of=_period_option(as_of)
    )
    emit(FINDING, findings, output)
    if output == "table":
        click.echo(check_summary(checked_to, findings))
    if error_count(findings):
        context.exit(1)


def _period_option(value: str | None) -> Period | None:
    return Period.parse(value) if value else None


@data.command("export")
@click.option("--indicator", required=True, help="Indicator code.")
@click.option("--org-unit", help="Only this org unit (code).")
@click.option("--from", "first", help="First period, e.g. 2023-01.")
@click.option("--to", "last", help="Last period, e.g. 2025-06.")
@output_format("csv", "xlsx")
@click.option("--out", type=OutputFile(), help="File to write (required for xlsx).")
@click.pass_context
def data_export(
    context: click.Context,
    indicator: str,
    org_unit: str | None,
    first: str | None,
    last: str | None,
    output: str,
    out: Path | None,
) -> None:
    """Export observations in the format `data load` reads."""
    if output == "xlsx" and out is None:
        raise click.UsageError("--format xlsx needs --out FILE.xlsx")
    rows = observation_service.export_observations(
        app_of(context),
        indicator=indicator,
        org_unit=org_unit,
        first=_period_option(first),
        last=_period_option(last),
    )
    if output == "xlsx":
        assert out is not None
        write_observations_xlsx(out, rows, title=indicator)
    elif out is None:
        click.echo(observations_csv(rows), nl=False)
    else:
        out.write_text(observations_csv(rows), encoding="utf-8-sig")
    if out is not None:
        click.echo(f"wrote {len(rows)} rows to {out}", err=True)


# --- ledger ---------------------------------------------------------------------------------


@cli.command("ledger")
@click.option("--indicator", required=True, help="Indicator code.")
@click.option(
    "--org-unit", "org_units", required=True, multiple=True, help="Org unit code (repeatable)."
)
@click.option("--sector", help="Sector code (default: all sectors).")
@click.option("--from", "first", required=True, help="First period: 2023-01, 2023Q1 or 2023.")
@click.option("--to", "last", required=True, help="Last period, of the same kind as --from.")
@output_format("table", "json", "csv")
@click.pass_context
def ledger_command(
    context: click.Context,
    indicator: str,
    org_units: tuple[str, ...],
    sector: str | None,
    first: str,
    last: str,
    output: str,
) -> None:
    """Derived ledger: 当期值, 1–N月累计, 同比, 累计同比, 环比, 两年平均增速.

    Org units are rolled up from their additive subtree (parks are not added into districts);
    quarters and years (--from 2024Q1) are built from months. Rates are in percent; a missing
    value or rate stays missing and says why.
    """
    entries = ledger_service.ledger(
        app_of(context),
        actor=LOCAL_ADMIN,
        indicator=indicator,
        org_units=list(org_units),
        first=Period.parse(first),
        last=Period.parse(last),
        sector=sector,
    )
    emit(LEDGER, entries, output)


@cli.command("evaluate")
@click.option("--plan", "plan_reference", required=True, metavar="ID", help="Plan code or id.")
@click.option("--as-of", "as_of", required=True, help="Month to judge at, e.g. 2025-06.")
@click.option("--org-unit", help="Only targets whose subject is this org unit.")
@output_format("table", "json", "csv")
@click.pass_context
def evaluate_command(
    context: click.Context, plan_reference: str, as_of: str, org_unit: str | None, output: str
) -> None:
    """Progress of every target of a plan: actual, 完成率 (actual ÷ target) and 进度 (share of
    the way from base to target), 时序进度, required and actual annual growth, projection, and a
    status (达标/正常/滞后/严重滞后/未达标/数据不足) with a one-line explanation. A target whose
    deadline year is over is judged on that year. Methods and thresholds: docs/progress.md.
    """
    items = evaluation_service.evaluate_plan(
        app_of(context),
        actor=LOCAL_ADMIN,
        plan=plan_reference,
        as_of=Period.parse(as_of),
        org_unit=org_unit,
    )
    emit(EVALUATIONS, items, output)


# --- enterprises: credit codes and classification ------------------------------------------


@cli.group()
def uscc() -> None:
    """统一社会信用代码 (GB 32100-2015) checks."""


@uscc.command("check")
@click.argument("codes", nargs=-1, required=True)
def uscc_check(codes: tuple[str, ...]) -> None:
    """Say for each code whether it is valid and why; exit 0 when all are valid, 1 otherwise."""
    verdicts = credit_code_service.check_credit_codes(codes=codes)
    for verdict in verdicts:
        click.echo(verdict_line(verdict))
    if not all(v.valid for v in verdicts):
        raise click.exceptions.Exit(1)


@cli.group()
def enterprises() -> None:
    """The enterprise registry (企业名录): load, export."""


@enterprises.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--sheet", help="XLSX sheet to read (default: the first).")
@click.pass_context
def enterprises_load(context: click.Context, files: tuple[Path, ...], sheet: str | None) -> None:
    """Load enterprises and their yearly figures (CSV or XLSX, docs/data-format.md), merging by
    统一社会信用代码; every change to a stored enterprise is listed. All or nothing per file."""
    for file in files:
        report = enterprise_service.load_enterprises(
            app_of(context),
            actor=LOCAL_ADMIN,
            origin=cli_origin(),
            parsed=read_enterprise_file(file, sheet=sheet),
        )
        click.echo("\n".join(enterprise_load_lines(report)))


@enterprises.command("ledger")
@click.option(
    "--indicator", required=True, help="A yearly flow indicator, e.g. bio_revenue (亿元)."
)
@click.option(
    "--figure",
    type=click.Choice(["revenue", "output_value", "rd_spend"]),
    default="revenue",
    show_default=True,
)
@click.option(
    "--year", "years", type=YEAR, multiple=True, help="Only these years (repeatable; default all)."
)
@click.pass_context
def enterprises_ledger(
    context: click.Context, indicator: str, figure: str, years: tuple[int, ...]
) -> None:
    """Write sector totals into the ledger from the registry: the figure's sum per org unit,
    year and bio-economy category (4, 4.1, 4.1.1), so `ledger --sector 4.1` reads them."""
    report = enterprise_service.build_sector_ledger(
        app_of(context),
        actor=LOCAL_ADMIN,
        indicator=indicator,
        figure=figure,
        years=list(years) or None,
    )
    click.echo(sector_ledger_line(report))


@enterprises.command("export")
@click.option("--out", required=True, type=OutputFile(), help="FILE.csv or FILE.xlsx")
@click.pass_context
def enterprises_export(context: click.Context, out: Path) -> None:
    """Write the registry in the format `enterprises load` reads."""
    found = enterprise_service.export_enterprises(app_of(context), actor=LOCAL_ADMIN)
    write_enterprises(out, found)
    click.echo(f"wrote {len(found)} enterprises to {out}", err=True)


@cli.command("tiers")
@click.option(
    "--year", type=YEAR, required=True, help="Year whose figures decide (flags: current)."
)
@click.option("--org-unit", help="Only enterprises in this org unit's subtree.")
@click.option("--sector", help="Only enterprises of this bio-economy category (e.g. 4.1).")
@click.option("--tier", "tier_codes", multiple=True, help="Only these tiers (repeatable).")
@click.option(
    "--plan",
    "plan_reference",
    metavar="ID",
    help="Use this plan's own tier rules over the catalogue.",
)
@click.option("--members/--counts", default=False, help="List members, or only counts (default).")
@output_format("table", "json")
@click.pass_context
def tiers_command(
    context: click.Context,
    year: int,
    org_unit: str | None,
    sector: str | None,
    tier_codes: tuple[str, ...],
    plan_reference: str | None,
    members: bool,
    output: str,
) -> None:
    """企业梯次: count (and list) enterprises per tier — revenue bands, 规模以上, 瞪羚, 独角兽,
    专精特新, 小巨人, 高新技术企业, 上市, 链主. Rules: bioecon/data/tiers.yaml."""
    results = tier_service.tier_report(
        app_of(context),
        actor=LOCAL_ADMIN,
        year=year,
        org_unit=org_unit,
        sector=sector,
        tiers=list(tier_codes) or None,
        plan=plan_reference,
    )
    emit(tier_output(members=members), results, output)


@cli.command("classify")
@click.argument("source", required=False, type=click.Path(path_type=Path))
@click.option("--out", type=OutputFile(), help="Where to write the classified CSV.")
@click.option(
    "--table",
    type=click.Path(path_type=Path),
    help="An official 战新→GB/T 4754 table replacing the shipped candidate (same columns).",
)
@click.option(
    "--db",
    "use_db",
    is_flag=True,
    help="Classify the enterprises in the database instead of a file.",
)
@click.pass_context
def classify_command(
    context: click.Context, source: Path | None, out: Path | None, table: Path | None, use_db: bool
) -> None:
    """Bio-economy category (战新2018 section 4 生物产业) of each enterprise, by GB/T 4754 code
    and business-scope keywords. CSV columns name, industry_code, business_scope (others pass
    through); adds bio_category, bio_category_name, basis (code/scope/both/none), matched."""
    tables = load_tables(table)
    if use_db:
        if source is not None or out is not None:
            raise click.UsageError("--db classifies the registry; give no file")
        report = enterprise_service.classify_registry(
            app_of(context), actor=LOCAL_ADMIN, tables=tables
        )
        click.echo(
            f"{report.enterprises} enterprises classified with {tables.mapping_source}: {report.classified} bio-economy, {report.changed} changed"
        )
        return
    if source is None or out is None:
        raise click.UsageError("give IN.csv and --out OUT.csv, or --db")
    if out.resolve() == source.resolve():
        raise click.UsageError("--out 不能是输入文件本身；请写到另一个文件")
    counts = classify_csv(source, out, Classifier(tables).classify)
    detail = ", ".join(f"{basis} {n}" for basis, n in counts.by_basis.items())
    click.echo(
        f"{counts.rows} rows, {counts.classified} bio-economy ({detail}); table {tables.mapping_source}",
        err=True,
    )


# --- bench --------------------------------------------------------------------------------


@cli.group()
def bench() -> None:
    """Benchmarks (figures in docs/performance.md)."""


def _echo_bench(rows: list[Any]) -> None:
    emit(BENCH_ROW, rows, "table")


@bench.command("ledger")
@click.option(
    "--scale",
    type=click.FloatRange(0.01, 10),
    default=1.0,
    show_default=True,
    help="1 = 151 org units, 50,000 enterprises.",
)
@click.option(
    "--postgres",
    "postgres_url",
    envvar="BIOECON_BENCH_POSTGRES_URL",
    metavar="URL",
    help="Also run on PostgreSQL (uses its own schema bioecon_bench). Default: $BIOECON_BENCH_POSTGRES_URL.",
)
@click.option("--targets", type=click.IntRange(1, 100_000), default=500, show_default=True)
def bench_ledger(scale: float, postgres_url: str | None, targets: int) -> None:
    """Province-scale ledger: (a) full derivation at one as-of period, (b) evaluation of
    500 targets, (c) the same derivation in plain pandas, on a fresh SQLite file and on
    PostgreSQL when given."""
    from bioecon.bench.ledger import run_ledger_bench

    rows = run_ledger_bench(scale=scale, postgres_url=postgres_url, targets=targets)
    _echo_bench(rows)


@bench.command("classify")
@click.option("--count", type=click.IntRange(100, 10_000_000), default=1_000_000, show_default=True)
@click.option(
    "--import-count", type=click.IntRange(100, 10_000_000), default=200_000, show_default=True
)
def bench_classify(count: int, import_count: int) -> None:
    """Classification throughput on one core over synthetic enterprises, and import speed of
    enterprise files into a fresh SQLite file."""
    from bioecon.bench.classify import run_classify_bench

    rows = run_classify_bench(count=count, import_count=min(import_count, count))
    _echo_bench(rows)


bench.add_command(bench_import)


@bench.command("review")
@click.option(
    "--postgres",
    "postgres_url",
    envvar="BIOECON_BENCH_POSTGRES_URL",
    metavar="URL",
    help="Also run on PostgreSQL (uses its own schema bioecon_bench). Default: $BIOECON_BENCH_POSTGRES_URL.",
)
@click.option(
    "--events",
    type=click.IntRange(1_000, 10_000_000),
    default=500_000,
    show_default=True,
    help="History events (a tenth of them failed logins).",
)
@click.option(
    "--scale", type=click.FloatRange(0.01, 10), default=1.0, show_default=True,
    help="1 = the province of `bench ledger` (169 org units).",
)  # fmt: skip
def bench_review(postgres_url: str | None, events: int, scale: float) -> None:
    """Province-scale review and reporting: the review queue, the reporting status and
    on-time rates of a whole calendar, a failed login and the review notes over a long
    history, on a fresh SQLite file and on PostgreSQL when given."""
    from bioecon.bench.review import run_review_bench

    _echo_bench(run_review_bench(postgres_url=postgres_url, events=events, scale=scale))


bench.add_command(bench_projects)


@bench.command("web")
@click.option(
    "--requests",
    type=click.IntRange(5, 10_000),
    default=20,
    show_default=True,
    help="Requests per client and page.",
)
@click.option(
    "--clients",
    default="1,4,16",
    show_default=True,
    help="Concurrent clients, comma-separated: each count is measured on every page.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Worker processes of the server (`bioecon serve --workers`).",
)
@click.option(
    "--cold",
    is_flag=True,
    help="Serve keeping no derived figures (BIOECON_FIGURE_CACHE=0): every request computes "
    "its figures, as the first one after a write does.",
)
def bench_web(requests: int, clients: str, workers: int, cold: bool) -> None:
    """Requests per second, median and p95 latency of every page and API route on the demo
    data under concurrent clients, served by `bioecon serve --workers N` (loopback HTTP)."""
    from bioecon.bench.web import run_web_bench

    try:
        counts = [int(c) for c in clients.split(",")]
    except ValueError:
        raise click.BadParameter(
            f"not a list of numbers: {clients}", param_hint="--clients"
        ) from None
    if not counts or min(counts) < 1 or max(counts) > 256:
        raise click.BadParameter("each count from 1 to 256", param_hint="--clients")
    _echo_bench(run_web_bench(requests=requests, clients=counts, workers=workers, cold=cold))


register_extraction_commands(cli)


# --- demo -----------------------------------------------------------------------------------


@cli.group()
def demo() -> None:
    """The demo database (used by `make demo`)."""


@demo.command("build")
@click.pass_context
def demo_build(context: click.Context) -> None:
    """Create the demo database (migrate it, load the example plan and data) and say what it holds."""
    report = build_demo(app_of(context))
    for line in report:
        click.echo(line)


# --- web ----------------------------------------------------------------------------------


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=PORT, default=8000, show_default=True)
@click.option(
    "--simulated", is_flag=True, help="Label every page and API response 模拟数据 (the demo)."
)
@click.option(
    "--public",
    is_flag=True,
    help="Let anonymous visitors read (read-only, never the registry's financial fields);"
    " without it every page and API route needs a login or an API token.",
)
@click.option(
    "--behind-https",
    "forwarded_from",
    metavar="PROXY_ADDRESSES",
    help="Served behind an HTTPS reverse proxy at these addresses (comma-separated, e.g."
    " 127.0.0.1): cookies are marked Secure, HSTS is sent, the client address is taken from"
    " the proxy's X-Forwarded-For.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes serving one socket, each with its own database pool and cache of"
    " figures (production: about one per core; docs/web.md).",
)
@click.pass_context
def serve(
    context: click.Context,
    host: str,
    port: int,
    simulated: bool,
    public: bool,
    forwarded_from: str | None,
    workers: int,
) -> None:
    """Serve the web app (pages, JSON API under /api, OpenAPI docs at /docs)."""
    import uvicorn

    from bioecon.web.app import create_app
    from bioecon.web.server import ServeOptions, serve_workers

    database_service.database_info(app_of(context))  # fail early on a bad database URL
    if workers > 1:
        access = "anonymous visitors may read" if public else "login required"
        click.echo(f"bioecon at http://{host}:{port}/  ({workers} workers; {access})", err=True)
        options = ServeOptions(
            database_url=app_of(context).settings.database_url,
            simulated=simulated,
            public=public,
            secure_cookies=bool(forwarded_from),
        )
        serve_workers(options, host=host, port=port, workers=workers, forwarded_from=forwarded_from)
        return
    web = create_app(
        app_of(context), simulated=simulated, public=public, secure_cookies=bool(forwarded_from)
    )
    access = "anonymous visitors may read" if public else "login required"
    click.echo(f"bioecon at http://{host}:{port}/  (API docs: /docs; {access})", err=True)
    uvicorn.run(
        web,
        host=host,
        port=port,
        log_level="warning",
        proxy_headers=bool(forwarded_from),
        forwarded_allow_ips=forwarded_from or None,
    )


# --- entry point ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a deliberate error prints its message and exits with its code, any other
    exception one line and :data:`INTERNAL_ERROR` (its traceback goes to a file)."""
    run: Callable[..., Any] = cli.main
    try:
        # Without standalone mode click returns the code of ctx.exit(n) instead of exiting.
        code = run(args=argv, prog_name="bioecon", standalone_mode=False)
        if isinstance(code, int) and code != 0:
            sys.exit(code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(ABORTED)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except BioeconError as error:
        click.echo(error_message(error), err=True)
        sys.exit(exit_code_for(error))
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except Exception as error:
        click.echo(internal_error(error), err=True)
        sys.exit(INTERNAL_ERROR)


def internal_error(error: Exception) -> str:
    """The one line an unexpected exception prints; its traceback goes to a file in the system's
    temporary folder, which the line names."""
    summary = (str(error).strip().splitlines() or [""])[0][:200]
    try:
        with tempfile.NamedTemporaryFile(
            "w", prefix="bioecon-error-", suffix=".txt", delete=False, encoding="utf-8"
        ) as file:
            file.write("".join(traceback.format_exception(error)))
        where = f"详细信息已写入 {file.name}"
    except OSError:
        where = "详细信息无法写入临时文件夹"
    return f"内部错误：{type(error).__name__}: {summary}；请报告此问题（{where}）"
