"""Task tables: rows of tab-separated cells (how a .docx table or a published HTML table reads)
under a header row naming a units column — 责任单位, 牵头单位, 配合单位 (the words:
``header_*`` of bioecon/data/extract/responsibility.yaml). Each row with units in such a
column is a statement: a 牵头单位 column's units lead, a 配合单位 column's assist; the marker is
the first unit's first character (a row has no label word); the heading is the row's first
cell that is not a number (序号). A numbered group row without tabs (一、…方面) keeps the
header. A row with fewer cells than the header (a merged cell written
once) is aligned from the right, where the units columns stand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bioecon.extract.statement import Page, Statement
from bioecon.extract.unit_lists import unit_list
from bioecon.extract.unit_words import words

_NUMBER = re.compile(r"^[\s\d.、()一二三四五六七八九十]*$")
# A group row of a table, its cells merged into one line without tabs: a numbered heading
# of at most 40 characters (一、知识产权保护方面（共 5 项）, (二)科技金融创新方面). The table's
# header holds on below it.
_GROUP_ROW = re.compile(
    r"[ \u3000]*(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))[^\t\n]{0,40}$"
)


@dataclass(frozen=True, slots=True)
class _Header:
    columns: tuple[tuple[int, str], ...]  # (cell index, label kind)
    width: int


def _cells(view: str, start: int, end: int) -> list[tuple[int, int]]:
    cells, cell_start = [], start
    for index in range(start, end):
        if view[index] == "\t":
            cells.append((cell_start, index))
            cell_start = index + 1
    cells.append((cell_start, end))
    return cells


def _header(view: str, cells: list[tuple[int, int]]) -> _Header | None:
    columns = tuple(
        (index, kind)
        for index, (a, b) in enumerate(cells)
        if (kind := column_kind(view[a:b])) is not None
    )
    return _Header(columns, len(cells)) if columns else None


def column_kind(cell: str) -> str | None:
    """``lead``, ``co`` or ``plain`` when a header cell names a units column (牵头单位, 配合部门,
    责任单位（部门）, 负责推广部门), else None: blanks and brackets removed, at most 10 characters,
    ending as a units header does and holding a role stem."""
    vocabulary = words()
    name = "".join(cell.split()).replace("(", "").replace(")", "")
    if len(name) > 10 or not name.endswith(vocabulary.header_endings):
        return None
    for kind, stems in (
        ("lead", vocabulary.header_lead_stems),
        ("co", vocabulary.header_co_stems),
        ("plain", vocabulary.header_plain_stems),
    ):
        if any(stem in name for stem in stems):
            return kind
    return None


def column_statements(page: Page) -> Iterator[Statement]:
    header: _Header | None = None
    position = 0
    while position < len(page.view):
        end = page.line_end(position)
        if "\t" not in page.view[position:end]:
            header = header if _GROUP_ROW.match(page.view, position, end) else None
        else:
            cells = _cells(page.view, position, end)
            named = _header(page.view, cells)
            row = _row(page, cells, header) if named is None and header is not None else None
            header = named or header
            if row is not None:
                yield row
        position = end + 1


def _leading(kind: str, units: tuple[str, ...], marked: tuple[str, ...]) -> tuple[str, ...]:
    """A 牵头单位 column's units all lead; a 配合单位 column's none; a 责任单位 column's those
    marked (☆, (牵头))."""
    return units if kind == "lead" else () if kind == "co" else marked


def _row(page: Page, cells: list[tuple[int, int]], header: _Header) -> Statement | None:
    shift = header.width - len(cells) if len(cells) < header.width else 0
    units: list[str] = []
    lead: list[str] = []
    spans: list[tuple[int, int]] = []
    for index, kind in header.columns:
        if not 0 <= index - shift < len(cells):
            continue
        a, b = cells[index - shift]
        found = unit_list(page.text, page.view, a, b, page.stars)
        if found.units:
            spans.append((found.first, b))
            units.extend(found.units)
            lead.extend(_leading(kind, found.units, found.lead))
    if not units:
        return None
    unit_cells = {cells[i - shift] for i, _ in header.columns if 0 <= i - shift < len(cells)}
    task = next(
        (c for c in cells if c not in unit_cells and not _NUMBER.match(page.view[c[0] : c[1]])),
        None,
    )
    heading = page.text[task[0] : task[1]].split("。")[0].strip() if task else ""
    start = cells[0][0]
    return Statement(
        "table-column",
        spans[0][0],
        tuple(units),
        tuple(lead),
        (spans[0][0], spans[-1][1]),
        start,
        heading,
    )
