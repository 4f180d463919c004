"""`bioecon bench projects` at a tiny scale: the machinery runs and the report covers every
generated project (speed is the benchmark's business, docs/performance.md)."""

from __future__ import annotations

from bioecon.bench.projects import run_projects_bench


def test_the_project_bench_runs_at_small_scale() -> None:
    rows = run_projects_bench(projects=40, postgres_url=None)
    assert [r.step for r in rows] == [
        "generate: 40 projects, 1440 progress rows",  # 40 × 36 months
        "monthly report 2026-12 (median of 3)",
        "monthly report 2026-06 (median of 3)",
        "selection 2026 ranked (40 candidates)",
    ]
    # projects, annual plans, progress rows, selection rows (each project, each of 3 years)
    assert rows[0].rows == 40 + 40 * 3 + 1440 + 40 * 3
    assert [r.rows for r in rows[1:]] == [40, 40, 40]
