"""Exact amounts: how a number is read from text and what the ledger can store exactly.

The one number parser of bioecon: every numeric cell and field of every file (observations,
enterprises, registers, directories) is read here. It reads ASCII digits only — after NFKC,
so full-width ``１２３`` is still read as 123, but Arabic-Indic ``١٢٣``, superscripts or circled
digits are refused — and it bounds the digits and the exponent *before* any conversion, so a
cell such as ``1e9999999`` is refused at once instead of building an integer of ten million
digits.

The ledger keeps every value exactly on both backends (PostgreSQL NUMERIC; on SQLite an
integer of millionths, see :mod:`bioecon.store.types`). That fixes one storage rule for all
databases: at most :data:`MAX_DECIMALS` decimal places and a magnitude below
:data:`MAX_MAGNITUDE` in the indicator's own unit. A value outside that is refused with the
reason — never rounded. Integer fields (employees, years, counts) are INTEGER columns, 32-bit
on PostgreSQL: below :data:`MAX_INTEGER` in magnitude, and whole.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from bioecon.errors import InvalidValue

MAX_DECIMALS = 6
MAX_MAGNITUDE = Decimal(10) ** 12
# a storable amount has at most 12 + 6 = 18 significant digits: 30 leaves room for written
# zeros (1.000000000) and still keeps every conversion cheap
MAX_DIGITS = 30
# |exponent| of 1e3 notation: past 10^30 nothing is storable, below 10^-30 nothing either
MAX_EXPONENT = 30
# the longest text a number cell may be: the digits, their separators, a sign and an exponent
MAX_TEXT = 64
# INTEGER columns are 32-bit signed on PostgreSQL
MAX_INTEGER = 2**31 - 1

_PLAIN_NUMBER = re.compile(
    r"[+-]?(?P<mantissa>[0-9]+(\.[0-9]*)?|\.[0-9]+)([eE](?P<exp>[+-]?[0-9]+))?"
)
_GROUPED_NUMBER = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_ASCII_DIGITS = frozenset("0123456789")
_DIGITS = _ASCII_DIGITS | frozenset("０１２３４５６７８９")  # full-width: NFKC makes them ASCII


def parse_decimal(text: str) -> Decimal:
    """Read a plain number: ``1234.5``, ``-3``, ``1,234.5``, full-width ``１２３``, ``1e3``.

    A number with a unit or a multiplier (``12亿``, ``5万元``, ``30%``) is refused: values are
    written in the indicator's unit, so the unit belongs in the indicator, not the cell. Raises
    only :class:`InvalidValue`, after work bounded by :data:`MAX_TEXT`.
    """
    if len(text) > MAX_TEXT:
        raise InvalidValue(f"「{_shown(text)}」过长，不是可存储的数值（最多{MAX_TEXT}个字符）")
    if text.isascii():  # the common case: NFKC leaves ASCII as it is
        cleaned = text.strip()
    elif any(char.isdigit() and char not in _DIGITS for char in text):
        raise InvalidValue(f"「{text}」含有 0-9 以外的数字字符；请用 0-9 书写数字")
    else:
        cleaned = unicodedata.normalize("NFKC", text).strip()
    if _GROUPED_NUMBER.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    match = _PLAIN_NUMBER.fullmatch(cleaned)
    if match is None:
        raise InvalidValue(
            f"「{text}」不是数值：只填数字，不带单位或“亿”“万”"
            " (is not a number; write the value alone, without unit or 亿/万)"
        )
    digits = len(match.group("mantissa")) - ("." in match.group("mantissa"))
    exponent = match.group("exp")
    if digits > MAX_DIGITS or (exponent is not None and abs(int(exponent)) > MAX_EXPONENT):
        raise InvalidValue(
            f"「{text}」数值超出可存储范围（至多{MAX_DIGITS}位数字，指数在±{MAX_EXPONENT}以内）"
        )
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        raise InvalidValue(f"'{text}' is not a number") from None


def read_number(cell: object) -> Decimal:
    """A number cell: a number a spreadsheet stored must be finite (an xlsx cell may hold NaN
    or infinity); anything else is read as text by :func:`parse_decimal`."""
    number = cell if isinstance(cell, Decimal) else parse_decimal(str(cell))
    if not number.is_finite():
        raise InvalidValue(f"{number} 不是有限数值；请填写数字")
    return number


def parse_amount(cell: object) -> Decimal:
    """An amount the ledger can hold exactly (:func:`check_storable`)."""
    return check_storable(read_number(cell))


def parse_integer(cell: object) -> int:
    """A whole number an INTEGER column can hold: ``12``, ``12.0``, ``1e3``; never ``1.5``."""
    number = read_number(cell)
    if number and number.adjusted() >= len(str(MAX_INTEGER)):
        raise InvalidValue(f"{_shown(str(number))} 数值超出可存储范围（整数须小于2^31）")
    if number != number.to_integral_value():
        raise InvalidValue(f"{number} is not a whole number")
    whole = int(number)
    if abs(whole) > MAX_INTEGER:
        raise InvalidValue(f"{whole} 数值超出可存储范围（整数须小于2^31）")
    return whole


def decimal_from_float(value: float) -> Decimal:
    """The decimal a spreadsheet user typed, from the float a spreadsheet stored (0.1 → 0.1)."""
    return Decimal(repr(value))


def check_storable(value: Decimal) -> Decimal:
    """Return ``value`` unchanged if the ledger can hold it exactly, else raise the reason.

    Never normalises first: a value of any exponent is judged from its digits in bounded time."""
    if not value.is_finite():
        raise InvalidValue(f"{value} is not a finite number")
    if value and value.adjusted() >= 12:
        raise InvalidValue(
            f"{_shown(str(value))} 数值过大：台账只存放小于10^12（按指标单位）的数值 "
            "(is too large: the ledger holds values below 10^12 in the indicator's unit)"
        )
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent < -MAX_DECIMALS and _decimal_places(value) > MAX_DECIMALS:
        raise InvalidValue(
            f"{_shown(str(value))} 小数超过{MAX_DECIMALS}位：台账按原值精确存放，不做四舍五入 "
            f"(has more than {MAX_DECIMALS} decimal places; "
            "the ledger stores values exactly and will not round them)"
        )
    return value


def _decimal_places(value: Decimal) -> int:
    """The decimal places ``value`` needs once trailing zeros are dropped (1.2300 → 2)."""
    if not value:
        return 0
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing))


def canonical_decimal(value: Decimal) -> Decimal:
    """The shortest plain form of ``value``: 4000.000000 → 4000, 12.50 → 12.5 (never 4E+3)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _shown(text: str, limit: int = 24) -> str:
    """``text`` as a message may quote it: at most ``limit`` characters."""
    return text if len(text) <= limit else text[:limit] + "…"
