"""How a bulletin writes its numbers: amounts in the indicator's unit with two decimals
(3119.11亿元), counts whole (22个), rates and percentages with one decimal (11.0)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from bioecon.catalogs import unit_registry

AMOUNT_PLACES = Decimal("0.01")  # 亿元 to the 百万元, as statistical bulletins print them
RATE_PLACES = Decimal("0.1")  # 增速 and 完成率 to a tenth of a percent


def number(value: Decimal | None, unit: str, missing: str = "—") -> str:
    """The figure alone: 3119.11, 22."""
    if value is None:
        return missing
    if unit_registry().is_count(unit) and value == value.to_integral_value():
        return str(int(value))
    return str(value.quantize(AMOUNT_PLACES, rounding=ROUND_HALF_UP))


def amount(value: Decimal | None, unit: str, missing: str = "—") -> str:
    """The figure with its unit: 3119.11亿元."""
    return missing if value is None else number(value, unit) + unit


def rate(value: float | None, missing: str = "—") -> str:
    """One decimal, rounded half up; a rate that rounds to zero reads 0.0, never -0.0."""
    if value is None:
        return missing
    shown = Decimal(repr(value)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
    return str(abs(shown)) if shown == 0 else str(shown)


def points(value: float) -> Decimal:
    """A difference in percentage points to one decimal (its sign kept)."""
    return Decimal(repr(value)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
