"""Read and write rows of CSV and XLSX files the way Chinese office users produce them.

CSV: UTF-8 (with or without the BOM Excel writes) or GB18030/GBK (what WPS and older Excel
write by default), comma- or tab-separated. XLSX: the first sheet, or a named one; cached
formula results are read. Rows are numbered as the user sees them (the header is row 1).

Both are read as a stream (:func:`open_table`), one row at a time, so memory does not grow
with the file; :func:`read_table` collects the rows for callers that want them all. Nothing a
file declares about itself is trusted: an xlsx sheet's stated dimension is ignored (only the
cells present are read) and the limits below bound what a small hostile file can cost.
"""

from __future__ import annotations

import codecs
import csv
import math
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from bioecon.domain.amounts import decimal_from_float
from bioecon.domain.problem_list import MAX_LISTED_PROBLEMS, ProblemList
from bioecon.errors import InvalidInput, Problem
from bioecon.io.formula_guard import MARK, unprotect

Cell = str | Decimal | date | None

# Excel holds at most 32,767 characters in a cell: a longer one was not typed by a user.
MAX_CELL_CHARS = 32_767
# The csv module's own guard (its default is 131,072): a field this long is read no further,
# it is almost always a quote left open that swallowed the lines after it.
CSV_FIELD_LIMIT = 1_048_576
# Our widest table has a few dozen columns; cells beyond this are refused, not padded to.
MAX_COLUMNS = 256
# An xlsx is a zip: its parts' uncompressed size is bounded before anything is parsed
# (zipfile stops a part at its declared size, so the declaration cannot lie). 200 MiB is
# about 600,000 rows of eight columns; a larger table is better saved as CSV.
MAX_XLSX_BYTES = 200 * 2**20
MAX_XLSX_PARTS = 10_000
FORMULA_WITHOUT_RESULT = "公式没有计算结果；请在 Excel 中打开并保存后再导入"

_READ_CHUNK = 1 << 20
csv.field_size_limit(CSV_FIELD_LIMIT)


@dataclass(slots=True)  # not frozen: one per row read, and frozen tripled its cost
class RawRow:
    number: int  # the row number the user sees in Excel or a text editor
    cells: dict[str, Cell]  # canonical column name → cell
    problems: tuple[Problem, ...] = ()  # cells that could not be read (their column is absent)


@dataclass(frozen=True, slots=True)
class Sheet:
    source: str  # file name (and sheet) for messages
    columns: tuple[str, ...]  # canonical names, in file order
    rows: tuple[RawRow, ...]
    blank_rows: int


@dataclass(frozen=True, slots=True)
class _BadCell:
    """A cell the reader could not turn into a value; ``message`` says why."""

    message: str
    column: int | None = None  # where it is, when not where the reader put it


@dataclass(slots=True)
class TableStream:
    """An open table: its columns, and its rows read one at a time by :meth:`rows`."""

    source: str
    columns: tuple[str, ...]  # canonical names, in file order
    positions: tuple[str, ...]  # the canonical name of each file column ('' if untitled)
    body: Iterator[tuple[int, list[Any]]]
    blank_rows: int = 0  # counted as rows are read

    def rows(self) -> Iterator[RawRow]:
        """The rows that are not blank; a cell without a header or unreadable is a problem."""
        for number, values in self.body:
            row = _raw_row(number, values, self.positions)
            if row is None:
                self.blank_rows += 1
            else:
                yield row


def read_table(
    path: Path,
    *,
    aliases: Mapping[str, str],
    required: Sequence[str],
    optional: Sequence[str],
    sheet: str | None = None,
) -> Sheet:
    """Read ``path`` (.csv or .xlsx); map headers through ``aliases`` to canonical names.

    Raises :class:`InvalidInput` when the file cannot be read or its header lacks a required
    column or has an unknown or repeated one, or a cell has no header or cannot be read.
    """
    with open_table(
        path, aliases=aliases, required=required, optional=optional, sheet=sheet
    ) as table:
        problems = ProblemList()
        rows: list[RawRow] = []
        for row in table.rows():
            for problem in row.problems:
                problems.add(problem)
            rows.append(row)
        if problems:
            raise InvalidInput(table.source, problems.listed())
        return Sheet(table.source, table.columns, tuple(rows), table.blank_rows)


@contextmanager
def open_table(
    path: Path,
    *,
    aliases: Mapping[str, str],
    required: Sequence[str],
    optional: Sequence[str],
    sheet: str | None = None,
) -> Iterator[TableStream]:
    """``path`` open as a :class:`TableStream`, its header checked (as :func:`read_table`)."""
    with ExitStack() as stack:
        suffix = path.suffix.lower()
        if suffix in (".csv", ".txt"):
            header: Sequence[Any]
            body: Iterator[tuple[int, list[Any]]]
            header, body = _read_csv(path, stack)
            source = str(path)
        elif suffix in (".xlsx", ".xlsm"):
            header, body, sheet_name = _read_xlsx(path, sheet, stack)
            source = f"{path} [sheet {sheet_name}]"
        else:
            raise InvalidInput(str(path), [Problem("", "unsupported file type; use .csv or .xlsx")])
        positions = _header(source, header, aliases, required, optional)
        yield TableStream(source, tuple(c for c in positions if c), positions, body)


def _header(
    source: str,
    header: Sequence[Any],
    aliases: Mapping[str, str],
    required: Sequence[str],
    optional: Sequence[str],
) -> tuple[str, ...]:
    known = set(required) | set(optional)
    problems: list[Problem] = []
    columns: list[str] = []
    for position, raw in enumerate(header[: MAX_COLUMNS + 1], start=1):
        title = "" if raw is None or isinstance(raw, _BadCell) else str(raw).strip()
        name = aliases.get(title, aliases.get(title.lower(), title.lower()))
        if not title:
            columns.append("")
            continue
        if name not in known:
            problems.append(
                Problem(
                    f"row 1, column {position} '{title[:80]}'",
                    f"unknown column; expected {', '.join([*required, *optional])}",
                )
            )
        elif name in columns:
            problems.append(
                Problem(f"row 1, column {position} '{title}'", f"column {name} appears twice")
            )
        columns.append(name)
    missing = [name for name in required if name not in columns]
    if missing:
        problems.append(Problem("row 1", f"missing column(s): {', '.join(missing)}"))
    if problems:
        raise InvalidInput(source, problems[:MAX_LISTED_PROBLEMS])
    return tuple(columns)


def _raw_row(number: int, values: list[Any], positions: tuple[str, ...]) -> RawRow | None:
    """The row's cells by column name, or None for a blank row (the loop is the import's
    innermost: a row of text cells under titled columns, what nearly every CSV row is, is
    read in one step; any other row cell by cell, naming every cell that cannot be read)."""
    if values and len(values) <= len(positions) and "" not in positions:
        try:
            texts = [value.strip() or None for value in values]
        except AttributeError:  # a cell that is not text (xlsx): read cell by cell below
            texts = []
        # a cell's length before stripping bounds its length after: a long cell of spaces
        # is read cell by cell, which strips it first
        if texts and max(map(len, values)) <= MAX_CELL_CHARS:
            if not any(texts):
                return None
            return RawRow(number, dict(zip(positions, texts, strict=False)))
    return _cell_by_cell(number, values, positions)


def _cell_by_cell(number: int, values: list[Any], positions: tuple[str, ...]) -> RawRow | None:
    cells: dict[str, Cell] = {}
    problems: list[Problem] = []
    width = len(positions)
    filled = False
    for position, value in enumerate(values):
        name = positions[position] if position < width else ""
        if type(value) is str:
            cell: Cell = value.strip() or None
        elif isinstance(value, _BadCell):
            column = name if value.column is None else value.column
            problems.append(
                Problem(f"row {number}, column {column or position + 1}", value.message)
            )
            continue
        else:
            cell = _clean(value)
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            problems.append(
                Problem(
                    f"row {number}, column {name or position + 1}",
                    f"单元格有 {len(cell):,} 个字符，超过上限 {MAX_CELL_CHARS:,}",
                )
            )
        elif name:
            cells[name] = cell
            filled = filled or cell is not None
        elif cell is not None:
            problems.append(
                Problem(
                    f"row {number}, column {position + 1}", f"value {cell!s} has no column header"
                )
            )
    if not problems and not filled:
        return None
    return RawRow(number, cells, tuple(problems))


def _clean(value: Any) -> Cell:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return decimal_from_float(value)
    text = str(value).strip()
    return text or None


# --- CSV --------------------------------------------------------------------------------


@contextmanager
def open_csv(path: Path) -> Iterator[tuple[list[str], Iterator[tuple[int, list[str]]]]]:
    """(header, records) of a CSV file read as a stream, for callers that keep every column
    as it is (``classify``): the decoding, limits and quote checks of :func:`open_table`;
    each record is (row number, cells), formula marks removed."""
    with ExitStack() as stack:
        yield _read_csv(path, stack)


def _read_csv(path: Path, stack: ExitStack) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    encoding = _encoding_of(path)
    with path.open(encoding=encoding, newline="") as probe:
        first_line = probe.readline(MAX_CELL_CHARS)
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    handle = stack.enter_context(path.open(encoding=encoding, newline=""))
    records = _csv_records(str(path), csv.reader(handle, delimiter=delimiter, strict=True))
    first = next(records, None)
    if first is None:
        raise InvalidInput(str(path), [Problem("", "the file is empty")])
    return first[1], records


def _encoding_of(path: Path) -> str:
    """UTF-8 if the whole file decodes as UTF-8, else GB18030 — checked in chunks."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            with path.open("rb") as handle:
                if _decodes(handle, encoding):
                    return encoding
        except FileNotFoundError:
            raise InvalidInput(str(path), [Problem("", "file not found")]) from None
        except OSError as error:
            raise InvalidInput(str(path), [Problem("", f"cannot read: {error.strerror}")]) from None
    raise InvalidInput(str(path), [Problem("", "text is neither UTF-8 nor GB18030/GBK")])


def _decodes(handle: IO[bytes], encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := handle.read(_READ_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _csv_records(source: str, reader: Any) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of each record; a malformed quote refuses the file at once."""
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InvalidInput(source, [_quote_problem(start, reader.line_num, error)]) from None
        # an export marks text that would start a formula; the mark is not the value (one
        # test over the whole record first: nearly every record holds no mark at all)
        if MARK in "".join(values):
            values = [v if v[:1] != MARK else unprotect(v) for v in values]
        yield reader.line_num, values


def _quote_problem(start: int, line: int, error: csv.Error) -> Problem:
    text = str(error)
    if "end of data" in text:
        return Problem(f"row {start}", "引号没有闭合：这一行开始的引号直到文件末尾都没有结束引号")
    if "field limit" in text:
        return Problem(
            f"row {start}",
            f"单元格超过 {CSV_FIELD_LIMIT:,} 个字符，多半是这一行的引号没有闭合",
        )
    return Problem(f"row {line}", f"引号用法不对（{text}）：带引号的单元格应整个放在引号内")


# --- XLSX -------------------------------------------------------------------------------


def _read_xlsx(
    path: Path, sheet: str | None, stack: ExitStack
) -> tuple[list[Any], Iterator[tuple[int, list[Any]]], str]:
    reader = _open_workbook(path)
    stack.callback(reader.archive.close)
    sheets = [
        (child.name, rel.target)
        for child, rel in reader.parser.find_sheets()
        if "chartsheet" not in rel.Type and rel.target in reader.archive.namelist()
    ]
    if sheet is not None and sheet not in dict(sheets):
        names = ", ".join(name for name, _ in sheets)
        raise InvalidInput(str(path), [Problem("", f"no sheet '{sheet}'; sheets: {names}")])
    if not sheets:
        raise InvalidInput(str(path), [Problem("", "the workbook has no worksheet")])
    title, target = (sheet, dict(sheets)[sheet]) if sheet is not None else sheets[0]
    source = f"{path} [sheet {title}]"
    parser = _CheckedCells(
        stack.enter_context(reader.archive.open(target)),
        reader.shared_strings,
        data_only=True,
        epoch=reader.wb.epoch,
        # which styles are dates: set by openpyxl when it reads the stylesheet
        date_formats=vars(reader.wb).get("_date_formats", set()),
        timedelta_formats=vars(reader.wb).get("_timedelta_formats", set()),
    )
    rows = _xlsx_rows(source, parser)
    first = next(rows, None)
    if first is None:
        raise InvalidInput(source, [Problem("", "the sheet is empty")])
    return first[1], rows, title


def _open_workbook(path: Path) -> ExcelReader:
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except FileNotFoundError:
        raise InvalidInput(str(path), [Problem("", "file not found")]) from None
    except (OSError, zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as error:
        # (zipfile: NotImplementedError for a zip version or method it cannot read)
        raise InvalidInput(
            str(path), [Problem("", f"not a readable .xlsx workbook: {error}")]
        ) from None
    size = sum(part.file_size for part in parts)
    if size > MAX_XLSX_BYTES or len(parts) > MAX_XLSX_PARTS:
        raise InvalidInput(
            str(path),
            [
                Problem(
                    "",
                    f"工作簿解压后有 {size:,} 字节、{len(parts):,} 个部件，超过上限"
                    f"（{MAX_XLSX_BYTES:,} 字节、{MAX_XLSX_PARTS:,} 个）；请另存为 CSV 再导入",
                )
            ],
        )
    reader: ExcelReader | None = None
    try:
        reader = ExcelReader(path, read_only=True, data_only=True)
        reader.read()
    except Exception as error:  # openpyxl and zipfile raise several types for a damaged file
        if reader is not None:  # (a member zipfile cannot inflate fails the constructor)
            reader.archive.close()
        raise InvalidInput(
            str(path), [Problem("", f"not a readable .xlsx workbook: {error}")]
        ) from None
    return reader


def _xlsx_rows(source: str, parser: WorkSheetParser) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cells) of each row present in the sheet, as wide as its last cell."""
    try:
        for number, cells in parser.parse():
            values: list[Any] = []
            for cell in cells:
                column = cell["column"]
                if column > MAX_COLUMNS:
                    if cell["value"] is not None:
                        values.append(_BadCell(f"超出 {MAX_COLUMNS} 列的上限", column))
                    continue
                values.extend([None] * (column - len(values)))
                values[column - 1] = cell["value"]
            yield number, values
    except InvalidInput:
        raise
    except Exception as error:  # damaged XML or attributes: openpyxl raises several types
        raise InvalidInput(
            source, [Problem("", f"not a readable .xlsx workbook: {error}")]
        ) from None


class _CheckedCells(WorkSheetParser):
    """openpyxl's sheet parser, except that a cell it cannot read, an error value (#DIV/0!)
    and a formula without a cached result become a :class:`_BadCell` instead of raising or
    reading as blank."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        try:
            cell: dict[str, Any] = dict(super().parse_cell(element))
        except (ValueError, TypeError, IndexError, KeyError, OverflowError):
            text = (element.findtext("{*}v") or "")[:40]
            kind = element.get("t", "n")
            return self._bad(f"单元格内容“{text}”不是有效的{_KINDS.get(kind, kind)}")
        value = cell["value"]
        if cell["data_type"] == "e":
            return self._bad(f"单元格是 Excel 错误值 {value}；请改正公式或填入数值")
        if value is None and element.find(FORMULA_TAG) is not None:
            return self._bad(FORMULA_WITHOUT_RESULT)
        if isinstance(value, float) and not math.isfinite(value):
            return self._bad(f"数值单元格的内容 {value} 不是有限的数")
        return cell

    def _bad(self, message: str) -> dict[str, Any]:
        return {"row": self.row_counter, "column": self.col_counter, "value": _BadCell(message)}


_KINDS = {"n": "数值", "s": "共享文本编号", "b": "逻辑值", "d": "日期"}
