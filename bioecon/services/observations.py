"""Observation use cases: load a file all-or-nothing, export a selection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bioecon.app import Bioecon
from bioecon.domain.model import Indicator, Observation, ObservationStatus
from bioecon.domain.observation_input import ObservationFile
from bioecon.domain.observation_rules import CheckedRow, check_rows
from bioecon.domain.periods import Period
from bioecon.errors import InvalidInput, NotFound
from bioecon.runtime import collector_paused
from bioecon.store import indicators as indicator_store
from bioecon.store import observations as store
from bioecon.store import orgunits
from bioecon.store.maintenance import refresh_statistics
from bioecon.store.migrate import ensure_current

# A load that adds this many rows refreshes the planner statistics (see store.maintenance).
STATISTICS_REFRESH_ROWS = 5_000


@dataclass(frozen=True, slots=True)
class ObservationLoadReport:
    source: str
    inserted: int
    updated: int
    unchanged: int
    blank_rows: int


def load_observations(
    app: Bioecon,
    *,
    parsed: ObservationFile,
    status: ObservationStatus = ObservationStatus.SUBMITTED,
    reported_by: str | None = None,
) -> ObservationLoadReport:
    """Check every row against the database, then write all of them in one transaction, or
    none: a single bad row refuses the file, with every problem named by row and column.

    A row whose key (indicator, org unit, sector, period, basis) is already stored replaces
    the stored value; re-loading an unchanged file changes nothing.
    """
    with collector_paused():
        now = datetime.now(UTC)
        with app.transaction() as connection:
            ensure_current(connection)
            codes = {
                column: {r.code for r in parsed.references if r.column == column}
                for column in ("indicator", "org_unit")
            }
            indicators = indicator_store.by_code(connection, codes["indicator"])
            orgs = orgunits.ids(connection, codes["org_unit"])
            checked, problems = check_rows(
                parsed, {code: found for code, (_, found) in indicators.items()}, orgs.keys()
            )
            if problems:
                raise InvalidInput(parsed.source, problems)
            writes = [
                _write(c, indicators, orgs, parsed.source, now, status, reported_by)
                for c in checked
            ]
            inserted, updated = store.save_observations(connection, writes)
            if inserted >= STATISTICS_REFRESH_ROWS:
                refresh_statistics(connection)
            return ObservationLoadReport(
                parsed.source,
                inserted,
                updated,
                len(writes) - inserted - updated,
                parsed.blank_rows,
            )


def _write(
    checked: CheckedRow,
    indicators: dict[str, tuple[int, Indicator]],
    orgs: dict[str, int],
    source: str,
    now: datetime,
    status: ObservationStatus,
    reported_by: str | None,
) -> store.ObservationWrite:
    """A checked row with its codes as ids, and the load's defaults where the file is silent."""
    row = checked.row
    return store.ObservationWrite(
        indicator_id=indicators[row.indicator][0],
        org_unit_id=orgs[row.org_unit],
        sector=row.sector or "",
        period=row.period,
        basis=checked.basis,
        value=row.value,
        status=row.status or status,
        source=row.source or f"{source} row {row.row}",
        reported_by=reported_by,
        reported_at=now,
    )


def export_observations(
    app: Bioecon,
    *,
    indicator: str,
    org_unit: str | None = None,
    first: Period | None = None,
    last: Period | None = None,
) -> list[Observation]:
    """The stored observations of ``indicator`` (of one org unit, between two periods, when
    given), as `data export` writes them."""
    with app.reading() as connection:
        ensure_current(connection)
        found = indicator_store.by_code(connection, [indicator])
        if indicator not in found:
            raise NotFound(f"no indicator '{indicator}'")
        org_id = None
        if org_unit is not None:
            ids = orgunits.ids(connection, [org_unit])
            if org_unit not in ids:
                raise NotFound(f"no org unit '{org_unit}'")
            org_id = ids[org_unit]
        return store.select_observations(
            connection, indicator_id=found[indicator][0], org_unit_id=org_id, first=first, last=last
        )
