"""Value bounds declared as data (``bioecon/data/bounds.yaml``): which values are refused and
which are merely implausible, for registry fields and for indicator values. Pure.

A :class:`Bound` refuses a value below ``min`` or above ``max`` (its reason in the message)
and flags one below ``warn_below`` or above ``warn_above`` as a warning. ``today`` in the data
is the load's day (date fields) or its year (year fields), so a founding year of 2999 is
refused whatever year it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

Limit = Decimal | date | str | None  # a number, a day, "today", or no limit
Value = Decimal | int | date

TODAY = "today"


@dataclass(frozen=True, slots=True)
class Finding:
    """What a bound says about one value: an error (refused) or a warning (loaded)."""

    severity: str  # "error" | "warning", as Problem.severity
    message: str


@dataclass(frozen=True, slots=True)
class Bound:
    """The bounds of one field: refused outside [minimum, maximum], flagged outside the warning
    range."""

    minimum: Limit = None
    maximum: Limit = None
    reason: str = ""
    warn_below: Limit = None
    warn_above: Limit = None
    warn: str = ""

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Bound:
        return cls(
            _limit(data.get("min")),
            _limit(data.get("max")),
            str(data.get("reason", "")),
            _limit(data.get("warn_below")),
            _limit(data.get("warn_above")),
            str(data.get("warn", "")),
        )

    def check(self, value: Value, today: date) -> Finding | None:
        """The finding about ``value`` on ``today``, or None when it is plausible."""
        key = _key(value)
        low, high = _on(self.minimum, value, today), _on(self.maximum, value, today)
        if low is not None and key < _key(low):
            return Finding("error", f"{value}：{self.reason}（须不小于{low}）")
        if high is not None and key > _key(high):
            return Finding("error", f"{value}：{self.reason}（须不大于{high}）")
        low, high = _on(self.warn_below, value, today), _on(self.warn_above, value, today)
        if (low is not None and key < _key(low)) or (high is not None and key > _key(high)):
            return Finding("warning", f"{value}：{self.warn}")
        return None


def _limit(raw: object) -> Limit:
    if raw is None or isinstance(raw, date):
        return raw
    if raw == TODAY:
        return TODAY
    return Decimal(str(raw))


def _on(limit: Limit, value: Value, today: date) -> Decimal | date | None:
    """The limit as it applies to ``value``: "today" is a day for a date, a year for a number."""
    if limit != TODAY:
        return None if isinstance(limit, str) else limit
    return today if isinstance(value, date) else Decimal(today.year)


def _key(value: Value) -> Decimal:
    """Days and numbers on one scale, so one comparison serves both."""
    return Decimal(value.toordinal()) if isinstance(value, date) else Decimal(value)


@dataclass(frozen=True, slots=True)
class RegistryBounds:
    """The bounds of each register's fields (``registry:`` of bounds.yaml), by register."""

    registers: Mapping[str, Mapping[str, Bound]]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> RegistryBounds:
        return cls(
            {
                str(register): {str(f): Bound.from_mapping(b) for f, b in fields.items()}
                for register, fields in data.items()
            }
        )

    def check(self, register: str, field: str, value: Value, today: date) -> Finding | None:
        """The finding about ``register``'s ``field`` holding ``value`` (None: unbounded)."""
        bound = self.registers.get(register, {}).get(field)
        return None if bound is None else bound.check(value, today)


@dataclass(frozen=True, slots=True)
class IndicatorBounds:
    """Indicator value bounds (``indicators:`` of bounds.yaml): by unit dimension prefix, the
    first that matches, unless the indicator has its own."""

    dimensions: Sequence[tuple[str, Bound]]
    codes: Mapping[str, Bound] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> IndicatorBounds:
        return cls(
            tuple((str(d["prefix"]), Bound.from_mapping(d)) for d in data.get("dimensions", ())),
            {str(code): Bound.from_mapping(b) for code, b in (data.get("codes") or {}).items()},
        )

    def bound_of(self, indicator: str, dimension: str) -> Bound | None:
        if indicator in self.codes:
            return self.codes[indicator]
        return next((b for prefix, b in self.dimensions if dimension.startswith(prefix)), None)


def value_problem(
    bounds: IndicatorBounds, indicator: str, dimension: str, value: Decimal
) -> str | None:
    """Why ``value`` cannot be a value of ``indicator`` (whose unit has ``dimension``), or None:
    a negative amount or count, a share above 100 % … (dates play no part: ``today`` unused)."""
    bound = bounds.bound_of(indicator, dimension)
    finding = None if bound is None else bound.check(value, date.min)
    return finding.message if finding is not None and finding.severity == "error" else None
