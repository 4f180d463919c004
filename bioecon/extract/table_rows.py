"""A row of a 主要指标 table laid out against its header: which cell is which column.

In a .docx row (tab-separated) every cell is there; in text and PDF layout a blank cell
vanishes — a 类别 carried down from the row above, a missing 单位 — so a row with fewer cells
than the header is laid out by dropping the columns a row most often leaves blank first
(类别, 序号, then the others), the first layout whose cells fit their columns winning.
"""

from __future__ import annotations

import re
from itertools import combinations

from bioecon.extract.normalise import is_cjk
from bioecon.extract.table_cells import is_blank, is_number_like, known_unit
from bioecon.extract.table_header import Column, Header, Role, nature_of

# how readily a row leaves a column's cell blank (lower: dropped first)
_BLANK_COST = {
    Role.CATEGORY: 0,
    Role.SERIAL: 1,
    Role.OTHER: 2,
    Role.UNIT: 3,
    Role.NATURE: 3,
    Role.BASE: 4,
    Role.NAME: 9,
    Role.TARGET: 9,
    Role.YEAR: 2,
    Role.RATE: 2,
}
_SERIAL = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、]?$|^[(（]\d{1,2}[)）]$")
_MOST_DROPPED = 3


def layout(header: Header, cells: list[str]) -> list[tuple[Column, str]] | None:
    """Each column with its cell's text ("" when the row leaves it blank); None when the
    cells do not fit the header (more cells than columns, or no layout fits)."""
    columns = list(header.columns)
    if len(cells) == len(columns):
        return list(zip(columns, cells, strict=True))
    if len(cells) == len(columns) + 1 and _unnamed_first(header, cells[0]):
        return list(zip(columns, cells[1:], strict=True))
    missing = len(columns) - len(cells)
    if missing < 0 or missing > _MOST_DROPPED:
        return None
    for dropped in sorted(
        combinations(range(len(columns)), missing),
        key=lambda d: (sum(_BLANK_COST[columns[i].role] for i in d), d),
    ):
        kept = [c for i, c in enumerate(columns) if i not in dropped]
        if all(fits(c.role, text) for c, text in zip(kept, cells, strict=True)):
            given = iter(cells)
            return [(c, "" if i in dropped else next(given)) for i, c in enumerate(columns)]
    return None


def _unnamed_first(header: Header, text: str) -> bool:
    """A first cell the header has no column for: a 序号, or a 类别 (or its blank, carried
    down) over a header that starts at 指标."""
    if _SERIAL.match(text):
        return True
    named = header.index(Role.CATEGORY) is not None
    return not named and (not text or fits(Role.CATEGORY, text))


def fits(role: Role, text: str) -> bool:
    """Whether ``text`` can be the cell of a column of ``role``."""
    if role in (Role.BASE, Role.TARGET, Role.RATE):
        return is_number_like(text)
    if role is Role.NATURE:
        return nature_of(text) is not None or is_blank(text)
    if role is Role.SERIAL:
        return bool(_SERIAL.match(text))
    if role is Role.UNIT:
        return known_unit(text.strip("()（）")) is not None or _unit_like(text)
    if role in (Role.NAME, Role.CATEGORY):
        return any(is_cjk(c) for c in text) and not is_number_like(text) and not nature_of(text)
    return True


def _unit_like(text: str) -> bool:
    """A unit the registry may lack (万千瓦, 岁): short, no digits, not a 属性 word."""
    return 0 < len(text) <= 4 and not any(c.isdigit() for c in text) and not nature_of(text)
