"""`bioecon bench import` as a click command, registered on the `bench` group by bioecon.cli
(the benchmark itself, and what it imports, load only when it runs: bioecon.bench.imports)."""

from __future__ import annotations

import click

from bioecon.cli_common import emit
from bioecon.io.bench_output import BENCH_ROW


@click.command("import")
@click.option(
    "--rows", type=click.IntRange(1_000, 10_000_000), default=1_000_000, show_default=True
)
@click.option(
    "--postgres-url",
    envvar="BIOECON_BENCH_POSTGRES_URL",
    metavar="URL",
    help="Also load into PostgreSQL (its own schema bioecon_bench). Default: $BIOECON_BENCH_POSTGRES_URL.",
)
def bench_import(rows: int, postgres_url: str | None) -> None:
    """Streamed `data load` of a synthetic observation CSV of ROWS rows: rows/s and peak
    memory, beside pandas and DuckDB read_csv of the same file."""
    from bioecon.bench.imports import run_import_bench  # its dependencies load only when run

    emit(BENCH_ROW, run_import_bench(rows=rows, postgres_url=postgres_url), "table")
