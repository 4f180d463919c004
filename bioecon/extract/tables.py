"""Targets from a plan's 主要指标 tables, in .docx rows (tab-separated) and in text or PDF layout
(cells apart by two or more spaces). Rules in docs/extraction.md, "Tables".

A table starts at a header row (bioecon/extract/table_header.py) and runs over the rows laid
out against it (bioecon/extract/table_rows.py); a short line of one cell (a 类别 spanning the
row, a wrapped name) does not end it, two such lines or any other line do. Each row with a
number in its target column is a target; its quote is the row's line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from bioecon.catalogs import read_data_file
from bioecon.domain.target_kind import target_kind
from bioecon.extract.names import document_subject
from bioecon.extract.normalise import shadow
from bioecon.extract.table_cells import (
    CellValue,
    bracketed_unit,
    read_value,
    split_cells,
    unit_word,
)
from bioecon.extract.table_header import (
    Column,
    Header,
    Role,
    nature_of,
    read_header,
    with_years,
    year_in,
)
from bioecon.extract.table_rows import layout
from bioecon.extract.targets import ExtractedTarget


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


def table_regions(text: str) -> list[tuple[int, int]]:
    """The spans of the tables in ``text``, header to last row, so that the sentence rules
    leave the numbers inside them to :func:`extract_table_targets`."""
    return [(table.start, table.end) for table in find_tables(shadow(text))]


def extract_table_targets(text: str) -> list[ExtractedTarget]:
    view = shadow(text)
    subject = document_subject(view)
    return [
        target
        for table in find_tables(view)
        for row in table.rows
        if (target := _target(text, table, row, subject)) is not None
    ]


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


def _target(text: str, table: Table, row: TableRow, subject: str) -> ExtractedTarget | None:
    found = row.cell(Role.TARGET)
    named = row.cell(Role.NAME)
    if found is None or named is None or not named[1]:
        return None
    column, cell = found
    value = read_value(cell)
    if value is None:
        return None  # — or words (完成国家下达任务): no number to measure
    unit = _unit(table, row, column, value)
    if unit is None:
        return None  # a 单位 cell that names no unit
    base = _base(row)
    metric = _metric(named[1])
    nature = row.cell(Role.NATURE)
    start, end = row.line.quote
    return ExtractedTarget(
        kind=target_kind(
            funding=False, recurring=False, op=value.op, unit=unit, quote=metric, verb=None
        ),
        year=column.year or table.year,
        subject=subject,
        metric=metric,
        qualifier=None,
        op=value.op,
        value=value.value,
        value_high=value.value_high,
        unit=unit,
        quote=text[start:end],
        start=start,
        end=end,
        base_value=base[0].value if base else None,
        base_year=base[1] if base else None,
        nature=nature_of(nature[1]) if nature else None,
    )


@dataclass(frozen=True, slots=True)
class _Unitless:
    share: tuple[str, ...]
    people: re.Pattern[str]
    count: str


@cache
def _unitless() -> _Unitless:
    rules = read_data_file("extract/table_headers.yaml")["unitless"]
    people = "|".join(re.escape(str(w)) for w in rules["people"])
    return _Unitless(
        tuple(str(w) for w in rules["share"]),
        re.compile(rf"(?:{people})(?:数量|总数|总量|数)?$"),
        str(rules["count"]),
    )


def unitless(name: str) -> str:
    """The unit of a row that writes none: a measure word of two or three characters ending
    the name (…名录批次 → 批次), % for a rate or share (…率, 比重), 人 for a count of people
    (志愿者数量), else 个."""
    core, rules = _BRACKETED.sub("", name), _unitless()
    written = next((core[-n:] for n in (3, 2) if unit_word(core[-n:]) is not None), None)
    if written is not None:
        return written  # 公布革命文物名录批次: the name ends with its measure word
    if core.endswith(rules.share):
        return "%"
    return "人" if rules.people.search(core) else rules.count


def _unit(table: Table, row: TableRow, column: Column, value: CellValue) -> str | None:
    """The row's unit: written in the value cell (1500亿元), else in the 单位 column, else in
    the target column's header (2025年(亿元)), else in the name (研发投入强度(%)), else in the
    caption (单位:亿元), in simplified script (億元 → 亿元); else :func:`unitless`."""
    unit_cell = row.cell(Role.UNIT)
    named = row.cell(Role.NAME)
    written = (
        value.unit,
        unit_word(unit_cell[1].strip("()（）")) if unit_cell else None,
        column.unit,
        unit_cell[0].unit if unit_cell else None,
        bracketed_unit(named[1]) if named else None,
        table.unit,
    )
    found = next((u for u in written if u), None)
    if found is not None:
        return unit_word(found)
    return unitless(named[1]) if named else None


def _base(row: TableRow) -> tuple[CellValue, int | None] | None:
    found = row.cell(Role.BASE)
    if found is None:
        return None
    value = read_value(found[1])
    return (value, found[0].year) if value is not None else None


_SERIAL_PREFIX = re.compile(r"^(?:\d{1,2}[.、]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}、)\s*")
_BRACKETED = re.compile(r"\s*[(（][^()（）]{0,12}[)）]\s*$")


def _metric(name: str) -> str:
    """The indicator's name without a leading number, 其中: and a bracketed unit at its end:
    1.研发投入强度(%) → 研发投入强度."""
    name = _SERIAL_PREFIX.sub("", name).removeprefix("其中").lstrip(":：")
    unit = bracketed_unit(name)
    return _BRACKETED.sub("", name) if unit is not None else name
