"""`bioecon bench projects` as a click command, registered on the `bench` group by
bioecon.cli (the benchmark itself loads only when it runs: bioecon.bench.projects)."""

from __future__ import annotations

import click

from bioecon.cli_common import emit
from bioecon.io.bench_output import BENCH_ROW


@click.command("projects")
@click.option("--projects", type=click.IntRange(10, 100_000), default=5_000, show_default=True)
@click.option(
    "--postgres",
    "postgres_url",
    envvar="BIOECON_BENCH_POSTGRES_URL",
    metavar="URL",
    help="Also run on PostgreSQL (its own schema bioecon_bench). Default: $BIOECON_BENCH_POSTGRES_URL.",
)
def bench_projects(projects: int, postgres_url: str | None) -> None:
    """The monthly 项目调度 report over PROJECTS generated projects × 36 months of progress
    (goal: under 1 s), on a fresh SQLite file and on PostgreSQL when given."""
    from bioecon.bench.projects import run_projects_bench

    emit(BENCH_ROW, run_projects_bench(projects=projects, postgres_url=postgres_url), "table")
