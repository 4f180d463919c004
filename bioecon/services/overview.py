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
    summaries = plans.list_plans(app, actor=actor)
    judged = {
        s.code: evaluation.evaluate_plan(app, actor=actor, plan=s.code, as_of=as_of)
        for s in summaries
    }
    wanted = [_wanted(app, actor, s, judged[s.code], units, as_of) for s in summaries]
    figures = _read_figures(app, actor, wanted)
    tiles = [_tile(app, actor, want, judged[want.summary.code], figures, units) for want in wanted]
    warnings = [
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
        for summary in summaries
        for item in judged[summary.code]
        if item.evaluation.status in WARNED
    ]
    order = {status: n for n, status in enumerate(reversed(WARNED))}
    warnings.sort(key=lambda w: (order[w.status], w.plan, w.key))
    return Overview(as_of, tuple(tiles), tuple(warnings))


@dataclass(frozen=True, slots=True)
class _Wanted:
    """What a plan's tile reads from the ledger: each headline's indicator at the region, at
    its trend's year-ends and its latest period; the first one's at the districts too."""

    summary: PlanSummary
    as_of: Period
    headlines: tuple[tuple[TargetEvaluation, Indicator, tuple[Period, ...], Period, int], ...]
    children: tuple[str, ...]


def _wanted(
    app: Bioecon,
    actor: Principal,
    summary: PlanSummary,
    judged: list[TargetEvaluation],
    units: dict[str, OrgUnit],
    as_of: Period,
) -> _Wanted:
    headlines = []
    for item in _headline_targets(judged, summary.region):
        measured = ledger.indicator(app, actor=actor, code=item.target.indicator or "")
        headlines.append((item, measured, *_trend_periods(item, measured, summary, as_of)))
    children = sorted(c for c, u in units.items() if u.parent == summary.region and u.additive)
    return _Wanted(summary, as_of, tuple(headlines), tuple(children))


def _trend_periods(
    item: TargetEvaluation, measured: Indicator, summary: PlanSummary, as_of: Period
) -> tuple[tuple[Period, ...], Period, int]:
    """A headline's year-ends (from the base year — the target's, else the year before the
    plan's first — at most TREND_YEARS before the deadline, to the last year over), its latest
    period and the last year of its trend."""
    kind = PeriodType(measured.period_type)
    deadline = item.target.deadline_year
    base_year = item.target.baseline_year or (
        summary.horizon_start - 1 if summary.horizon_start else None
    )
    start = as_of.year
    last = as_of.year if as_of.index == 12 else as_of.year - 1  # the last year that is over
    year_ends: tuple[Period, ...] = ()
    if deadline is not None:
        start = min(start, max(deadline - TREND_YEARS, base_year or deadline - TREND_YEARS))
        last = min(deadline, last)
        year_ends = tuple(Period.month(y, 12).to(kind) for y in range(start, last + 1))
    return year_ends, _latest_period(as_of, kind, measured.jan_feb_combined), last


_Figures = dict[str, dict[tuple[str, Period], LedgerEntry]]
"""indicator → (org unit, period) → its ledger entry."""


def _read_figures(app: Bioecon, actor: Principal, wanted: list[_Wanted]) -> _Figures:
    """One ledger read per indicator for every tile at once: the regions of the plans that
    head with it at their periods, and the districts of those whose first headline it is."""
    asked: dict[str, tuple[set[str], set[Period]]] = {}
    for want in wanted:
        for n, (_, measured, year_ends, latest, _) in enumerate(want.headlines):
            org_units, periods = asked.setdefault(measured.code, (set(), set()))
            org_units.add(want.summary.region)
            periods.update((*year_ends, latest))
            if n == 0 and want.children:
                org_units.update(want.children)
                periods.add(_district_period(want.as_of, measured))
    figures: _Figures = {}
    for code, (org_units, periods) in sorted(asked.items()):
        entries = ledger.ledger_at(
            app,
            actor=actor,
            indicator=code,
            org_units=sorted(org_units),
            periods=sorted(periods, key=lambda p: p.start_ordinal),
        )
        figures[code] = {(e.org_unit, e.period): e for e in entries}
    return figures


def _tile(
    app: Bioecon,
    actor: Principal,
    want: _Wanted,
    judged: list[TargetEvaluation],
    figures: _Figures,
    units: dict[str, OrgUnit],
) -> PlanTile:
    summary = want.summary
    statuses = {s: n for s in Status if (n := sum(i.evaluation.status is s for i in judged))}
    headlines = tuple(
        _headline(item, measured, summary.region, year_ends, latest, last, figures)
        for item, measured, year_ends, latest, last in want.headlines
    )
    districts: tuple[District, ...] = ()
    first = headlines[0].indicator if headlines else None
    if first is not None and want.children:
        at = _district_period(want.as_of, first)
        districts = _districts(first, want.children, at, figures, units)
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
    item: TargetEvaluation,
    measured: Indicator,
    region: str,
    year_ends: tuple[Period, ...],
    latest: Period,
    last: int,
    figures: _Figures,
) -> Headline:
    flow = measured.nature is IndicatorNature.FLOW
    deadline = item.target.deadline_year
    target = item.evaluation.target
    read = figures[measured.code]
    entry = read.get((region, latest))
    value = (entry.ytd if flow else entry.value) if entry else None
    yoy = (entry.ytd_yoy if flow else entry.yoy) if entry else None
    actual: tuple[tuple[int, float | None], ...] = ()
    path: tuple[tuple[int, float], ...] = ()
    if deadline is not None:
        actual = tuple(
            (e.period.year, _year_end(e, flow))
            for p in year_ends
            if (e := read.get((region, p))) is not None and p.year <= last
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


def _latest_period(as_of: Period, kind: PeriodType, jan_feb_combined: bool) -> Period:
    """The period of ``kind`` holding ``as_of``; for a month reported as 1–2月 combined, no
    January: the December before."""
    latest = as_of.to(kind)
    if kind is PeriodType.MONTH and jan_feb_combined and latest.index == 1:
        return latest.previous()
    return latest


def _district_period(as_of: Period, indicator: Indicator) -> Period:
    """The period the districts are ranked at: the one of the indicator's kind holding
    ``as_of`` (none for the January of an indicator reported as 1–2月 combined)."""
    return as_of.to(PeriodType(indicator.period_type))


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
    indicator: Indicator,
    children: tuple[str, ...],
    latest: Period,
    figures: _Figures,
    units: dict[str, OrgUnit],
) -> tuple[District, ...]:
    flow = indicator.nature is IndicatorNature.FLOW
    read = figures[indicator.code]
    found = [
        District(code, _name(units, code), v, e.ytd_yoy if flow else e.yoy)
        for code in children
        if (e := read.get((code, latest))) is not None
        and (v := e.ytd if flow else e.value) is not None
    ]
    return tuple(sorted(found, key=lambda d: (-d.value, d.code)))


def _name(units: dict[str, OrgUnit], code: str) -> str:
    return units[code].name if code in units else code
