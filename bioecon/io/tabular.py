"""Read and write rows of CSV and XLSX files the way Chinese office users produce them.

CSV: UTF-8 (with or without the BOM Excel writes) or GB18030/GBK (what WPS and older Excel
write by default), comma- or tab-separated. XLSX: the first sheet, or a named one; cached
formula results are read. Rows are numbered as the user sees them (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from bioecon.domain.amounts import decimal_from_float
from bioecon.errors import InvalidInput, Problem
from bioecon.io.formula_guard import unprotect

Cell = str | Decimal | date | None


@dataclass(frozen=True, slots=True)
class RawRow:
    number: int  # the row number the user sees in Excel or a text editor
    cells: dict[str, Cell]  # canonical column name → cell


@dataclass(frozen=True, slots=True)
class Sheet:
    source: str  # file name (and sheet) for messages
    columns: tuple[str, ...]  # canonical names, in file order
    rows: tuple[RawRow, ...]
    blank_rows: int


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
    column or has an unknown or repeated one.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv" or suffix == ".txt":
        header, body = _read_csv(path)
        source = str(path)
    elif suffix in (".xlsx", ".xlsm"):
        header, body, sheet_name = _read_xlsx(path, sheet)
        source = f"{path} [sheet {sheet_name}]"
    else:
        raise InvalidInput(str(path), [Problem("", "unsupported file type; use .csv or .xlsx")])
    known = set(required) | set(optional)
    problems: list[Problem] = []
    columns: list[str] = []
    for position, raw in enumerate(header, start=1):
        title = "" if raw is None else str(raw).strip()
        name = aliases.get(title, aliases.get(title.lower(), title.lower()))
        if not title:
            columns.append("")
            continue
        if name not in known:
            problems.append(
                Problem(
                    f"row 1, column {position} '{title}'",
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
        raise InvalidInput(source, problems)
    rows: list[RawRow] = []
    blank = 0
    for number, values in body:
        cells: dict[str, Cell] = {}
        extra = 0
        for position, value in enumerate(values):
            cell = _clean(value)
            name = columns[position] if position < len(columns) else ""
            if name:
                cells[name] = cell
            elif cell is not None:
                extra += 1
                problems.append(
                    Problem(
                        f"row {number}, column {position + 1}",
                        f"value {cell!s} has no column header",
                    )
                )
        if all(v is None for v in cells.values()) and not extra:
            blank += 1
            continue
        rows.append(RawRow(number, cells))
    if problems:
        raise InvalidInput(source, problems)
    return Sheet(source, tuple(c for c in columns if c), tuple(rows), blank)


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


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("gb18030", raw, 0, 1, "neither UTF-8 nor GB18030")


def _read_csv(path: Path) -> tuple[list[Any], Iterator[tuple[int, list[Any]]]]:
    try:
        text = _decode(path.read_bytes())
    except FileNotFoundError:
        raise InvalidInput(str(path), [Problem("", "file not found")]) from None
    except UnicodeDecodeError:
        raise InvalidInput(
            str(path), [Problem("", "text is neither UTF-8 nor GB18030/GBK")]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput(str(path), [Problem("", "the file is empty")]) from None

    def body() -> Iterator[tuple[int, list[Any]]]:
        for values in reader:
            # an export marks text that would start a formula; the mark is not the value
            yield reader.line_num, [unprotect(value) for value in values]

    return list(header), body()


def _read_xlsx(
    path: Path, sheet: str | None
) -> tuple[list[Any], Iterator[tuple[int, list[Any]]], str]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InvalidInput(str(path), [Problem("", "file not found")]) from None
    except Exception as error:  # openpyxl raises several types for a damaged file
        raise InvalidInput(
            str(path), [Problem("", f"not a readable .xlsx workbook: {error}")]
        ) from None
    if sheet is not None and sheet not in workbook.sheetnames:
        raise InvalidInput(
            str(path),
            [Problem("", f"no sheet '{sheet}'; sheets: {', '.join(workbook.sheetnames)}")],
        )
    worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    rows = worksheet.iter_rows(values_only=True)
    try:
        header = list(next(rows))
    except StopIteration:
        raise InvalidInput(
            f"{path} [sheet {worksheet.title}]", [Problem("", "the sheet is empty")]
        ) from None

    def body() -> Iterator[tuple[int, list[Any]]]:
        for number, values in enumerate(rows, start=2):
            yield number, list(values)

    return header, body(), worksheet.title
