"""ExactDecimal's conversion for SQLite (integer millionths), against an oracle computed with
100 digits of precision: any decimal is stored exactly or refused, never rounded."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import sqlite

from bioecon.errors import InvalidValue
from bioecon.store.types import ExactDecimal

SQLITE = sqlite.dialect()


def _oracle(value: Decimal) -> int | None:
    """The millionths of ``value`` if it is finite, below 10^12 in magnitude and a whole
    number of millionths; None when the ledger must refuse it."""
    if not value.is_finite():
        return None
    with localcontext() as context:
        context.prec = 100
        scaled = value * 1_000_000
        if abs(value) >= 10**12 or scaled != scaled.to_integral_value():
            return None
        return int(scaled)


decimals = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=-(10**13), max_value=10**13, places=6),
    st.decimals(min_value=-(10**13), max_value=10**13, places=8),
    st.builds(
        lambda digits, exponent: Decimal(f"{digits}E{exponent}"),
        st.integers(min_value=-(10**35), max_value=10**35),
        st.integers(min_value=-40, max_value=20),
    ),
)


@given(decimals)
def test_a_value_is_stored_exactly_or_refused(value: Decimal) -> None:
    expected = _oracle(value)
    if expected is None:
        with pytest.raises(InvalidValue):
            ExactDecimal().process_bind_param(value, SQLITE)
    else:
        assert ExactDecimal().process_bind_param(value, SQLITE) == expected


@pytest.mark.parametrize(
    ("text", "millionths"),
    [
        ("1.5", 1_500_000),
        ("1.50000000", 1_500_000),  # trailing zeros beyond six places: still exact
        ("999999999999.999999", 999_999_999_999_999_999),
        ("-0.000001", -1),
        ("0E+20", 0),
    ],
)
def test_worked_values(text: str, millionths: int) -> None:
    assert ExactDecimal().process_bind_param(Decimal(text), SQLITE) == millionths


@pytest.mark.parametrize(
    "text", ["1.0000000000000000000000000000001", "1000000000000", "0.0000001", "NaN"]
)
def test_values_the_ledger_cannot_hold_are_refused(text: str) -> None:
    with pytest.raises(InvalidValue):
        ExactDecimal().process_bind_param(Decimal(text), SQLITE)
