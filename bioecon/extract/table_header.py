"""The header row of a 主要指标 table: which column holds what (指标, 单位, 基期值, 目标值, 属性 …),
the year and unit a header cell gives its column, and the 属性 words. Vocabulary:
bioecon/data/extract/table_headers.yaml; rules in docs/extraction.md, "Tables"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from bioecon.catalogs import read_data_file
from bioecon.domain.model import TargetNature
from bioecon.extract.normalise import shadow
from bioecon.extract.table_cells import bracketed_unit


class Role(StrEnum):
    SERIAL = "serial"
    CATEGORY = "category"
    NAME = "name"
    UNIT = "unit"
    BASE = "base"
    TARGET = "target"
    NATURE = "nature"
    RATE = "rate"  # 年均增长 / 累计: a rate each year, or a five-year total written [13.5]
    YEAR = "year"  # a bare year (2020年, 2025年): base or target, decided by the other years
    OTHER = "other"  # a column the reader does not use (备注)


@dataclass(frozen=True, slots=True)
class Column:
    role: Role
    year: int | None = None
    unit: str | None = None  # a unit given in the header cell: 营业收入(亿元)


@dataclass(frozen=True, slots=True)
class Header:
    columns: tuple[Column, ...]

    def index(self, role: Role) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.role is role), None)


_YEAR = re.compile(r"(20\d\d)年?")
_FIVE_YEAR = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?(?:期)?末?")
_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")


def five_year_end(ordinal: str) -> int:
    """十四五 → 2025, 十三五 → 2020: the last year of the Nth five-year plan."""
    return 2025 + ("一二三四五六七八九".index(ordinal) + 11 - 14) * 5


def year_in(text: str) -> int | None:
    """The last year a caption or header cell names: 2025年, or the end of 十四五."""
    years = [int(y) for y in _YEAR.findall(text)]
    years += [five_year_end(f) for f in _FIVE_YEAR.findall(text)]
    return years[-1] if years else None


@cache
def _vocabulary() -> dict[str, list[str]]:
    """The header words by column, shadowed as the cells are (a traditional form listed in the
    data file matches however much of it the shadow simplifies)."""
    data = read_data_file("extract/table_headers.yaml")
    return {
        str(role): sorted({shadow(str(w)) for w in words})
        for role, words in data["columns"].items()
    }


@cache
def _natures() -> dict[str, TargetNature]:
    data = read_data_file("extract/table_headers.yaml")["natures"]
    return {shadow(str(w)): TargetNature(str(n)) for n, words in data.items() for w in words}


def nature_of(text: str) -> TargetNature | None:
    """预期性 / 约束性 (traditional forms too) in a 属性 cell."""
    return _natures().get(text.replace(" ", ""))


def column_of(text: str, *, exact: bool = False) -> Column | None:
    """What a header cell names; None when it names no column of the vocabulary. ``exact``:
    only a vocabulary word itself (or a bare year), not a longer cell ending with one."""
    year = year_in(text)
    unit = bracketed_unit(text)
    core = _FIVE_YEAR.sub("", _YEAR.sub("", _BRACKETS.sub("", text))).strip(' :：“”"')
    core = core.replace(" ", "")
    if not core:
        return Column(Role.YEAR, year, unit) if year is not None else None
    same = [role for role, words in _vocabulary().items() if core in words]
    if same:
        return Column(Role(same[0]), year, unit)
    ending = [
        (len(word), role)
        for role, words in _vocabulary().items()
        for word in words
        if core.endswith(word)
    ]
    if ending and not exact:
        return Column(Role(max(ending)[1]), year, unit)
    return None


def read_header(cells: list[str]) -> Header | None:
    """The header a row of cells is, if it is one: it names the indicator (指标) and a target
    column (目标值, or a year), in two cells or more. Bare years become base and targets
    (:func:`_resolve_years`); of several name columns (一级指标 | 二级指标 | 三级指标) the last
    names the indicator, the others group it."""
    columns = [column_of(c) or Column(Role.OTHER) for c in cells]
    names = [i for i, c in enumerate(columns) if c.role is Role.NAME]
    for at in names[:-1]:
        columns[at] = Column(Role.CATEGORY)
    roles = {c.role for c in columns}
    if len(cells) < 2 or Role.NAME not in roles:
        return None
    if not roles & {Role.TARGET, Role.YEAR}:
        return None
    return Header(_resolve_years(columns))


def _resolve_years(columns: list[Column]) -> tuple[Column, ...]:
    """Bare years: without a 基期 column the earliest is the base (when another year or a 目标
    column follows it); the later ones are targets (2020年 | 2025年 | 2035年: two targets)
    unless a column says 目标, when they are not read."""
    years = sorted((c.year, i) for i, c in enumerate(columns) if c.role is Role.YEAR and c.year)
    roles = {c.role for c in columns}
    resolved = list(columns)
    if years and Role.BASE not in roles and (len(years) > 1 or Role.TARGET in roles):
        first = years.pop(0)[1]
        resolved[first] = Column(Role.BASE, columns[first].year, columns[first].unit)
    if Role.TARGET not in roles:
        for _, at in years:
            resolved[at] = Column(Role.TARGET, columns[at].year, columns[at].unit)
    return tuple(Column(Role.OTHER) if c.role is Role.YEAR else c for c in resolved)


def with_years(header: Header, cells: list[str]) -> Header | None:
    """A second header line that only gives years (基期值 | 目标值 over 2020年 | 2025年), read
    onto the base and target columns in order; None when the line is not such a line."""
    written = [c.replace(" ", "").strip("()（）") for c in cells if c]
    if not written or not all(_YEAR.fullmatch(c) for c in written):
        return None
    years = [int(c[:4]) for c in written]
    slots = [i for i, c in enumerate(header.columns) if c.role in (Role.BASE, Role.TARGET)]
    if len(slots) != len(years):
        return None
    columns = list(header.columns)
    for slot, year in zip(slots, years, strict=True):
        columns[slot] = Column(columns[slot].role, year, columns[slot].unit)
    return Header(tuple(columns))
