"""统计期 (reporting periods): month ``2025-06``, quarter ``2025Q2`` and year ``2025``.

One immutable :class:`Period` type covers the three kinds. It parses the forms Chinese
statistical tables use (``2025年6月``, ``2025年二季度``, ``202506``), orders totally, and
answers the questions a ledger asks: the previous period (环比 base), the same period last
year (同比 base) and the months of the year to date (1–N月累计).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bioecon.errors import InvalidValue


class PeriodType(StrEnum):
    """Kind of reporting period (报告期类型)."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def months(self) -> int:
        """How many months one period of this kind spans."""
        return _MONTHS_PER[self]


_MONTHS_PER = {PeriodType.MONTH: 1, PeriodType.QUARTER: 3, PeriodType.YEAR: 12}
_PER_YEAR = {PeriodType.MONTH: 12, PeriodType.QUARTER: 4, PeriodType.YEAR: 1}

MIN_YEAR = 1949
MAX_YEAR = 2200

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_FORMS: tuple[tuple[re.Pattern[str], PeriodType], ...] = (
    (re.compile(r"(\d{4})-(\d{1,2})"), PeriodType.MONTH),
    (re.compile(r"(\d{4})/(\d{1,2})"), PeriodType.MONTH),
    (re.compile(r"(\d{4})\.(\d{1,2})"), PeriodType.MONTH),
    (re.compile(r"(\d{4})(\d{2})"), PeriodType.MONTH),
    (re.compile(r"(\d{4})年(\d{1,2})月(?:份)?"), PeriodType.MONTH),
    (re.compile(r"(\d{4})[Qq]([1-4])"), PeriodType.QUARTER),
    (re.compile(r"(\d{4})-[Qq]([1-4])"), PeriodType.QUARTER),
    (re.compile(r"(\d{4})年?第?([一二三四1-4])季度"), PeriodType.QUARTER),
    (re.compile(r"(\d{4})年?"), PeriodType.YEAR),
)


@dataclass(frozen=True, slots=True)
class Period:
    """A month, quarter or year. ``index`` is the month (1–12), quarter (1–4) or 1 for a year."""

    type: PeriodType
    year: int
    index: int = 1

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise InvalidValue(f"year {self.year} is outside {MIN_YEAR}–{MAX_YEAR}")
        if not 1 <= self.index <= _PER_YEAR[self.type]:
            raise InvalidValue(
                f"{self.type.value} index {self.index} is outside 1–{_PER_YEAR[self.type]}"
            )

    # --- constructors -------------------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(PeriodType.MONTH, year, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls(PeriodType.QUARTER, year, quarter)

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(PeriodType.YEAR, year, 1)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``2025-06``, ``2025Q2``, ``2025``, ``2025年6月``, ``2025年二季度`` and kin.

        Full-width digits and surrounding blanks are accepted. Anything else, including an
        impossible month such as ``2025-13``, raises :class:`InvalidValue` naming the text.
        """
        cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
        for pattern, kind in _FORMS:
            match = pattern.fullmatch(cleaned)
            if match is None:
                continue
            year = int(match.group(1))
            if kind is PeriodType.YEAR:
                return cls._checked(text, kind, year, 1)
            return cls._checked(
                text, kind, year, _CN_DIGITS.get(match.group(2)) or int(match.group(2))
            )
        raise InvalidValue(
            f"'{text}' is not a period; write a month as 2025-06, a quarter as 2025Q2, a year as 2025"
        )

    @classmethod
    def _checked(cls, text: str, kind: PeriodType, year: int, index: int) -> Period:
        try:
            return cls(kind, year, index)
        except InvalidValue as error:
            raise InvalidValue(f"'{text}' is not a valid period: {error}") from None

    @classmethod
    def containing(cls, day: date, kind: PeriodType = PeriodType.MONTH) -> Period:
        """The period of ``kind`` that contains ``day``."""
        return cls.from_month_ordinal(day.year * 12 + day.month - 1).to(kind)

    @classmethod
    def from_month_ordinal(cls, ordinal: int) -> Period:
        year, month0 = divmod(ordinal, 12)
        return cls.month(year, month0 + 1)

    # --- text ---------------------------------------------------------------------------
    def __str__(self) -> str:
        if self.type is PeriodType.MONTH:
            return f"{self.year:04d}-{self.index:02d}"
        if self.type is PeriodType.QUARTER:
            return f"{self.year:04d}Q{self.index}"
        return f"{self.year:04d}"

    @property
    def label_zh(self) -> str:
        """Chinese label: 2025年6月, 2025年第二季度, 2025年."""
        if self.type is PeriodType.MONTH:
            return f"{self.year}年{self.index}月"
        if self.type is PeriodType.QUARTER:
            return f"{self.year}年第{'一二三四'[self.index - 1]}季度"
        return f"{self.year}年"

    # --- arithmetic ---------------------------------------------------------------------
    @property
    def last_day(self) -> date:
        """The period's last calendar day: 2026-02 → 2026-02-28, 2026Q3 → 2026-09-30."""
        return date(self.year, self.last_month, calendar.monthrange(self.year, self.last_month)[1])

    @property
    def first_month(self) -> int:
        """Month (1–12) in which the period starts."""
        return (self.index - 1) * self.type.months + 1

    @property
    def last_month(self) -> int:
        """Month (1–12) in which the period ends."""
        return self.index * self.type.months

    @property
    def start_ordinal(self) -> int:
        """Months since year 0 of the first month: a total, gap-free month numbering."""
        return self.year * 12 + self.first_month - 1

    @property
    def end_ordinal(self) -> int:
        return self.year * 12 + self.last_month - 1

    def sort_key(self) -> tuple[int, int]:
        """Total order: by first month, then shorter periods first (2025-01 < 2025Q1 < 2025)."""
        return (self.start_ordinal, self.type.months)

    def __lt__(self, other: Period) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: Period) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: Period) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: Period) -> bool:
        return self.sort_key() >= other.sort_key()

    def shift(self, steps: int) -> Period:
        """The period ``steps`` periods of the same kind later (earlier when negative)."""
        per_year = _PER_YEAR[self.type]
        year, index0 = divmod(self.year * per_year + self.index - 1 + steps, per_year)
        return Period(self.type, year, index0 + 1)

    def previous(self) -> Period:
        """The period just before: the base of 环比."""
        return self.shift(-1)

    def next(self) -> Period:
        return self.shift(1)

    def same_period_last_year(self) -> Period:
        """上年同期: the base of 同比."""
        return Period(self.type, self.year - 1, self.index)

    def months(self) -> list[Period]:
        """The months the period spans, in order."""
        return [Period.month(self.year, m) for m in range(self.first_month, self.last_month + 1)]

    def year_to_date(self) -> list[Period]:
        """Months from January to the end of this period: the span of 1–N月累计."""
        return [Period.month(self.year, m) for m in range(1, self.last_month + 1)]

    def to(self, kind: PeriodType) -> Period:
        """The period of ``kind`` that contains this one; only coarsening is defined."""
        if kind.months < self.type.months:
            raise InvalidValue(f"cannot narrow {self} to a {kind.value}")
        return Period(kind, self.year, (self.last_month - 1) // kind.months + 1)

    def contains(self, other: Period) -> bool:
        return self.start_ordinal <= other.start_ordinal and other.end_ordinal <= self.end_ordinal


def period_range(first: Period, last: Period) -> list[Period]:
    """Every period from ``first`` to ``last`` inclusive; both must be of one kind."""
    if first.type is not last.type:
        raise InvalidValue(f"{first} and {last} are periods of different kinds")
    count = (last.start_ordinal - first.start_ordinal) // first.type.months + 1
    return [first.shift(step) for step in range(max(count, 0))]
