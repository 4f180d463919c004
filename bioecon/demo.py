"""Builds the demo database: the five seed plans and a simulated ledger (模拟数据).

Like any importer it reads files and writes only through :mod:`bioecon.services`:

1. each seed plan is read by the extractor (``bioecon extract``), then corrected by the
   reviewed correction file ``bioecon/data/demo/corrections/<plan>.yaml`` (人工校正: every correction keeps
   the extracted value in the target's note, and the build log counts them);
2. org units come from ``org_units.yaml`` (统计用区划代码 where they exist);
3. a monthly ledger from 2020-01 to the latest complete month is simulated for every indicator
   the targets use, passing through the calibration points (published figures where they
   exist), with seasonality, growth and a few deliberate data-quality problems;
4. simulated enterprises with valid credit codes are loaded and classified, so tier targets
   (百亿级企业 …) are measured from the registry.

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
from bioecon.catalogs import extraction_rules, read_data_file, read_data_text
from bioecon.classify.tables import load_tables
from bioecon.demo_registers import build_demo_registers
from bioecon.domain.enterprise_input import EnterpriseFile, EnterpriseRow
from bioecon.domain.model import (
    Indicator,
    ObservationStatus,
    OrgLevel,
    OrgUnit,
    Plan,
    PlanBundle,
    Project,
    ProjectStage,
    ReportingBasis,
    Target,
)
from bioecon.domain.observation_input import CodeReference, ObservationFile, ObservationRow
from bioecon.domain.periods import Period
from bioecon.domain.tiers import tier_of_indicator
from bioecon.domain.uscc import org_check_char
from bioecon.extract.planfile import to_bundle
from bioecon.extract.targets import extract_targets
from bioecon.extract.tasks import extract_tasks
from bioecon.records import copy_into
from bioecon.services.database import database_info, upgrade_database
from bioecon.services.enterprises import classify_registry, load_enterprises
from bioecon.services.observations import load_observations
from bioecon.services.plans import load_plan
from bioecon.services.projects import load_projects

SIMULATED = "模拟数据 (simulated data)"
FIRST_MONTH = Period.month(2020, 1)
_SEASON = (0.72, 0.78, 1.02, 0.98, 1.0, 1.06, 0.97, 0.96, 1.04, 1.0, 1.08, 1.39)  # sums to 12


@dataclass(frozen=True, slots=True)
class Correction:
    key: str
    fields: dict[str, Any]
    quote: str
    why: str
    drop: bool


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
        bundle, corrections, extracted = _plan(spec, org_units)
        total_corrections += corrections
        report = load_plan(app, bundle=bundle, source=f"seeds/{spec['seed']}")
        log.append(
            f"plan {report.code}: {report.outcome}; the extractor found {extracted} targets and "
            f"{len(bundle.tasks)} tasks; 人工校正 {corrections} (targets after review: {len(bundle.targets)})"
        )
        loaded = load_observations(
            app,
            parsed=_simulated_ledger(
                spec, bundle, org_units, last, random.Random(f"ledger {spec['code']}")
            ),
            status=ObservationStatus.APPROVED,
            reported_by=SIMULATED,
        )
        log.append(
            f"  {SIMULATED} ledger to {last}: {loaded.inserted} inserted, {loaded.updated} updated, {loaded.unchanged} unchanged"
        )
        created, _ = load_projects(
            app, projects=_simulated_projects(spec, org_units, rng), source=SIMULATED
        )
        log.append(f"  {SIMULATED} projects: {created} created")
        enterprises = load_enterprises(app, parsed=_simulated_enterprises(spec, org_units, rng))
        log.append(
            f"  {SIMULATED} enterprises: {enterprises.created} created, {enterprises.updated} updated, {enterprises.unchanged} unchanged"
        )
    log += build_demo_registers(app, org_units, last)
    classified = classify_registry(app, tables=load_tables())
    log.append(
        f"classified {classified.enterprises} enterprises: {classified.classified} bio-economy"
    )
    log.append(f"人工校正 in all: {total_corrections}")
    counts = database_info(app).row_counts
    log.append(
        "holds: " + ", ".join(f"{table} {rows}" for table, rows in sorted(counts.items()) if rows)
    )
    return log


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


def _plan(spec: dict[str, Any], org_units: list[OrgUnit]) -> tuple[PlanBundle, int, int]:
    text = read_data_text(f"seeds/{spec['seed']}")
    code, region = spec["code"], str(spec["region"])
    bundle = to_bundle(
        text,
        extract_targets(text),
        extract_tasks(text),
        code=code,
        region=region,
        unit_prefix=f"{code}-RU",
    )
    corrections = [
        Correction(
            key,
            {k: v for k, v in fields.items() if k not in ("quote", "why", "drop")},
            str(fields.get("quote", "")),
            str(fields.get("why", "")),
            bool(fields.get("drop")),
        )
        for key, fields in (
            read_data_file(f"demo/corrections/{code}.yaml")["corrections"] or {}
        ).items()
    ]
    targets, applied = _corrected(bundle.targets, corrections)
    referenced = {
        t.indicator for t in targets if t.indicator and not tier_of_indicator(t.indicator)
    }
    catalogue = {i["code"]: i for i in extraction_rules()["indicators"]}
    indicators = tuple(
        Indicator(
            code=c, name=catalogue[c]["name"], unit=catalogue[c]["unit"], basis=ReportingBasis.YTD
        )
        for c in sorted(referenced)
    )
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
    related = tuple(_related(region, org_units))
    reviewed = replace(
        bundle, plan=plan, org_units=related, indicators=indicators, targets=tuple(targets)
    )
    return reviewed, applied, len(bundle.targets)


def _corrected(
    targets: tuple[Target, ...], corrections: list[Correction]
) -> tuple[list[Target], int]:
    by_key = {c.key: c for c in corrections}
    result: list[Target] = []
    applied = 0
    for target in targets:
        correction = by_key.get(target.key)
        if correction is None:
            result.append(target)
            continue
        if target.source is None or correction.quote not in target.source.quote:
            result.append(target)  # the extraction changed: the correction no longer applies
            continue
        if correction.drop:
            applied += 1
            continue
        changes = {k: v for k, v in correction.fields.items() if getattr(target, k) != v}
        if not changes:
            result.append(target)
            continue
        applied += len(changes)
        original = "; ".join(
            f"{k}: {getattr(target, k) if getattr(target, k) is not None else '未填'} → {v}"
            for k, v in changes.items()
        )
        note = f"人工校正（{correction.why}）: {original}"
        result.append(copy_into(Target, target, **changes, note=note))  # kind: str → TargetKind
    return result, applied


Series = list[tuple[Period, Decimal]]  # 1–N月累计 by month
LOWER_BOUND_MARGIN = 1.01  # a published "超过/突破 X" is calibrated 1 % above X, so it is exceeded
PARK_NOISE = 0.05  # a park's month is its share of its container's month, ±5 %


def _points(spec: dict[int, Any]) -> dict[int, float]:
    """Calibration points: a number is passed through, ``{above: X}`` (超过X) is exceeded."""
    return {
        int(year): float(value["above"]) * LOWER_BOUND_MARGIN
        if isinstance(value, dict)
        else float(value)
        for year, value in spec.items()
    }


def _yearly(points: dict[int, float], year: int) -> float:
    """A year's total passing through the calibration points (geometric between and beyond)."""
    years = sorted(points)
    if len(years) == 1:
        return points[years[0]] * 1.11 ** (year - years[0])
    growth = float((points[years[-1]] / points[years[0]]) ** (1 / (years[-1] - years[0])))
    anchor = min(years, key=lambda y: abs(y - year))
    return float(points[anchor] * growth ** (year - anchor))


def _year_noise(rng: random.Random) -> list[float]:
    """Monthly noise (±3 %) scaled so that a year's months still add up to its total."""
    noise = [rng.uniform(0.97, 1.03) for _ in _SEASON]
    scale = 12 / sum(s * n for s, n in zip(_SEASON, noise, strict=True))
    return [n * scale for n in noise]


def _series(points: dict[int, float], last: Period, share: float, rng: random.Random) -> Series:
    """1–N月累计 values, month by month, from January of the earliest calibration year (or
    FIRST_MONTH): every full year adds up to ``share`` of its calibrated total."""
    rows: Series = []
    ytd = 0.0
    month = min(FIRST_MONTH, Period.month(min(points), 1))
    noise = _year_noise(rng)
    while month <= last:
        if month.index == 1:
            ytd, noise = 0.0, _year_noise(rng)
        season = _SEASON[month.index - 1] * noise[month.index - 1]
        ytd += _yearly(points, month.year) * share * season / 12
        rows.append((month, Decimal(f"{ytd:.2f}")))
        month = month.next()
    return rows


def _part_of(container: Series, share: float, rng: random.Random) -> Series:
    """A park's 累计: each month ``share`` (≤ 0.9) of its container's month, ±PARK_NOISE, so a
    part never exceeds the whole it lies in."""
    rows: Series = []
    ytd, before = 0.0, Decimal(0)
    for period, total in container:
        if period.index == 1:
            ytd, before = 0.0, Decimal(0)
        ytd += float(total - before) * share * rng.uniform(1 - PARK_NOISE, 1 + PARK_NOISE)
        before = total
        rows.append((period, Decimal(f"{ytd:.2f}")))
    return rows


def _simulated_ledger(
    spec: dict[str, Any],
    bundle: PlanBundle,
    org_units: list[OrgUnit],
    last: Period,
    rng: random.Random,
) -> ObservationFile:
    measured = {i.code for i in bundle.indicators}
    series = _reported_series(spec, measured, org_units, last, rng)
    for zone, indicators in (spec.get("zones") or {}).items():
        parent = next(u.parent for u in org_units if u.code == zone)
        for indicator, points in indicators.items():
            if indicator not in measured:
                continue
            if "of_container" in points:
                container = series[(indicator, str(parent))]
                series[(indicator, zone)] = _part_of(container, points["of_container"], rng)
            else:
                series[(indicator, zone)] = _series(_points(points), last, 1.0, rng)
    rows = [
        _row(0, indicator, unit, period, value, ObservationStatus.APPROVED)
        for (indicator, unit), values in series.items()
        for period, value in values
    ]
    rows = _plant_problems(rows, spec["code"]) + _unreviewed(spec, series, last)
    rows = [replace(r, row=n + 2) for n, r in enumerate(rows)]
    references = tuple(
        CodeReference(r.row, column, code)
        for r in rows
        for column, code in (("indicator", r.indicator), ("org_unit", r.org_unit))
    )
    return ObservationFile(f"{SIMULATED} {spec['code']}", tuple(rows), (), references, 0)


def _reported_series(
    spec: dict[str, Any],
    measured: set[str],
    org_units: list[OrgUnit],
    last: Period,
    rng: random.Random,
) -> dict[tuple[str, str], Series]:
    """The region's districts (or the region itself) share each calibrated total."""
    region = str(spec["region"])
    districts = [u for u in org_units if u.parent == region and u.additive]
    reporters = districts or [next(u for u in org_units if u.code == region)]
    weights = [rng.uniform(0.5, 2.0) for _ in reporters]
    series: dict[tuple[str, str], Series] = {}
    for indicator, points in (spec.get("calibration") or {}).items():
        if indicator in measured:
            for unit, weight in zip(reporters, weights, strict=True):
                share = weight / sum(weights)
                series[(indicator, unit.code)] = _series(_points(points), last, share, rng)
    return series


def _unreviewed(
    spec: dict[str, Any], series: dict[tuple[str, str], Series], last: Period
) -> list[ObservationRow]:
    """Reports still under review (draft 草稿, submitted 已报送): a park's latest months, a share
    of its container's 累计, for the review workflow to show. Parks are not added into any
    total, so these rows change no roll-up even where unreviewed figures are admitted."""
    rows = []
    for report in spec.get("unreviewed") or []:
        period = last.shift(-int(report["months_back"]))
        container = dict(series[(report["indicator"], str(report["container"]))])
        if period in container:
            value = (container[period] * Decimal(str(report["share"]))).quantize(Decimal("0.01"))
            status = ObservationStatus(report["status"])
            rows.append(_row(0, report["indicator"], report["org_unit"], period, value, status))
    return rows


def _row(
    n: int,
    indicator: str,
    org_unit: str,
    period: Period,
    value: Decimal,
    status: ObservationStatus,
) -> ObservationRow:
    return ObservationRow(
        n + 2, indicator, org_unit, period, value, None, ReportingBasis.YTD, status
    )


def _plant_problems(rows: list[ObservationRow], plan: str) -> list[ObservationRow]:
    """A few deliberate problems for `bioecon data check` to find (长沙 only): a missing month
    (岳麓区 2024-07), a falling 累计 (开福区 2025-03: 95 % of February's, so it falls whatever the
    noise) and outlying months (雨花区 2024-09 to 12 ×1.8, whose 同比/环比 jump past the bound)."""
    if plan != "changsha-2025":
        return rows
    result: list[ObservationRow] = []
    for row in rows:
        if row.org_unit == "430104" and str(row.period) == "2024-07":
            continue  # 缺报
        if row.org_unit == "430105" and str(row.period) == "2025-03":
            row = replace(row, value=_cents(result[-1].value * Decimal("0.95")))  # 累计值回落
        if row.org_unit == "430111" and row.period.year == 2024 and row.period.index >= 9:
            row = replace(row, value=_cents(row.value * Decimal("1.8")))  # 增速异常
        result.append(row)
    return result


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


_PROJECT_KINDS = (
    "创新药产业化基地",
    "医疗器械生产线",
    "生物制造中试平台",
    "细胞治疗研发中心",
    "种业创新园",
)


def _simulated_projects(
    spec: dict[str, Any], org_units: list[OrgUnit], rng: random.Random
) -> list[Project]:
    """Eight projects per plan across the stages of 五个一批, with investment in 亿元."""
    region = str(spec["region"])
    places = [u.code for u in org_units if u.parent == region] or [region]
    stages = list(ProjectStage)
    return [
        Project(
            code=f"{spec['code']}-P{n:02d}",
            name=f"模拟项目·{_PROJECT_KINDS[n % len(_PROJECT_KINDS)]}{n + 1}号",
            org_unit=places[n % len(places)],
            plan=spec["code"],
            stage=stages[n % len(stages)],
            total_investment=Decimal(f"{rng.uniform(2, 80):.2f}"),
            start_year=2021 + n % 4,
            end_year=2024 + n % 4,
            category="生物医药",
        )
        for n in range(8)
    ]


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


def _simulated_enterprises(
    spec: dict[str, Any], org_units: list[OrgUnit], rng: random.Random
) -> EnterpriseFile:
    """About 120 enterprises per plan region, with valid credit codes and yearly revenue (万元);
    a handful above 100亿元 so tier targets have something to count."""
    region = str(spec["region"])
    places = [u.code for u in org_units if u.parent == region] or [region]
    codes = list(_SCOPES)
    rows: list[EnterpriseRow] = []
    giants = {"changsha-2025": 6, "nanjing-2023": 8, "changchun-2025": 2}.get(spec["code"], 1)
    for n in range(120):
        body = f"{n:08d}"
        org = body + org_check_char(body)
        first17 = f"91{region[:6]}{org}"
        uscc = first17 + calc_check_digit(first17)
        industry = codes[n % len(codes)]
        revenue = rng.uniform(1_100_000, 2_000_000) if n < giants else rng.lognormvariate(10.0, 1.3)
        growth = rng.uniform(-0.03, 0.22)
        flags = tuple(sorted({f for f in _FLAGS if rng.random() < 0.08}))
        valid_from, valid_to = _flag_validity(uscc)
        for year in range(2020, 2026):
            rows.append(
                EnterpriseRow(
                    row=len(rows) + 2,
                    uscc=uscc,
                    name=f"模拟企业{spec['code'][:3]}{n:03d}" if year == 2020 else None,
                    org_unit=places[n % len(places)] if year == 2020 else None,
                    industry_code=industry if year == 2020 else None,
                    industry_code_edition=None,
                    business_scope=_SCOPES[industry] if year == 2020 else None,
                    founded_on=date(2000 + n % 22, 1 + n % 12, 1) if year == 2020 else None,
                    flags=flags if year == 2020 else None,
                    flags_valid_from=valid_from if year == 2020 and flags else None,
                    flags_valid_to=valid_to if year == 2020 and flags else None,
                    year=year,
                    revenue=Decimal(f"{revenue * (1 + growth) ** (year - 2025):.2f}"),
                    output_value=None,
                    rd_spend=None,
                    employees=None,
                    valuation=None,
                    valuation_unit=None,
                )
            )
    return EnterpriseFile(f"{SIMULATED} enterprises {spec['code']}", tuple(rows), (), (), ())
