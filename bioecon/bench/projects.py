"""`bioecon bench projects`: the monthly 项目调度 report over a generated library — 5,000
projects in 50 districts with an annual plan for each of three years, 36 months of progress
(180,000 rows) and every project a scored candidate of each year's selection (每年遴选, one
in six chosen) — on a fresh SQLite file and on PostgreSQL when given. Goal: the report in
under a second on both (issue #14; figures in docs/performance.md); the year's selection
ranked is timed beside it."""

from __future__ import annotations

import random
import statistics
from datetime import date
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.bench.harness import BenchRow, fresh, on_each_backend, timed, verdict
from bioecon.domain.model import OrgLevel, OrgUnit, Plan, PlanBundle, ProjectStage
from bioecon.domain.periods import Period
from bioecon.domain.project_selection import SelectionEntry
from bioecon.domain.projects import ProgressEntry, ProjectRecord
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.plans import load_plan
from bioecon.services.projects import (
    project_report,
    project_selection,
    write_synthetic_projects,
)

PLAN = "bench-projects"
FIRST_YEAR = 2024
YEARS = 3  # 36 months
DISTRICTS = 50
GOAL_SECONDS = 1.0
RUNS = 3  # the report is timed this many times; the median is reported
_STAGES = (ProjectStage.SIGNED, ProjectStage.STARTED, ProjectStage.UNDER_CONSTRUCTION)


def run_projects_bench(*, projects: int, postgres_url: str | None) -> list[BenchRow]:
    return on_each_backend(lambda backend, url: _backend(backend, url, projects), postgres_url)


def _units() -> tuple[OrgUnit, ...]:
    city = OrgUnit("B", "模拟市", OrgLevel.CITY)
    districts = [
        OrgUnit(f"B-{d:02d}", f"模拟区{d}", OrgLevel.DISTRICT, parent="B")
        for d in range(1, DISTRICTS + 1)
    ]
    return (city, *districts)


Generated = tuple[
    list[ProjectRecord], list[tuple[str, int, Decimal]], list[ProgressEntry], list[SelectionEntry]
]


def _generated(count: int) -> Generated:
    rng = random.Random(14)
    records, plans, entries, selections = [], [], [], []
    for n in range(count):
        code = f"BP{n:05d}"
        start = date(FIRST_YEAR, 1 + n % 12, 1)
        records.append(
            ProjectRecord(
                code,
                f"模拟项目{n}",
                _STAGES[n % len(_STAGES)],
                org_unit=f"B-{1 + n % DISTRICTS:02d}",
                plan=PLAN,
                responsible_unit=f"模拟区{1 + n % DISTRICTS}发改局",
                total_investment=Decimal(rng.randint(1, 100)),
                planned_start=start,
                actual_start=start if n % 10 else None,
                in_statistics=start if n % 7 else None,
            )
        )
        pace = Decimal(rng.randint(40, 130)) / 100
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            annual = Decimal(rng.randint(1_000, 50_000))
            plans.append((code, year, annual))
            score = Decimal(rng.randint(400, 1000)) / 10
            selections.append(SelectionEntry(code, year, n % 6 == 0, score, scorer="模拟评审组"))
            entries += [
                ProgressEntry(
                    code, Period.month(year, m), (annual * pace * m / 12).quantize(Decimal(1))
                )
                for m in range(1, 13)
            ]
    return records, plans, entries, selections


def _backend(backend: str, url: str, count: int) -> list[BenchRow]:
    last = Period.month(FIRST_YEAR + YEARS - 1, 12)
    with fresh(url) as app:
        bundle = PlanBundle(Plan(PLAN, "基准测试规划", "B"), org_units=_units())
        load_plan(app, actor=LOCAL_ADMIN, origin="bench", bundle=bundle, source="bench")
        records, plans, entries, selections = _generated(count)
        written, seconds = timed(
            lambda: write_synthetic_projects(
                app,
                records=records,
                year_plans=plans,
                entries=entries,
                selections=selections,
                by="bench",
            )
        )
        rows = [
            BenchRow(
                backend,
                f"generate: {count} projects, {len(entries)} progress rows",
                seconds,
                written,
                "—",
                "",
            )
        ]
        for period in (last, Period.month(last.year, 6)):
            rows.append(_report(app, backend, period, count))
        ranked, seconds = timed(
            lambda: project_selection(app, actor=LOCAL_ADMIN, plan=PLAN, year=last.year)
        )
        step = f"selection {last.year} ranked ({len(ranked)} candidates)"
        rows.append(BenchRow(backend, step, seconds, len(ranked), "—", ""))
        return rows


def _report(app: Bioecon, backend: str, period: Period, count: int) -> BenchRow:
    times = []
    for _ in range(RUNS):
        found, seconds = timed(
            lambda: project_report(app, actor=LOCAL_ADMIN, plan=PLAN, period=period)
        )
        assert found.projects == count
        times.append(seconds)
    median = statistics.median(times)
    step = f"monthly report {period} (median of {RUNS})"
    return BenchRow(
        backend, step, median, count, f"< {GOAL_SECONDS:g} s", verdict(median < GOAL_SECONDS)
    )
