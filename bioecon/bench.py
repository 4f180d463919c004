"""`bioecon bench ledger`: province-scale ledger benchmark (goals in docs/performance.md).

Times, on a fresh SQLite file and (when given) on PostgreSQL:
(a) the full derivation — 当期值, 累计, 同比, 累计同比, 环比 — for every org unit and
    indicator at one as-of period, through the same service the CLI uses;
(b) the evaluation of 500 targets;
(c) the same derivation written plainly in pandas, reading the observations from the same
    database, as the script a user would otherwise write. Its results are compared with (a).
"""

from __future__ import annotations

import gc
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from bioecon.app import Bioecon
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
from bioecon.services.database import upgrade_database
from bioecon.services.evaluation import evaluate_plan
from bioecon.services.ledger import ledger
from bioecon.services.plans import load_plan
from bioecon.settings import Settings
from bioecon.store import synthetic
from bioecon.store.maintenance import fresh_schema, refresh_statistics

BENCH_SCHEMA = "bioecon_bench"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BenchRow:
    backend: str
    step: str
    seconds: float
    rows: int
    goal: str
    verdict: str


def timed(action: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def scaled_shape(scale: float) -> synthetic.SyntheticShape:
    """The full shape at scale 1 (≥ 150 org units, 50,000 enterprises, 72 months, 12 indicators)."""
    full = synthetic.SyntheticShape()
    return synthetic.SyntheticShape(
        cities=max(2, round(full.cities * scale)),
        districts_per_city=full.districts_per_city,
        enterprises=max(100, round(full.enterprises * scale)),
    )


def run_ledger_bench(
    *, scale: float, postgres_url: str | None, targets: int = 500
) -> list[BenchRow]:
    rows: list[BenchRow] = []
    with tempfile.TemporaryDirectory() as folder:
        rows += _bench_backend("sqlite", f"sqlite:///{Path(folder) / 'bench.db'}", scale, targets)
    if postgres_url:
        rows += _bench_backend("postgresql", postgres_url, scale, targets)
    return rows


@contextmanager
def _fresh(url: str) -> Iterator[Bioecon]:
    """A migrated, empty database: the SQLite file is new; on PostgreSQL a schema of its
    own, ``bioecon_bench``, is dropped and created (nothing else in the database is touched)."""
    settings = Settings.resolve(database_url=url)
    if settings.database_url.startswith("postgresql"):
        settings = Settings(database_url=fresh_schema(settings.database_url, BENCH_SCHEMA))
    app = Bioecon(settings)
    try:
        upgrade_database(app)
        yield app
    finally:
        app.close()


def _bench_backend(backend: str, url: str, scale: float, target_count: int) -> list[BenchRow]:
    shape = scaled_shape(scale)
    as_of = Period.month(shape.first_year + shape.months // 12 - 1, 12)
    out: list[BenchRow] = []
    with _fresh(url) as app:
        with app.transaction() as connection:
            summary, seconds = timed(lambda: synthetic.generate(connection, shape))
            refresh_statistics(
                connection,
                ("org_unit", "indicator", "observation", "enterprise", "enterprise_year"),
            )
        out.append(
            BenchRow(
                backend,
                f"generate: {summary.org_units} org units, {summary.indicators} indicators, "
                f"{summary.enterprises} enterprises ({summary.enterprise_years} enterprise-years)",
                seconds,
                summary.observations,
                "—",
                "observations written",
            )
        )
        with app.reading() as connection:
            orgs = synthetic.org_unit_codes(connection)
        codes = synthetic.indicator_codes(shape)

        def derive_all() -> list[LedgerEntry]:
            found: list[LedgerEntry] = []
            for code in codes:
                period = Period.of_year(as_of.year) if code == "ent_revenue" else as_of
                found += ledger(app, indicator=code, org_units=orgs, first=period, last=period)
            return found

        entries, seconds = timed(derive_all)
        out.append(
            BenchRow(
                backend,
                "(a) derivation, all org units × indicators",
                seconds,
                len(entries),
                "< 5 s",
                _verdict(seconds < 5),
            )
        )

        bundle = _target_plan(orgs, codes, target_count, shape)
        load_plan(app, bundle=bundle, source="bench")
        evaluations, seconds = timed(lambda: evaluate_plan(app, plan=bundle.plan.code, as_of=as_of))
        out.append(
            BenchRow(
                backend,
                f"(b) evaluation of {len(evaluations)} targets",
                seconds,
                len(evaluations),
                "< 1 s",
                _verdict(seconds < 1),
            )
        )

        baseline_start = time.perf_counter()
        with app.reading() as connection:
            raw = synthetic.observation_rows(connection)
            tree = synthetic.org_unit_tree(connection)
        read_seconds = time.perf_counter() - baseline_start
        frame, compute_seconds = timed(lambda: pandas_derivation(raw, tree, as_of))
        total = read_seconds + compute_seconds
        out.append(
            BenchRow(
                backend,
                f"(c) pandas baseline (read {read_seconds:.2f} s + compute {compute_seconds:.2f} s)",
                total,
                len(frame),
                "(a) faster",
                _verdict(out[1].seconds < total),
            )
        )
        mismatches = compare(entries, frame)
        out.append(
            BenchRow(
                backend,
                "(a) and (c) agree on value, 累计, 同比, 累计同比",
                0.0,
                mismatches,
                "0 differences",
                _verdict(mismatches == 0),
            )
        )
    return out


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def _target_plan(
    orgs: list[str], codes: list[str], count: int, shape: synthetic.SyntheticShape
) -> PlanBundle:
    """``count`` level targets spread over org units and monthly indicators."""
    monthly = [c for c in codes if c != "ent_revenue"]
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


def pandas_derivation(
    raw: list[tuple[Any, ...]], tree: list[tuple[str, str | None, bool]], as_of: Period
) -> pd.DataFrame:
    """The derivation a user would script: month values from 累计, roll-up through the
    additive tree, 同比 against the same period last year. Floats, as pandas users get."""
    frame = pd.DataFrame(
        raw, columns=["indicator", "org_unit", "period_type", "year", "idx", "basis", "value"]
    )
    frame["value"] = frame["value"].astype(float)
    frame = frame[frame["year"] >= as_of.year - 2]
    children: dict[str, list[str]] = {}
    for code, parent, additive in tree:
        if parent is not None and additive:
            children.setdefault(parent, []).append(code)
    pairs = []
    for code, _, _ in tree:
        stack = [code]
        while stack:
            node = stack.pop()
            pairs.append((code, node))
            stack += children.get(node, [])
    closure = pd.DataFrame(pairs, columns=["target", "org_unit"])
    reported = set(frame["org_unit"])
    ancestors_reporting = closure[closure["org_unit"].isin(reported)]
    frame = frame.sort_values(["indicator", "org_unit", "year", "idx"])
    stock = frame["basis"] == "period_end"
    frame["ytd"] = frame["value"].where(~stock)
    previous = frame.groupby(["indicator", "org_unit", "year"])["ytd"].shift(1)
    frame["pv"] = frame["value"].where(stock, frame["ytd"] - previous.fillna(0))
    merged = ancestors_reporting.merge(frame, on="org_unit")
    totals = merged.groupby(["indicator", "target", "period_type", "year", "idx"], as_index=False)[
        ["pv", "ytd"]
    ].sum(min_count=1)
    last_year = totals.copy()
    last_year["year"] += 1
    joined = totals.merge(
        last_year,
        on=["indicator", "target", "period_type", "year", "idx"],
        how="left",
        suffixes=("", "_ly"),
    )
    joined["yoy"] = (joined["pv"] / joined["pv_ly"] - 1) * 100
    joined["ytd_yoy"] = (joined["ytd"] / joined["ytd_ly"] - 1) * 100
    at = (
        (joined["period_type"] == "month")
        & (joined["year"] == as_of.year)
        & (joined["idx"] == as_of.index)
    ) | ((joined["period_type"] == "year") & (joined["year"] == as_of.year))
    return joined[at].reset_index(drop=True)


def compare(entries: list[LedgerEntry], frame: pd.DataFrame) -> int:
    """How many (indicator, org unit) results differ beyond float rounding."""
    records: list[dict[str, Any]] = frame.to_dict("records")  # type: ignore[assignment]
    expected = {(r["indicator"], r["target"]): r for r in records}
    differences = 0
    for entry in entries:
        row = expected.get((entry.indicator, entry.org_unit))
        if row is None:
            differences += entry.value is not None
            continue
        pairs = [
            (entry.value, row["pv"]),
            (entry.ytd, row["ytd"]),
            (entry.yoy, row["yoy"]),
            (entry.ytd_yoy, row["ytd_yoy"]),
        ]
        for ours, theirs in pairs:
            missing_theirs = theirs is None or pd.isna(theirs)
            if ours is None or missing_theirs:
                differences += (ours is None) != missing_theirs
            elif abs(float(ours) - float(theirs)) > 1e-6 * max(1.0, abs(float(theirs))):
                differences += 1
    return differences


# --- bench classify -------------------------------------------------------------------------

_OTHER_CODES = ["5131", "5251", "6513", "7211", "4710", "2919", "3311", "1331", "5191", "7499"]
_GENERIC_SCOPE = [
    "技术开发、技术咨询、技术交流、技术转让、技术推广",
    "货物进出口；技术进出口",
    "日用百货销售",
    "第二类医疗器械销售",
    "企业管理咨询",
    "会议及展览服务",
    "软件开发",
    "物业管理",
    "普通货物仓储服务",
]


def synthetic_enterprises(count: int, seed: int = 7) -> list[tuple[str, str, str | None, str]]:
    """(uscc, name, industry_code, business_scope) with valid credit codes: about a third with
    a bio code, a third with bio words in the scope only, a third neither (模拟数据)."""
    import random

    from stdnum.cn.uscc import calc_check_digit

    from bioecon.classify.tables import load_tables

    tables = load_tables()
    rng = random.Random(seed)
    bio_codes = sorted(tables.by_code)
    keywords = [word for words in tables.keywords.values() for word in words]
    rows = []
    for n in range(count):
        body = f"91{rng.choice(['430100', '320100', '220100', '310116', '429006'])}{n:08d}"
        body += "0123456789"[n % 10]
        uscc = body + calc_check_digit(body)
        kind = n % 3
        code: str | None = rng.choice(bio_codes) if kind == 0 else rng.choice(_OTHER_CODES)
        if kind == 1 and n % 2:
            code = None
        words = rng.sample(_GENERIC_SCOPE, 3)
        if kind != 2:
            words.insert(rng.randrange(4), rng.choice(keywords) + "；" + rng.choice(keywords))
        rows.append(
            (
                uscc,
                f"模拟企业{n}",
                code,
                "；".join(words) + "（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
            )
        )
    return rows


def _classify_all(classifier: Any, rows: list[tuple[str, str, str | None, str]]) -> int:
    return sum(classifier.classify(code, scope).category is not None for _, _, code, scope in rows)


def run_classify_bench(*, count: int, import_count: int) -> list[BenchRow]:
    from bioecon.classify.classifier import Classifier
    from bioecon.classify.tables import load_tables
    from bioecon.io.enterprises import read_enterprise_file
    from bioecon.services.enterprises import load_enterprises

    out: list[BenchRow] = []
    rows, seconds = timed(lambda: synthetic_enterprises(count))
    out.append(
        BenchRow("—", f"generate {count} synthetic enterprises", seconds, count, "—", "模拟数据")
    )
    classifier = Classifier(load_tables())

    classified, seconds = timed(partial(_classify_all, classifier, rows))
    rate = count / seconds
    out.append(
        BenchRow(
            "python",
            f"classification, one core ({classified} bio-economy)",
            seconds,
            count,
            "≥ 100,000/s",
            _verdict(rate >= 100_000) + f" ({rate:,.0f}/s)",
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "enterprises.csv"
        lines = ["uscc,name,industry_code,business_scope,year,revenue"]
        lines += [
            f'{u},{name},{code or ""},"{scope}",2025,{1000 + i % 5000}'
            for i, (u, name, code, scope) in enumerate(rows[:import_count])
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        del rows, lines, classifier  # time the import alone, not this benchmark's own leftovers
        gc.collect()
        with _fresh(f"sqlite:///{Path(folder) / 'bench.db'}") as app:

            def load() -> int:
                return load_enterprises(app, parsed=read_enterprise_file(path)).created

            created, seconds = timed(load)
        rate = import_count / seconds
        out.append(
            BenchRow(
                "sqlite",
                f"import (read, validate, merge, write) of {created} enterprises",
                seconds,
                import_count,
                "≥ 20,000 rows/s",
                _verdict(rate >= 20_000) + f" ({rate:,.0f}/s)",
            )
        )
    return out


# --- bench extract --------------------------------------------------------------------------


def run_extract_bench(*, megabytes: float) -> list[BenchRow]:
    from importlib import resources

    from bioecon.extract.targets import extract_targets
    from bioecon.extract.tasks import extract_tasks

    folder = resources.files("bioecon.data").joinpath("seeds")
    seeds = [
        folder.joinpath(name).read_text(encoding="utf-8")
        for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".txt"))
    ]
    corpus = "\n".join(seeds)
    copies = max(1, int(megabytes * 1_000_000 / len(corpus.encode("utf-8"))) + 1)
    text = "\n".join([corpus] * copies)
    size = len(text.encode("utf-8")) / 1_000_000
    (targets, tasks), seconds = timed(lambda: (extract_targets(text), extract_tasks(text)))
    rate = size / seconds
    return [
        BenchRow(
            "python",
            f"extract targets and tasks from {size:.2f} MB ({len(targets)} targets, {len(tasks)} tasks)",
            seconds,
            len(targets) + len(tasks),
            "≥ 1 MB/s",
            _verdict(rate >= 1) + f" ({rate:.2f} MB/s)",
        )
    ]


# --- bench web ------------------------------------------------------------------------------

WEB_PAGES = (
    "/",
    "/plans/changsha-2025",
    "/plans/changsha-2025/text",
    "/indicators/biomedicine_scale?org_unit=430100",
    "/compare",
    "/enterprises",
    "/enterprises?tier=gazelle",
    "/api/plans",
    "/api/plans/changsha-2025/targets",
    "/api/ledger?indicator=biomedicine_scale&org_unit=430100&from=2024-01&to=2025-12",
    "/api/enterprises",
)


def run_web_bench(*, requests: int) -> list[BenchRow]:
    """Median and p95 latency of each page on the demo data, over loopback HTTP."""
    import statistics

    import httpx

    from bioecon.demo import build_demo
    from bioecon.web.app import create_app
    from bioecon.web.server import serving

    out: list[BenchRow] = []
    with (
        tempfile.TemporaryDirectory() as folder,
        _fresh(f"sqlite:///{Path(folder) / 'demo.db'}") as app,
    ):
        build_demo(app)
        with (
            serving(create_app(app, simulated=True)) as base,
            httpx.Client(base_url=base, timeout=30) as client,
        ):
            for path in WEB_PAGES:
                client.get(path).raise_for_status()  # warm up
                times = []
                for _ in range(requests):
                    start = time.perf_counter()
                    client.get(path).raise_for_status()
                    times.append(time.perf_counter() - start)
                times.sort()
                median = statistics.median(times)
                p95 = times[max(0, round(0.95 * len(times)) - 1)]
                ok = median < 0.150 and p95 < 0.300
                out.append(
                    BenchRow(
                        "sqlite",
                        f"{path}  (p95 {p95 * 1000:.0f} ms)",
                        median,
                        requests,
                        "median < 150 ms, p95 < 300 ms",
                        _verdict(ok),
                    )
                )
    return out
