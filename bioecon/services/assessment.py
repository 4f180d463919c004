"""考核 use cases: a scheme (bioecon/io/assessment_scheme.py) scored as of a month — each
item's input per unit taken from the use cases the pages call (the ledger, the key-project
report) or from the evaluators' scores in the scheme, scored by bioecon.domain.assessment.

A 预考核 during the year is the same call with an earlier month. Only approved values count,
as everywhere (``ledger_admits_submitted``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.assessment import (
    AssessedUnits,
    InputKind,
    Item,
    Result,
    Scheme,
    Score,
    qualitative_input,
    results,
    score_item,
)
from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.domain.ledger import LedgerEntry
from bioecon.domain.model import OrgUnit
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.project_warnings import Colour
from bioecon.domain.reporting_calendar import Timeliness
from bioecon.domain.tasks import LAGGING as TASKS_LAGGING
from bioecon.errors import InvalidValue, NotFound
from bioecon.services import data_sets, ledger, notices, orgunits, projects, tasks
from bioecon.services._audit import record
from bioecon.services._scope import permitted, require
from bioecon.store import Connection, data_version
from bioecon.store import assessments as store
from bioecon.store import orgunits as orgunit_store
from bioecon.store import responsible_units as responsible_unit_store
from bioecon.store import tasks as task_store
from bioecon.store.migrate import ensure_current


@dataclass(frozen=True, slots=True)
class Assessment:
    """A scheme scored as of a month: each unit's result (rank order) and, per item, each
    unit's input and score with its working."""

    scheme: Scheme
    as_of: Period
    names: Mapping[str, str]  # unit code → name
    results: tuple[Result, ...]
    inputs: tuple[Mapping[str, Decimal | None], ...]  # by item, in the scheme's order
    scores: tuple[Mapping[str, Score], ...]  # by item


def assess(app: Bioecon, *, actor: Principal, scheme: Scheme, as_of: Period) -> Assessment:
    """Score ``scheme`` as of the month ``as_of`` (of the scheme's year). The caller must be
    able to read every assessed unit; an unknown unit is not found."""
    _check_month(scheme, as_of)
    with app.reading() as connection:
        ensure_current(connection)
        _require_units(connection, actor, Action.READ, scheme)
    return _scored(app, actor, scheme, as_of)


def _check_month(scheme: Scheme, as_of: Period) -> None:
    if as_of.type is not PeriodType.MONTH or as_of.year != scheme.year:
        raise InvalidValue(
            f"--as-of 须为 {scheme.year} 年的月份（如 {scheme.year}-12），不是 {as_of}"
        )


def _require_units(
    connection: Connection, actor: Principal, action: Action, scheme: Scheme
) -> None:
    """Every assessed unit exists; the caller may take ``action`` on every one (on the
    plan's region for a scheme of departments: their tasks and projects are the plan's)."""
    if scheme.assesses is AssessedUnits.DEPARTMENTS:
        known = responsible_unit_store.existing(connection, scheme.units)
        unknown = sorted(set(scheme.units) - known)
        if unknown:
            raise NotFound(f"没有这些责任单位：{'、'.join(unknown)}")
        require(connection, actor, action, [_plan_region(connection, scheme)])
        return
    unknown = sorted(set(scheme.units) - orgunit_store.existing(connection, scheme.units))
    if unknown:
        raise NotFound(f"没有这些单位：{'、'.join(unknown)}")
    require(connection, actor, action, scheme.units)


def _plan_region(connection: Connection, scheme: Scheme) -> str:
    assert scheme.plan is not None
    found = task_store.plan_region(connection, scheme.plan)
    if found is None:
        raise NotFound(f"没有规划 {scheme.plan}")
    return found[1]


def _readable(
    connection: Connection, actor: Principal, scheme: Scheme, action: Action = Action.READ
) -> bool:
    """Whether the caller may take ``action`` on every assessed unit (a scheme of
    departments: on the plan's region)."""
    if scheme.assesses is AssessedUnits.DEPARTMENTS:
        found = task_store.plan_region(connection, scheme.plan or "")
        return found is not None and bool(permitted(connection, actor, [action], [found[1]]))
    return len(permitted(connection, actor, [action], scheme.units)) == len(scheme.units)


def may_publish(app: Bioecon, *, actor: Principal, code: str) -> bool:
    """Whether the caller may publish the stored scheme ``code`` (manage plans over every
    assessed unit): the page offers the button only then."""
    with app.reading() as connection:
        ensure_current(connection)
        found = store.scheme(connection, code)
        return found is not None and _readable(connection, actor, found.scheme, Action.MANAGE_PLANS)


def _scored(app: Bioecon, actor: Principal, scheme: Scheme, as_of: Period) -> Assessment:
    units = {u.code: u for u in orgunits.list_org_units(app, actor=actor)}
    run = _Run(app, actor, scheme, as_of, units)
    inputs = tuple(_inputs(run, item) for item in scheme.items)
    scores = tuple(_scores(item, found) for item, found in zip(scheme.items, inputs, strict=True))
    found = results(scheme.units, scores, scheme.adjustments, scheme.vetoes or {}, scheme.totals)
    if scheme.assesses is AssessedUnits.DEPARTMENTS:
        known = notices.unit_names(app, actor=actor)
    else:
        known = {code: unit.name for code, unit in units.items()}
    names = {code: known.get(code, code) for code in scheme.units}
    return Assessment(scheme, as_of, names, tuple(found), inputs, scores)


def _scores(item: Item, inputs: Mapping[str, Decimal | None]) -> dict[str, Score]:
    """Per-unit targets score each unit by its own rule; the others score all at once (a
    ranking and an average look at every unit)."""
    if not item.targets:
        return score_item(item.rule, inputs)
    return {
        unit: score_item(item.rule_for(unit), {unit: value})[unit] for unit, value in inputs.items()
    }


@dataclass(frozen=True, slots=True)
class _Run:
    """One assessment's call: who asks, the scheme, the month, and the org units by code."""

    app: Bioecon
    actor: Principal
    scheme: Scheme
    as_of: Period
    units: Mapping[str, OrgUnit]

    @property
    def departments(self) -> bool:
        return self.scheme.assesses is AssessedUnits.DEPARTMENTS

    def within(self, code: str | None, root: str) -> bool:
        return _within(code, root, self.units)


Inputs = dict[str, Decimal | None]


def _inputs(run: _Run, item: Item) -> Inputs:
    return _READERS[item.source](run, item)


def _qualitative_inputs(run: _Run, item: Item) -> Inputs:
    """Σ weight × each group's mean score, from the scheme's scores."""
    given = (run.scheme.qualitative or {}).get(item.key, {})
    return {unit: qualitative_input(item.groups, given.get(unit, {})) for unit in run.scheme.units}


def _ledger_inputs(run: _Run, item: Item) -> Inputs:
    """The item's figure of each unit for the period of its indicator that holds ``as_of``
    (a month; a quarterly indicator's quarter, a yearly one's year)."""
    assert item.indicator is not None
    app, actor, as_of, scheme = run.app, run.actor, run.as_of, run.scheme
    measured = ledger.indicator(app, actor=actor, code=item.indicator)
    period = (
        as_of if measured.period_type == "month" else as_of.to(PeriodType(measured.period_type))
    )
    entries = ledger.ledger(
        app,
        actor=actor,
        indicator=item.indicator,
        org_units=list(scheme.units),
        first=period,
        last=period,
        sector=item.sector,
    )
    by_unit = {e.org_unit: e for e in entries}
    return {unit: _measure(by_unit.get(unit), item) for unit in scheme.units}


def _measure(entry: LedgerEntry | None, item: Item) -> Decimal | None:
    if entry is None:
        return None
    figure = getattr(entry, item.measure.value)
    if figure is None or isinstance(figure, Decimal):
        return figure
    return Decimal(repr(figure))  # a growth rate, percent


def _project_inputs(run: _Run, item: Item) -> Inputs:
    """按序时推进: of each unit's key projects (its own and its subtree's) with an annual plan,
    the percent whose investment is not lit red or yellow against 序时进度, in the month's
    项目调度 report; None for a unit without such a project."""
    assert run.scheme.plan is not None
    report = projects.project_report(
        run.app, actor=run.actor, plan=run.scheme.plan, period=run.as_of
    )
    if run.departments:  # a project names its 责任单位 as text: by its name or an alias
        named = {v.line.responsible_unit for v in report.lines if v.line.responsible_unit}
        codes = {
            name: orgunits.responsible_unit_named(run.app, actor=run.actor, name=name)
            for name in sorted(named)
        }
        return {
            unit: _percent_true(
                [
                    v.investment is Colour.GREEN
                    for v in report.lines
                    if v.line.annual_plan and codes.get(v.line.responsible_unit or "") == unit
                ]
            )
            for unit in run.scheme.units
        }
    return {
        unit: _percent_true(
            [
                v.investment is Colour.GREEN
                for v in report.lines
                if v.line.annual_plan and run.within(v.line.org_unit, unit)
            ]
        )
        for unit in run.scheme.units
    }


def _task_inputs(run: _Run, item: Item) -> Inputs:
    """任务按序时推进: of the plan's work items led by a department of each unit (its own
    org unit or below), the percent not lit red or yellow on the month's last day, from the
    progress reports filed by then — the colours the task pages showed that day; None for a
    unit leading no work item."""
    plan, day = run.scheme.plan, run.as_of.last_day
    assert plan is not None
    lines = tasks.plan_tasks(run.app, actor=run.actor, plan=plan, today=day, filed_by_today=True)
    if run.departments:  # the work items the department leads
        return {
            unit: _percent_true(
                [x.status.colour not in TASKS_LAGGING for x in lines if unit in x.item.lead_units]
            )
            for unit in run.scheme.units
        }
    return {
        unit: _percent_true(
            [
                x.status.colour not in TASKS_LAGGING
                for x in lines
                if any(run.within(home, unit) for home in x.lead_homes)
            ]
        )
        for unit in run.scheme.units
    }


def _notice_inputs(run: _Run, item: Item) -> Inputs:
    """督办: the notices on the scheme's plan's work items and key projects (all notices for a
    scheme without a plan) addressed to the departments of each unit (its own org unit or below)
    from 1 January of the scheme's year to the month's last day, as known at its end — all of
    them, the 督办单, those past the reply deadline unreplied then, or those closed by then;
    0 for a unit with none."""
    assert item.notice_count is not None
    first, last = date(run.scheme.year, 1, 1), run.as_of.last_day
    tallies = notices.notice_tallies(
        run.app, actor=run.actor, first=first, last=last, plan=run.scheme.plan
    )
    field = item.notice_count.value
    if run.departments:  # the notices addressed to the department itself
        return {
            unit: Decimal(sum(getattr(x, field) for x in tallies if x.responsible_unit == unit))
            for unit in run.scheme.units
        }
    return {
        unit: Decimal(sum(getattr(x, field) for x in tallies if run.within(x.org_unit, unit)))
        for unit in run.scheme.units
    }


def _report_inputs(run: _Run, item: Item) -> Inputs:
    """按时报送率: of the data set's reports of the scheme's year by each unit (its own and
    its subtree's) already due on the month's last day, the percent complete by their due day
    (the reporting page's standings on that day); None for a unit that owed none."""
    assert item.data_set is not None
    day = run.as_of.last_day
    standings = data_sets.reporting_status(run.app, actor=run.actor, code=item.data_set, today=day)
    owed = [
        s
        for s in standings
        if s.period.year == run.scheme.year and s.timeliness is not Timeliness.NOT_DUE
    ]
    return {
        unit: _percent_true(
            [s.timeliness is Timeliness.ON_TIME for s in owed if run.within(s.org_unit, unit)]
        )
        for unit in run.scheme.units
    }


_READERS: dict[InputKind, Callable[[_Run, Item], Inputs]] = {
    InputKind.LEDGER: _ledger_inputs,
    InputKind.PROJECTS: _project_inputs,
    InputKind.TASKS: _task_inputs,
    InputKind.NOTICES: _notice_inputs,
    InputKind.REPORTS: _report_inputs,
    InputKind.QUALITATIVE: _qualitative_inputs,
}


def _percent_true(flags: Sequence[bool]) -> Decimal | None:
    """The percent of ``flags`` that hold; None for none at all."""
    return Decimal(sum(flags) * 100) / len(flags) if flags else None


def _within(code: str | None, root: str, units: Mapping[str, OrgUnit]) -> bool:
    """Whether org unit ``code`` is ``root`` or below it."""
    seen: set[str] = set()
    while code is not None and code not in seen:
        if code == root:
            return True
        seen.add(code)
        parent = units.get(code)
        code = parent.parent if parent is not None else None
    return False


# --- schemes kept for the page, and results frozen when published ---------------------------


@dataclass(frozen=True, slots=True)
class SchemeRecord:
    """A stored scheme, and where and by whom it was loaded."""

    scheme: Scheme
    source: str
    loaded_by: str
    loaded_at: datetime


def load_scheme(app: Bioecon, *, actor: Principal, origin: str, scheme: Scheme, source: str) -> str:
    """Keep ``scheme`` for the assessment page (a new code is created, a known one replaced);
    the caller must manage plans over every assessed unit. Returns created, updated or
    unchanged; a change enters the history."""
    with app.transaction() as connection:
        ensure_current(connection)
        _require_units(connection, actor, Action.MANAGE_PLANS, scheme)
        before = store.scheme(connection, scheme.code)
        if before is not None and before.scheme == scheme:
            return "unchanged"
        store.save_scheme(
            connection, scheme, source=source[:300], by=actor.login, at=datetime.now(UTC)
        )
        new = store.scheme_json(scheme)
        old = store.scheme_json(before.scheme) if before is not None else None
        action = AuditAction.CREATE if before is None else AuditAction.UPDATE
        change = (scheme.code, action, old, new)
        record(connection, actor, origin, AuditEntity.ASSESSMENT_SCHEME, [change])
    return "created" if before is None else "updated"


def stored_schemes(app: Bioecon, *, actor: Principal) -> list[SchemeRecord]:
    """The stored schemes whose every assessed unit the caller may read, the latest year
    first."""
    with app.reading() as connection:
        ensure_current(connection)
        found = store.schemes(connection)
        return [_record(s) for s in found if _readable(connection, actor, s.scheme)]


def stored_scheme(app: Bioecon, *, actor: Principal, code: str) -> SchemeRecord:
    """The stored scheme ``code``; not found when there is none or the caller cannot read
    every one of its units (its existence is not revealed)."""
    with app.reading() as connection:
        ensure_current(connection)
        found = store.scheme(connection, code)
        if found is None or not _readable(connection, actor, found.scheme):
            raise NotFound(f"没有考核方案 {code}")
        return _record(found)


def _record(found: store.StoredScheme) -> SchemeRecord:
    return SchemeRecord(found.scheme, found.source, found.loaded_by, found.loaded_at)


@dataclass(frozen=True, slots=True)
class Publication:
    """A published run: its version (1, 2 … per scheme and year), the data version it used,
    who published it and when, and the results as they were scored."""

    version: int
    data_version: int
    published_by: str
    published_at: datetime
    assessment: Assessment


def publish(
    app: Bioecon, *, actor: Principal, origin: str, code: str, as_of: Period
) -> Publication:
    """Score the stored scheme ``code`` as of ``as_of`` and freeze the results with the data
    version they used (taken before scoring: later changes only raise it). Publishing the
    same scheme and year again records the next version; the earlier ones stay. The caller
    must manage plans over every assessed unit."""
    with app.reading() as connection:
        ensure_current(connection)
        found = store.scheme(connection, code)
        if found is None or not _readable(connection, actor, found.scheme):
            raise NotFound(f"没有考核方案 {code}（先用 bioecon assess load 载入）")
        scheme = found.scheme
        _check_month(scheme, as_of)
        _require_units(connection, actor, Action.MANAGE_PLANS, scheme)
        version_of_data = data_version.current(connection)
    scored = _scored(app, actor, scheme, as_of)
    with app.transaction() as connection:
        ensure_current(connection)
        _require_units(connection, actor, Action.MANAGE_PLANS, scheme)
        version = store.next_version(connection, code, scheme.year)
        published = store.StoredPublication(
            scheme_code=code,
            year=scheme.year,
            version=version,
            as_of=str(as_of),
            data_version=version_of_data,
            published_by=actor.login,
            published_at=datetime.now(UTC),
            run=store.StoredRun(
                scheme=scheme,
                as_of=str(as_of),
                names=dict(scored.names),
                results=scored.results,
                inputs=tuple(dict(x) for x in scored.inputs),
                scores=tuple(dict(x) for x in scored.scores),
            ),
        )
        store.add_publication(connection, published)
        summary = {
            "as_of": str(as_of),
            "data_version": version_of_data,
            "results": {r.unit: [str(r.total), r.grade, r.rank] for r in scored.results},
        }
        key = f"{code}/{scheme.year}/{version}"
        record(
            connection,
            actor,
            origin,
            AuditEntity.ASSESSMENT,
            [(key, AuditAction.CREATE, None, summary)],
        )
    return _publication(published)


def publications(app: Bioecon, *, actor: Principal, code: str, year: int) -> list[Publication]:
    """The published runs of scheme ``code`` for ``year``, the latest version first, each as
    it was published (never scored again); the caller must read every assessed unit of the
    stored scheme."""
    with app.reading() as connection:
        ensure_current(connection)
        found = store.scheme(connection, code)
        stored = store.publications(connection, code, year)
        scheme = found.scheme if found is not None else (stored[0].run.scheme if stored else None)
        if scheme is not None and not _readable(connection, actor, scheme):
            raise NotFound(f"没有考核方案 {code}")
    return [_publication(p) for p in stored]


def _publication(found: store.StoredPublication) -> Publication:
    run = found.run
    assessment = Assessment(
        run.scheme, Period.parse(run.as_of), run.names, run.results, run.inputs, run.scores
    )
    return Publication(
        found.version, found.data_version, found.published_by, found.published_at, assessment
    )
