"""Builds the demo database: the five seed plans and a simulated ledger (模拟数据).

Like any importer it reads files and writes only through :mod:`bioecon.services`:

1. each seed plan is read by the extractor (``bioecon extract``), then corrected by the
   reviewed correction file ``bioecon/data/demo/corrections/<plan>.yaml`` (人工校正: every
   correction keeps the extracted value in the target's note, and the build log counts them;
   tasks the extractor cannot find are added from it, :mod:`bioecon.demo_review`); the
   indicators the targets link are declared with the catalogue's definitions;
2. org units come from ``org_units.yaml`` (统计用区划代码 where they exist);
3. a ledger from 2020 to the latest complete month is simulated for every ledger indicator
   the targets use, at its own period type and basis, passing through the calibration points
   (published figures where they exist), with seasonality, growth and a few deliberate
   data-quality problems (:mod:`bioecon.demo_ledger`);
4. simulated enterprises with valid credit codes, yearly revenue, dated flags (those the
   office records among them) and two unicorns a plan are loaded and classified, so tier
   targets (百亿级企业, 创新型中小企业 …) are measured from the registry.

Deterministic for a given build month; building again changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from stdnum.cn.uscc import calc_check_digit

from bioecon.app import Bioecon
from bioecon.catalogs import data_file_path, indicator_catalogue, read_data_file, read_data_text
from bioecon.classify.tables import load_tables
from bioecon.demo_accounts import DEMO_ORIGIN, create_demo_accounts
from bioecon.demo_assessment import build_demo_assessment
from bioecon.demo_ledger import SIMULATED, simulated_ledger
from bioecon.demo_policies import build_demo_policies
from bioecon.demo_projects import build_demo_projects
from bioecon.demo_registers import build_demo_registers
from bioecon.demo_review import Corrected, Review, corrected, read_review, with_tasks
from bioecon.demo_tasks import build_demo_tasks
from bioecon.domain.catalogue import IndicatorSource, source_of_code
from bioecon.domain.enterprise_input import EnterpriseFile, EnterpriseRow
from bioecon.domain.model import (
    Indicator,
    ObservationStatus,
    OrgLevel,
    OrgUnit,
    Plan,
    PlanBundle,
    Target,
)
from bioecon.domain.periods import Period
from bioecon.domain.uscc import org_check_char
from bioecon.extract.planfile import to_bundle
from bioecon.extract.targets import extract_targets
from bioecon.extract.tasks import extract_tasks
from bioecon.io.data_set_file import read_data_set_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.data_sets import load_data_set
from bioecon.services.database import database_info, upgrade_database
from bioecon.services.enterprises import classify_registry, load_enterprises
from bioecon.services.observations import load_observations
from bioecon.services.plans import load_plan


def _demo_data_set(app: Bioecon, last: Period) -> list[str]:
    """The data set the demo accounts report (``data/demo/data_set.yaml``), from ``last``."""
    with data_file_path("demo/data_set.yaml") as path:
        spec = read_data_set_file(path)
    data_set = replace(spec, first_period=last.to(spec.period_type))
    report = load_data_set(app, actor=LOCAL_ADMIN, data_set=data_set)
    done = "created" if report.created else "updated"
    return [f"data set {report.code}: {done}, reporting from {data_set.first_period}"]


def build_demo(app: Bioecon, *, today: date | None = None) -> list[str]:
    """Build (or refresh) the demo; return the build log."""
    log: list[str] = []
    info = upgrade_database(app)
    log.append(f"database {info.url} at schema revision {info.revision}")
    org_units = [_org_unit(record) for record in read_data_file("demo/org_units.yaml")["org_units"]]
    last = Period.containing(today or date.today()).previous()
    total_corrections = 0
    rng = random.Random(20251122)
    for spec in read_data_file("demo/plans.yaml")["plans"]:
        bundle, review = _plan(spec, org_units)
        total_corrections += review.corrected.applied + len(review.review.tasks)
        report = load_plan(
            app,
            actor=LOCAL_ADMIN,
            origin=DEMO_ORIGIN,
            bundle=bundle,
            source=f"seeds/{spec['seed']}",
        )
        log += _review_log(report.code, report.outcome, bundle, review)
        loaded = load_observations(
            app,
            actor=LOCAL_ADMIN,
            origin=DEMO_ORIGIN,
            parsed=simulated_ledger(
                spec, bundle, org_units, last, random.Random(f"ledger {spec['code']}")
            ),
            status=ObservationStatus.APPROVED,
            reported_by=SIMULATED,
        )
        log.append(
            f"  {SIMULATED} ledger to {last}: {loaded.inserted} inserted, {loaded.updated} updated, {loaded.unchanged} unchanged"
        )
        log += build_demo_projects(app, spec, org_units, last, rng)
        log += build_demo_tasks(app, bundle, last)
        enterprises = load_enterprises(
            app,
            actor=LOCAL_ADMIN,
            origin=DEMO_ORIGIN,
            parsed=_simulated_enterprises(spec, org_units, rng),
        )
        log.append(
            f"  {SIMULATED} enterprises: {enterprises.created} created, {enterprises.updated} updated, {enterprises.unchanged} unchanged"
        )
    log += build_demo_registers(app, org_units, last)
    classified = classify_registry(app, actor=LOCAL_ADMIN, tables=load_tables())
    log.append(
        f"classified {classified.enterprises} enterprises: {classified.classified} bio-economy"
    )
    log.append(f"人工校正 in all: {total_corrections}")
    log += build_demo_policies(app)  # issue #21: 南京's 15 %/1000万 clause and its payout
    log += create_demo_accounts(app)
    log += _demo_data_set(app, last)
    log += build_demo_assessment(app)  # issue #16: the 考核方案 the assessment page shows
    counts = database_info(app).row_counts
    log.append(
        "holds: " + ", ".join(f"{table} {rows}" for table, rows in sorted(counts.items()) if rows)
    )
    return log


@dataclass(frozen=True, slots=True)
class Extracted:
    targets: int
    tasks: int


@dataclass(frozen=True, slots=True)
class Reviewed:
    """What the extractor found and what the review changed."""

    extracted: Extracted
    corrected: Corrected
    review: Review


def _review_log(code: str, outcome: str, bundle: PlanBundle, reviewed: Reviewed) -> list[str]:
    found = reviewed.extracted
    lines = [
        f"plan {code}: {outcome}; the extractor found {found.targets} targets and "
        f"{found.tasks} tasks; 人工校正 {reviewed.corrected.applied} and "
        f"{len(reviewed.review.tasks)} tasks added (after review: {len(bundle.targets)} "
        f"targets, {len(bundle.tasks)} tasks)"
    ]
    lines += [
        f"  人工校正 not applied, indicator not in the catalogue: {skipped}"
        for skipped in reviewed.corrected.skipped
    ]
    return lines


def _org_unit(record: dict[str, Any]) -> OrgUnit:
    level = OrgLevel(record["level"])
    return OrgUnit(
        code=str(record["code"]),
        name=record["name"],
        level=level,
        parent=str(record["parent"]) if record.get("parent") else None,
        division_code=record.get("division_code"),
        additive=level not in (OrgLevel.PARK, OrgLevel.ZONE),
    )


def _related(region: str, units: list[OrgUnit]) -> list[OrgUnit]:
    """The region, its ancestors and its descendants, parents before children."""
    by_code = {u.code: u for u in units}
    keep = {region}
    parent = by_code[region].parent
    while parent is not None:
        keep.add(parent)
        parent = by_code[parent].parent
    changed = True
    while changed:
        changed = False
        for unit in units:
            if unit.parent in keep and unit.code not in keep and _descends(unit, region, by_code):
                keep.add(unit.code)
                changed = True
    return [u for u in units if u.code in keep]


def _descends(unit: OrgUnit, region: str, by_code: dict[str, OrgUnit]) -> bool:
    parent = unit.parent
    while parent is not None:
        if parent == region:
            return True
        parent = by_code[parent].parent
    return False


def _plan(spec: dict[str, Any], org_units: list[OrgUnit]) -> tuple[PlanBundle, Reviewed]:
    text = read_data_text(f"seeds/{spec['seed']}")
    code, region = spec["code"], str(spec["region"])
    unit_prefix = f"{code}-RU"
    bundle = to_bundle(
        text,
        extract_targets(text),
        extract_tasks(text),
        code=code,
        region=region,
        unit_prefix=unit_prefix,
    )
    review = read_review(code)
    catalogue = indicator_catalogue()
    result = corrected(bundle.targets, review.corrections, set(catalogue))
    plan = Plan(
        code=code,
        title=spec["title"],
        region=region,
        issuer=spec.get("issuer"),
        horizon_start=spec["horizon"]["start"],
        horizon_end=spec["horizon"]["end"],
        source_path=f"../seeds/{spec['seed']}",
        source_text=bundle.plan.source_text,
        source_sha256=bundle.plan.source_sha256,
    )
    reviewed = replace(
        bundle,
        plan=plan,
        org_units=tuple(_related(region, org_units)),
        indicators=_declared(result.targets),
        targets=tuple(result.targets),
    )
    extracted = Extracted(len(bundle.targets), len(bundle.tasks))
    return with_tasks(reviewed, review.tasks, unit_prefix), Reviewed(extracted, result, review)


def _declared(targets: list[Target]) -> tuple[Indicator, ...]:
    """The catalogue's definitions of the ledger indicators the targets link: only those are
    reported into the ledger; register indicators (tiers, platforms, approvals, projects) are
    counted from their register by their catalogue entry."""
    catalogue = indicator_catalogue()
    used = {
        t.indicator
        for t in targets
        if t.indicator and source_of_code(t.indicator) is IndicatorSource.LEDGER
    }
    return tuple(catalogue[code].indicator for code in sorted(used))


_SCOPES = {
    "2761": "生物药品生产；疫苗研发",
    "2720": "化学药品制剂生产",
    "2740": "中成药生产；中药饮片加工",
    "3581": "医疗器械生产；体外诊断试剂研发",
    "7340": "药物研发；临床前研究",
    "0511": "种子生产；育种",
    "2632": "生物农药生产",
    "1495": "饲料添加剂生产；酶制剂生产",
    "2832": "生物基材料研发；可降解塑料生产",
    "5131": "日用百货销售",
}
_FLAGS = ("专精特新", "高新技术企业", "上市", "链主", "专精特新小巨人")


def _flag_validity(uscc: str) -> tuple[date, date | None]:
    """When a simulated enterprise's flags were granted (2018–2025) and, for one in six, when
    they lapsed (three years later: 专精特新 and 高新技术企业 are certified for three years).
    Drawn from the credit code, so the other simulated figures do not move."""
    draw = random.Random(uscc)
    start = date(draw.randint(2018, 2025), draw.randint(1, 12), 1)
    lapsed = draw.random() < 1 / 6
    return start, date(start.year + 3, start.month, 1) if lapsed else None


# flags the office records (tiers.yaml): each held from its own day, drawn from the credit code
# 创新型中小企业 (certified), 产业链配套 (listed for a chain), 孵化毕业 (the graduation day)
_OFFICE_FLAGS = {"创新型中小企业": 0.3, "产业链配套": 0.35, "孵化毕业": 0.25}
UNICORNS = (
    2  # per plan: young, unlisted, valued 3亿美元 in 2020 growing 50 % a year (10亿美元 from 2023)
)


@dataclass(frozen=True, slots=True)
class _Simulated:
    """One simulated enterprise: what its rows say."""

    n: int
    uscc: str
    industry: str
    revenue: float  # 万元 in 2025
    growth: float
    flags: tuple[str, ...]
    unicorn: bool


def _simulated_enterprises(
    spec: dict[str, Any], org_units: list[OrgUnit], rng: random.Random
) -> EnterpriseFile:
    """About 120 enterprises per plan region, with valid credit codes and yearly revenue (万元);
    a handful above 100亿元 so tier targets have something to count, two unicorns, and the
    flags the office records (one row each, with its own day)."""
    region = str(spec["region"])
    places = [u.code for u in org_units if u.parent == region] or [region]
    codes = list(_SCOPES)
    rows: list[EnterpriseRow] = []
    giants = {"changsha-2025": 6, "nanjing-2023": 8, "changchun-2025": 2}.get(spec["code"], 1)
    unicorns = 0
    for n in range(120):
        body = f"{n:08d}"
        org = body + org_check_char(body)
        first17 = f"91{region[:6]}{org}"
        revenue = rng.uniform(1_100_000, 2_000_000) if n < giants else rng.lognormvariate(10.0, 1.3)
        growth = rng.uniform(-0.03, 0.22)
        flags = tuple(sorted({f for f in _FLAGS if rng.random() < 0.08}))
        unicorn = unicorns < UNICORNS and n >= giants and n % 22 >= 16 and "上市" not in flags
        unicorns += unicorn
        one = _Simulated(
            n,
            first17 + calc_check_digit(first17),
            codes[n % len(codes)],
            revenue,
            growth,
            flags,
            unicorn,
        )
        rows += _enterprise_rows(one, f"模拟企业{spec['code'][:3]}{n:03d}", places, len(rows))
    return EnterpriseFile(f"{SIMULATED} enterprises {spec['code']}", tuple(rows), (), (), ())


def _enterprise_rows(
    one: _Simulated, name: str, places: list[str], before: int
) -> list[EnterpriseRow]:
    """A row a year 2020–2025: the first names the enterprise and its flags, the next ones
    each carry one office-recorded flag with its day."""
    valid_from, valid_to = _flag_validity(one.uscc)
    office = _office_flags(one.uscc)
    rows: list[EnterpriseRow] = []
    for year in range(2020, 2026):
        first = year == 2020
        flag = office.get(year)
        rows.append(
            EnterpriseRow(
                row=before + len(rows) + 2,
                uscc=one.uscc,
                name=name if first else None,
                org_unit=places[one.n % len(places)] if first else None,
                industry_code=one.industry if first else None,
                industry_code_edition=None,
                business_scope=_SCOPES[one.industry] if first else None,
                founded_on=date(2000 + one.n % 22, 1 + one.n % 12, 1) if first else None,
                flags=one.flags if first else ((flag[0],) if flag else None),
                flags_valid_from=valid_from if first and one.flags else (flag[1] if flag else None),
                flags_valid_to=valid_to if first and one.flags else None,
                year=year,
                revenue=Decimal(f"{one.revenue * (1 + one.growth) ** (year - 2025):.2f}"),
                output_value=None,
                rd_spend=None,
                employees=None,
                valuation=Decimal(f"{3 * 1.5 ** (year - 2020):.2f}") if one.unicorn else None,
                valuation_unit="亿美元" if one.unicorn else None,
            )
        )
    return rows


def _office_flags(uscc: str) -> dict[int, tuple[str, date]]:
    """The office-recorded flags an enterprise holds, by the row (year 2021–2023) that carries
    each, with the day it is held from (2018–2025). Drawn from the credit code."""
    draw = random.Random(f"{uscc} office flags")
    held: dict[int, tuple[str, date]] = {}
    for year, (flag, chance) in enumerate(_OFFICE_FLAGS.items(), start=2021):
        day = date(draw.randint(2018, 2025), draw.randint(1, 12), 1)
        if draw.random() < chance:
            held[year] = (flag, day)
    return held
