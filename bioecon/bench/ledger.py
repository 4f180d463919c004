"""`bioecon bench ledger`: province-scale ledger benchmark (goals in docs/performance.md).

Times, on a fresh SQLite file and (when given) on PostgreSQL:
(a) the full derivation — 当期值, 累计, 同比, 累计同比, 环比 — for every org unit and
    indicator at one as-of period, through the same service the CLI uses;
(b) the evaluation of 500 targets;
(c) the same derivation written plainly in pandas, reading the observations from the same
    database, as the script a user would otherwise write. Its results are compared with (a).
"""

from __future__ import annotations

import time
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.bench import synthetic
from bioecon.bench.harness import (
    BenchRow,
    fresh,
    on_each_backend,
    require_extra,
    timed,
    verdict,
)
from bioecon.domain.ledger import LedgerEntry
from bioecon.domain.model import (
    OrgLevel,
    OrgUnit,
    Plan,
    PlanBundle,
    Target,
    TargetKind,
    TargetOp,
)
from bioecon.domain.periods import Period
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.benchmark import observation_table, org_unit_tree, write_synthetic
from bioecon.services.evaluation import evaluate_plan
from bioecon.services.ledger import ledger
from bioecon.services.plans import load_plan


def run_ledger_bench(
    *, scale: float, postgres_url: str | None, targets: int = 500
) -> list[BenchRow]:
    for module in ("pandas", "duckdb", "polars"):  # before minutes of generating, not after
        require_extra(module, "ledger")
    return on_each_backend(
        lambda backend, url: _bench_backend(backend, url, scale, targets), postgres_url
    )


def _bench_backend(backend: str, url: str, scale: float, target_count: int) -> list[BenchRow]:
    shape = synthetic.scaled_shape(scale)
    as_of = Period.month(shape.first_year + shape.months // 12 - 1, 12)
    with fresh(url) as app:
        generated = _generate(app, backend, shape)
        orgs = sorted(u.code for u in synthetic.org_units(shape))
        entries, derived = _derive(app, backend, orgs, synthetic.indicator_codes(shape), as_of)
        evaluated = _evaluate(app, backend, orgs, shape, target_count, as_of)
        baselines = _baseline(app, backend, entries, derived, as_of)
        full = _full_ledger(app, backend, orgs, shape)
        return [generated, derived, evaluated, *baselines, *full]


def _generate(app: Bioecon, backend: str, shape: synthetic.SyntheticShape) -> BenchRow:
    def generate_and_write() -> tuple[synthetic.SyntheticProvince, int]:
        world = synthetic.province(shape)
        written = write_synthetic(
            app,
            org_units=world.org_units,
            indicators=world.indicators,
            observations=world.observations,
            enterprises=world.enterprises,
            rolled_up=synthetic.ROLLED_UP,
            reported_by=synthetic.REPORTED_BY,
        )
        return world, written

    (world, written), seconds = timed(generate_and_write)
    return BenchRow(
        backend,
        f"generate: {len(world.org_units)} org units, {len(world.indicators)} indicators, "
        f"{len(world.enterprises)} enterprises ({world.enterprise_years} enterprise-years)",
        seconds,
        written,
        "—",
        "observations written",
    )


def _derive(
    app: Bioecon, backend: str, orgs: list[str], codes: list[str], as_of: Period
) -> tuple[list[LedgerEntry], BenchRow]:
    def derive_all() -> list[LedgerEntry]:
        found: list[LedgerEntry] = []
        for code in codes:
            period = Period.of_year(as_of.year) if code == synthetic.ROLLED_UP else as_of
            found += ledger(
                app, actor=LOCAL_ADMIN, indicator=code, org_units=orgs, first=period, last=period
            )
        return found

    entries, seconds = timed(derive_all)
    step = "(a) derivation, all org units × indicators"
    return entries, BenchRow(backend, step, seconds, len(entries), "< 5 s", verdict(seconds < 5))


def _evaluate(
    app: Bioecon,
    backend: str,
    orgs: list[str],
    shape: synthetic.SyntheticShape,
    count: int,
    as_of: Period,
) -> BenchRow:
    bundle = _target_plan(orgs, synthetic.indicator_codes(shape), count, shape)
    load_plan(app, actor=LOCAL_ADMIN, origin="bench", bundle=bundle, source="bench")
    evaluations, seconds = timed(
        lambda: evaluate_plan(app, actor=LOCAL_ADMIN, plan=bundle.plan.code, as_of=as_of)
    )
    return BenchRow(
        backend,
        f"(b) evaluation of {len(evaluations)} targets",
        seconds,
        len(evaluations),
        "< 1 s",
        verdict(seconds < 1),
    )


def _baseline(
    app: Bioecon, backend: str, entries: list[LedgerEntry], derived: BenchRow, as_of: Period
) -> list[BenchRow]:
    """(c) the pandas script, timed from its reads, and its agreement with (a)."""
    from bioecon.bench.baseline import compare, pandas_derivation

    start = time.perf_counter()
    raw, tree = observation_table(app), org_unit_tree(app)
    read_seconds = time.perf_counter() - start
    frame, compute_seconds = timed(lambda: pandas_derivation(raw, tree, as_of))
    total = read_seconds + compute_seconds
    mismatches = compare(entries, frame)
    columnar = _columnar(backend, raw, tree, as_of, entries, derived.seconds, "(d)")
    return [
        BenchRow(
            backend,
            f"(c) pandas baseline (read {read_seconds:.2f} s + compute {compute_seconds:.2f} s)",
            total,
            len(frame),
            "(a) faster",
            verdict(derived.seconds < total),
        ),
        BenchRow(
            backend,
            "(a) and (c) agree on value, 累计, 同比, 累计同比",
            0.0,
            mismatches,
            "0 differences",
            verdict(mismatches == 0),
        ),
        *columnar,
    ]


def _columnar(
    backend: str,
    raw: list[tuple[object, ...]],
    tree: list[tuple[str, str | None, bool]],
    as_of: Period | None,
    entries: list[LedgerEntry] | None,
    ours: float,
    label: str,
) -> list[BenchRow]:
    """DuckDB and polars over the rows pandas read (compute only), beside bioecon's ``ours``
    seconds; at ``as_of``, with their agreement with bioecon's ``entries``."""
    import pandas as pd

    from bioecon.bench.baseline import compare
    from bioecon.bench.columnar import duckdb_derivation, polars_derivation

    duck, duck_seconds = timed(lambda: duckdb_derivation(raw, tree, as_of))
    polar, polar_seconds = timed(lambda: polars_derivation(raw, tree, as_of))
    rows = [
        BenchRow(backend, f"{label} DuckDB (compute)", duck_seconds, len(duck), "", ""),
        BenchRow(backend, f"{label} polars (compute)", polar_seconds, len(polar), "", ""),
    ]
    if entries is not None:
        differ = compare(entries, duck) + compare(entries, pd.DataFrame(polar.to_dicts()))
        rows.append(
            BenchRow(backend, f"{label} bioecon, DuckDB and polars agree", 0.0, differ, "0", "")
        )
    rows[0] = BenchRow(
        backend,
        rows[0].step,
        duck_seconds,
        len(duck),
        "bioecon faster" if entries else "bioecon within 2×",
        verdict(ours < duck_seconds if entries else ours < 2 * duck_seconds),
    )
    return rows


def _full_ledger(
    app: Bioecon, backend: str, orgs: list[str], shape: synthetic.SyntheticShape
) -> list[BenchRow]:
    """(e) the full ledger: every month of every monthly indicator (every year of the yearly
    one) for every org unit, through the service; pandas, DuckDB and polars beside it."""
    from bioecon.bench.baseline import pandas_derivation

    first_year, last_year = shape.first_year, shape.first_year + shape.months // 12 - 1

    def derive_all() -> int:
        count = 0
        for code in synthetic.indicator_codes(shape):
            yearly = code == synthetic.ROLLED_UP
            first = Period.of_year(first_year) if yearly else Period.month(first_year, 1)
            last = Period.of_year(last_year) if yearly else Period.month(last_year, 12)
            count += len(
                ledger(
                    app, actor=LOCAL_ADMIN, indicator=code, org_units=orgs, first=first, last=last
                )
            )
        return count

    count, seconds = timed(derive_all)
    raw, tree = observation_table(app), org_unit_tree(app)
    frame, pandas_seconds = timed(lambda: pandas_derivation(raw, tree, None))
    return [
        BenchRow(
            backend, f"(e) full ledger, {shape.months} months: bioecon", seconds, count, "", ""
        ),
        BenchRow(backend, "(e) pandas (compute)", pandas_seconds, len(frame), "", ""),
        *_columnar(backend, raw, tree, None, None, seconds, "(e)"),
    ]


def _target_plan(
    orgs: list[str], codes: list[str], count: int, shape: synthetic.SyntheticShape
) -> PlanBundle:
    """``count`` level targets spread over org units and monthly indicators."""
    monthly = [c for c in codes if c != synthetic.ROLLED_UP]
    targets = []
    for n in range(count):
        code = monthly[n % len(monthly)]
        targets.append(
            Target(
                key=f"B{n:04d}",
                metric=code,
                kind=TargetKind.LEVEL,
                op=TargetOp.GE,
                value=Decimal(1000 + n),
                unit="家" if code == "ind01" else "万元",  # ind01 is the stock (企业数)
                indicator=code,
                subject_org_unit=orgs[n % len(orgs)],
                deadline_year=shape.first_year + shape.months // 12 + 1,
            )
        )
    region = OrgUnit("S", "模拟省", OrgLevel.PROVINCE)
    return PlanBundle(
        plan=Plan(
            code="bench",
            title="模拟规划",
            region=region.code,
            horizon_start=shape.first_year + 1,
            horizon_end=shape.first_year + 7,
        ),
        targets=tuple(targets),
    )
