"""A table's lines, read one at a time from the text and shadowed (most of a plan is prose),
its rows as laid out against its header, and the caption above it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bioecon.extract.normalise import shadow
from bioecon.extract.table_cells import unit_word
from bioecon.extract.table_header import Column, Header, Role, year_in


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # of ``text`` in the text
    text: str  # its shadow, without the spaces around it (tabs kept: they border empty cells)
    after: int  # where the next line starts (past the text's end for the last line)

    @property
    def quote(self) -> tuple[int, int]:
        """The row's line without the blanks around it."""
        lead = len(self.text) - len(self.text.lstrip())
        return self.start + lead, self.start + len(self.text.rstrip())


_BLANKS = " \r\u3000"


def line_at(text: str, position: int) -> Line:
    """The line holding ``position``, shadowed (one line at a time: most of a plan is prose);
    past the text's end, an empty line there."""
    if position > len(text):
        return Line(position, "", position + 1)
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    end = len(text) if end == -1 else end
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip(_BLANKS))
    return Line(start + lead, shadow(raw.strip(_BLANKS)), end + 1)


@dataclass(frozen=True, slots=True)
class TableRow:
    line: Line
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


def caption_of(text: str, top: Line) -> tuple[int | None, str | None]:
    """The year and unit the caption above the header line ``top`` gives."""
    caption = _caption(text, top)
    return year_in(caption), _caption_unit(caption)


def _caption(text: str, top: Line) -> str:
    """Up to three short lines (≤ 60 characters) above the header, shadowed."""
    lines: list[str] = []
    start = text.rfind("\n", 0, top.start) + 1
    while start > 0 and len(lines) < 3:
        line = line_at(text, start - 1)
        if len(line.text) <= 60:
            lines.insert(0, line.text)
        start = text.rfind("\n", 0, start - 1) + 1
    return " ".join(lines)


_UNIT_NOTE = re.compile(r"单位[:：]\s*([^\s,，;；)）]{1,6})")


def _caption_unit(caption: str) -> str | None:
    found = _UNIT_NOTE.search(caption)
    return unit_word(found.group(1)) if found is not None else None
