"""Connection-level ledger reads that the ledger and evaluation use cases share. Not a use
case itself: it takes an open connection, so the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence

from bioecon.domain.ledger import LedgerEntry
from bioecon.domain.model import Indicator
from bioecon.domain.periods import Period, PeriodType
from bioecon.errors import InvalidValue, NotFound
from bioecon.store import Connection, orgunits
from bioecon.store import indicators as indicator_store
from bioecon.store import ledger as store

# The derived figures, each with a ``<name>_reason`` column in the ledger row.
_MEASURES = ("value", "ytd", "yoy", "ytd_yoy", "mom", "yoy_2y")


def find_indicator(connection: Connection, code: str) -> tuple[int, Indicator]:
    found = indicator_store.by_code(connection, [code])
    if code not in found:
        raise NotFound(f"no indicator '{code}'")
    return found[code]


def ledger_entries(
    connection: Connection,
    *,
    indicator: str,
    org_units: list[str],
    periods: list[Period],
    sector: str | None = None,
    statuses: Sequence[str] = ("approved",),
    growth: bool = True,
) -> list[LedgerEntry]:
    """Entries at exactly ``periods`` (all of one kind), for each org unit in turn, from the
    observations whose status is in ``statuses``; ``growth=False`` skips the growth rates
    (levels only, faster)."""
    indicator_id, definition = find_indicator(connection, indicator)
    org_ids = orgunits.ids(connection, org_units)
    missing = [code for code in org_units if code not in org_ids]
    if missing:
        raise NotFound(f"no org unit {', '.join(repr(c) for c in missing)}")
    native = PeriodType(definition.period_type)
    if not periods:
        return []
    grid = periods[0].type
    if any(p.type is not grid for p in periods):
        raise InvalidValue("the periods asked for are of different kinds")
    if grid.months < native.months:
        raise InvalidValue(
            f"{indicator} is reported per {native.value}; it has no {grid.value} values"
        )
    rows = store.derive_ledger(
        connection,
        indicator_ids=[indicator_id],
        org_unit_ids=list(org_ids.values()),
        sector=sector or "",
        period_type=native.value,
        native_per_year=12 // native.months,
        step=grid.months // native.months,
        periods=[(p.year, p.index) for p in periods],
        statuses=statuses,
        growth=growth,
    )
    by_key = {(r.org_unit_id, r.year, r.index): r for r in rows}
    return [
        _entry(
            by_key.get((org_ids[code], period.year, period.index)),
            indicator=indicator,
            org_unit=code,
            sector=sector,
            period=period,
        )
        for code in org_units
        for period in periods
    ]


def _entry(
    row: store.LedgerRow | None,
    *,
    indicator: str,
    org_unit: str,
    sector: str | None,
    period: Period,
) -> LedgerEntry:
    """The entry of one org unit and period: the derived row's figures and the reasons of
    those missing, or no figures at all (no_data) when the unit has no row."""
    # built field by field: a generic copy per row was a third of the full ledger's time
    if row is None:
        return LedgerEntry(
            indicator, org_unit, sector, period, None, None, None, None, None, None,
            reasons=dict.fromkeys(_MEASURES, "no_data"),
        )  # fmt: skip
    found = {name: getattr(row, f"{name}_reason") for name in _MEASURES}
    return LedgerEntry(
        indicator, org_unit, sector, period,
        row.value, row.ytd, row.yoy, row.ytd_yoy, row.mom, row.yoy_2y,
        reasons={name: reason for name, reason in found.items() if reason is not None},
        contributors=row.contributors,
        unreviewed=row.unreviewed,
    )  # fmt: skip
