"""Data-quality check use case (`bioecon data check`)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from bioecon.app import Bioecon
from bioecon.catalogs import quality_settings
from bioecon.domain.access import Action, Principal
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.quality import QualityFinding, Severity, describe
from bioecon.errors import InvalidValue, NotFound
from bioecon.services._plan_lookup import stored_plan_id
from bioecon.services._scope import reach
from bioecon.store import Connection, data_version, indicators, orgunits
from bioecon.store import quality as store
from bioecon.store.migrate import ensure_current


def check_data(
    app: Bioecon,
    *,
    actor: Principal,
    as_of: Period | None = None,
    indicator: str | None = None,
    org_units: Sequence[str] = (),
) -> tuple[Period | None, list[QualityFinding]]:
    """Every finding on the data of the caller's scope up to the month ``as_of`` (default:
    the latest month reported there). Errors first, then warnings; each group by indicator,
    org unit and period. With ``indicator``, only the findings of that indicator on the org
    units ``org_units`` (what a page shows): only their data is checked."""
    if as_of is not None and as_of.type is not PeriodType.MONTH:
        raise InvalidValue(f"--as-of takes a month such as 2025-06, not {as_of}")
    with app.reading(replica=True) as connection:
        ensure_current(connection)
        # the version first, then the checks on the same server: never older than the version
        version = data_version.current(connection)
        key = ("check_data", actor, as_of, indicator, tuple(org_units))
        compute = partial(_check_data, connection, actor, as_of, indicator, org_units)
        checked_to, findings = app.figures.get(key, version, compute)
        return checked_to, list(findings)


def _check_data(
    connection: Connection,
    actor: Principal,
    as_of: Period | None,
    indicator: str | None,
    org_units: Sequence[str],
) -> tuple[Period | None, list[QualityFinding]]:
    settings = quality_settings()
    scope = reach(connection, actor, Action.READ)
    if as_of is None:
        latest = store.latest_month(connection, scope)
        if latest is None:
            return None, []
        as_of = Period.month(*latest)
    narrowed = None
    if indicator is not None:
        found = indicators.ids(connection, [indicator])
        if indicator not in found:
            raise NotFound(f"没有指标 {indicator}")
        units = orgunits.ids(connection, org_units)
        narrowed = store.Narrowed(found[indicator], tuple(sorted(units.values())))
    rows = store.run_checks(
        connection,
        as_of=(as_of.year, as_of.index),
        outlier_threshold=float(settings["outlier"]["threshold"]),
        outlier_min_points=int(settings["outlier"]["min_points"]),
        rate_bound=float(settings["implausible_rate"]["bound"]),
        reach=scope,
        narrowed=narrowed,
    )
    findings = []
    for row in rows:
        period = Period(PeriodType(row.period_type), row.year, row.index)
        findings.append(
            QualityFinding(
                check=row.check,
                severity=Severity(settings["severity"][row.check]),
                indicator=row.indicator,
                org_unit=row.org_unit,
                sector=row.sector or None,
                period=period,
                message=describe(
                    row.check, period, row.value, row.reference, row.score, row.detail
                ),
            )
        )
    findings.sort(
        key=lambda f: (
            f.severity is not Severity.ERROR,
            f.indicator,
            f.org_unit,
            f.sector or "",
            f.period.sort_key(),
            f.check,
        )
    )
    return as_of, findings


def latest_data_month(app: Bioecon, *, actor: Principal, plan: str | None = None) -> Period | None:
    """The latest month any observation of the caller's scope covers (of the plan's org
    units, with ``plan``)."""
    with app.reading(replica=True) as connection:
        ensure_current(connection)
        scope = reach(connection, actor, Action.READ)
        if plan is None:
            latest = store.latest_month(connection, scope)
        else:
            stored_plan_id(connection, plan, actor)
            latest = store.latest_month_of_plan(connection, plan, scope)
    return Period.month(*latest) if latest else None
