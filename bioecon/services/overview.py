"""The overview for leaders (领导驾驶舱) on the home page: per plan its targets by status and
headline indicators with 同比, a trend of each headline target against its path from base to
target, its districts ranked on the first headline indicator; and the 预警 list of every plan's
targets that are 滞后, 严重滞后 or 未达标. Built from the use cases the plan page calls
(evaluation, ledger) — never a second computation of a verdict."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.domain.access import Principal
from bioecon.domain.catalogue import IndicatorSource, source_of_code
from bioecon.domain.ledger import LedgerEntry
from bioecon.domain.messages import Message
from bioecon.domain.model import Indicator, IndicatorNature, OrgUnit, TargetKind
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.progress import Status, TargetEvaluation
from bioecon.domain.tiers import tier_of_indicator
from bioecon.domain.trajectory import target_path
from bioecon.errors import InvalidValue
from bioecon.services import evaluation, ledger, orgunits, plans, quality
from bioecon.store.plans import PlanSummary

WARNED = (Status.LAGGING, Status.AT_RISK, Status.MISSED)
"""The statuses the 预警 list shows, in this order: 滞后, 严重滞后, 未达标."""
HEADLINES = 3  # headline targets of one plan on its tile
TREND_YEARS = 10  # at most this many years of a trend before the deadline (from the base year)


@dataclass(frozen=True, slots=True)
class Headline:
    """A headline target: its indicator's latest figure at the region with 同比, its verdict,
    and the yearly actuals beside the path from base to target."""

    key: str
    metric: str
    indicator: Indicator
    period: str | None  # the month (or quarter, year) of the figure
    value: Decimal | None  # 1–N月累计 of a flow, the level of a stock
    yoy: float | None  # 累计同比 of a flow, 同比 of a stock
    status: Status
    target: Decimal | None
    unit: str
    deadline_year: int | None
    actual: tuple[tuple[int, float | None], ...]  # (year, year value)
    path: tuple[tuple[int, float], ...]  # (year, level on the path)


@dataclass(frozen=True, slots=True)
class District:
    code: str
    name: str
    value: Decimal
    yoy: float | None


@dataclass(frozen=True, slots=True)
class PlanTile:
    code: str
    title: str
    region: str
    region_name: str
    last_data: Period | None
    statuses: dict[Status, int]  # in Status order, only those present
    headlines: tuple[Headline, ...]
    district_indicator: Indicator | None
    districts: tuple[District, ...]  # largest first


@dataclass(frozen=True, slots=True)
class Warning:
    """A target behind, with the unit whose figures are behind (责任单位) and why, in one line."""

    plan: str
    plan_title: str
    region_name: str
    key: str
    metric: str
    status: Status
    responsible: str
    reason: Message
    completion: float | None
    time_progress: float | None


@dataclass(frozen=True, slots=True)
class Overview:
    as_of: Period
    tiles: tuple[PlanTile, ...]
    warnings: tuple[Warning, ...]  # 未达标 first, then 严重滞后, 滞后; by plan and key


def overview(app: Bioecon, *, actor: Principal, as_of: Period) -> Overview:
    """The overview of every plan the caller reads, as of the month ``as_of``."""
    if as_of.type is not PeriodType.MONTH:
        raise InvalidValue(f"as_of takes a month such as 2025-06, not {as_of}")
    units = {u.code: u for u in orgunits.list_org_units(app, actor=actor)}
    tiles, warnings = [], []
    for summary in plans.list_plans(app, actor=actor):
        judged = evaluation.evaluate_plan(app, actor=actor, plan=summary.code, as_of=as_of)
        tiles.append(_tile(app, actor, summary, judged, units, as_of))
        warnings += [
            Warning(
                plan=summary.code,
                plan_title=summary.title,
                region_name=summary.region_name,
                key=item.target.key,
                metric=item.target.metric,
                status=item.evaluation.status,
                responsible=_name(units, item.org_unit),
                reason=item.evaluation.explanation,
                completion=item.evaluation.completion_rate,
                time_progress=item.evaluation.time_progress,
            )
            for item in judged
            if item.evaluation.status in WARNED
        ]
    order = {status: n for n, status in enumerate(reversed(WARNED))}
    warnings.sort(key=lambda w: (order[w.status], w.plan, w.key))
    return Overview(as_of, tuple(tiles), tuple(warnings))


def _tile(
    app: Bioecon,
    actor: Principal,
    summary: PlanSummary,
    judged: list[TargetEvaluation],
    units: dict[str, OrgUnit],
    as_of: Period,
) -> PlanTile:
    statuses = {s: n for s in Status if (n := sum(i.evaluation.status is s for i in judged))}
    chosen = _headline_targets(judged, summary.region)
    headlines = tuple(_headline(app, actor, item, summary, as_of) for item in chosen)
    children = sorted(c for c, u in units.items() if u.parent == summary.region and u.additive)
    districts: tuple[District, ...] = ()
    first = headlines[0].indicator if headlines else None
    if first is not None and children:
        districts = _districts(app, actor, first, children, units, as_of)
    return PlanTile(
        code=summary.code,
        title=summary.title,
        region=summary.region,
        region_name=summary.region_name,
        last_data=quality.latest_data_month(app, actor=actor, plan=summary.code),
        statuses=statuses,
        headlines=headlines,
        district_indicator=first if districts else None,
        districts=districts,
    )


def _headline_targets(judged: list[TargetEvaluation], region: str) -> list[TargetEvaluation]:
    """The plan's first level targets on the region's own ledger figures, one per indicator."""
    found: dict[str, TargetEvaluation] = {}
    for item in judged:
        code = item.target.indicator
        if (
            code
            and code not in found
            and item.org_unit == region
            and item.target.kind in (TargetKind.LEVEL, TargetKind.MULTIPLE)
            and item.target.subject_sector is None
            and source_of_code(code) is IndicatorSource.LEDGER
            and tier_of_indicator(code) is None
        ):
            found[code] = item
    return list(found.values())[:HEADLINES]


def _headline(
    app: Bioecon, actor: Principal, item: TargetEvaluation, summary: PlanSummary, as_of: Period
) -> Headline:
    region = summary.region
    code = item.target.indicator or ""
    measured = ledger.indicator(app, actor=actor, code=code)
    kind = PeriodType(measured.period_type)
    flow = measured.nature is IndicatorNature.FLOW
    deadline = item.target.deadline_year
    target = item.evaluation.target
    # from the base year (the target's, else the year before the plan's first), at most
    # TREND_YEARS before the deadline: one ledger read gives the year-ends and the latest
    base_year = item.target.baseline_year or (
        summary.horizon_start - 1 if summary.horizon_start else None
    )
    start = as_of.year
    if deadline is not None:
        start = min(start, max(deadline - TREND_YEARS, base_year or deadline - TREND_YEARS))
    entries = ledger.ledger(
        app,
        actor=actor,
        indicator=code,
        org_units=[region],
        first=min(Period.month(start, 12).to(kind), as_of.to(kind)),
        last=as_of.to(kind),
    )
    entry = entries[-1] if entries else None
    value = (entry.ytd if flow else entry.value) if entry else None
    yoy = (entry.ytd_yoy if flow else entry.yoy) if entry else None
    actual: tuple[tuple[int, float | None], ...] = ()
    path: tuple[tuple[int, float], ...] = ()
    if deadline is not None:
        last = min(deadline, as_of.year if as_of.index == 12 else as_of.year - 1)
        actual = tuple(
            (e.period.year, _year_end(e, flow))
            for e in entries
            if e.period.last_month == 12 and e.period.year <= last
        )
        base = _base(item, actual)
        if base is not None and target is not None:
            path = tuple(target_path(base[0], base[1], deadline, float(target)))
    return Headline(
        key=item.target.key,
        metric=item.target.metric,
        indicator=measured,
        period=str(entry.period) if entry else None,
        value=value,
        yoy=yoy,
        status=item.evaluation.status,
        target=target,
        unit=item.unit,
        deadline_year=deadline,
        actual=actual,
        path=path,
    )


def _year_end(entry: LedgerEntry, flow: bool) -> float | None:
    """A year's value from its last period: a flow's 1–12月累计, a stock's year-end level."""
    found = entry.ytd if flow and entry.ytd is not None else entry.value
    return float(found) if found is not None else None


def _base(
    item: TargetEvaluation, actual: tuple[tuple[int, float | None], ...]
) -> tuple[int, float] | None:
    """Where the path starts: the plan's base value, else the year before the plan's first
    year among the actuals, else the first actual."""
    target = item.target
    if (
        target.baseline_value is not None
        and target.baseline_year is not None
        and target.kind is not TargetKind.MULTIPLE  # 翻番's base is in 倍, not a level
    ):
        return target.baseline_year, float(target.baseline_value)
    known = [(year, value) for year, value in actual if value is not None]
    if target.baseline_year is not None:
        at = [pair for pair in known if pair[0] == target.baseline_year]
        if at:
            return at[0][0], float(at[0][1])
    return (known[0][0], float(known[0][1])) if known else None


def _districts(
    app: Bioecon,
    actor: Principal,
    indicator: Indicator,
    children: list[str],
    units: dict[str, OrgUnit],
    as_of: Period,
) -> tuple[District, ...]:
    kind = PeriodType(indicator.period_type)
    entries = ledger.ledger(
        app,
        actor=actor,
        indicator=indicator.code,
        org_units=children,
        first=as_of.to(kind),
        last=as_of.to(kind),
    )
    flow = indicator.nature is IndicatorNature.FLOW
    found = [
        District(e.org_unit, _name(units, e.org_unit), v, e.ytd_yoy if flow else e.yoy)
        for e in entries
        if (v := e.ytd if flow else e.value) is not None
    ]
    return tuple(sorted(found, key=lambda d: (-d.value, d.code)))


def _name(units: dict[str, OrgUnit], code: str) -> str:
    return units[code].name if code in units else code
