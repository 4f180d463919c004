"""Evaluate every target of a plan as of a period (目标进度评估).

The ledger values come from the SQL derivation (one query per indicator and sector, all org
units at once), only at the periods :mod:`bioecon.domain.actuals` asks for; what counts as the
actual and the base is decided there, the verdicts by :mod:`bioecon.domain.progress`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache, partial
from typing import NamedTuple

from bioecon.app import Bioecon
from bioecon.catalogs import (
    indicator_catalogue,
    progress_thresholds,
    register_vocabulary,
    tier_catalogue,
)
from bioecon.domain.access import Action, Principal
from bioecon.domain.actuals import (
    Series,
    actual_of,
    base_of,
    judged_year,
    periods_needed,
    time_of,
    year_value,
)
from bioecon.domain.catalogue import CatalogueEntry, IndicatorSource, source_of_code
from bioecon.domain.messages import Message, clauses, month_label
from bioecon.domain.model import Indicator, IndicatorNature, PlanBundle, Target, TargetKind
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.progress import (
    Observed,
    TargetEvaluation,
    TargetSpec,
    Thresholds,
    evaluate,
)
from bioecon.domain.registers import RegisterCount, RegisterVocabulary
from bioecon.domain.registry_counts import base_day, complete_year, count_day
from bioecon.domain.tiers import TierRule, plan_rules, tier_of_indicator
from bioecon.errors import InvalidValue
from bioecon.services._ledger import ledger_entries
from bioecon.services._plan_lookup import stored_plan_id
from bioecon.services._scope import permitted, require_readable
from bioecon.store import Connection, data_version, orgunits
from bioecon.store import approvals as approval_store
from bioecon.store import indicators as indicator_store
from bioecon.store import plans as plan_store
from bioecon.store import platforms as platform_store
from bioecon.store import projects as project_store
from bioecon.store import registers as register_store
from bioecon.store import tiers as tier_store
from bioecon.store.migrate import ensure_current


def evaluate_plan(
    app: Bioecon, *, actor: Principal, plan: str, as_of: Period, org_unit: str | None = None
) -> list[TargetEvaluation]:
    """Every target of ``plan`` (funding rules excluded) whose subject the caller may read,
    judged as of the month ``as_of``; ``org_unit`` keeps only the targets whose subject is
    that unit."""
    if as_of.type is not PeriodType.MONTH:
        raise InvalidValue(f"--as-of takes a month such as 2025-06, not {as_of}")
    with app.reading(replica=True) as connection:
        ensure_current(connection)
        # the version first, then the figures on the same server: never older than the version
        version = data_version.current(connection)
        key = ("evaluate_plan", actor, plan, as_of, org_unit)
        compute = partial(
            _evaluate_plan,
            connection,
            actor=actor,
            plan=plan,
            as_of=as_of,
            org_unit=org_unit,
            statuses=app.settings.ledger_statuses,
        )
        return list(app.figures.get(key, version, compute))


def _evaluate_plan(
    connection: Connection,
    *,
    actor: Principal,
    plan: str,
    as_of: Period,
    org_unit: str | None,
    statuses: tuple[str, ...],
) -> list[TargetEvaluation]:
    if org_unit is not None:
        require_readable(connection, actor, org_unit, f"no org unit '{org_unit}'")
    bundle = plan_store.load_bundle(connection, stored_plan_id(connection, plan, actor))
    subjects = {t.subject_org_unit or bundle.plan.region for t in bundle.targets}
    readable = set(permitted(connection, actor, [Action.READ], sorted(subjects)))
    return _evaluate_bundle(
        connection,
        bundle,
        as_of=as_of,
        subjects=readable if org_unit is None else readable & {org_unit},
        statuses=statuses,
    )


def _evaluate_bundle(
    connection: Connection,
    bundle: PlanBundle,
    *,
    as_of: Period,
    subjects: set[str],
    statuses: Sequence[str],
) -> list[TargetEvaluation]:
    """The targets of ``bundle`` whose subject is among ``subjects``, judged on the ledger
    built from observations of ``statuses``."""
    thresholds = Thresholds.from_mapping(bundle.plan.thresholds or {}, progress_thresholds())
    targets = [
        (t, t.subject_org_unit or bundle.plan.region)
        for t in bundle.targets
        if t.kind is not TargetKind.POLICY_RULE
        and (t.subject_org_unit or bundle.plan.region) in subjects
    ]
    found = indicator_store.by_code(
        connection,
        sorted({t.indicator for t, _ in targets if t.indicator and _from_ledger(t.indicator)}),
    )
    definitions = {code: definition for code, (_, definition) in found.items()}
    natures = {code: d.nature for code, d in definitions.items()}
    level_units = {code: d.unit for code, d in definitions.items()}
    base_years = {t.baseline_year for t, _ in targets if t.baseline_year}
    if bundle.plan.horizon_start:
        base_years.add(bundle.plan.horizon_start - 1)
    # the deadline years that are over: their year-ends are the actuals
    base_years |= {y for t, _ in targets if (y := judged_year(t.deadline_year, as_of))}
    context = _Context(
        connection,
        bundle,
        as_of,
        _series(connection, targets, definitions, base_years, as_of, statuses),
        natures,
        cache(partial(tier_store.latest_figure_year, connection)),
    )
    horizon_t = float(bundle.plan.horizon_start - 1) if bundle.plan.horizon_start else None
    results = []
    for target, org in targets:
        spec = TargetSpec(
            target.kind,
            target.op,
            target.value,
            target.value_high,
            target.unit,
            target.deadline_year,
            # 翻番 is written in 倍; its actual and target levels are in the indicator's unit
            level_unit=level_units.get(target.indicator or "")
            if target.kind is TargetKind.MULTIPLE
            else None,
        )
        measured = _measure(context, target, org)
        evaluation = evaluate(
            spec,
            actual=measured.actual,
            base=measured.base,
            time_now=time_of(as_of),
            horizon_start_t=horizon_t,
            thresholds=thresholds,
            ytd_share=measured.share,
            latest=measured.latest,
            missing=measured.missing,
        )
        if measured.notes and measured.actual is not None:
            explanation = clauses(evaluation.explanation, *measured.notes)
            evaluation = replace(evaluation, explanation=explanation)
        results.append(
            TargetEvaluation(bundle.plan.code, target, org, evaluation, level_unit=spec.level_unit)
        )
    return results


class _Context(NamedTuple):
    """What every target of one evaluation is measured against."""

    connection: Connection
    bundle: PlanBundle
    as_of: Period
    series: dict[tuple[str, str | None, str], Series]
    natures: dict[str, IndicatorNature]
    figure_year: Callable[[int], int | None]  # the registry's latest year with figures, ≤ it


def _measure(context: _Context, target: Target, org: str) -> Measured:
    """The actual (and base, latest, notes) a target is judged on, from its indicator's
    source: the enterprise registry (tiers), a register (platforms, approvals, projects) or
    the ledger; the reason when there is none."""
    judged = (
        judged_year(target.deadline_year, context.as_of)
        if target.kind is not TargetKind.RECURRING
        else None
    )
    if target.indicator is None:
        return Measured(None, None, (), Message("explain.no_indicator"))
    tier = tier_of_indicator(target.indicator)
    if tier is not None:
        return _measure_tier(context, tier, target, org, judged)
    horizon_start = context.bundle.plan.horizon_start
    if source_of_code(target.indicator) in REGISTER_NOUNS:
        counted = _register_counts(context.connection, target, org, context.as_of, horizon_start)
        if judged is None or counted.actual is None:
            return counted
        latest = _register_counts(
            context.connection, target, org, context.as_of, horizon_start, judged=False
        )
        return counted._replace(latest=latest.actual)
    return _measure_ledger(context, target, org, judged)


def _measure_tier(
    context: _Context, tier: str, target: Target, org: str, judged: int | None
) -> Measured:
    """A tier target: its members counted in the registry; judged on the deadline year's
    count once that year is over (_tier_counts counts on its last day), today's beside it."""
    plan = context.bundle.plan
    rule = plan_rules(tier_catalogue(), plan.tiers)[tier]
    count = partial(_tier_counts, context, rule, target, org)
    actual, base, notes = count(plan.horizon_start)
    as_of_label = month_label(context.as_of.year, context.as_of.index)
    missing = Message("explain.no_tier_figures", {"as_of": as_of_label, "tier": rule.name})
    latest = count(plan.horizon_start, judged=False)[0] if judged is not None else None
    return Measured(actual, base, notes, missing, latest=latest)


def _measure_ledger(context: _Context, target: Target, org: str, judged: int | None) -> Measured:
    """A ledger target: its actual from the series of its indicator, sector and org unit; once
    the deadline year is over, that year's value, with the latest beside it."""
    indicator = target.indicator or ""
    entries = context.series.get((indicator, target.subject_sector, org), {})
    nature = context.natures[indicator]
    recurring = target.kind is TargetKind.RECURRING
    actual, share = actual_of(entries, nature, context.as_of, recurring=recurring)
    base = base_of(target, entries, nature, context.bundle.plan.horizon_start)
    as_of_label = month_label(context.as_of.year, context.as_of.index)
    missing = Message(
        "explain.no_series", {"as_of": as_of_label, "indicator": indicator, "org_unit": org}
    )
    if judged is None:
        return Measured(actual, base, (), missing, share)
    latest, actual = actual, year_value(entries, nature, judged)
    if latest is not None:
        missing = Message("explain.no_deadline_actual", {"year": judged})
    return Measured(actual, base, (), missing, share, latest)


def _tier_counts(
    context: _Context,
    rule: TierRule,
    target: Target,
    org: str,
    horizon_start: int | None,
    *,
    judged: bool = True,
) -> tuple[Observed | None, Observed | None, tuple[Message, ...]]:
    """Counts of a tier's members in the subject's subtree, from the enterprise registry, on
    the day :func:`count_day` gives (figure-based tiers: the latest complete year with figures
    up to then); the base counted at the end of the base year. An increment target counts
    the entrants since the base year (members then are left out), against a base of 0. The
    notes say what was counted: entrants, and flags counted only from their load date.
    ``judged=False``: on the as-of day even after the deadline (the latest count)."""
    connection, sector = context.connection, target.subject_sector
    day = count_day(context.as_of, target.deadline_year if judged else None)
    year = context.figure_year(complete_year(day)) if rule.uses_figures else day.year
    if year is None:
        return None, None, ()
    base_year = _base_year(context.figure_year, rule, target, horizon_start)

    def count(since: tier_store.Since | None = None) -> Decimal:
        found = tier_store.count(
            connection, rule, year=year, day=day, org_unit=org, sector=sector, since=since
        )
        return Decimal(found)

    t, label = (float(year), str(year)) if rule.uses_figures else _month_of(day)
    notes = _undated_note(connection, rule, day, org, sector)
    if target.kind is TargetKind.INCREMENT and base_year is not None:
        entrants = count(tier_store.Since(base_year, base_day(base_year)))
        entered = Message("explain.tier_entrants", {"since": base_year})
        zero = Observed(Decimal(0), float(base_year), str(base_year))
        return Observed(entrants, t, label), zero, (entered, *notes)
    base = None
    if target.baseline_value is not None and target.baseline_year is not None:
        base = Observed(
            target.baseline_value, float(target.baseline_year), str(target.baseline_year)
        )
    elif base_year is not None:
        then = tier_store.count(
            connection, rule, year=base_year, day=base_day(base_year), org_unit=org, sector=sector
        )
        base = Observed(Decimal(then), float(base_year), str(base_year))
    return Observed(count(), t, label), base, notes


REGISTER_NOUNS = {
    IndicatorSource.PLATFORMS: "register_counted.platforms",
    IndicatorSource.APPROVALS: "register_counted.approvals",
    IndicatorSource.PROJECTS: "register_counted.projects",
}


_REGISTERS = {
    IndicatorSource.PLATFORMS: platform_store.REGISTER,
    IndicatorSource.APPROVALS: approval_store.REGISTER,
}


def _from_ledger(code: str) -> bool:
    """Whether a target's indicator is read from the ledger (not counted from a register)."""
    return tier_of_indicator(code) is None and source_of_code(code) not in REGISTER_NOUNS


class Measured(NamedTuple):
    """What a target is judged on: the actual, the base, what was counted (notes), the reason
    when nothing could be, for a recurring target the share of the year elapsed, and after
    the deadline year the latest value beside that year's."""

    actual: Observed | None
    base: Observed | None
    notes: tuple[Message, ...]
    missing: Message
    share: float | None = None
    latest: Observed | None = None


def _register_counts(
    connection: Connection,
    target: Target,
    org: str,
    as_of: Period,
    horizon_start: int | None,
    *,
    judged: bool = True,
) -> Measured:
    """A platform, approval or project indicator counted in the subject's subtree on the day
    :func:`count_day` gives, the way :func:`_tier_counts` counts a tier: a level counts the
    rows valid that day against the count at the end of the base year; an increment only the
    rows approved after the end of the base year, against 0; a recurring (每年) target the
    year's so far (against the share of the year elapsed)."""
    entry, missing = _register_entry(connection, target.indicator or "")
    if entry is None:
        return Measured(None, None, (), missing)
    noun = Message(REGISTER_NOUNS[entry.source])
    day = count_day(as_of, target.deadline_year if judged else None)
    t, label = _month_of(day)
    base_year = target.baseline_year or (horizon_start - 1 if horizon_start else None)
    notes: tuple[Message, ...] = ()
    if entry.source is not IndicatorSource.PROJECTS:
        notes = (Message("explain.register_valid"),)
    if target.kind is TargetKind.RECURRING:
        found = _register_count(connection, entry, day, org, since=base_day(day.year - 1))
        year_note = Message("explain.register_in_year", {"year": day.year, "counted": noun})
        if "completed" in entry.count.get("measure", ()):
            year_note = Message("explain.key_completed", {"year": day.year, "month": day.month})
        so_far = Observed(found, t, f"{day.year}-01/{label}")
        return Measured(so_far, None, (year_note, *notes), missing, day.month / 12)
    if target.kind is TargetKind.INCREMENT and base_year is not None:
        found = _register_count(connection, entry, day, org, since=base_day(base_year))
        since = Message("explain.register_since", {"since": base_year, "counted": noun})
        zero = Observed(Decimal(0), float(base_year), str(base_year))
        return Measured(Observed(found, t, label), zero, (since, *notes), missing)
    base = None
    if target.baseline_value is not None and target.baseline_year is not None:
        base = Observed(target.baseline_value, float(target.baseline_year), str(base_year))
    elif base_year is not None:
        then = _register_count(connection, entry, base_day(base_year), org)
        base = Observed(then, float(base_year), str(base_year))
    actual = Observed(_register_count(connection, entry, day, org), t, label)
    return Measured(actual, base, notes, missing)


def _register_entry(connection: Connection, code: str) -> tuple[CatalogueEntry | None, Message]:
    """The catalogue entry of a register indicator and the reason a count may be missing; no
    entry when the catalogue lacks the code or its register holds nothing (not a count of 0)."""
    entry = indicator_catalogue().get(code)
    if entry is None:
        return None, Message("explain.not_in_catalogue", {"indicator": code})
    register = Message(f"indicator_source.{entry.source}")
    missing = Message("explain.no_register_rows", {"register": register})
    if entry.source is IndicatorSource.PROJECTS:
        in_use = project_store.any_selected(connection)
    else:
        in_use = register_store.has_rows(connection, _REGISTERS[entry.source])
    return (entry if in_use else None), missing


def _register_count(
    connection: Connection,
    entry: CatalogueEntry,
    day: date,
    org: str,
    *,
    since: date | None = None,
) -> Decimal:
    """The rows of ``entry``'s register it counts, valid on ``day`` in ``org``'s subtree
    (approved after ``since``); for ``project.key_investment``, their investment's sum."""
    if entry.source is not IndicatorSource.PROJECTS:
        wanted = (
            RegisterCount.of_platforms(
                entry.count, RegisterVocabulary.from_mapping(register_vocabulary())
            )
            if entry.source is IndicatorSource.PLATFORMS
            else RegisterCount.of_approvals(entry.count)
        )
        register = _REGISTERS[entry.source]
        found = register_store.count(
            connection, register, wanted, day=day, org_unit=org, since=since
        )
        return Decimal(found)
    (measure,) = entry.count["measure"]
    if since is None and measure == "selected":
        since = base_day(day.year - 1)  # 当年遴选: the year's selections
    return project_store.key_projects(
        connection,
        measure=measure,
        org_unit=org,
        last_year=day.year,
        first_year=since.year + 1 if since is not None else None,
        month=day.month,
    )


def _base_year(
    figure_year: Callable[[int], int | None],
    rule: TierRule,
    target: Target,
    horizon_start: int | None,
) -> int | None:
    """The target's base year (else the year before the plan period); for figure-based tiers
    only when the registry has that year's figures."""
    year = target.baseline_year or (horizon_start - 1 if horizon_start else None)
    if year is not None and rule.uses_figures and figure_year(year) != year:
        return None
    return year


def _month_of(day: date) -> tuple[float, str]:
    month = Period.month(day.year, day.month)
    return time_of(month), str(month)


def _undated_note(
    connection: Connection, rule: TierRule, day: date, org: str, sector: str | None
) -> tuple[Message, ...]:
    """名录自2026-11起记录: flags without a start date count only from their load date."""
    since = tier_store.undated_since(connection, rule, day=day, org_unit=org, sector=sector)
    if since is None:
        return ()
    return (
        Message("explain.tier_recorded_since", {"month": month_label(since.year, since.month)}),
    )


def _series(
    connection: Connection,
    targets: Iterable[tuple[Target, str]],
    definitions: dict[str, Indicator],
    base_years: set[int],
    as_of: Period,
    statuses: Sequence[str],
) -> dict[tuple[str, str | None, str], Series]:
    """Month-grid ledger entries for every (indicator, sector, org unit) the targets need."""
    wanted: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for target, org in targets:
        if target.indicator and _from_ledger(target.indicator):
            wanted[(target.indicator, target.subject_sector)].add(org)
    found: dict[tuple[str, str | None, str], Series] = {}
    for (indicator, sector), orgs in sorted(
        wanted.items(), key=lambda item: (item[0][0], item[0][1] or "")
    ):
        native = PeriodType(definitions[indicator].period_type)
        last = as_of.to(native) if native is not PeriodType.MONTH else as_of
        if last.last_month > as_of.last_month and last.year == as_of.year:
            last = last.previous()  # only complete quarters or years count
        known = set(orgunits.ids(connection, sorted(orgs)))
        entries = ledger_entries(
            connection,
            indicator=indicator,
            org_units=sorted(orgs & known),
            periods=periods_needed(native, definitions[indicator].nature, base_years, last),
            sector=sector,
            growth=False,
            statuses=statuses,
        )
        for entry in entries:
            found.setdefault((indicator, sector, entry.org_unit), {})[entry.period] = entry
    return found
