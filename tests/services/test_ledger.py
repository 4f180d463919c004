"""Ledger derivations against hand-computed values (world: tests/services/conftest.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bioecon.app import Bioecon
from bioecon.domain.ledger import LedgerEntry
from bioecon.domain.periods import Period
from bioecon.errors import InvalidValue, NotFound
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.ledger import ledger, ledger_at


def one(
    app: Bioecon, indicator: str, org: str, period: Period, sector: str | None = None
) -> LedgerEntry:
    (entry,) = ledger(
        app,
        actor=LOCAL_ADMIN,
        indicator=indicator,
        org_units=[org],
        first=period,
        last=period,
        sector=sector,
    )
    return entry


def test_month_values_and_ytd_roll_up_without_the_park(world: Bioecon) -> None:
    # C = D1 + D2, and D2 = T. D1 month values come from 累计 differences: 12, 18, 24;
    # T reports month values 6, 7, 8. The park P (300 by March) is never added.
    march = one(world, "rev", "C", Period.month(2025, 3))
    assert march.value == Decimal(32)  # 24 + 8
    assert march.ytd == Decimal(75)  # 54 + (6 + 7 + 8)
    assert march.contributors == 2
    # 2024-03: D1 45 − 25 = 20, T 6 → 26; ytd 45 + 16 = 61
    assert march.yoy == pytest.approx((32 / 26 - 1) * 100)  # 23.0769…
    assert march.ytd_yoy == pytest.approx((75 / 61 - 1) * 100)  # 22.9508…
    # 2025-02: D1 30 − 12 = 18, T 7 → 25
    assert march.mom == pytest.approx((32 / 25 - 1) * 100)  # 28.0
    # 2023-03: C reported its own 累计 50 (its figure wins over its children's sum)
    assert march.yoy_2y == pytest.approx(((75 / 50) ** 0.5 - 1) * 100)  # 22.474…
    assert march.reasons == {}


def test_a_district_is_its_town_and_a_park_is_its_own(world: Bioecon) -> None:
    assert one(world, "rev", "D2", Period.month(2025, 2)).value == Decimal(7)
    park = one(world, "rev", "P", Period.month(2025, 3))
    assert (park.value, park.ytd) == (None, Decimal(300))
    # 2025-02 累计 is missing, so March's month value is (the park reported March, so
    # value_missing, not no_data)
    assert park.reasons["value"] == "value_missing"
    assert one(world, "rev", "D1", Period.month(2025, 3)).value == Decimal(24)


def test_missing_stays_missing_with_its_reason(world: Bioecon) -> None:
    january = one(world, "rev", "C", Period.month(2025, 1))
    assert january.value == Decimal(18) and january.mom is None
    assert january.reasons == {"mom": "base_missing", "yoy_2y": "base_missing"}
    april = one(world, "rev", "C", Period.month(2025, 4))  # T reported April, D1 did not
    assert (april.value, april.ytd, april.yoy) == (None, None, None)
    assert april.reasons["value"] == "incomplete" and april.reasons["yoy"] == "value_missing"
    june = one(world, "rev", "C", Period.month(2025, 6))
    assert june.value is None and june.reasons["value"] == "no_data"


def test_quarter_and_year_totals_from_months(world: Bioecon) -> None:
    (q1_2024, q1_2025) = (
        one(world, "rev", "C", Period.quarter(2024, 1)),
        one(world, "rev", "C", Period.quarter(2025, 1)),
    )
    assert q1_2024.value == Decimal(61)  # (10+5) + (15+5) + (20+6)
    assert q1_2025.value == Decimal(75) == q1_2025.ytd  # 18 + 25 + 32
    assert q1_2025.yoy == pytest.approx((75 / 61 - 1) * 100)
    year = one(world, "rev", "C", Period.of_year(2025))
    assert year.value is None and year.reasons["value"] == "incomplete"


def test_stocks_take_the_period_end_value_and_zero_bases_give_no_rate(world: Bioecon) -> None:
    city = one(world, "firms", "C", Period.month(2025, 3))
    assert city.value == Decimal(14)  # D1 10 + T 4; the park's 3 are inside D1's 10
    assert city.ytd is None and city.reasons["ytd"] == "not_cumulative"
    assert one(world, "firms", "C", Period.quarter(2025, 1)).value == Decimal(14)
    park = one(world, "firms", "P", Period.month(2025, 3))
    assert park.value == Decimal(3) and park.yoy is None and park.reasons["yoy"] == "base_zero"


def test_non_additive_indicators_are_not_rolled_up(world: Bioecon) -> None:
    assert one(world, "share", "D1", Period.month(2025, 3)).value == Decimal("30.5")
    city = one(world, "share", "C", Period.month(2025, 3))
    assert city.value is None and city.reasons["value"] == "no_data"


def test_sector_totals_add_the_outermost_sectors_only(world: Bioecon) -> None:
    total = one(world, "sect", "D1", Period.month(2025, 1))
    assert total.ytd == Decimal(12)  # 4.1 (7) + 4.2 (5); 4.1.1 is inside 4.1
    assert one(world, "sect", "D1", Period.month(2025, 1), sector="4.1.1").ytd == Decimal(3)
    assert one(world, "sect", "C", Period.month(2025, 1)).ytd == Decimal(12)
    february = one(world, "sect", "D1", Period.month(2025, 2))  # only 4.1 reported: incomplete
    assert february.ytd is None
    assert one(world, "sect", "D1", Period.month(2025, 2), sector="4.1").value == Decimal(2)


def test_bad_requests_are_refused(world: Bioecon) -> None:
    with pytest.raises(NotFound, match="no indicator 'nope'"):
        ledger(
            world,
            actor=LOCAL_ADMIN,
            indicator="nope",
            org_units=["C"],
            first=Period.month(2025, 1),
            last=Period.month(2025, 2),
        )
    with pytest.raises(NotFound, match="no org unit 'X'"):
        ledger(
            world,
            actor=LOCAL_ADMIN,
            indicator="rev",
            org_units=["X"],
            first=Period.month(2025, 1),
            last=Period.month(2025, 2),
        )
    with pytest.raises(InvalidValue, match="different kinds"):
        ledger(
            world,
            actor=LOCAL_ADMIN,
            indicator="rev",
            org_units=["C"],
            first=Period.month(2025, 1),
            last=Period.quarter(2025, 2),
        )


def test_the_ledger_at_chosen_periods_gives_each_one_without_the_months_between(
    world: Bioecon,
) -> None:
    # a trend's year-ends and its latest month in one read, for two units at once
    entries = ledger_at(
        world,
        actor=LOCAL_ADMIN,
        indicator="rev",
        org_units=["C", "D1"],
        periods=[Period.month(2024, 3), Period.month(2025, 3)],
    )
    got = [(e.org_unit, str(e.period), e.value, e.ytd) for e in entries]
    assert got == [
        # C 2024-03: D1 45 − 25 = 20 plus T 6 → 26; 累计 45 + (5 + 5 + 6) = 61
        ("C", "2024-03", Decimal(26), Decimal(61)),
        # C 2025-03: D1 54 − 30 = 24 plus T 8 → 32; 累计 54 + (6 + 7 + 8) = 75
        ("C", "2025-03", Decimal(32), Decimal(75)),
        ("D1", "2024-03", Decimal(20), Decimal(45)),  # 45 − 25
        ("D1", "2025-03", Decimal(24), Decimal(54)),  # 54 − 30
    ]
    # 同比 of C's March 累计 against the year before, read in the same call: 75 / 61 − 1
    assert entries[1].ytd_yoy == pytest.approx((75 / 61 - 1) * 100)  # 22.9508…
    # 环比 needs February, which was not asked for: still derived (30 − 12 = 18, T 7 → 25)
    assert entries[1].mom == pytest.approx((32 / 25 - 1) * 100)  # 28.0


def test_the_ledger_at_chosen_periods_refuses_periods_of_two_kinds(world: Bioecon) -> None:
    with pytest.raises(InvalidValue, match="different kinds"):
        ledger_at(
            world,
            actor=LOCAL_ADMIN,
            indicator="rev",
            org_units=["C"],
            periods=[Period.month(2025, 3), Period.quarter(2025, 1)],
        )
