"""Observation use cases: load a file all-or-nothing, export a selection."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from bioecon.app import Bioecon
from bioecon.domain.model import IndicatorNature, Observation, ObservationStatus, ReportingBasis
from bioecon.domain.observation_input import ObservationFile
from bioecon.domain.periods import Period
from bioecon.errors import InvalidInput, NotFound, Problem
from bioecon.runtime import collector_paused
from bioecon.store import indicators as indicator_store
from bioecon.store import observations as store
from bioecon.store import orgunits
from bioecon.store.maintenance import refresh_statistics
from bioecon.store.migrate import ensure_current

# A load that adds this many rows refreshes the planner statistics (see store.maintenance).
STATISTICS_REFRESH_ROWS = 5_000

_ALLOWED_BASES = {
    IndicatorNature.FLOW: {ReportingBasis.MONTH_VALUE, ReportingBasis.YTD},
    IndicatorNature.STOCK: {ReportingBasis.PERIOD_END},
}


def _row_of(problem: Problem) -> int:
    """Row number of a problem located as ``row N, column C`` (stable sort keeps columns)."""
    match = re.match(r"row (\d+)", problem.location)
    return int(match.group(1)) if match else 0


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
            indicators = indicator_store.by_code(
                connection, [r.code for r in parsed.references if r.column == "indicator"]
            )
            orgs = orgunits.ids(
                connection, [r.code for r in parsed.references if r.column == "org_unit"]
            )
            problems: list[Problem] = list(parsed.problems)
            for ref in parsed.references:
                known = indicators if ref.column == "indicator" else orgs
                if ref.code not in known:
                    label = "indicator" if ref.column == "indicator" else "org unit"
                    problems.append(
                        Problem(
                            f"row {ref.row}, column {ref.column}", f"unknown {label} '{ref.code}'"
                        )
                    )
            writes: list[tuple[int, store.ObservationWrite]] = []
            first_row: dict[tuple[int, int, str, str, str], int] = {}
            for row in parsed.rows:
                where = f"row {row.row}, column "
                if row.indicator not in indicators or row.org_unit not in orgs:
                    continue  # reported above
                indicator_id, indicator = indicators[row.indicator]
                basis = row.basis or (
                    ReportingBasis.PERIOD_END
                    if indicator.nature is IndicatorNature.STOCK
                    else indicator.basis
                )
                if basis not in _ALLOWED_BASES[indicator.nature]:
                    allowed = ", ".join(sorted(b.value for b in _ALLOWED_BASES[indicator.nature]))
                    problems.append(
                        Problem(
                            where + "basis",
                            f"{basis.value} does not fit {indicator.nature.value} indicator {indicator.code}; use {allowed}",
                        )
                    )
                    continue
                if row.period.type.value != indicator.period_type:
                    problems.append(
                        Problem(
                            where + "period",
                            f"{row.period} is a {row.period.type.value}; {indicator.code} is reported per {indicator.period_type}",
                        )
                    )
                    continue
                write = store.ObservationWrite(
                    indicator_id=indicator_id,
                    org_unit_id=orgs[row.org_unit],
                    sector=row.sector or "",
                    period=row.period,
                    basis=basis,
                    value=row.value,
                    status=row.status or status,
                    source=row.source or f"{parsed.source} row {row.row}",
                    reported_by=reported_by,
                    reported_at=now,
                )
                if write.key in first_row:
                    problems.append(
                        Problem(
                            where + "period",
                            f"repeats row {first_row[write.key]} (same indicator, org unit, sector, period and basis)",
                        )
                    )
                    continue
                first_row[write.key] = row.row
                writes.append((row.row, write))
            if problems:
                raise InvalidInput(parsed.source, sorted(problems, key=_row_of))
            stored = store.existing_values(connection, [w.key for _, w in writes])
            new = [w for _, w in writes if w.key not in stored]
            changed = [
                (stored[w.key][0], w)
                for _, w in writes
                if w.key in stored
                and (stored[w.key][1] != w.value or stored[w.key][2] != w.status.value)
            ]
            store.insert_observations(connection, new)
            store.update_observations(connection, changed)
            if len(new) >= STATISTICS_REFRESH_ROWS:
                refresh_statistics(connection)
            return ObservationLoadReport(
                source=parsed.source,
                inserted=len(new),
                updated=len(changed),
                unchanged=len(writes) - len(new) - len(changed),
                blank_rows=parsed.blank_rows,
            )


def export_observations(
    app: Bioecon,
    *,
    indicator: str,
    org_unit: str | None = None,
    first: Period | None = None,
    last: Period | None = None,
) -> list[Observation]:
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
