"""Enterprise registry use cases: load (merge by credit code), export, classify."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.catalogs import tier_catalogue, unit_registry
from bioecon.classify.classifier import Classifier
from bioecon.classify.tables import ClassificationTables
from bioecon.domain.access import Action, Principal
from bioecon.domain.amounts import check_storable
from bioecon.domain.audit import AuditAction, AuditEntity, audit_value
from bioecon.domain.disclosure import without_financials
from bioecon.domain.enterprise_input import (
    Change,
    EnterpriseFile,
    EnterpriseRow,
    merge_rows,
    merge_years,
)
from bioecon.domain.model import (
    Enterprise,
    EnterpriseYear,
    IndicatorNature,
    ObservationStatus,
    ReportingBasis,
)
from bioecon.domain.periods import Period
from bioecon.errors import InvalidInput, InvalidValue, NotFound, Problem
from bioecon.runtime import collector_paused
from bioecon.services._audit import Change as Event
from bioecon.services._audit import record
from bioecon.services._scope import (
    SHARED,
    financial_units,
    reach,
    require_manager,
    require_readable,
)
from bioecon.store import Connection, orgunits
from bioecon.store import enterprises as store
from bioecon.store import indicators as indicator_store
from bioecon.store import observations as observation_store
from bioecon.store import tiers as tier_store
from bioecon.store.maintenance import refresh_statistics
from bioecon.store.migrate import ensure_current


@dataclass(frozen=True, slots=True)
class EnterpriseLoadReport:
    source: str
    created: int
    updated: int
    unchanged: int
    years: int
    changes: tuple[Change, ...]
    warnings: tuple[Problem, ...]


Merged = list[tuple[Enterprise, list[EnterpriseYear], store.StoredEnterprise | None]]
"""Each enterprise of a file as merged, its years, and what the registry held of it."""


def load_enterprises(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    parsed: EnterpriseFile,
    loaded_on: date | None = None,
) -> EnterpriseLoadReport:
    """Merge the file into the registry by credit code, all or nothing. New flags are recorded
    as loaded on ``loaded_on`` (default today, UTC): an undated flag counts from that day.
    The caller must manage plans over every org unit an enterprise is in or moves to; each
    created and updated enterprise is recorded (the created ones in one INSERT … SELECT)."""
    day = loaded_on or datetime.now(UTC).date()
    with collector_paused():
        groups: dict[str, list[EnterpriseRow]] = defaultdict(list)
        for row in parsed.rows:
            groups[row.uscc].append(row)
        with app.transaction() as connection:
            ensure_current(connection)
            problems = list(parsed.problems)
            org_ids = orgunits.ids(connection, {code for _, code in parsed.org_references})
            problems += [
                Problem(f"row {row}, column org_unit", f"unknown org unit '{code}'")
                for row, code in parsed.org_references
                if code not in org_ids
            ]
            stored = store.fetch(connection, groups)
            merged: Merged = []
            changes: list[Change] = []
            for uscc, rows in groups.items():
                existing = stored.get(uscc)
                enterprise, changed, conflicts = merge_rows(
                    uscc, rows, existing.enterprise if existing else None
                )
                years, repeats = merge_years(uscc, rows, existing.years if existing else {})
                problems += conflicts + repeats
                changes += changed
                merged.append((enterprise, years, existing))
            if problems:
                raise InvalidInput(parsed.source, sorted(problems, key=_row_of))
            homes = [e.org_unit for e, _, _ in merged]
            homes += [s.enterprise.org_unit for _, _, s in merged if s is not None]
            require_manager(connection, actor, [h or SHARED for h in homes])
            kept = {e.org_unit for e, _, _ in merged if e.org_unit and e.org_unit not in org_ids}
            org_ids |= orgunits.ids(connection, kept)
            new = [
                (enterprise, years) for enterprise, years, existing in merged if existing is None
            ]
            store.insert_new(connection, new, org_ids, day)
            store.audit_created(
                connection,
                [e.uscc for e, _ in new],
                at=datetime.now(UTC),
                actor=actor.login,
                origin=origin,
            )
            events = _save_updates(connection, merged, org_ids, day)
            record(connection, actor, origin, AuditEntity.ENTERPRISE, events)
            created, updated = len(new), len(events)
            unchanged = len(merged) - created - updated
            years_written = sum(len(years) for _, years, _ in merged)
            if created + years_written >= 5_000:
                refresh_statistics(connection, ("enterprise", "enterprise_year", "enterprise_flag"))
            return EnterpriseLoadReport(
                parsed.source,
                created,
                updated,
                unchanged,
                years_written,
                tuple(changes),
                parsed.warnings,
            )


def _save_updates(
    connection: Connection, merged: Merged, org_ids: dict[str, int], day: date
) -> list[Event]:
    """Write each stored enterprise the file changed; the audit event of each."""
    events: list[Event] = []
    for enterprise, years, existing in merged:
        if existing is None:
            continue
        if existing.enterprise != enterprise or any(existing.years.get(y.year) != y for y in years):
            store.save(
                connection, enterprise, years, existing=existing, org_ids=org_ids, loaded_on=day
            )
            events.append(_update_event(existing, enterprise, years))
    return events


def _update_event(
    existing: store.StoredEnterprise, enterprise: Enterprise, years: list[EnterpriseYear]
) -> Event:
    """The audit event of an updated enterprise: the fields and years that changed, old and new."""
    old: dict[str, object] = {}
    new: dict[str, object] = {}
    for field in ("name", "org_unit", "industry_code", "business_scope", "founded_on", "flags"):
        before, after = getattr(existing.enterprise, field), getattr(enterprise, field)
        if before != after:
            old[field], new[field] = audit_value(before), audit_value(after)
    for year in years:
        before_year = existing.years.get(year.year)
        if before_year != year:
            key = f"year {year.year}"
            old[key] = _figures(before_year) if before_year else None
            new[key] = _figures(year)
    return (enterprise.uscc, AuditAction.UPDATE, old, new)


def _figures(year: EnterpriseYear) -> dict[str, object]:
    return {
        f: audit_value(getattr(year, f))
        for f in ("revenue", "output_value", "rd_spend", "employees", "valuation", "valuation_unit")
    }


def _row_of(problem: Problem) -> int:
    head = problem.location.split(",")[0]
    return int(head[4:]) if head.startswith("row ") and head[4:].isdigit() else 0


def export_enterprises(
    app: Bioecon, *, actor: Principal
) -> list[tuple[Enterprise, list[EnterpriseYear]]]:
    """Every enterprise in the caller's scope with its yearly figures, by credit code: what
    `enterprises export` writes and `enterprises load` reads back unchanged. The financial
    fields are blank unless the caller may read them."""
    with app.reading(replica=True) as connection:
        ensure_current(connection)
        found = store.fetch(
            connection, store.all_codes(connection, reach(connection, actor, Action.READ))
        )
        shown = financial_units(connection, actor, (s.enterprise.org_unit for s in found.values()))
    return [(found[c].enterprise, _years_shown(found[c], shown)) for c in sorted(found)]


def _years_shown(stored: store.StoredEnterprise, shown: set[str | None]) -> list[EnterpriseYear]:
    years = [stored.years[y] for y in sorted(stored.years)]
    if stored.enterprise.org_unit in shown:
        return years
    return [without_financials(y) for y in years]


@dataclass(frozen=True, slots=True)
class ClassifyReport:
    enterprises: int
    classified: int
    changed: int


def classify_registry(
    app: Bioecon, *, actor: Principal, tables: ClassificationTables
) -> ClassifyReport:
    """Classify every enterprise in the registry and store the result with the table used
    (the whole registry: a shared record the caller must be able to change)."""
    classifier = Classifier(tables)
    with app.transaction() as connection:
        ensure_current(connection)
        require_manager(connection, actor, [SHARED])
        updates = []
        classified = changed = 0
        inputs = store.classification_inputs(connection)
        for enterprise_id, code, scope, current, table in inputs:
            result = classifier.classify(code, scope)
            classified += result.category is not None
            changed += result.category != current or table != tables.mapping_source
            updates.append(
                {
                    "row_id": enterprise_id,
                    "category": result.category,
                    "basis": result.basis,
                    "matched": result.matched[:300],
                    "table": tables.mapping_source,
                }
            )
        store.store_classifications(connection, updates)
    return ClassifyReport(len(inputs), classified, changed)


@dataclass(frozen=True, slots=True)
class SectorLedgerReport:
    indicator: str
    rows: int
    inserted: int
    updated: int


def build_sector_ledger(
    app: Bioecon,
    *,
    actor: Principal,
    indicator: str,
    figure: str = "revenue",
    years: list[int] | None = None,
) -> SectorLedgerReport:
    """Write yearly sector totals into the ledger from the registry: the sum of ``figure``
    (万元) of classified enterprises per org unit, year and category, at every level of the
    category tree (4, 4.1, 4.1.1), converted exactly into the indicator's unit. The ledger then
    rolls them up over org units and sectors like any reported figure. It reads the whole
    registry and writes every unit's ledger: a shared record the caller must be able to change."""
    with app.transaction() as connection:
        ensure_current(connection)
        require_manager(connection, actor, [SHARED])
        found = indicator_store.by_code(connection, [indicator])
        if indicator not in found:
            raise NotFound(f"no indicator '{indicator}'")
        indicator_id, definition = found[indicator]
        if definition.period_type != "year" or definition.nature is not IndicatorNature.FLOW:
            raise InvalidValue(
                f"{indicator} must be a yearly flow indicator to take enterprise figures"
            )
        units = unit_registry()
        sums: dict[tuple[int, int, str], Decimal] = defaultdict(Decimal)
        for org_id, year, category, total in store.category_sums(connection, figure, years):
            for level in _levels(category):
                sums[(org_id, year, level)] += total
        now = datetime.now(UTC)
        writes = []
        for (org_id, year, sector), total in sorted(sums.items()):
            try:
                value = check_storable(units.convert(total, "万元", definition.unit))
            except InvalidValue as error:
                raise InvalidValue(f"{indicator} {year} {sector}: {error}") from None
            writes.append(
                observation_store.ObservationWrite(
                    indicator_id=indicator_id,
                    org_unit_id=org_id,
                    sector=sector,
                    period=Period.of_year(year),
                    basis=ReportingBasis.YTD,
                    value=value,
                    status=ObservationStatus.APPROVED,
                    source=f"企业名录 {figure} by category",
                    reported_by="bioecon enterprises ledger",
                    reported_at=now,
                )
            )
        inserted, updated = observation_store.save_observations(connection, writes)
        return SectorLedgerReport(indicator, len(writes), inserted, updated)


def _levels(category: str) -> list[str]:
    """4.1.1 → 4, 4.1, 4.1.1."""
    parts = category.split(".")
    return [".".join(parts[: n + 1]) for n in range(len(parts))]


@dataclass(frozen=True, slots=True)
class EnterprisePage:
    total: int
    page: int
    size: int
    rows: list[store.DirectoryRow]
    tier_year: int | None = None  # the figures' year a tier filter was judged on


def enterprise_directory(
    app: Bioecon,
    *,
    actor: Principal,
    page: int = 1,
    size: int = 50,
    category: str | None = None,
    org_unit: str | None = None,
    flag: str | None = None,
    tier: str | None = None,
    search: str | None = None,
) -> EnterprisePage:
    """A page of the directory of the caller's scope (revenue blank unless it may read the
    financial fields); ``tier`` (a tier code of data/tiers.yaml) is judged on the latest
    year with enterprise figures."""
    if page < 1 or not 1 <= size <= 500:
        raise InvalidValue("page starts at 1; size is 1 to 500")
    rules = tier_catalogue()
    if tier is not None and tier not in rules:
        raise InvalidValue(f"unknown tier {tier!r}; tiers are {', '.join(rules)}")
    with app.reading(replica=True) as connection:
        ensure_current(connection)
        tier_filter = None
        tier_year = None
        if tier is not None:
            tier_year = tier_store.latest_figure_year(connection)
            if tier_year is None:  # no figures at all: no enterprise is in any tier
                return EnterprisePage(0, page, size, [])
            tier_filter = tier_store.member_ids(rules[tier], year=tier_year)
        total, rows = store.directory(
            connection,
            category=category,
            org_unit=org_unit,
            flag=flag,
            tier_members=tier_filter,
            search=search,
            offset=(page - 1) * size,
            limit=size,
            reach=reach(connection, actor, Action.READ),
            financials=reach(connection, actor, Action.READ_FINANCIALS),
        )
    return EnterprisePage(total, page, size, rows, tier_year)


def enterprise_detail(
    app: Bioecon, *, actor: Principal, uscc: str
) -> tuple[Enterprise, list[EnterpriseYear], str | None]:
    """An enterprise, its yearly figures (financial fields blank unless the caller may read
    them) and its bio-economy category; one outside the caller's scope is not found."""
    with app.reading(replica=True) as connection:
        ensure_current(connection)
        found = store.fetch(connection, [uscc.upper()])
        if uscc.upper() not in found:
            raise NotFound(f"no enterprise {uscc}")
        stored = found[uscc.upper()]
        require_readable(connection, actor, stored.enterprise.org_unit, f"no enterprise {uscc}")
        category = store.category_of(connection, stored.id)
        shown = financial_units(connection, actor, [stored.enterprise.org_unit])
    return stored.enterprise, _years_shown(stored, shown), category
