"""A 主要指标 table copied from a web page one cell a line: the header's cells on consecutive
lines (指标 / 单位 / 2020年 / 2025年 / 属性), then each row's cells, as many lines per row as the
header has. Rules in docs/extraction.md, "Tables"."""

from __future__ import annotations

from bioecon.extract.normalise import shadow
from bioecon.extract.table_cells import split_cells
from bioecon.extract.table_header import Header, column_of, read_header
from bioecon.extract.table_lines import Line, Table, TableRow, caption_of, line_at
from bioecon.extract.table_rows import fits

_MOST_COLUMNS = 9
_CELL_LINE = 16  # a header cell on its own line is short


def read_vertical(text: str, line: Line) -> Table | None:
    """The one-cell-a-line table whose header holds ``line`` (a header word alone on its
    line), if the lines around it are such a header followed by at least one row."""
    if not _is_header_cell(line):
        return None
    top = line
    for _ in range(_MOST_COLUMNS - 1):  # the header may start a few cells before 指标
        above = line_at(text, top.start - 1) if top.start > 0 else None
        if above is None or not _is_header_cell(above):
            break
        top = above
    cells = _header_lines(text, top)
    header = read_header([c.text for c in cells]) if len(cells) >= 3 else None
    if header is None:
        return None
    rows = _rows(text, cells[-1].after, header)
    if not rows:
        return None
    end = rows[-1].line.quote[1]
    return Table(top.quote[0], end, header, *caption_of(text, top), tuple(rows))


def _is_header_cell(line: Line) -> bool:
    text = line.text.strip()
    return (
        0 < len(text) <= _CELL_LINE
        and len(split_cells(text)) == 1
        and column_of(text, exact=True) is not None
    )


def _header_lines(text: str, top: Line) -> list[Line]:
    cells = [top]
    while len(cells) < _MOST_COLUMNS and cells[-1].after <= len(text):
        following = line_at(text, cells[-1].after)
        if not _is_header_cell(following):
            break
        cells.append(following)
    return cells


def _rows(text: str, at: int, header: Header) -> list[TableRow]:
    """Groups of as many non-blank lines as the header has cells, each cell fitting its
    column; the first group that does not fit ends the table."""
    rows: list[TableRow] = []
    width = len(header.columns)
    while True:
        group = _group(text, at, width)
        if group is None:
            return rows
        texts = [g.text.strip() for g in group]
        if not all(fits(c.role, t) for c, t in zip(header.columns, texts, strict=True)):
            return rows
        first, last = group[0], group[-1]
        span = Line(first.start, _between(text, first, last), last.after)
        rows.append(TableRow(span, tuple(zip(header.columns, texts, strict=True))))
        at = last.after


def _group(text: str, at: int, width: int) -> list[Line] | None:
    group: list[Line] = []
    while len(group) < width:
        if at > len(text):
            return None
        line = line_at(text, at)
        if line.text.strip():
            if len(split_cells(line.text)) != 1:
                return None
            group.append(line)
        at = line.after
    return group


def _between(text: str, first: Line, last: Line) -> str:
    """The shadow of the lines ``first`` to ``last``, newlines kept (the row's quote)."""
    return shadow(text[first.start : last.quote[1]])
