"""Where a plan's text holds a 主要指标 table, and its rows laid out against its header: in .docx
rows (tab-separated) and in text or PDF layout (cells apart by two or more spaces).

A table starts at a header row (bioecon/extract/table_header.py) and runs over the rows laid
out against it (bioecon/extract/table_rows.py); blank lines are passed over, a short line of
one cell (a 类别 spanning the row, a wrapped name) does not end it, two such lines or any other
line do. Rules in docs/extraction.md, "Tables".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bioecon.extract.normalise import shadow
from bioecon.extract.table_cells import split_cells, unit_word
from bioecon.extract.table_header import Column, Header, Role, read_header, with_years, year_in
from bioecon.extract.table_rows import layout


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # of ``text`` in the text
    text: str  # its shadow, without the spaces around it (tabs kept: they border empty cells)
    after: int  # where the next line starts (past the text's end for the last line)

    @property
    def quote(self) -> tuple[int, int]:
        """The row's line without the blanks around it."""
        lead = len(self.text) - len(self.text.lstrip())
        return self.start + lead, self.start + len(self.text.rstrip())


_BLANKS = " \r\u3000"


def _line_at(text: str, position: int) -> _Line:
    """The line holding ``position``, shadowed (one line at a time: most of a plan is prose);
    past the text's end, an empty line there."""
    if position > len(text):
        return _Line(position, "", position + 1)
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    end = len(text) if end == -1 else end
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip(_BLANKS))
    return _Line(start + lead, shadow(raw.strip(_BLANKS)), end + 1)


@dataclass(frozen=True, slots=True)
class TableRow:
    line: _Line
    cells: tuple[tuple[Column, str], ...]

    def cell(self, role: Role) -> tuple[Column, str] | None:
        return next((c for c in self.cells if c[0].role is role), None)

    def all_cells(self, role: Role) -> list[tuple[Column, str]]:
        """Every cell of the role's columns (a header may have targets for two years)."""
        return [c for c in self.cells if c[0].role is role]


@dataclass(frozen=True, slots=True)
class Table:
    start: int
    end: int
    header: Header
    year: int | None  # the caption's (…“十四五”主要指标 → 2025)
    unit: str | None  # the caption's (单位:亿元)
    rows: tuple[TableRow, ...]


# a header names the indicator: 指标, 指标名称, 名称 … (simplified or traditional)
_HEADER_WORD = re.compile(r"指[标標]|名[称稱]")


def find_tables(text: str) -> list[Table]:
    """The tables of ``text``, each from a header line (one that names the indicator)."""
    tables: list[Table] = []
    resume = 0
    for found in _HEADER_WORD.finditer(text):
        if found.start() < resume:
            continue
        line = _line_at(text, found.start())
        resume = line.after
        header = _header(line)
        if header is not None:
            tables.append(_read_table(text, line, header))
            resume = max(resume, tables[-1].end)
    return tables


def _header(line: _Line) -> Header | None:
    cells = split_cells(line.text)
    return read_header([c.text for c in cells]) if len(cells) >= 2 else None


_SHORT_LINE = 16
_MOST_INTERLUDES = 1


def _read_table(text: str, top: _Line, header: Header) -> Table:
    """The table whose header is the line ``top``."""
    line, end, rows, interludes = _line_at(text, top.after), top.quote[1], [], 0
    more = with_years(header, [c.text for c in split_cells(line.text)])
    if more is not None and top.after <= len(text):
        header, end, line = more, line.quote[1], _line_at(text, line.after)
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
        line = _line_at(text, line.after)
    caption = _caption(text, top)
    return Table(top.quote[0], end, header, year_in(caption), _caption_unit(caption), tuple(rows))


def _caption(text: str, top: _Line) -> str:
    """Up to three short lines (≤ 60 characters) above the header, shadowed."""
    lines: list[str] = []
    start = text.rfind("\n", 0, top.start) + 1
    while start > 0 and len(lines) < 3:
        line = _line_at(text, start - 1)
        if len(line.text) <= 60:
            lines.insert(0, line.text)
        start = text.rfind("\n", 0, start - 1) + 1
    return " ".join(lines)


_UNIT_NOTE = re.compile(r"单位[:：]\s*([^\s,，;；)）]{1,6})")


def _caption_unit(caption: str) -> str | None:
    found = _UNIT_NOTE.search(caption)
    return unit_word(found.group(1)) if found is not None else None
