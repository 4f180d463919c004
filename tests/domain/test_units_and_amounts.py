from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.catalogs import unit_registry
from bioecon.domain.amounts import canonical_decimal, check_storable, parse_decimal
from bioecon.errors import InvalidValue

MONEY = ["元", "万元", "亿元", "万亿元"]


def test_money_converts_exactly() -> None:
    units = unit_registry()
    assert units.convert(Decimal("1.5"), "亿元", "万元") == Decimal("15000")
    assert units.convert(Decimal("1"), "元", "亿元") == Decimal("0.00000001")
    assert units.convert(Decimal("4000"), "亿元", "万亿元") == Decimal("0.4")
    assert units.convert(Decimal("12"), "億元", "亿元") == Decimal("12")
    assert units.canonical("億元") == "亿元"
    assert units.convert(Decimal("30"), "%", "%") == Decimal("30")


def test_different_dimensions_and_count_words_do_not_convert() -> None:
    units = unit_registry()
    with pytest.raises(InvalidValue, match="cannot convert 亿美元"):
        units.convert(Decimal(1), "亿美元", "亿元")
    with pytest.raises(InvalidValue, match="cannot convert 家"):
        units.convert(Decimal(10), "家", "个")
    with pytest.raises(InvalidValue, match="unknown unit '亿'"):
        units.get("亿")


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=4),
    st.sampled_from(MONEY),
    st.sampled_from(MONEY),
)
def test_conversion_round_trips_exactly(value: Decimal, a: str, b: str) -> None:
    units = unit_registry()
    assert units.convert(units.convert(value, a, b), b, a) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.5", "1234.5"),
        ("-3", "-3"),
        ("1,234.5", "1234.5"),
        ("１２３", "123"),
        (" 7 ", "7"),
        ("1e3", "1000"),
        (".5", "0.5"),
    ],
)
def test_parse_decimal_reads_plain_numbers(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["12亿", "5万元", "30%", "abc", "1,23", "", "1.2.3", "NaN", "inf"])
def test_parse_decimal_refuses_numbers_with_units_or_garbage(text: str) -> None:
    with pytest.raises(InvalidValue, match="is not a number"):
        parse_decimal(text)


def test_storable_values_are_checked_not_rounded() -> None:
    assert check_storable(Decimal("123456789.123456")) == Decimal("123456789.123456")
    with pytest.raises(InvalidValue, match="more than 6 decimal places"):
        check_storable(Decimal("0.1234567"))
    with pytest.raises(InvalidValue, match="too large"):
        check_storable(Decimal("1000000000000"))
    assert check_storable(Decimal("1.2300000")) == Decimal(
        "1.23"
    )  # trailing zeros are not precision


def test_canonical_decimal_is_plain() -> None:
    assert str(canonical_decimal(Decimal("4000.000000"))) == "4000"
    assert str(canonical_decimal(Decimal("12.500"))) == "12.5"
    assert str(canonical_decimal(Decimal("-0.000100"))) == "-0.0001"
