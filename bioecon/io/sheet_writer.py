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
from typing import Any

from openpyxl import Workbook

from bioecon.io.tabular import Cell


def write_csv(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """CSV text (write it with a BOM, ``utf-8-sig``, so Excel opens Chinese correctly)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else _text(v) for v in row])
    return out.getvalue()


def write_xlsx(
    path: Path, columns: Sequence[str], rows: Sequence[Sequence[Cell]], *, title: str
) -> None:
    """A workbook with one sheet. A decimal is written as an Excel number when Excel can hold
    it exactly (15 significant digits), and as text otherwise — never rounded."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(columns))
    for row in rows:
        sheet.append([_excel_cell(v) for v in row])
    workbook.save(path)


def _text(value: Cell) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


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
