"""The one number parser (bioecon.domain.amounts), property-tested: whatever the text or the
spreadsheet number, it raises nothing but InvalidValue and answers at once; what it accepts
round-trips exactly."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bioecon.domain.amounts import (
    check_storable,
    parse_amount,
    parse_decimal,
    parse_integer,
    read_number,
)
from bioecon.errors import InvalidValue

FAST = settings(max_examples=300, deadline=200)  # milliseconds per example
BOUND_SECONDS = 0.1  # one call, however hostile its input

# text a number cell may hold: digits of several scripts, signs, points, exponents, units
NUMBERISH = st.text(
    alphabet=st.sampled_from([*"0123456789+-.,eE ", *"０１２３４５６７８９", *"١٢٣٠۴५²①〇亿万%"]),
    max_size=40,
)
# storable amounts: below 10^12, at most 6 decimal places
STORABLE = st.decimals(
    min_value=Decimal("-999999999999.999999"),
    max_value=Decimal("999999999999.999999"),
    places=6,
    allow_nan=False,
    allow_infinity=False,
)
# any decimal a spreadsheet or a caller may hand over, of any exponent
ANY_DECIMAL = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.builds(
        lambda digits, exponent: Decimal((0, tuple(map(int, digits)), exponent)),
        st.text(alphabet="0123456789", min_size=1, max_size=40),
        st.integers(min_value=-10_000_000, max_value=10_000_000),
    ),
)
PARSERS: list[Callable[[object], object]] = [read_number, parse_amount, parse_integer]


def refuses_only_as_invalid_value(parse: Callable[[object], object], value: object) -> None:
    started = time.perf_counter()
    with contextlib.suppress(InvalidValue):
        parse(value)
    assert time.perf_counter() - started < BOUND_SECONDS


@FAST
@given(st.one_of(st.text(max_size=200), NUMBERISH))
@example("1e9999999")
@example("-1E-9999999")
@example("9" * 64 + "e30")
@example("1" * 100_000)
def test_any_text_is_a_number_or_an_invalid_value_at_once(text: str) -> None:
    for parse in PARSERS:
        refuses_only_as_invalid_value(parse, text)


@FAST
@given(ANY_DECIMAL)
@example(Decimal("1E+9999999"))
@example(Decimal("NaN"))
@example(Decimal("-Infinity"))
def test_any_decimal_is_checked_at_once(value: Decimal) -> None:
    for parse in PARSERS:
        refuses_only_as_invalid_value(parse, value)
    refuses_only_as_invalid_value(lambda _: check_storable(value), value)


@FAST
@given(STORABLE)
def test_storable_amounts_round_trip_in_every_written_form(value: Decimal) -> None:
    plain = format(value, "f")
    assert parse_amount(plain) == value
    assert parse_amount(str(value)) == value  # 1E+3 notation as Decimal writes it
    assert parse_amount(plain.translate(FULL_WIDTH)) == value


@FAST
@given(st.integers(min_value=-(2**31) + 1, max_value=2**31 - 1))
def test_integers_round_trip_and_fractions_never_become_integers(number: int) -> None:
    assert parse_integer(str(number)) == number
    assert parse_integer(f"{number}.0") == number
    with pytest.raises(InvalidValue, match="is not a whole number"):
        parse_integer(f"{number}.5")


@FAST
@given(
    st.characters(
        categories=["Nd", "No"], exclude_characters="0123456789０１２３４５６７８９"
    ).filter(str.isdigit),
    st.sampled_from(["{}", "1{}", "{}0", "12{}.5"]),
)
def test_digits_of_other_scripts_are_refused(digit: str, shape: str) -> None:
    with pytest.raises(InvalidValue, match="0-9 以外的数字字符"):
        parse_decimal(shape.format(digit))


FULL_WIDTH = str.maketrans("0123456789.-", "０１２３４５６７８９．－")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e9999999", "数值超出可存储范围"),
        ("1e31", "数值超出可存储范围"),
        ("1" * 31, "数值超出可存储范围"),
        ("١٢٣", "0-9 以外的数字字符"),
        ("²", "0-9 以外的数字字符"),
        ("1" * 65, "过长"),
    ],
)
def test_what_cannot_be_stored_is_refused_before_conversion(text: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("2147483648", "整数须小于2\\^31"),
        ("1e10", "整数须小于2\\^31"),
        (Decimal("1E+308"), "整数须小于2\\^31"),
        (Decimal("NaN"), "不是有限数值"),
        ("1.5", "is not a whole number"),
    ],
)
def test_integer_fields_hold_32_bit_whole_numbers(cell: object, message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        parse_integer(cell)


def test_full_width_digits_are_still_numbers() -> None:
    assert parse_decimal("１２３．５") == Decimal("123.5")
    assert parse_integer("２０２５") == 2025
