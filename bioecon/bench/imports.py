"""`bioecon bench import`: the streamed observation import (`data load`) of a synthetic CSV
of N rows, in a child process, its rows/s and peak memory, beside pandas' and DuckDB's
``read_csv`` of the same file (where installed: they only read, they check and write nothing).

Each step runs as a child process and its peak resident memory is the kernel's account of
that child (``wait4``'s ``ru_maxrss``), so the figures are those a user's `bioecon data load`
would have.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bioecon.bench import synthetic
from bioecon.bench.harness import BenchRow, fresh, verdict
from bioecon.io.sheet_writer import CsvRowWriter
from bioecon.services.benchmark import write_synthetic

GOAL_RATE = 25_000  # rows/s on SQLite (issue #19)
GOAL_PEAK_MB = 500  # for a 1M-row file
SECTORS = ("", *(f"4.{n}" for n in range(1, 10)))  # '' = all sectors, then ten sectors' keys


@dataclass(frozen=True, slots=True)
class ChildRun:
    seconds: float
    peak_mb: float
    exit_code: int
    error: str


def run_import_bench(*, rows: int, postgres_url: str | None) -> list[BenchRow]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "observations.csv"
        start = time.perf_counter()
        write_file(path, rows)
        size = path.stat().st_size / 2**20
        out = [
            BenchRow(
                "—",
                f"write {rows:,} rows ({size:.0f} MB)",
                time.perf_counter() - start,
                rows,
                "—",
                "模拟数据",
            )
        ]
        backends = [("sqlite", f"sqlite:///{Path(folder) / 'bench.db'}")]
        if postgres_url:
            backends.append(("postgresql", postgres_url))
        for backend, url in backends:
            out.append(_load(backend, url, path, rows))
        out += [_reader(name, code, path, rows) for name, code in _READERS]
    return out


def write_file(path: Path, rows: int) -> None:
    """``rows`` observations of distinct keys: indicator × org unit × sector × month."""
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = CsvRowWriter(stream)
        writer.row(["indicator", "org_unit", "period", "value", "sector", "basis"])
        for row in _rows(rows):
            writer.row(row)


def _rows(count: int) -> Iterator[list[str | None]]:
    shape = synthetic.SyntheticShape()
    units = synthetic.reporting_units(synthetic.org_units(shape))
    flows = synthetic.indicator_codes(shape)[1:-1]  # the monthly flows (ind01 is a stock)
    n = 0
    for year in range(1990, 2100):
        for month in range(1, 13):
            for sector in SECTORS:
                for unit in units:
                    for code in flows:
                        if n == count:
                            return
                        value = f"{(n * 7919) % 1_000_003 / 100:.2f}"
                        yield [code, unit, f"{year}-{month:02d}", value, sector or None, "ytd"]
                        n += 1


def _load(backend: str, url: str, path: Path, rows: int) -> BenchRow:
    with fresh(url) as app:
        # the province's org units and indicators (its one month of figures is not written)
        province = synthetic.province(synthetic.SyntheticShape(months=1, enterprises=0))
        write_synthetic(
            app,
            org_units=province.org_units,
            indicators=province.indicators,
            observations=[],
            enterprises=[],
            rolled_up=synthetic.ROLLED_UP,
            reported_by=synthetic.REPORTED_BY,
        )
        database = app.settings.database_url
    run = child_run(
        [
            sys.executable,
            "-c",
            _CLI,
            "--db",
            database,
            "data",
            "load",
            str(path),
            "--status",
            "approved",
        ]
    )
    return _row(backend, f"data load (stream, check, merge) of {rows:,} rows", run, rows, goal=True)


_CLI = "import sys; from bioecon.cli import main; main(sys.argv[1:])"
_READERS = (
    ("pandas", "import sys, pandas; pandas.read_csv(sys.argv[1], dtype=str)"),
    ("duckdb", "import sys, duckdb; duckdb.read_csv(sys.argv[1]).fetchall()"),
)


def _reader(name: str, code: str, path: Path, rows: int) -> BenchRow:
    if importlib.util.find_spec(name) is None:
        return BenchRow(name, "read_csv", 0.0, rows, "—", "not installed (not in the bench extra)")
    run = child_run([sys.executable, "-c", code, str(path)])
    return _row(name, "read_csv only (no checks, no write)", run, rows, goal=False)


def _row(backend: str, step: str, run: ChildRun, rows: int, *, goal: bool) -> BenchRow:
    rate = rows / run.seconds
    figures = f"{rate:,.0f} rows/s, peak {run.peak_mb:,.0f} MB"
    if run.exit_code != 0:
        return BenchRow(backend, step, run.seconds, rows, "—", f"FAILED: {run.error}")
    if not goal:
        return BenchRow(backend, step, run.seconds, rows, "—", figures)
    met = rate >= GOAL_RATE if backend == "sqlite" else True
    met = met and run.peak_mb < GOAL_PEAK_MB * max(1.0, rows / 1_000_000)
    target = f"≥ {GOAL_RATE:,} rows/s (SQLite), < {GOAL_PEAK_MB} MB per 1M rows"
    return BenchRow(backend, step, run.seconds, rows, target, verdict(met) + f" ({figures})")


def child_run(args: list[str]) -> ChildRun:
    """Run ``args``; its wall time, the kernel's peak resident memory of it, its exit code."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        last = errors.read().decode("utf-8", "replace").strip().splitlines()[-1:]
    return ChildRun(seconds, usage.ru_maxrss / 1024, process.returncode, " ".join(last)[:200])
