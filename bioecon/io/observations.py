"""The observation file (监测台账导入表): columns, header aliases, and cell parsing.

Columns: ``indicator, org_unit, period, value`` and optionally ``sector, basis, status,
source`` (where the value comes from — an export keeps it, so 模拟数据 stays labelled).
Chinese headers are accepted too (指标, 区域, 期间, 数值, 行业, 口径, 状态). ``value`` is a plain
number in the indicator's unit. Every problem is collected, with its row and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from bioecon.domain.amounts import MAX_DECIMALS, MAX_MAGNITUDE, check_storable, parse_decimal
from bioecon.domain.model import Observation, ObservationStatus, ReportingBasis
from bioecon.domain.observation_input import CodeReference, ObservationFile, ObservationRow
from bioecon.domain.periods import Period
from bioecon.errors import InvalidValue, Problem
from bioecon.io.sheet_writer import write_csv, write_xlsx
from bioecon.io.tabular import Cell, RawRow, TableStream, open_table, read_table
from bioecon.runtime import collector_paused

E = TypeVar("E", bound=StrEnum)

REQUIRED = ("indicator", "org_unit", "period", "value")
OPTIONAL = ("sector", "basis", "status", "source")
COLUMNS = (*REQUIRED, *OPTIONAL)
# An entry template's columns for the reporter to read (io/entry_template.py); never loaded.
# In a file that has them, a row left without a value is a field not reported yet.
INFORMATIONAL = ("indicator_name", "unit", "previous", "last_year")
READ_OPTIONAL = (*OPTIONAL, *INFORMATIONAL)

HEADER_ALIASES = {
    "指标": "indicator",
    "指标代码": "indicator",
    "区域": "org_unit",
    "地区": "org_unit",
    "区域代码": "org_unit",
    "单位代码": "org_unit",
    "期间": "period",
    "时期": "period",
    "报告期": "period",
    "数值": "value",
    "值": "value",
    "行业": "sector",
    "领域": "sector",
    "口径": "basis",
    "状态": "status",
    "来源": "source",
    "数据来源": "source",
    "指标名称": "indicator_name",
    "单位": "unit",
    "上期值": "previous",
    "去年同期值": "last_year",
}

# How a file written for people (the entry template) spells each basis; read back below.
BASIS_NAMES = {
    ReportingBasis.MONTH_VALUE: "当月值",
    ReportingBasis.YTD: "累计值",
    ReportingBasis.PERIOD_END: "期末值",
}
BASIS_ALIASES = {name: basis for basis, name in BASIS_NAMES.items()} | {
    "当月": ReportingBasis.MONTH_VALUE,
    "当期值": ReportingBasis.MONTH_VALUE,
    "累计": ReportingBasis.YTD,
    "期末": ReportingBasis.PERIOD_END,
}
STATUS_ALIASES = {
    "草稿": ObservationStatus.DRAFT,
    "已报送": ObservationStatus.SUBMITTED,
    "报送": ObservationStatus.SUBMITTED,
    "已审核": ObservationStatus.APPROVED,
    "审核": ObservationStatus.APPROVED,
}


# Rows per piece of a streamed file: large enough that a piece's inserts are one cheap
# executemany, small enough that a piece's objects stay a few megabytes.
PIECE_ROWS = 10_000


def read_observation_file(path: Path, *, sheet: str | None = None) -> ObservationFile:
    """Parse every row, collecting every bad cell (the file's shape is checked first and
    raises :class:`InvalidInput` at once: without the right columns no row can be read)."""
    with collector_paused():
        table = read_table(
            path, aliases=HEADER_ALIASES, required=REQUIRED, optional=READ_OPTIONAL, sheet=sheet
        )
        return _piece(table.source, table.rows, table.blank_rows)


@dataclass(slots=True)
class ObservationStream:
    """An open observation file read piece by piece (an ``ObservationSource``): a cell the
    reader cannot read is one more problem of its row, like a cell that does not parse."""

    source: str
    table: TableStream
    piece_rows: int = PIECE_ROWS

    def pieces(self) -> Iterator[ObservationFile]:
        rows: list[RawRow] = []
        blank = self.table.blank_rows
        for raw in self.table.rows():
            rows.append(raw)
            if len(rows) >= self.piece_rows:
                yield _piece(self.source, rows, self.table.blank_rows - blank)
                rows, blank = [], self.table.blank_rows
        yield _piece(self.source, rows, self.table.blank_rows - blank)


@contextmanager
def open_observation_file(path: Path, *, sheet: str | None = None) -> Iterator[ObservationStream]:
    """``path`` open for a streamed load; its header is checked at once."""
    with open_table(
        path, aliases=HEADER_ALIASES, required=REQUIRED, optional=READ_OPTIONAL, sheet=sheet
    ) as table:
        yield ObservationStream(table.source, table)


def _piece(source: str, raws: Iterable[RawRow], blank_rows: int) -> ObservationFile:
    rows: list[ObservationRow] = []
    problems: list[Problem] = []
    references: list[CodeReference] = []
    unfilled = 0
    for raw in raws:
        if "previous" in raw.cells and raw.cells.get("value") is None and not raw.problems:
            unfilled += 1  # a template's field left empty: not reported, not a zero
            continue
        if not raw.problems:
            try:
                rows.append(_row(raw))
                continue
            except InvalidValue:
                pass  # read again cell by cell, naming every bad one
        found = _cells(raw, problems)
        references += [
            CodeReference(raw.number, column, found[column])
            for column in ("indicator", "org_unit")
            if column in found
        ]
    return ObservationFile(
        source, tuple(rows), tuple(problems), tuple(references), blank_rows + unfilled
    )


def _row(raw: RawRow) -> ObservationRow:
    """The row, if every cell parses (most rows: one pass, no bookkeeping). The innermost
    loop of an import: a text cell, what every CSV cell is, is taken as it is here, and
    only any other cell goes through its column's parser."""
    cell = raw.cells.get
    indicator, org_unit, period = cell("indicator"), cell("org_unit"), cell("period")
    sector, basis, status = cell("sector"), cell("basis"), cell("status")
    return ObservationRow(
        raw.number,
        indicator if type(indicator) is str else _required_text(indicator),
        org_unit if type(org_unit) is str else _required_text(org_unit),
        _period_of_text(period) if type(period) is str else _period(period),
        _value(cell("value")),
        sector if sector is None or type(sector) is str else _code(sector),
        None if basis is None else _basis(basis),
        None if status is None else _status(status),
        _optional_text(cell("source")),
    )


def _cells(raw: RawRow, problems: list[Problem]) -> dict[str, Any]:
    """The cells of a row that does not parse that do, its problems added to ``problems``."""
    found: dict[str, Any] = {}
    unread = {problem.location for problem in raw.problems}  # already reported
    problems += raw.problems
    for column, parse in _PARSERS:
        where = f"row {raw.number}, column {column}"
        if where in unread:
            continue
        try:
            found[column] = parse(raw.cells.get(column))
        except InvalidValue as error:
            problems.append(Problem(where, str(error)))
    return found


def _required_text(cell: Cell) -> str:
    if type(cell) is str:  # what every CSV cell is
        return cell
    if cell is None:
        raise InvalidValue("empty; a value is required")
    return _code(cell)


def _code(cell: Cell) -> str:
    if isinstance(cell, Decimal):
        return format(cell, "f")
    return str(cell)


def _optional_text(cell: Cell) -> str | None:
    return cell if cell is None or type(cell) is str else _code(cell)


def _period(cell: Cell) -> Period:
    if type(cell) is str:  # what every CSV cell is
        return _period_of_text(cell)
    if cell is None:
        raise InvalidValue("empty; a period such as 2025-06 is required")
    if isinstance(cell, date):
        return Period.containing(cell)
    return _period_of_text(_code(cell))


@lru_cache(maxsize=4096)
def _period_of_text(text: str) -> Period:
    """A file names few periods, each on many rows: each text is parsed once (a Period is
    immutable; a text that does not parse raises every time, it is not cached)."""
    return Period.parse(text)


def _value(cell: Cell) -> Decimal:
    if cell is None:
        raise InvalidValue("empty; leave a missing value out of the file instead of blank")
    if type(cell) is str and _STORABLE_PLAIN.fullmatch(cell):
        return Decimal(cell)  # what parse_decimal and check_storable would return for it
    number = cell if isinstance(cell, Decimal) else parse_decimal(str(cell))
    return check_storable(number)


# Most cells are plain decimals that the ledger holds as they are: at most 12 digits before
# the point (below MAX_MAGNITUDE = 10^12) and MAX_DECIMALS after it. Only these skip the one
# number parser (domain.amounts), which accepts each of them unchanged; every other text, a
# bad one included, goes through it (tests/io/test_observation_numbers.py checks both agree).
_WHOLE_DIGITS = MAX_MAGNITUDE.adjusted()
_STORABLE_PLAIN = re.compile(rf"-?[0-9]{{1,{_WHOLE_DIGITS}}}(\.[0-9]{{1,{MAX_DECIMALS}}})?")


def _enum_cell(cell: Cell, names: Mapping[str, E], expected: str) -> E | None:
    """An enumerated cell: empty, a Chinese alias (累计值) or the code value (ytd)."""
    if cell is None:
        return None
    text = str(cell)
    if text in names:
        return names[text]
    raise InvalidValue(f"'{text}' is not {expected}")


def _names(aliases: Mapping[str, E], kind: type[E]) -> dict[str, E]:
    """Every text an enumerated cell may hold: the code values and the aliases."""
    return {member.value: member for member in kind} | dict(aliases)


_BASIS_NAMES = _names(BASIS_ALIASES, ReportingBasis)
_STATUS_NAMES = _names(STATUS_ALIASES, ObservationStatus)


def _basis(cell: Cell) -> ReportingBasis | None:
    return _enum_cell(
        cell,
        _BASIS_NAMES,
        "a basis; use month_value (当月值), ytd (累计值) or period_end (期末值)",
    )


def _status(cell: Cell) -> ObservationStatus | None:
    return _enum_cell(cell, _STATUS_NAMES, "a status; use draft, submitted or approved")


_PARSERS: tuple[tuple[str, Callable[[Cell], Any]], ...] = (
    ("indicator", _required_text),
    ("org_unit", _required_text),
    ("period", _period),
    ("value", _value),
    ("sector", _optional_text),
    ("basis", _basis),
    ("status", _status),
    ("source", _optional_text),
)


def observation_rows(observations: list[Observation]) -> list[list[Cell]]:
    return [
        [
            o.indicator,
            o.org_unit,
            o.period,
            o.value,
            o.sector,
            o.basis.value,
            o.status.value,
            o.source,
        ]
        for o in observations
    ]


def observations_csv(observations: list[Observation]) -> str:
    return write_csv(COLUMNS, observation_rows(observations))


def write_observations_xlsx(path: Path, observations: list[Observation], *, title: str) -> None:
    write_xlsx(path, COLUMNS, observation_rows(observations), title=title)
