"""Write rows as CSV text or an XLSX workbook, the one place every export goes through.

Text that a spreadsheet would run as a formula is written so that it stays text
(:mod:`bioecon.io.formula_guard`); amounts are never rounded.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING, MergedCell
from openpyxl.cell.cell import Cell as XlsxCell

from bioecon.io.formula_guard import protect
from bioecon.io.tabular import Cell


class CsvRowWriter:
    """Write CSV rows one at a time to an open text stream (open it with ``newline=""`` and,
    for a file Excel opens, ``encoding="utf-8-sig"``); text that would start a formula is
    marked (:func:`~bioecon.io.formula_guard.protect`), numbers are written in full."""

    def __init__(self, stream: TextIO) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")

    def row(self, values: Sequence[Cell]) -> None:
        self._writer.writerow([csv_text(value) for value in values])


def write_csv(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """CSV text (write it with a BOM, ``utf-8-sig``, so Excel opens Chinese correctly)."""
    out = io.StringIO(newline="")
    writer = CsvRowWriter(out)
    writer.row(columns)
    for row in rows:
        writer.row(row)
    return out.getvalue()


def csv_text(value: Cell) -> str:
    """One CSV cell: empty for None, a decimal in full (never 1E+3), text formula-safe."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return protect(str(value))


def write_xlsx(
    path: Path, columns: Sequence[str], rows: Sequence[Sequence[Cell]], *, title: str
) -> None:
    """A workbook with one sheet. A decimal is written as an Excel number when Excel can hold
    it exactly (15 significant digits), and as text otherwise — never rounded."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    for number, row in enumerate((columns, *rows), start=1):
        for column, value in enumerate(row, start=1):
            put_xlsx_cell(sheet.cell(number, column), value)
    workbook.save(path)


def put_xlsx_cell(cell: XlsxCell | MergedCell, value: Cell) -> None:
    """Set one workbook cell: an exact number when Excel holds it exactly, text as a string
    cell — openpyxl would store text starting with "=" as a live formula; a string cell is
    shown and read back as the text it is. Every XLSX export and template writes through it."""
    cell.value = _excel_cell(value)
    if isinstance(cell.value, str):
        cell.data_type = TYPE_STRING


def _excel_cell(value: Cell) -> Any:
    """Excel keeps 15 significant digits: a decimal with more is written as text (which
    `data load` reads back exactly), never as a number Excel would round."""
    if isinstance(value, Decimal):
        digits = len(value.normalize().as_tuple().digits)
        if digits > EXCEL_DIGITS:
            return format(value, "f")
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value


EXCEL_DIGITS = 15
