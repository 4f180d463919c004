"""Observation use cases: load a file all-or-nothing, export a selection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from functools import lru_cache

from bioecon.app import Bioecon
from bioecon.catalogs import value_bounds
from bioecon.domain.access import Action, Principal
from bioecon.domain.catalogue import IndicatorSource, source_of_code
from bioecon.domain.model import Indicator, Observation, ObservationStatus, ReportingBasis
from bioecon.domain.observation_input import (
    CodeReference,
    ObservationFile,
    ObservationRow,
    ObservationSource,
)
from bioecon.domain.observation_rules import (
    EDITABLE,
    code_problem,
    locked_problem,
    repeat_problem,
    row_of,
    settle,
)
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.problem_list import MAX_LISTED_PROBLEMS, ProblemList
from bioecon.errors import Forbidden, InvalidInput, NotFound, Problem
from bioecon.runtime import collector_paused
from bioecon.services._bounds import bound_problem, dimension_of
from bioecon.services._scope import permitted
from bioecon.store import Connection, orgunits
from bioecon.store import indicators as indicator_store
from bioecon.store import observation_staging as staging
from bioecon.store import observations as store
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
    actor: Principal,
    origin: str,
    parsed: ObservationSource,
    status: ObservationStatus = ObservationStatus.SUBMITTED,
    reported_by: str | None = None,
) -> ObservationLoadReport:
    """Check every row against the database, then write all of them in one transaction, or
    none: a single bad row refuses the file, with every problem named by row and column (the
    first :data:`MAX_LISTED_PROBLEMS` by row; the others counted).

    ``parsed`` is read piece by piece into a temporary table (store.observation_staging), so
    a streamed file is never held whole: each row's own rules are checked as it arrives, the
    rules across rows (unknown codes, repeated keys, locked values) and the merge run in SQL.

    The caller (``actor``, acting from ``origin``) must be allowed to report every org unit
    the file names, else the whole file is refused (:class:`Forbidden`). A row whose key
    (indicator, org unit, sector, period, basis) is already stored replaces the stored value
    if its status lets it be edited (domain.observation_rules.EDITABLE: a draft); a row that
    would change a submitted or approved value refuses the file, naming the step that makes
    it editable; one that leaves it as it is counts as unchanged. Each insert and update is
    recorded in the history (``audit_event``) in the same transaction. Re-loading an
    unchanged file changes nothing.
    """
    with collector_paused():
        change = staging.Change(actor.login, origin, reported_by, datetime.now(UTC))
        with app.transaction() as connection:
            ensure_current(connection)
            staging.create(connection)
            blank_rows, existing = _stage(connection, actor, parsed, status)
            inserted, updated, unchanged = staging.merge(connection, change, _EDITABLE, existing)
            staging.drop(connection)
            if inserted >= STATISTICS_REFRESH_ROWS:
                refresh_statistics(connection)
            return ObservationLoadReport(parsed.source, inserted, updated, unchanged, blank_rows)


def _stage(
    connection: Connection, actor: Principal, parsed: ObservationSource, status: ObservationStatus
) -> tuple[int, int]:
    """Stage every piece of ``parsed``, checking each row's own rules as it passes, then the
    caller's scope (before anything stored is compared: a refused caller learns nothing of
    it), then the rules across rows and against the stored values; refuses the file
    (:class:`Forbidden`, :class:`InvalidInput`) if any is broken. Returns how many rows were
    blank, and how many have a stored row."""
    indicators = {
        i.code: i
        for i in indicator_store.every(connection)
        if source_of_code(i.code) is IndicatorSource.LEDGER
    }
    rules = _RowRules(parsed.source, indicators, status)
    problems = ProblemList()
    blank_rows = 0
    for piece in parsed.pieces():
        staging.add(connection, _staged_rows(piece, rules, problems))
        blank_rows += piece.blank_rows
    distinct = staging.index(connection)
    _refuse_unpermitted(connection, actor)
    unknown = staging.unknown_codes(connection, MAX_LISTED_PROBLEMS)
    repeats = ([], 0) if distinct else staging.repeated_keys(connection, MAX_LISTED_PROBLEMS)
    existing = staging.stored(connection, rules.years)
    locked = staging.locked(connection, _EDITABLE, MAX_LISTED_PROBLEMS) if existing else ([], 0)
    _refuse_if_any(parsed.source, problems, unknown, repeats, locked)
    return blank_rows, existing


def _refuse_unpermitted(connection: Connection, actor: Principal) -> None:
    """Refuse the file if it names a known org unit the caller may not report (or, for the
    plan office, manage), or loads values as approved (已审核) for a unit the caller does not
    review — a reporter cannot approve its own figures — naming those units and their rows."""
    _refuse_units(connection, actor, staging.org_units(connection), _REPORTING, "报送")
    approved = staging.org_units(connection, ObservationStatus.APPROVED.value)
    _refuse_units(connection, actor, approved, (Action.REVIEW,), "以“已审核”状态导入")


def _refuse_units(
    connection: Connection,
    actor: Principal,
    units: list[str],
    actions: tuple[Action, ...],
    doing: str,
) -> None:
    allowed = set(permitted(connection, actor, actions, units))
    known = orgunits.existing(connection, units)
    refused = [u for u in units if u in known and u not in allowed]
    if not refused:
        return
    rows: dict[str, list[str]] = {}
    for unit, row in staging.rows_of(connection, refused, MAX_LISTED_PROBLEMS):
        rows.setdefault(unit, []).append(str(row))
    listed = "、".join(f"{u}（第{'、'.join(rows[u])}行）" if u in rows else u for u in refused)
    raise Forbidden(f"{actor.login} 无权{doing}这些单位的数值：{listed}；整份文件未导入")


_EDITABLE = [status.value for status in EDITABLE]
# Who may load values for a unit: its reporters, and the plan office that manages the data.
_REPORTING = (Action.REPORT, Action.MANAGE_PLANS)


def _staged_rows(
    piece: ObservationFile, rules: _RowRules, problems: ProblemList
) -> list[list[object]]:
    """The piece's rows as staging rows (in the order of staging.COLUMNS), its problems and
    each row's own rules' added to ``problems``. Every row with a code is staged, so the
    database checks its codes too."""
    for found in piece.problems:
        problems.add(found)
    staged: list[list[object]] = []
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
        register = None
        if not _is_ledger_code(row.indicator):  # (a CodeReference only for the rare row)
            register = _register_problem(CodeReference(row.row, "indicator", row.indicator))
        ready = register or rules.ready(row)
        if isinstance(ready, list):
            staged.append(ready)
            continue
        problems.add(ready)
        codes = {"indicator": None if register else row.indicator, "org_unit": row.org_unit}
        unread[row.row] = {**_unread(row.row), **codes}
    return staged + [[codes[name] for name in staging.COLUMNS] for codes in unread.values()]


@dataclass(slots=True)
class _RowRules:
    """Each row's own rules, for one load, with what many rows share worked out once: an
    indicator's settled basis for a file basis and period type, its plain value range, a
    period's columns."""

    source: str
    indicators: Mapping[str, Indicator]
    status: ObservationStatus
    bases: dict[tuple[str, ReportingBasis | None, PeriodType], str] = field(default_factory=dict)
    ranges: dict[str, _Range | None] = field(default_factory=dict)
    periods: dict[Period, tuple[str, str, int, int]] = field(default_factory=dict)
    years: dict[str, set[int]] = field(default_factory=dict)  # of each indicator's ok rows

    def ready(self, row: ObservationRow) -> list[object] | Problem:
        """The row to stage, or its first problem (a row of an unknown indicator is staged
        as not ok: the database names its code)."""
        indicator = self.indicators.get(row.indicator)
        if indicator is None:
            return self._staged(row, None if row.basis is None else row.basis.value, ok=False)
        key = (indicator.code, row.basis, row.period.type)
        basis = self.bases.get(key)
        if basis is None:
            settled = settle(row, indicator)
            if isinstance(settled, Problem):
                return settled
            basis = self.bases[key] = settled.basis.value
        return self._bound_problem(row, indicator) or self._staged(row, basis, ok=True)

    def _bound_problem(self, row: ObservationRow, indicator: Indicator) -> Problem | None:
        """A value its indicator cannot hold (bounds.yaml: a negative amount or count, a
        share above 100 %), at the row's value cell; a value inside the indicator's plain
        range needs no further look."""
        if indicator.code not in self.ranges:
            self.ranges[indicator.code] = _plain_range(indicator)
        if _within(self.ranges[indicator.code], row.value):
            return None
        message = bound_problem(indicator, row.value)
        return None if message is None else Problem(f"row {row.row}, column value", message)

    def _staged(self, row: ObservationRow, basis: str | None, *, ok: bool) -> list[object]:
        """A row to write (staging.COLUMNS), with the load's defaults where the file is
        silent (an unknown indicator's row has no settled basis; the database refuses it)."""
        period = self.periods.get(row.period)
        if period is None:
            p = row.period
            period = self.periods[p] = (str(p), p.type.value, p.year, p.index)
        if ok:
            self.years.setdefault(row.indicator, set()).add(period[2])
        return [
            row.row,
            row.indicator,
            row.org_unit,
            int(ok),
            row.sector or "",
            *period,
            basis,
            row.value,
            self.status.value if row.status is None else row.status.value,
            row.source or f"{self.source} row {row.row}",
        ]


_Range = tuple[Decimal | None, Decimal | None]


def _plain_range(indicator: Indicator) -> _Range | None:
    """The (lowest, highest) value ``indicator`` may hold when its bounds are plain numbers
    (None: its bounds need each value checked in full, e.g. a limit of "today")."""
    bound = value_bounds()[1].bound_of(indicator.code, dimension_of(indicator.unit))
    if bound is None:
        return None, None
    low, high = bound.minimum, bound.maximum
    if (low is None or isinstance(low, Decimal)) and (high is None or isinstance(high, Decimal)):
        return low, high
    return None


def _within(plain: _Range | None, value: Decimal) -> bool:
    if plain is None:
        return False
    low, high = plain
    return (low is None or value >= low) and (high is None or value <= high)


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


def _refuse_if_any(
    source: str,
    problems: ProblemList,
    unknown_codes: staging.Found,
    repeated: staging.Found,
    locked: staging.Found,
) -> None:
    """Raise :class:`InvalidInput` with the file's first problems by row, if it has any:
    those found row by row, and the database's (the first of each, and how many)."""
    unknown, unknown_count = unknown_codes
    repeats, repeat_count = repeated
    changes, locked_count = locked
    found = list(problems.kept)
    found += [p for r in unknown if (p := code_problem(CodeReference(*r), known=False))]
    found += [repeat_problem(row, first) for row, first in repeats]
    found += [locked_problem(row, field, ObservationStatus(s)) for row, s, field in changes]
    if not found:
        return
    found.sort(key=row_of)
    everything = ProblemList(found[:MAX_LISTED_PROBLEMS])
    everything.more = len(problems.kept) + problems.more + unknown_count + repeat_count
    everything.more += locked_count
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
