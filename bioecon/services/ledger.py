"""Ledger use case: derived values and growth rates for an indicator and org unit."""

from __future__ import annotations

from bioecon.app import Bioecon
from bioecon.domain.ledger import LedgerEntry
from bioecon.domain.model import Indicator
from bioecon.domain.periods import Period, PeriodType, period_range
from bioecon.errors import InvalidValue
from bioecon.services._ledger import find_indicator, ledger_entries
from bioecon.store.migrate import ensure_current


def indicator(app: Bioecon, *, code: str) -> Indicator:
    """One indicator of the catalogue (name, unit, nature …)."""
    with app.reading() as connection:
        ensure_current(connection)
        return find_indicator(connection, code)[1]


def ledger(
    app: Bioecon,
    *,
    indicator: str,
    org_units: list[str],
    first: Period,
    last: Period,
    sector: str | None = None,
) -> list[LedgerEntry]:
    """Every period from ``first`` to ``last`` (one kind: the output grid) for each org unit.

    Periods with no data are present, with every value missing and the reason ``no_data``.
    An indicator reported as 1–2月 combined has no January row on a month grid.
    Only approved observations count, and submitted ones too when the setting
    ``ledger_admits_submitted`` is on (their entries are flagged ``unreviewed``).
    """
    if last.type is not first.type:
        raise InvalidValue(f"--from {first} and --to {last} are periods of different kinds")
    periods = period_range(first, last)
    with app.reading() as connection:
        ensure_current(connection)
        if (
            first.type is PeriodType.MONTH
            and find_indicator(connection, indicator)[1].jan_feb_combined
        ):
            periods = [p for p in periods if p.index != 1]  # 1–2月 is February's row
        return ledger_entries(
            connection,
            indicator=indicator,
            org_units=org_units,
            periods=periods,
            sector=sector,
            statuses=app.settings.ledger_statuses,
        )
