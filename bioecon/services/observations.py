"""Observation use cases: load a file all-or-nothing, export a selection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from functools import lru_cache

from bioecon.app import Bioecon
from bioecon.catalogs import unit_registry, value_bounds
from bioecon.domain.bounds import value_problem
from bioecon.domain.catalogue import IndicatorSource, source_of_code
from bioecon.domain.model import Indicator, Observation, ObservationStatus
from bioecon.domain.observation_input import (
    CodeReference,
    ObservationFile,
    ObservationRow,
    ObservationSource,
)
from bioecon.domain.observation_rules import (
    CheckedRow,
    code_problem,
    repeat_problem,
    row_of,
    settle,
)
from bioecon.domain.periods import Period
from bioecon.domain.problem_list import MAX_LISTED_PROBLEMS, ProblemList
from bioecon.errors import InvalidInput, NotFound, Problem
from bioecon.runtime import collector_paused
from bioecon.store import indicators as indicator_store
from bioecon.store import observation_staging as staging
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
    parsed: ObservationSource,
    status: ObservationStatus = ObservationStatus.SUBMITTED,
    reported_by: str | None = None,
) -> ObservationLoadReport:
    """Check every row against the database, then write all of them in one transaction, or
    none: a single bad row refuses the file, with every problem named by row and column (the
    first :data:`MAX_LISTED_PROBLEMS` by row; the others counted).

    ``parsed`` is read piece by piece into a temporary table (store.observation_staging), so
    a streamed file is never held whole: each row's own rules are checked as it arrives, the
    rules across rows (unknown codes, repeated keys) and the merge run in SQL.

    A row whose key (indicator, org unit, sector, period, basis) is already stored replaces
    the stored value; re-loading an unchanged file changes nothing.
    """
    with collector_paused():
        now = datetime.now(UTC)
        with app.transaction() as connection:
            ensure_current(connection)
            indicators = {
                i.code: i
                for i in indicator_store.every(connection)
                if source_of_code(i.code) is IndicatorSource.LEDGER
            }
            staging.create(connection)
            problems = ProblemList()
            blank_rows = 0
            for piece in parsed.pieces():
                rows = _staged_rows(piece, indicators, problems, status)
                staging.add(connection, rows)
                blank_rows += piece.blank_rows
            staging.index(connection)
            unknown = staging.unknown_codes(connection, MAX_LISTED_PROBLEMS)
            repeats = staging.repeated_keys(connection, MAX_LISTED_PROBLEMS)
            _refuse_if_any(parsed.source, problems, unknown, repeats)
            inserted, updated, unchanged = staging.merge(connection, reported_by, now)
            staging.drop(connection)
            if inserted >= STATISTICS_REFRESH_ROWS:
                refresh_statistics(connection)
            return ObservationLoadReport(parsed.source, inserted, updated, unchanged, blank_rows)


def _staged_rows(
    piece: ObservationFile,
    indicators: dict[str, Indicator],
    problems: ProblemList,
    status: ObservationStatus,
) -> list[dict[str, object]]:
    """The piece's rows as staging rows, its problems and each row's own rules' added to
    ``problems``. Every row with a code is staged, so the database checks its codes too."""
    for found in piece.problems:
        problems.add(found)
    staged: list[dict[str, object]] = []
    parsed = {row.row for row in piece.rows}
    unread: dict[int, dict[str, object]] = {}
    for ref in piece.references:
        if ref.row in parsed:
            continue  # a row that parsed carries its own codes
        register = _register_problem(ref)
        if register is not None:
            problems.add(register)
        codes = unread.setdefault(ref.row, _unread(ref.row))
        codes[ref.column] = None if register is not None else ref.code
    for row in piece.rows:
        register = _register_problem(CodeReference(row.row, "indicator", row.indicator))
        indicator = indicators.get(row.indicator)
        settled = settle(row, indicator) if indicator is not None else None
        problem = register or (settled if isinstance(settled, Problem) else None)
        if problem is None and indicator is not None:
            problem = _bound_problem(row.row, indicator, row.value)
        if problem is None:
            checked = settled if isinstance(settled, CheckedRow) else None
            staged.append(_ready(piece.source, row, checked, status))
            continue
        problems.add(problem)
        codes = {"indicator": None if register else row.indicator, "org_unit": row.org_unit}
        unread[row.row] = {**_unread(row.row), **codes}
    return staged + list(unread.values())


def _bound_problem(row: int, indicator: Indicator, value: Decimal) -> Problem | None:
    """A value its indicator cannot hold (bounds.yaml: a negative amount or count, a share
    above 100 %), at the row's value cell."""
    message = value_problem(value_bounds()[1], indicator.code, _dimension(indicator.unit), value)
    return None if message is None else Problem(f"row {row}, column value", message)


@lru_cache(maxsize=512)
def _dimension(unit: str) -> str:
    registry = unit_registry()
    return registry.get(unit).dimension if unit in registry else ""


def _register_problem(ref: CodeReference) -> Problem | None:
    if ref.column != "indicator" or _is_ledger_code(ref.code):
        return None
    return code_problem(ref, known=True)


@lru_cache(maxsize=4096)
def _is_ledger_code(code: str) -> bool:
    return source_of_code(code) is IndicatorSource.LEDGER


def _unread(row: int) -> dict[str, object]:
    """A row whose cells did not all read: staged for its codes only."""
    return {"file_row": row, "indicator": None, "org_unit": None, "ok": 0, **_NO_VALUES}


_NO_VALUES = dict.fromkeys(staging.VALUES)


def _ready(
    source: str, row: ObservationRow, checked: CheckedRow | None, status: ObservationStatus
) -> dict[str, object]:
    """A row to write, with the load's defaults where the file is silent (an unknown
    indicator's row has no settled basis; the database refuses its code)."""
    basis = checked.basis if checked is not None else row.basis
    return {
        "file_row": row.row,
        "indicator": row.indicator,
        "org_unit": row.org_unit,
        "ok": int(checked is not None),
        "sector": row.sector or "",
        "period": str(row.period),
        "period_type": row.period.type.value,
        "year": row.period.year,
        "period_index": row.period.index,
        "basis": None if basis is None else basis.value,
        "value": row.value,
        "status": (row.status or status).value,
        "source": row.source or f"{source} row {row.row}",
    }


def _refuse_if_any(
    source: str, problems: ProblemList, unknown_codes: staging.Found, repeated: staging.Found
) -> None:
    """Raise :class:`InvalidInput` with the file's first problems by row, if it has any:
    those found row by row, and the database's (the first of each, and how many)."""
    unknown, unknown_count = unknown_codes
    repeats, repeat_count = repeated
    found = list(problems.kept)
    found += [p for r in unknown if (p := code_problem(CodeReference(*r), known=False))]
    found += [repeat_problem(row, first) for row, first in repeats]
    if not found:
        return
    found.sort(key=row_of)
    everything = ProblemList(found[:MAX_LISTED_PROBLEMS])
    everything.more = len(problems.kept) + problems.more + unknown_count + repeat_count
    everything.more -= len(everything.kept)
    raise InvalidInput(source, everything.listed())


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
