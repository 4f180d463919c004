"""Where a plan's text holds a 主要指标 table, and its rows laid out against its header: in .docx
rows (tab-separated) and in text or PDF layout (cells apart by two or more spaces).

A table starts at a header row (bioecon/extract/table_header.py) and runs over the rows laid
out against it (bioecon/extract/table_rows.py); blank lines are passed over, a short line of
one cell (a 类别 spanning the row, a wrapped name) does not end it, two such lines or any other
line do. Rules in docs/extraction.md, "Tables".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bioecon.extract.table_cells import split_cells, unit_word
from bioecon.extract.table_header import Column, Header, Role, read_header, with_years, year_in
from bioecon.extract.table_rows import layout


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # of ``text`` in the view
    text: str  # the shadow, without the spaces around it (tabs kept: they border empty cells)

    @property
    def quote(self) -> tuple[int, int]:
        """The row's line without the blanks around it."""
        lead = len(self.text) - len(self.text.lstrip())
        return self.start + lead, self.start + len(self.text.rstrip())


@dataclass(frozen=True, slots=True)
class TableRow:
    line: _Line
    cells: tuple[tuple[Column, str], ...]

    def cell(self, role: Role) -> tuple[Column, str] | None:
        return next((c for c in self.cells if c[0].role is role), None)


@dataclass(frozen=True, slots=True)
class Table:
    start: int
    end: int
    header: Header
    year: int | None  # the caption's (…“十四五”主要指标 → 2025)
    unit: str | None  # the caption's (单位:亿元)
    rows: tuple[TableRow, ...]


def find_tables(view: str) -> list[Table]:
    lines = list(_lines(view))
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        header = _header(lines[index])
        if header is None:
            index += 1
            continue
        table, index = _read_table(lines, index, header)
        tables.append(table)
    return tables


def _lines(view: str) -> Iterator[_Line]:
    at = 0
    for raw in view.split("\n"):
        stripped = raw.strip(" \r")
        yield _Line(at + (raw.find(stripped) if stripped else 0), stripped)
        at += len(raw) + 1


def _header(line: _Line) -> Header | None:
    cells = split_cells(line.text)
    return read_header([c.text for c in cells]) if len(cells) >= 2 else None


_SHORT_LINE = 16
_MOST_INTERLUDES = 1


def _read_table(lines: list[_Line], at: int, header: Header) -> tuple[Table, int]:
    """The table whose header is ``lines[at]`` and the index of the line after it."""
    caption = " ".join(line.text for line in lines[max(0, at - 3) : at] if len(line.text) <= 60)
    index, end, rows, interludes = at + 1, lines[at].quote[1], [], 0
    if index < len(lines):
        more = with_years(header, [c.text for c in split_cells(lines[index].text)])
        if more is not None:
            header, end, index = more, lines[index].quote[1], index + 1
    while index < len(lines) and interludes <= _MOST_INTERLUDES:
        line = lines[index]
        if not line.text.strip():
            index += 1  # pypdf's layout mode puts a blank line between rows
            continue
        cells = [c.text for c in split_cells(line.text)]
        laid_out = layout(header, cells) if len(cells) >= 2 else None
        if laid_out is not None:
            rows.append(TableRow(line, tuple(laid_out)))
            end, interludes = line.quote[1], 0
        elif len(cells) == 1 and len(line.text) <= _SHORT_LINE and "。" not in line.text:
            interludes += 1  # a 类别 spanning the row, or a wrapped name
        else:
            break
        index += 1
    table = Table(
        lines[at].quote[0], end, header, year_in(caption), _caption_unit(caption), tuple(rows)
    )
    return table, index


_UNIT_NOTE = re.compile(r"单位[:：]\s*([^\s,，;；)）]{1,6})")


def _caption_unit(caption: str) -> str | None:
    found = _UNIT_NOTE.search(caption)
    return unit_word(found.group(1)) if found is not None else None
