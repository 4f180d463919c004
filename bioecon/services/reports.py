"""Report use cases (统计监测月报): a plan's monthly bulletin as a typed record, built from
the use cases the pages call (plan, evaluation, ledger, data quality) — never a second
computation; publishing it with the values it used (a vintage); a published one again.

A published bulletin records its content, a content hash and every (value key, value,
status) row it used, so it can be rendered again unchanged after revisions, and a later
bulletin lists the values that differ from those of the last one published (修订).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.catalogs import release_rules
from bioecon.domain.access import Action, Principal
from bioecon.domain.catalogue import IndicatorSource, source_of_code
from bioecon.domain.model import IndicatorNature, OrgUnit, PlanBundle
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.progress import Status, TargetEvaluation
from bioecon.domain.project_report import LineVerdict, MonthlyReport
from bioecon.domain.project_warnings import Colour
from bioecon.domain.quality import Severity
from bioecon.domain.reporting_calendar import due_date, office_day, reported_periods, timeliness
from bioecon.domain.tasks import LAGGING as TASKS_LAGGING
from bioecon.domain.tasks import TaskColour, TaskLine, WorkItemKind
from bioecon.domain.tiers import tier_of_indicator
from bioecon.errors import Conflict, InvalidValue, NotFound
from bioecon.messages import render
from bioecon.records import copy_into
from bioecon.reports.record import (
    EVALUATIONS,
    KIND_MONTHLY,
    KIND_QUARTERLY,
    KINDS,
    PACE_MONTHS,
    PERIOD_TYPES,
    WARNING_KINDS,
    AdjustmentLine,
    Bulletin,
    DistrictLine,
    EvaluatedTarget,
    Headline,
    ProjectLine,
    ProjectSummary,
    QualityNote,
    Release,
    Revision,
    TargetLine,
    TaskRow,
    TaskSummary,
    UsedValue,
    content_hash,
    from_plain,
    to_plain,
)
from bioecon.services import evaluation, ledger, orgunits, plans, projects, quality, tasks
from bioecon.services._plan_lookup import stored_plan_id
from bioecon.services._scope import reach, require
from bioecon.services.target_adjustments import target_adjustments
from bioecon.store import Connection
from bioecon.store import reports as store
from bioecon.store.migrate import ensure_current

_EXAMPLES = {PeriodType.MONTH: "2026-10", PeriodType.QUARTER: "2026Q3", PeriodType.YEAR: "2026"}
LAGGING = (Status.LAGGING, Status.AT_RISK)  # the targets a bulletin lists with 责任单位
QUALITY_NOTES = 5  # findings quoted in a bulletin; the rest are counted


@dataclass(frozen=True, slots=True)
class Published:
    """A published report: its id, kind, when and by whom, and its content hash."""

    id: int
    plan: str
    period: str
    built_at: datetime
    built_by: str
    content_hash: str
    kind: str = KIND_MONTHLY


def monthly_bulletin(app: Bioecon, *, actor: Principal, plan: str, period: Period) -> Bulletin:
    """The 统计监测月报 of ``plan`` for the month ``period``, from what the caller may read:
    headline indicators, targets by status (the lagging ones with 责任单位), the districts
    compared, the key projects against 序时进度 (those warned red or yellow listed with
    责任单位), data-quality notes, and the values used with those revised since the last
    published bulletin."""
    return _bulletin(app, actor, plan, period, KIND_MONTHLY)


def quarterly_bulletin(app: Bioecon, *, actor: Principal, plan: str, period: Period) -> Bulletin:
    """The 统计监测季报 of ``plan`` for the quarter ``period``: the monthly bulletin's sections
    as of the quarter's last month (1–N月累计 is then 一季度, 上半年, 前三季度 or 全年), the
    pace of growth against the quarter before, in the quarterly template's words."""
    return _bulletin(app, actor, plan, period, KIND_QUARTERLY)


def evaluation_report(
    app: Bioecon, *, actor: Principal, plan: str, kind: str, period: Period
) -> Bulletin:
    """The 年度总结 (``annual``, of a year), 中期评估 (``midterm``) or 总结评估 (``final``, as
    of a month) of ``plan``: every target with what the plan set, what was reached, 完成率 against 时序进度,
    the projection to its deadline and the verdict in words, beside the bulletin's figures,
    lagging targets, key projects and data quality. The verdicts are those of the plan page
    (`evaluation.evaluate_plan`) for that month."""
    if kind not in EVALUATIONS:
        raise InvalidValue(f"评估报告的种类须为 {'、'.join(EVALUATIONS)} 之一，不是 {kind}")
    return _bulletin(app, actor, plan, period, kind)


def _adjusted(
    app: Bioecon, actor: Principal, bundle: PlanBundle, period: Period
) -> tuple[AdjustmentLine, ...]:
    """The plan's target adjustments approved by the end of the report's month."""
    targets = {t.key: t for t in bundle.targets}
    last_day = period.last_day
    return tuple(
        AdjustmentLine(
            target=a.target,
            metric=targets[a.target].metric if a.target in targets else a.target,
            subject=(targets[a.target].subject or "") if a.target in targets else "",
            unit=a.unit,
            old_value=a.old_value,
            new_value=a.new_value,
            old_value_high=a.old_value_high,
            new_value_high=a.new_value_high,
            reason=a.reason,
            approved_by=a.approved_by,
            approved_on=a.approved_on.isoformat(),
            document=a.document,
        )
        for a in target_adjustments(app, actor=actor, plan=bundle.plan.code)
        if a.approved_on <= last_day
    )


def _evaluated(item: TargetEvaluation, units: dict[str, OrgUnit]) -> EvaluatedTarget:
    target, verdict = item.target, item.evaluation
    stated = verdict.target is None  # no figure worked out: the plan's own words
    return EvaluatedTarget(
        key=target.key,
        metric=target.metric,
        subject=target.subject or _name(units, item.org_unit),
        unit=item.unit,
        op=target.op.value,
        target=target.value if stated else verdict.target,
        target_high=target.value_high if stated else verdict.target_high,
        deadline_year=target.deadline_year,
        nature=target.nature.value if target.nature else None,
        actual=verdict.actual,
        actual_period=verdict.actual_period,
        completion=verdict.completion_rate,
        time_progress=verdict.time_progress,
        projected=verdict.projected,
        status=verdict.status.value,
        explanation=render(verdict.explanation),
        responsible=_name(units, item.org_unit),
    )


def bulletin_of(
    app: Bioecon, *, actor: Principal, plan: str, kind: str, period: Period
) -> Bulletin:
    """The report of a kind (KINDS: monthly for a month, quarterly for a quarter, midterm
    and final evaluations for a month)."""
    if kind == KIND_QUARTERLY:
        return quarterly_bulletin(app, actor=actor, plan=plan, period=period)
    if kind == KIND_MONTHLY:
        return monthly_bulletin(app, actor=actor, plan=plan, period=period)
    if kind in EVALUATIONS:
        return evaluation_report(app, actor=actor, plan=plan, kind=kind, period=period)
    raise InvalidValue(f"未知的报告种类 {kind}（可用：{'、'.join(KINDS)}）")


def _bulletin(app: Bioecon, actor: Principal, plan: str, reported: Period, kind: str) -> Bulletin:
    wanted = PERIOD_TYPES[kind]
    if reported.type is not wanted:
        example = _EXAMPLES[wanted]
        raise InvalidValue(f"--period：{kind} 报告的期别写作 {example}，不是 {reported}")
    period = Period.month(reported.year, reported.last_month)  # the figures' month
    step = PACE_MONTHS[kind]  # the 累计同比 a pace compares with: a month, a quarter before
    bundle = plans.get_plan(app, actor=actor, reference=plan)
    units = {u.code: u for u in orgunits.list_org_units(app, actor=actor)}
    evaluations = evaluation.evaluate_plan(app, actor=actor, plan=plan, as_of=period)
    headlines = _headlines(app, actor, bundle, evaluations, period, step)
    districts = _districts(app, actor, units, bundle.plan.region, headlines, period)
    region = bundle.plan.region
    errors, warnings, notes = _quality(app, actor, units, region, period)
    counts = {s.value: sum(e.evaluation.status is s for e in evaluations) for s in Status}
    bulletin = Bulletin(
        plan=bundle.plan.code,
        plan_title=bundle.plan.title,
        region=region,
        region_name=units[region].name if region in units else region,
        period=str(reported),
        year=period.year,
        month=period.index,
        headlines=headlines,
        statuses={status: n for status, n in counts.items() if n},
        lagging=_lagging(bundle, evaluations, units),
        district_indicator=_indicator_name(app, actor, headlines[0].indicator) if districts else "",
        district_unit=headlines[0].unit if districts else "",
        districts=districts,
        quality_errors=errors,
        quality_warnings=warnings,
        quality=notes,
        earlier_report=None,
        earlier_period=None,
        revisions=(),
        projects=_projects(projects.project_report(app, actor=actor, plan=plan, period=period)),
        kind=kind,
        tasks=_tasks(app, actor, plan, period.last_day),
    )
    if kind in EVALUATIONS:
        bulletin = replace(
            bulletin,
            horizon_start=bundle.plan.horizon_start,
            horizon_end=bundle.plan.horizon_end,
            evaluated=tuple(_evaluated(item, units) for item in evaluations),
            adjusted=_adjusted(app, actor, bundle, period),
        )
    return _with_vintage(app, actor, bulletin, units, _ledger_indicators(bundle))


def _projects(report: MonthlyReport) -> ProjectSummary:
    """The 项目调度 report's figures as the bulletin states them (the same report the project
    pages and `projects report` show: nothing is computed again here)."""
    warned = [v for v in report.lines if v.colour is not Colour.GREEN]
    warned.sort(key=lambda v: v.colour is not Colour.RED)  # red first; stable otherwise
    return ProjectSummary(
        projects=report.projects,
        annual_plan=report.annual_plan,
        completed=report.completed,
        completion=_float(report.completion),
        schedule=float(report.schedule),
        gap=_float(report.gap),
        planned_starts=report.planned_starts,
        actual_starts=report.actual_starts,
        early_starts=report.early_starts,
        late_starts=report.late_starts,
        red=sum(v.colour is Colour.RED for v in report.lines),
        yellow=sum(v.colour is Colour.YELLOW for v in report.lines),
        warned=tuple(_project_line(v) for v in warned),
    )


def _tasks(app: Bioecon, actor: Principal, plan: str, day: date) -> TaskSummary:
    """The plan's work items on ``day`` from the reports filed by then: the colours the task
    pages gave them that day (nothing is computed again here)."""
    lines = tasks.plan_tasks(app, actor=actor, plan=plan, today=day, filed_by_today=True)
    colours = {c.value: sum(x.status.colour is c for x in lines) for c in TaskColour}
    lagging = [x for x in lines if x.status.colour in TASKS_LAGGING]
    lagging.sort(key=lambda x: x.status.colour is not TaskColour.RED)  # red first; stable
    return TaskSummary(
        as_of=day.isoformat(),
        work_points=sum(x.item.kind is WorkItemKind.WORK_POINT for x in lines),
        sub_tasks=sum(x.item.kind is WorkItemKind.SUB_TASK for x in lines),
        colours={colour: n for colour, n in colours.items() if n},
        done=sum(x.status.done_on is not None for x in lines),
        overdue=sum(x.status.overdue for x in lines),
        missing=sum(x.status.missing for x in lines),
        lagging=tuple(_task_row(x) for x in lagging),
    )


def _task_row(line: TaskLine) -> TaskRow:
    item, status = line.item, line.status
    return TaskRow(
        code=item.code,
        title=item.title,
        kind=item.kind.value,
        lead="、".join(line.lead_names),
        deadline=str(item.deadline) if item.deadline is not None else None,
        percent=float(status.percent),
        schedule=float(status.schedule),
        missing=status.missing,
        overdue=status.overdue,
        colour=status.colour.value,
    )


def _project_line(verdict: LineVerdict) -> ProjectLine:
    line = verdict.line
    found = (verdict.investment, verdict.start, verdict.statistics)
    colours = dict(zip(WARNING_KINDS, found, strict=True))
    return ProjectLine(
        code=line.code,
        name=line.name,
        responsible=line.responsible_unit or "",
        annual_plan=line.annual_plan,
        completed=line.completed,
        completion=_float(verdict.completion),
        gap=_float(verdict.gap),
        colour=verdict.colour.value,
        warnings=tuple(kind for kind, colour in colours.items() if colour is not Colour.GREEN),
    )


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _headline_keys(bundle: PlanBundle) -> list[tuple[str, str | None, str]]:
    """(indicator, sector, subject) of the targets on the region's own ledger figures."""
    found: dict[tuple[str, str | None], str] = {}
    for target in bundle.targets:
        code = target.indicator
        if (
            code
            and (target.subject_org_unit or bundle.plan.region) == bundle.plan.region
            and source_of_code(code) is IndicatorSource.LEDGER
            and tier_of_indicator(code) is None
        ):
            found.setdefault((code, target.subject_sector), target.subject or target.metric)
    shared = [s for s in found.values() if list(found.values()).count(s) > 1]
    return [
        (code, sector, "" if subject in shared else subject)
        for (code, sector), subject in found.items()
    ]


TREND_MONTHS = 12  # the trend chart: a year of 当月 values up to the bulletin's month


def _headlines(
    app: Bioecon,
    actor: Principal,
    bundle: PlanBundle,
    evaluations: list[TargetEvaluation],
    period: Period,
    step: int,
) -> tuple[Headline, ...]:
    found = (
        _headline(app, actor, bundle, evaluations, period, step, key)
        for key in _headline_keys(bundle)
    )
    return tuple(line for line in found if line is not None)


def _headline(
    app: Bioecon,
    actor: Principal,
    bundle: PlanBundle,
    evaluations: list[TargetEvaluation],
    period: Period,
    step: int,
    key: tuple[str, str | None, str],
) -> Headline | None:
    """The month's figures of one indicator of the region, or None without any; its 累计同比
    ``step`` months earlier (a month for a 月报, a quarter for a 季报) is the pace's base."""
    code, sector, subject = key
    measured = ledger.indicator(app, actor=actor, code=code)
    if measured.period_type != PeriodType.MONTH.value:
        return None  # a bulletin's headlines are the month's figures
    entries = ledger.ledger(
        app,
        actor=actor,
        indicator=code,
        org_units=[bundle.plan.region],
        first=period.shift(1 - TREND_MONTHS),
        last=period,
        sector=sector,
    )
    now = entries[-1] if entries and entries[-1].period == period else None
    if now is None or (now.value is None and now.ytd is None):
        return None
    before = next((e for e in entries if e.period == period.shift(-step)), None)
    judged = _judged(evaluations, code, sector, bundle.plan.region, period.year)
    return Headline(
        indicator=code,
        subject=subject or measured.name,  # two figures of one subject: their names
        unit=measured.unit,
        cumulative=measured.nature is IndicatorNature.FLOW,
        value=now.value,
        ytd=now.ytd,
        yoy=now.yoy,
        ytd_yoy=now.ytd_yoy,
        ytd_yoy_before=before.ytd_yoy if before is not None and period.index > step else None,
        completion=judged.evaluation.completion_rate if judged else None,
        time_progress=judged.evaluation.time_progress if judged else None,
        deadline_year=judged.target.deadline_year if judged else None,
        trend=tuple((str(e.period), e.value) for e in entries),
    )


def _judged(
    evaluations: list[TargetEvaluation], code: str, sector: str | None, region: str, year: int
) -> TargetEvaluation | None:
    """The evaluation of the target on this indicator, sector and the region that is still
    running — a yearly one (no deadline), else the nearest deadline from ``year`` on — or
    else the first one."""
    found = [
        item
        for item in evaluations
        if item.target.indicator == code
        and item.target.subject_sector == sector
        and item.org_unit == region
    ]
    running = [i for i in found if (i.target.deadline_year or year) >= year]
    if running:
        return min(running, key=lambda i: i.target.deadline_year or year)
    return found[0] if found else None


def _lagging(
    bundle: PlanBundle, evaluations: list[TargetEvaluation], units: dict[str, OrgUnit]
) -> tuple[TargetLine, ...]:
    """The lagging targets, each with the unit whose figures fall behind as 责任单位."""
    return tuple(
        TargetLine(
            key=item.target.key,
            metric=item.target.metric,
            subject=item.target.subject or _name(units, item.org_unit),
            status=item.evaluation.status.value,
            completion=item.evaluation.completion_rate,
            time_progress=item.evaluation.time_progress,
            responsible=_name(units, item.org_unit),
        )
        for item in evaluations
        if item.evaluation.status in LAGGING
    )


def _indicator_name(app: Bioecon, actor: Principal, code: str) -> str:
    return ledger.indicator(app, actor=actor, code=code).name


def _name(units: dict[str, OrgUnit], code: str) -> str:
    return units[code].name if code in units else code


def _districts(
    app: Bioecon,
    actor: Principal,
    units: dict[str, OrgUnit],
    region: str,
    headlines: tuple[Headline, ...],
    period: Period,
) -> tuple[DistrictLine, ...]:
    """The region's additive children (区县) on the first headline indicator, largest first."""
    children = sorted(c for c, u in units.items() if u.parent == region and u.additive)
    if not headlines or not children:
        return ()
    entries = ledger.ledger(
        app,
        actor=actor,
        indicator=headlines[0].indicator,
        org_units=children,
        first=period,
        last=period,
    )
    lines = [
        DistrictLine(e.org_unit, _name(units, e.org_unit), e.ytd, e.ytd_yoy)
        for e in entries
        if e.ytd is not None
    ]
    return tuple(sorted(lines, key=lambda d: (-(d.ytd or 0), d.org_unit)))


def _quality(
    app: Bioecon, actor: Principal, units: dict[str, OrgUnit], region: str, period: Period
) -> tuple[int, int, tuple[QualityNote, ...]]:
    """Errors, warnings and the first findings of the data-quality checks up to ``period``
    on the region's units."""
    _, found = quality.check_data(app, actor=actor, as_of=period)
    within = _subtree(units, region)
    findings = [f for f in found if f.org_unit in within]
    shown = sorted({f.indicator for f in findings[:QUALITY_NOTES]})
    names = {code: ledger.indicator(app, actor=actor, code=code).name for code in shown}
    errors = sum(f.severity is Severity.ERROR for f in findings)
    notes = tuple(
        QualityNote(
            severity=f.severity.value,
            indicator=names[f.indicator],
            org_unit=_name(units, f.org_unit),
            period=str(f.period),
            message=render(f.message),
        )
        for f in findings[:QUALITY_NOTES]
    )
    return errors, len(findings) - errors, notes


def _subtree(units: dict[str, OrgUnit], root: str) -> set[str]:
    """``root`` and the units below it, of those the caller reads."""
    below: dict[str | None, list[str]] = {}
    for code, unit in units.items():
        below.setdefault(unit.parent, []).append(code)
    found, todo = set(), [root]
    while todo:
        code = todo.pop()
        found.add(code)
        todo += below.get(code, [])
    return found


def _ledger_indicators(bundle: PlanBundle) -> list[str]:
    """The plan's target indicators read from the ledger (what its values come from)."""
    return sorted(
        {
            t.indicator
            for t in bundle.targets
            if t.indicator
            and source_of_code(t.indicator) is IndicatorSource.LEDGER
            and tier_of_indicator(t.indicator) is None
        }
    )


def _with_vintage(
    app: Bioecon,
    actor: Principal,
    bulletin: Bulletin,
    units: dict[str, OrgUnit],
    indicators: list[str],
) -> Bulletin:
    """The bulletin with the values it used and those revised since the last published one."""
    with app.reading() as connection:
        ensure_current(connection)
        selection = store.Selection(
            region=bulletin.region,
            indicators=tuple(indicators),
            until=(bulletin.year, bulletin.month),
            statuses=app.settings.ledger_statuses,
            reach=reach(connection, actor, Action.READ),
        )
        used = store.used_values(connection, selection)
        earlier = store.latest_published(connection, kind=bulletin.kind, plan_code=bulletin.plan)
        revised = store.revised_values(connection, selection, earlier.id) if earlier else []
    return replace(
        bulletin,
        values=tuple(copy_into(UsedValue, v) for v in used),
        earlier_report=earlier.id if earlier else None,
        earlier_period=earlier.period if earlier else None,
        revisions=_revisions(app, actor, units, revised),
    )


def _revisions(
    app: Bioecon, actor: Principal, units: dict[str, OrgUnit], rows: list[store.RevisedRow]
) -> tuple[Revision, ...]:
    """The revised values by the names of their indicators and org units."""
    codes = sorted({r.indicator for r in rows})
    names = {code: ledger.indicator(app, actor=actor, code=code) for code in codes}
    return tuple(
        Revision(
            indicator=names[r.indicator].name,
            org_unit=_name(units, r.org_unit),
            period=r.period,
            earlier=r.earlier,
            now=r.now,
            unit=names[r.indicator].unit,
        )
        for r in rows
    )


def publish_bulletin(
    app: Bioecon,
    *,
    actor: Principal,
    plan: str,
    period: Period,
    kind: str = KIND_MONTHLY,
    now: datetime | None = None,
) -> tuple[Published, Bulletin]:
    """Build the bulletin of a kind (a month's 月报, a quarter's 季报) and record it as
    published: its content, content hash and every value it used. The caller must manage
    plans over the plan's region."""
    bulletin = bulletin_of(app, actor=actor, plan=plan, kind=kind, period=period)
    built_at = now or datetime.now(UTC)
    digest = content_hash(bulletin)
    with app.transaction() as connection:
        ensure_current(connection)
        require(connection, actor, Action.MANAGE_PLANS, [bulletin.region])
        report_id = store.record(
            connection,
            kind=bulletin.kind,
            plan_code=bulletin.plan,
            period=bulletin.period,
            built_at=built_at,
            built_by=actor.login,
            content_hash=digest,
            content=to_plain(bulletin),
            values=[copy_into(store.ValueRow, v) for v in bulletin.values],
        )
    published = Published(
        report_id, bulletin.plan, bulletin.period, built_at, actor.login, digest, bulletin.kind
    )
    return published, bulletin


def published_bulletin(
    app: Bioecon, *, actor: Principal, report: int
) -> tuple[Published, Bulletin]:
    """A published bulletin again, from its recorded content and values (so unchanged by
    any revision since); refused as a conflict if they no longer give its content hash."""
    with app.reading() as connection:
        ensure_current(connection)
        row, values = _published(connection, actor, report)
    bulletin = from_plain(row.content, tuple(copy_into(UsedValue, v) for v in values))
    if content_hash(bulletin) != row.content_hash:
        raise Conflict(f"已发布报告 {report} 的记录与其内容哈希不符：记录已被改动")
    published = _published_of(row)
    return published, bulletin


def _published_of(row: store.PublishedRow) -> Published:
    return Published(
        row.id, row.plan_code, row.period, row.built_at, row.built_by, row.content_hash, row.kind
    )


def list_published(app: Bioecon, *, actor: Principal) -> list[Published]:
    """The published bulletins of the plans the caller may read, newest first."""
    codes = [p.code for p in plans.list_plans(app, actor=actor)]
    with app.reading() as connection:
        ensure_current(connection)
        rows = store.list_published(connection, codes)
    return [_published_of(r) for r in rows]


def release_calendar(
    app: Bioecon, *, actor: Principal, plan: str, year: int, today: date | None = None
) -> list[Release]:
    """The release calendar (发布日历) of ``plan``'s periodic reports for ``year``: every month's
    月报, every quarter's 季报 and the year's 年度总结, each with its due day
    (bioecon/data/reports/calendar.yaml) and whether it was published on time, late, or not
    yet (逾期未发布 once its day has passed), by the first report published for it."""
    bundle = plans.get_plan(app, actor=actor, reference=plan)
    with app.reading() as connection:
        ensure_current(connection)
        rows = store.list_published(connection, [bundle.plan.code])
    first: dict[tuple[str, str], store.PublishedRow] = {}
    for row in sorted(rows, key=lambda r: r.id):
        first.setdefault((row.kind, row.period), row)
    day = today or office_day(datetime.now(UTC))
    found: list[Release] = []
    for kind, (rule, jan_feb_combined) in release_rules().items():
        for period in _periods_of(kind, year, jan_feb_combined=jan_feb_combined):
            published = first.get((kind, str(period)))
            on = office_day(published.built_at) if published else None
            found.append(
                Release(
                    kind=kind,
                    period=str(period),
                    due=due_date(period, rule),
                    published_id=published.id if published else None,
                    published_on=on,
                    timeliness=timeliness(period, rule, on, day),
                )
            )
    return sorted(found, key=lambda r: (r.due, KINDS.index(r.kind)))


def _periods_of(kind: str, year: int, *, jan_feb_combined: bool) -> list[Period]:
    """The periods of ``year`` a periodic kind of report is published for (no January of a
    monthly report published 1—2月合并)."""
    kind_of = PERIOD_TYPES[kind]
    if kind_of is PeriodType.YEAR:
        return [Period.of_year(year)]
    first, last = Period(kind_of, year, 1), Period(kind_of, year, 12 // kind_of.months)
    return reported_periods(first, last, jan_feb_combined=jan_feb_combined)


def revised_since(app: Bioecon, *, actor: Principal, report: int) -> tuple[Revision, ...]:
    """The values a published bulletin used that have been revised since, or are no longer
    counted (reopened for correction): what that bulletin would now say differently."""
    with app.reading() as connection:
        ensure_current(connection)
        _published(connection, actor, report)
        rows = store.revised_since(connection, report, app.settings.ledger_statuses)
    units = {u.code: u for u in orgunits.list_org_units(app, actor=actor)}
    return _revisions(app, actor, units, rows)


def _published(
    connection: Connection, actor: Principal, report: int
) -> tuple[store.PublishedRow, list[store.ValueRow]]:
    """A published report of a plan the caller reads; not found otherwise."""
    found = store.published(connection, report)
    if found is None:
        raise NotFound(f"没有编号为 {report} 的已发布报告")
    stored_plan_id(connection, found[0].plan_code, actor)
    return found
