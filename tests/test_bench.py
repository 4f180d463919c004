"""The benchmark's machinery at a tiny scale: it runs, writes the synthetic world, and the SQL
derivation agrees with the plain-pandas one. (Speed is measured by `bioecon bench ledger`,
never asserted in tests.)"""

from __future__ import annotations

import sys

import pytest

from bioecon.bench.harness import BenchRow
from bioecon.bench.ledger import run_ledger_bench
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
