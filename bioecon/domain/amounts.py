"""Exact amounts: how a number is read from text and what the ledger can store exactly.

The ledger keeps every value exactly on both backends (PostgreSQL NUMERIC; on SQLite an
integer of millionths, see :mod:`bioecon.store.types`). That fixes one storage rule for all
databases: at most :data:`MAX_DECIMALS` decimal places and a magnitude below
:data:`MAX_MAGNITUDE` in the indicator's own unit. A value outside that is refused with the
reason — never rounded.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from bioecon.errors import InvalidValue

MAX_DECIMALS = 6
MAX_MAGNITUDE = Decimal(10) ** 12

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def parse_decimal(text: str) -> Decimal:
    """Read a plain number: ``1234.5``, ``-3``, ``1,234.5``, full-width ``１２３``, ``1e3``.

    A number with a unit or a multiplier (``12亿``, ``5万元``, ``30%``) is refused: values are
    written in the indicator's unit, so the unit belongs in the indicator, not the cell.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if _GROUPED_NUMBER.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(cleaned):
        raise InvalidValue(
            f"'{text}' is not a number; write the value alone, without unit or 亿/万"
        )
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        raise InvalidValue(f"'{text}' is not a number") from None


def decimal_from_float(value: float) -> Decimal:
    """The decimal a spreadsheet user typed, from the float a spreadsheet stored (0.1 → 0.1)."""
    return Decimal(repr(value))


def check_storable(value: Decimal) -> Decimal:
    """Return ``value`` unchanged if the ledger can hold it exactly, else raise the reason."""
    if not value.is_finite():
        raise InvalidValue(f"{value} is not a finite number")
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent > MAX_DECIMALS:
        raise InvalidValue(
            f"{value} has more than {MAX_DECIMALS} decimal places; "
            "the ledger stores values exactly and will not round them"
        )
    if abs(value) >= MAX_MAGNITUDE:
        raise InvalidValue(
            f"{value} is too large: the ledger holds values below 10^12 in the indicator's unit"
        )
    return value


def canonical_decimal(value: Decimal) -> Decimal:
    """The shortest plain form of ``value``: 4000.000000 → 4000, 12.50 → 12.5 (never 4E+3)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
