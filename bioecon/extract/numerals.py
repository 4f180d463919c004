"""Numbers as plans write them: 4000, 1,200, 12.5, 两千, 一百, 十, 三十五, 1.2万, 4000亿."""

from __future__ import annotations

from decimal import Decimal

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_SMALL) + "".join(_LARGE)


def chinese_to_int(text: str) -> int | None:
    """两千 → 2000, 一百二十 → 120, 十 → 10, 三十五 → 35, 一万五千 → 15000; None if not a numeral."""
    if not text or any(c not in CHINESE_NUMERAL_CHARS for c in text):
        return None
    total = section = number = 0
    for char in text:
        if char in _DIGITS:
            number = _DIGITS[char]
        elif char in _SMALL:
            section += (number or 1) * _SMALL[char]
            number = 0
        else:
            section += number
            total += (section or 1) * _LARGE[char]
            section = number = 0
    return total + section + number


def to_decimal(text: str) -> Decimal | None:
    """Arabic (with thousands separators: 1,200, 30 000) or Chinese numerals."""
    cleaned = "".join(text.replace(",", "").split())  # 30 000: a blank groups thousands
    try:
        return Decimal(cleaned)
    except ArithmeticError:
        value = chinese_to_int(text)
        return Decimal(value) if value is not None else None
