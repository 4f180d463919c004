"""The cells of a table row written as text, and what a value cell says.

A row is one line: cells are split on tabs (a .docx row, bioecon/extract/reader.py; empty
cells kept) or, in text and PDF layout, on runs of two or more spaces (blank cells vanish).
Cells are read in the shadow of the text (bioecon/extract/normalise.py), so ＞, ％ and full-width
digits arrive as ASCII and 億元 as 亿元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from bioecon.catalogs import read_data_file, unit_registry
from bioecon.domain.model import TargetOp


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # stripped
    start: int  # offset of the stripped text in the line


_SPACES = re.compile(r"\S+(?: \S+)*")


def split_cells(line: str) -> list[Cell]:
    """The cells of a row: split on tabs when the line has one (empty cells kept), else on
    two or more spaces."""
    if "\t" in line:
        cells, at = [], 0
        for part in line.split("\t"):
            stripped = part.strip()
            offset = at + (part.find(stripped) if stripped else 0)
            cells.append(Cell(stripped, offset))
            at += len(part) + 1
        return cells
    return [Cell(m.group(), m.start()) for m in _SPACES.finditer(line)]


@dataclass(frozen=True, slots=True)
class CellValue:
    op: TargetOp
    value: Decimal
    value_high: Decimal | None
    unit: str | None  # a unit written in the cell (1500亿元, 50%)
    bracketed: bool = False  # [3], 〔13.5〕: a five-year cumulative figure


_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_BEFORE = (
    (TargetOp.GE, ("≥", "≧", ">=", ">", "大于", "超过", "不低于", "不少于", "高于", "突破")),
    (TargetOp.LE, ("≤", "≦", "<=", "<", "小于", "不超过", "不高于", "低于", "控制在")),
    (TargetOp.APPROX, ("约", "~")),
)
_AFTER = (
    (TargetOp.GE, ("及以上", "以上")),
    (TargetOp.LE, ("以下", "以内")),
    (TargetOp.APPROX, ("左右",)),
)
_BRACKETS = re.compile(r"^[\[【〔(〖](.*)[\]】〕)〗]$")  # [3]: a five-year cumulative figure
_BLANK = re.compile(r"^(?:[—\-–/、…]*|无|暂无|待定)$")


@cache
def _value_pattern() -> re.Pattern[str]:
    units = "|".join(re.escape(n) for n in unit_registry().names(""))  # every unit
    before = "|".join(re.escape(w) for _, words in _BEFORE for w in words)
    after = "|".join(re.escape(w) for _, words in _AFTER for w in words)
    return re.compile(
        rf"^(?P<before>{before})?(?P<low>{_NUMBER})(?:(?:-|—{{1,2}}|~|至)(?P<high>{_NUMBER}))?"
        rf"(?P<mult>万(?!{units}))?(?P<unit>{units})?(?P<after>{after})?$"
    )


def is_blank(text: str) -> bool:
    """—, -, /, 无 or nothing: the cell states no value."""
    return bool(_BLANK.match(text.replace(" ", "")))


def read_value(text: str) -> CellValue | None:
    """>50 → (>=, 50); ≥30; 50以上; [3] → 3; 3-5 → a range; 1.2万 → 12000; 1500亿元 → with its
    unit. None for a blank cell (—) or a cell that is not a number (完成国家下达任务)."""
    text = text.replace(" ", "").replace(",", "")
    bracketed = _BRACKETS.match(text)
    if bracketed is not None:
        text = bracketed.group(1)
    found = _value_pattern().match(text)
    if found is None:
        return None
    multiplier = Decimal(10_000) if found.group("mult") else Decimal(1)
    low = Decimal(found.group("low")) * multiplier
    high = Decimal(found.group("high")) * multiplier if found.group("high") else None
    op = TargetOp.RANGE if high is not None else _op(found.group("before"), found.group("after"))
    return CellValue(op, low, high, found.group("unit"), bracketed is not None)


def _op(before: str | None, after: str | None) -> TargetOp:
    """A word after the number wins over the word before it (达到50%以上 is >=)."""
    for word, table in ((after, _AFTER), (before, _BEFORE)):
        for op, words in table:
            if word in words:
                return op
    return TargetOp.EQ


def is_number_like(text: str) -> bool:
    """A value cell: a number as :func:`read_value` reads it, or a blank."""
    return is_blank(text) or read_value(text) is not None


_UNIT_IN_BRACKETS = re.compile(r"[(（]([^()（）]{1,8})[)）]")


def bracketed_unit(text: str) -> str | None:
    """The unit written in brackets in a header or a name: 营业收入(亿元) → 亿元; 单位:% → %."""
    for found in _UNIT_IN_BRACKETS.finditer(text):
        unit = unit_word(found.group(1).removeprefix("单位").lstrip(":："))
        if unit is not None:
            return unit
    return None


def unit_word(text: str) -> str | None:
    """A unit as a table writes it: the registry's symbol (:func:`known_unit`), else a measure
    word of bioecon/data/extract/table_headers.yaml, a 万/亿 before it included (万人次)."""
    text = re.sub(r"\s", "", text)  # 万元/ 人年: a header's line break by the slash
    found = known_unit(text)
    if found is not None:
        return found
    bare = text[1:] if text[:1] in ("万", "亿") else text
    return text if bare in _measure_words() else None


@cache
def _measure_words() -> frozenset[str]:
    return frozenset(str(w) for w in read_data_file("extract/table_headers.yaml")["measure_words"])


def known_unit(text: str) -> str | None:
    """The registry's symbol of a unit written as ``text`` (億元 → 亿元, ％ → %), else None."""
    units, text = unit_registry(), text.strip()
    return units.canonical(text) if text in units else None
