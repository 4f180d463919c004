"""The observation reader's shortcut for plain decimals gives what the one number parser
(domain.amounts) gives, and leaves every other text to it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.amounts import check_storable, parse_decimal
from bioecon.errors import InvalidValue
from bioecon.io.observations import _STORABLE_PLAIN, _value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", "12"),
        ("-0.5", "-0.5"),
        ("999999999999.999999", "999999999999.999999"),
        ("4000.000", "4000.000"),
        ("007", "7"),
    ],
)
def test_plain_decimals_are_read_exactly(text: str, expected: str) -> None:
    assert _STORABLE_PLAIN.fullmatch(text) is not None
    assert str(_value(text)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1000000000000", "too large"),  # 13 digits: below 10^12 only
        ("0.1234567", "more than 6 decimal places"),
        ("1,234.5", None),  # grouped: the parser's own reading
        ("+5", None),
        ("1e3", None),
        ("１２", None),  # full-width
        ("12亿", "is not a number"),
    ],
)
def test_every_other_text_goes_through_the_number_parser(text: str, message: str | None) -> None:
    assert _STORABLE_PLAIN.fullmatch(text) is None
    if message is None:
        assert _value(text) == check_storable(parse_decimal(text))
        return
    with pytest.raises(InvalidValue, match=message):
        _value(text)


@given(st.from_regex(r"-?[0-9]{1,14}(\.[0-9]{0,8})?", fullmatch=True))
def test_the_shortcut_agrees_with_the_parser(text: str) -> None:
    try:
        expected: Decimal | str = check_storable(parse_decimal(text))
    except InvalidValue as error:
        expected = str(error)
    try:
        found: Decimal | str = _value(text)
    except InvalidValue as error:
        found = str(error)
    assert str(found) == str(expected)
