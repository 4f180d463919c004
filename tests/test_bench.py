"""The benchmark's machinery at a tiny scale: it runs, writes the synthetic world, and the SQL
derivation agrees with the plain-pandas one. (Speed is measured by `bioecon bench ledger`,
never asserted in tests.)"""

from __future__ import annotations

import sys

import pytest

from bioecon.bench.harness import BenchRow
from bioecon.bench.ledger import run_ledger_bench
from bioecon.bench.review import run_review_bench
from bioecon.cli import main
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
        columnar = next(row for row in mine if row.step.startswith("(d) bioecon, DuckDB"))
        assert columnar.rows == 0, f"{backend}: DuckDB or polars differ in {columnar.rows} values"
        # the full ledger: as many (indicator, unit, period) rows from each baseline
        full = {row.step: row.rows for row in mine if row.step.startswith("(e)")}
        assert len({v for k, v in full.items() if "bioecon" not in k}) == 1, full


def test_review_bench_runs_over_the_queue_and_the_calendar_it_made() -> None:
    rows = run_review_bench(postgres_url=POSTGRES_URL, events=1_000, scale=0.01)
    for backend in {row.backend for row in rows}:
        mine = [row for row in rows if row.backend == backend]
        # scale 0.01: 2 cities × (10 districts + 1 park) = 22 reporting units, 11 monthly
        # indicators: 22 × 11 = 242 values of 2025-12 queued, all the admin's to review; a
        # city's reviewer approves its 10 districts (its park is its district's): 110
        assert [row.rows for row in mine if row.step.startswith("(a/b)")] == [242, 110]
        assert step(mine, "(c) reporting status") == 22 * 72  # units × months 2020-01 … 2025-12
        assert step(mine, "(d) on-time rates") == 22
        assert 0 < step(mine, "(f)") <= 242  # at most one note per queued value


@pytest.mark.parametrize(
    ("command", "module"), [(["ledger", "--scale", "0.01"], "pandas"), (["web"], "httpx")]
)
def test_bench_without_its_extra_names_the_extra_to_install(
    command: list[str],
    module: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what `import <module>` meets without it
    with pytest.raises(SystemExit) as done:
        main(["bench", *command])
    assert done.value.code == 7  # ConfigurationError, as in docs/cli.md
    err = capsys.readouterr().err
    assert f"needs {module}" in err and "pip install 'bioecon[bench]'" in err
    assert "Traceback" not in err
