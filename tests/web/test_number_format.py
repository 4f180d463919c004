"""The pages' number filter asks the unit registry whether a unit counts things."""

from __future__ import annotations

from decimal import Decimal

from bioecon.web.pages import yi


def test_counts_are_whole_numbers_and_amounts_have_two_decimals() -> None:
    assert yi(Decimal(5), "座") == "5"  # 座 was missing from the registry before issue #9
    assert yi(Decimal(1234), "家") == "1,234"
    assert yi(Decimal("5.5"), "座") == "5.50"  # not a whole count: shown as it is
    assert yi(Decimal(5), "亿元") == "5.00"
    assert yi(Decimal(5), "万人") == "5"  # 万人 is a count of persons
    assert yi(Decimal(5), None) == "5.00" and yi(None, "家") == "—"
