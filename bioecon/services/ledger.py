"""Ledger use case: derived values and growth rates for an indicator and org unit."""

from __future__ import annotations

from functools import partial

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.ledger import LedgerEntry
from bioecon.domain.model import Indicator
from bioecon.domain.periods import Period, PeriodType, period_range
from bioecon.errors import InvalidValue, NotFound
from bioecon.services._ledger import find_indicator, ledger_entries
from bioecon.services._scope import SHARED, require, unreadable
from bioecon.store import Connection, data_version
from bioecon.store.migrate import ensure_current


def indicator(app: Bioecon, *, actor: Principal, code: str) -> Indicator:
    """One indicator of the catalogue (name, unit, nature …)."""
    with app.reading() as connection:
        ensure_current(connection)
        require(connection, actor, Action.READ, [SHARED])
        return find_indicator(connection, code)[1]


def ledger(
    app: Bioecon,
    *,
    actor: Principal,
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
    An org unit outside the caller's scope is not found, as an unknown one.
    """
    if last.type is not first.type:
        raise InvalidValue(f"--from {first} and --to {last} are periods of different kinds")
    return ledger_at(
        app,
        actor=actor,
        indicator=indicator,
        org_units=org_units,
        periods=period_range(first, last),
        sector=sector,
    )


def ledger_at(
    app: Bioecon,
    *,
    actor: Principal,
    indicator: str,
    org_units: list[str],
    periods: list[Period],
    sector: str | None = None,
) -> list[LedgerEntry]:
    """The entries of :func:`ledger` at exactly ``periods`` (of one kind, in order), for each
    org unit in turn: a trend's year-ends and its latest period without the months between."""
    if any(p.type is not periods[0].type for p in periods):
        raise InvalidValue("the periods asked for are of different kinds")
    with app.reading(replica=True) as connection:
        ensure_current(connection)
        # the version first, then the entries on the same server: never older than the version
        version = data_version.current(connection)
        key = ("ledger", actor, indicator, tuple(org_units), tuple(periods), sector)
        compute = partial(
            _ledger,
            connection,
            actor,
            indicator,
            org_units,
            periods,
            sector,
            app.settings.ledger_statuses,
        )
        return list(app.figures.get(key, version, compute))


def _ledger(
    connection: Connection,
    actor: Principal,
    indicator: str,
    org_units: list[str],
    periods: list[Period],
    sector: str | None,
    statuses: tuple[str, ...],
) -> list[LedgerEntry]:
    missing = unreadable(connection, actor, org_units)
    if missing:
        raise NotFound(f"no org unit {', '.join(repr(c) for c in missing)}")
    if (
        periods
        and periods[0].type is PeriodType.MONTH
        and find_indicator(connection, indicator)[1].jan_feb_combined
    ):
        periods = [p for p in periods if p.index != 1]  # 1–2月 is February's row
    return ledger_entries(
        connection,
        indicator=indicator,
        org_units=org_units,
        periods=periods,
        sector=sector,
        statuses=statuses,
    )
