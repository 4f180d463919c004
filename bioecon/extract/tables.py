"""Targets from a plan's 主要指标 tables (found by bioecon/extract/table_layout.py): each row
with a number in its target column is a target, its quote the row's line. Rules in
docs/extraction.md, "Tables".

``ExtractedTarget`` is read from the targets module when a target is built, not imported by
name, because that module calls this one (the tables are part of its extraction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bioecon.catalogs import read_data_file, unit_registry
from bioecon.domain.target_kind import target_kind
from bioecon.extract import targets
from bioecon.extract.names import document_subject, unwrapped
from bioecon.extract.normalise import shadow
from bioecon.extract.table_cells import (
    CellValue,
    bracketed_unit,
    is_blank,
    read_value,
    unit_word,
)
from bioecon.extract.table_header import Column, Role, nature_of
from bioecon.extract.table_layout import find_tables
from bioecon.extract.table_lines import Table, TableRow
from bioecon.extract.table_rows import fits


def with_table_targets(
    text: str, found: list[targets.ExtractedTarget]
) -> list[targets.ExtractedTarget]:
    """The sentence rules' targets ``found`` outside the tables, and the tables' own, in the
    order of the text (a row's numbers are the table reader's, not the sentence rules')."""
    tables = find_tables(text)
    if not tables:
        return found
    regions = _regions(tables)
    outside = [t for t in found if not inside(regions, t.start)]
    return sorted([*outside, *_targets_of(text, tables)], key=lambda t: t.start)


def table_regions(text: str) -> list[tuple[int, int]]:
    """The spans of the tables in ``text``, header to last row, so that the sentence rules
    leave the numbers inside them to :func:`extract_table_targets`."""
    return _regions(find_tables(text))


def inside(regions: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of the table spans ``regions``."""
    return any(start <= offset < end for start, end in regions)


def _regions(tables: list[Table]) -> list[tuple[int, int]]:
    return [(table.start, table.end) for table in tables]


def extract_table_targets(text: str) -> list[targets.ExtractedTarget]:
    return _targets_of(text, find_tables(text))


def _targets_of(text: str, tables: list[Table]) -> list[targets.ExtractedTarget]:
    """The targets of the rows of ``tables``, found once in ``text``."""
    subject = document_subject(shadow(text)) if tables else ""
    return [
        target
        for table in tables
        for row in table.rows
        for target in _row(text, table, row, subject)
    ]


def _row(text: str, table: Table, row: TableRow, subject: str) -> list[targets.ExtractedTarget]:
    """A row's targets: one per target cell that states a number; else the 年均/累计 cell's —
    a five-year total ([13.5]) by the target year, else a rate each year (no year)."""
    found = [
        target
        for column, cell in row.all_cells(Role.TARGET)
        if (value := read_value(cell)) is not None
        and (target := _target(text, table, row, column, value, subject)) is not None
    ]
    rate = row.cell(Role.RATE)
    value = read_value(rate[1]) if rate and not found else None
    if rate is None or value is None:
        return found
    years = [c.year for c in table.header.columns if c.role is Role.TARGET and c.year]
    year = (max(years) if years else table.year) if value.bracketed else None
    target = _target(text, table, row, rate[0], value, subject, year=year, recurring=year is None)
    return [target] if target is not None else []


def _target(
    text: str,
    table: Table,
    row: TableRow,
    column: Column,
    value: CellValue,
    subject: str,
    *,
    year: int | None = None,
    recurring: bool = False,
) -> targets.ExtractedTarget | None:
    """The target a row states with ``value`` in ``column`` (a target column: its year, else
    the caption's)."""
    named = row.cell(Role.NAME)
    if named is None or not named[1]:
        return None
    unit = _unit(table, row, column, value, named[1])
    base = _base(row)
    metric = counted_name(_metric(named[1]), unit)
    nature = row.cell(Role.NATURE)
    start, end = row.line.quote
    return targets.ExtractedTarget(
        kind=target_kind(
            funding=False, recurring=recurring, op=value.op, unit=unit, quote=metric, verb=None
        ),
        year=None if recurring else (year or column.year or table.year),
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


def _unit(table: Table, row: TableRow, column: Column, value: CellValue, name: str) -> str:
    """The row's unit: written in the value cell (1500亿元), else in the 单位 column, else in
    the target column's header (2025年(亿元)), else in the name (研发投入强度(%)), else in the
    caption (单位:亿元), in simplified script (億元 → 亿元); else :func:`unitless`."""
    unit_cell = row.cell(Role.UNIT)
    written = (
        value.unit,
        _unit_cell(unit_cell[1]) if unit_cell else None,
        column.unit,
        unit_cell[0].unit if unit_cell else None,
        bracketed_unit(name),
        table.unit,
    )
    return next((u for u in written if u), None) or unitless(name)


def _unit_cell(text: str) -> str | None:
    """A 单位 cell's unit: the registry's symbol, else as written (万元/人, 万千瓦时) — a 单位
    column holds nothing else; a blank (—) gives none."""
    text = text.strip("()（）")
    if is_blank(text):
        return None
    return unit_word(text) or (text if fits(Role.UNIT, text) else None)


def _base(row: TableRow) -> tuple[CellValue, int | None] | None:
    found = row.cell(Role.BASE)
    if found is None:
        return None
    value = read_value(found[1])
    return (value, found[0].year) if value is not None else None


_SERIAL_PREFIX = re.compile(r"^(?:\d{1,2}[.、]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}、)\s*")
_BRACKETED = re.compile(r"\s*[(（][^()（）]{0,12}[)）]\s*$")


_REMARK = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_COUNT_ENDS = ("数量", "数", "量", "总数", "总量", "人次", "批次", "次")


def counted_name(name: str, unit: str) -> str:
    """上市企业(家) → 上市企业 数量: a row counting things whose name names only the things is
    named as a count is (the annotation's `<noun> 数量`); a name that says its count (博物馆数量,
    专利申请量) or a rate is kept."""
    counts = unit_registry().measures(unit, "count_")
    core = _REMARK.sub("", name)  # 编制规划数量(…专题专项): the count before a remark
    if not counts or core.endswith(_COUNT_ENDS) or unit_word(core[-2:]) is not None:
        return name
    return f"{name} 数量"


def _metric(name: str) -> str:
    """The indicator's name without a leading number, 其中: and a bracketed unit at its end:
    1.研发投入强度(%) → 研发投入强度."""
    name = unwrapped(_SERIAL_PREFIX.sub("", name).removeprefix("其中").lstrip(":："))
    unit = bracketed_unit(name)
    return _BRACKETED.sub("", name) if unit is not None else name
