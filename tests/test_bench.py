"""The benchmark's machinery at a tiny scale: it runs, writes the synthetic world, and the SQL
derivation agrees with the plain-pandas one. (Speed is measured by `bioecon bench ledger`,
never asserted in tests.)"""

from __future__ import annotations

from bioecon.bench import BenchRow, run_ledger_bench
from tests.conftest import POSTGRES_URL


def step(rows: list[BenchRow], prefix: str) -> int:
    return next(row.rows for row in rows if row.step.startswith(prefix))


def test_ledger_bench_runs_and_sql_agrees_with_pandas() -> None:
    rows = run_ledger_bench(scale=0.01, postgres_url=POSTGRES_URL, targets=20)
    backends = {row.backend for row in rows}
    assert "sqlite" in backends and (POSTGRES_URL is None or "postgresql" in backends)
    for backend in backends:
        mine = [row for row in rows if row.backend == backend]

        assert step(mine, "generate:") > 1000  # observations written
        assert step(mine, "(a) derivation") > 0 and step(mine, "(b) evaluation") == 20
        agreement = next(row for row in mine if "agree" in row.step)
        assert agreement.rows == 0, f"{backend}: SQL and pandas differ in {agreement.rows} values"
