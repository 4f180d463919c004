"""Where a plan's text holds a 主要指标 table, and its rows laid out against its header: in .docx
rows (tab-separated) and in text or PDF layout (cells apart by two or more spaces).

A table starts at a header row (bioecon/extract/table_header.py) and runs over the rows laid
out against it (bioecon/extract/table_rows.py); blank lines are passed over, a short line of
one cell (a 类别 spanning the row, a wrapped name) does not end it, two such lines or any other
line do. Rules in docs/extraction.md, "Tables".
"""

from __future__ import annotations

import re

from bioecon.extract.table_cells import split_cells
from bioecon.extract.table_header import Header, read_header, with_years
from bioecon.extract.table_lines import Line, Table, TableRow, caption_of, line_at
from bioecon.extract.table_rows import layout
from bioecon.extract.table_vertical import read_vertical

# a header names the indicator: 指标, 指标名称, 名称 … (simplified or traditional)
_HEADER_WORD = re.compile(r"指[标標]|名[称稱]")


def find_tables(text: str) -> list[Table]:
    """The tables of ``text``, each from a header line (one that names the indicator)."""
    tables: list[Table] = []
    resume = 0
    for found in _HEADER_WORD.finditer(text):
        if found.start() < resume:
            continue
        line = line_at(text, found.start())
        resume = line.after
        header = _header(line)
        table = _read_table(text, line, header) if header is not None else None
        table = table or read_vertical(text, line)
        if table is not None:
            tables.append(table)
            resume = max(resume, table.end)
    return tables


def _header(line: Line) -> Header | None:
    cells = split_cells(line.text)
    return read_header([c.text for c in cells]) if len(cells) >= 2 else None


_SHORT_LINE = 16
_MOST_INTERLUDES = 1


def _read_table(text: str, top: Line, header: Header) -> Table:
    """The table whose header is the line ``top``."""
    line, end, rows, interludes = line_at(text, top.after), top.quote[1], [], 0
    more = with_years(header, [c.text for c in split_cells(line.text)])
    if more is not None and top.after <= len(text):
        header, end, line = more, line.quote[1], line_at(text, line.after)
    while line.start <= len(text) and interludes <= _MOST_INTERLUDES:
        if line.text.strip():  # pypdf's layout mode puts a blank line between rows
            cells = [c.text for c in split_cells(line.text)]
            laid_out = layout(header, cells) if len(cells) >= 2 else None
            if laid_out is not None:
                rows.append(TableRow(line, tuple(laid_out)))
                end, interludes = line.quote[1], 0
            elif len(cells) == 1 and len(line.text) <= _SHORT_LINE and "。" not in line.text:
                interludes += 1  # a 类别 spanning the row, or a wrapped name
            else:
                break
        if line.after > len(text):
            break
        line = line_at(text, line.after)
    return Table(top.quote[0], end, header, *caption_of(text, top), tuple(rows))
