"""Laws of the ledger, checked by hypothesis against the SQL that computes it, on each backend.

- cumulating month values then de-cumulating is the identity;
- 同比 of a series scaled by k is unchanged;
- the roll-up of a partition equals the total.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bioecon.app import Bioecon
from bioecon.domain.model import (
    Indicator,
    IndicatorNature,
    Observation,
    ObservationStatus,
    OrgLevel,
    OrgUnit,
    Plan,
    PlanBundle,
    ReportingBasis,
)
from bioecon.domain.periods import Period
from bioecon.io.observations import observations_csv, read_observation_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.ledger import ledger
from bioecon.services.observations import load_observations
from bioecon.services.plans import load_plan

SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
amounts = st.decimals(min_value=0, max_value=10**6, places=2)


def fresh_world(app: Bioecon, reset: Callable[[], None], units: list[OrgUnit]) -> None:
    reset()
    bundle = PlanBundle(
        plan=Plan(code="p", title="t", region=units[0].code),
        org_units=tuple(units),
        indicators=(
            Indicator("rev", "营业收入", "亿元", IndicatorNature.FLOW, ReportingBasis.YTD),
        ),
    )
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=bundle, source="generated")


def load(app: Bioecon, folder: Path, rows: list[Observation]) -> None:
    path = folder / "generated.csv"
    path.write_text(observations_csv(rows), encoding="utf-8")
    load_observations(app, actor=LOCAL_ADMIN, origin="test", parsed=read_observation_file(path))


@pytest.fixture
def reset(app: Bioecon) -> Callable[[], None]:
    """Empties the database between hypothesis examples (the fixture runs once per test)."""
    from bioecon.store.tables import metadata, org_unit

    def run() -> None:
        with app.transaction() as connection:
            connection.execute(org_unit.update().values(parent_id=None))
            for table in reversed(metadata.sorted_tables):
                if table.name != "audit_event":  # append-only: its triggers refuse deletes
                    connection.execute(table.delete())

    return run


CITY = OrgUnit("C", "市", OrgLevel.CITY)


def obs(
    org: str, month: int, value: Decimal, basis: ReportingBasis, year: int = 2025
) -> Observation:
    period = str(Period.month(year, month))
    return Observation("rev", org, period, value, basis, status=ObservationStatus.APPROVED)


@SETTINGS
@given(st.lists(amounts, min_size=1, max_size=12))
def test_cumulate_then_decumulate_is_identity(
    app: Bioecon, reset: Callable[[], None], tmp_path: Path, months: list[Decimal]
) -> None:
    fresh_world(
        app,
        reset,
        [
            CITY,
            OrgUnit("A", "甲", OrgLevel.DISTRICT, "C"),
            OrgUnit("B", "乙", OrgLevel.DISTRICT, "C"),
        ],
    )
    running = [sum(months[: i + 1], Decimal(0)) for i in range(len(months))]
    load(
        app,
        tmp_path,
        [obs("A", m + 1, v, ReportingBasis.MONTH_VALUE) for m, v in enumerate(months)]
        + [obs("B", m + 1, v, ReportingBasis.YTD) for m, v in enumerate(running)],
    )
    last = Period.month(2025, len(months))
    entries = ledger(
        app,
        actor=LOCAL_ADMIN,
        indicator="rev",
        org_units=["A", "B"],
        first=Period.month(2025, 1),
        last=last,
    )
    a, b = entries[: len(months)], entries[len(months) :]
    assert [e.ytd for e in a] == running  # cumulated by the database
    assert [e.value for e in b] == months  # de-cumulated by the database


@SETTINGS
@given(
    st.lists(st.decimals(min_value=1, max_value=10**5, places=2), min_size=24, max_size=24),
    st.integers(2, 1000),
)
def test_yoy_is_unchanged_by_scaling(
    app: Bioecon, reset: Callable[[], None], tmp_path: Path, values: list[Decimal], k: int
) -> None:
    fresh_world(
        app,
        reset,
        [
            CITY,
            OrgUnit("A", "甲", OrgLevel.DISTRICT, "C"),
            OrgUnit("B", "乙", OrgLevel.DISTRICT, "C"),
        ],
    )
    rows = [
        obs("A", i % 12 + 1, v, ReportingBasis.MONTH_VALUE, 2024 + i // 12)
        for i, v in enumerate(values)
    ]
    rows += [
        obs("B", i % 12 + 1, v * k, ReportingBasis.MONTH_VALUE, 2024 + i // 12)
        for i, v in enumerate(values)
    ]
    load(app, tmp_path, rows)
    a, b = (
        ledger(
            app,
            actor=LOCAL_ADMIN,
            indicator="rev",
            org_units=[code],
            first=Period.month(2025, 1),
            last=Period.month(2025, 12),
        )
        for code in ("A", "B")
    )
    for x, y in zip(a, b, strict=True):
        assert x.yoy is not None and y.yoy is not None
        assert y.yoy == pytest.approx(x.yoy, rel=1e-9, abs=1e-9)
        assert y.ytd_yoy == pytest.approx(x.ytd_yoy, rel=1e-9, abs=1e-9)


@SETTINGS
@given(st.lists(st.lists(amounts, min_size=3, max_size=3), min_size=1, max_size=6))
def test_roll_up_of_a_partition_equals_the_total(
    app: Bioecon, reset: Callable[[], None], tmp_path: Path, districts: list[list[Decimal]]
) -> None:
    units = [CITY] + [
        OrgUnit(f"D{i}", f"区{i}", OrgLevel.DISTRICT, "C") for i in range(len(districts))
    ]
    units.append(OrgUnit("PARK", "园区", OrgLevel.PARK, "D0", additive=False))
    fresh_world(app, reset, units)
    rows = [
        obs(f"D{i}", m + 1, v, ReportingBasis.MONTH_VALUE)
        for i, d in enumerate(districts)
        for m, v in enumerate(d)
    ]
    rows += [obs("PARK", m + 1, Decimal(999), ReportingBasis.MONTH_VALUE) for m in range(3)]
    load(app, tmp_path, rows)
    city = ledger(
        app,
        actor=LOCAL_ADMIN,
        indicator="rev",
        org_units=["C"],
        first=Period.month(2025, 1),
        last=Period.month(2025, 3),
    )
    assert [e.value for e in city] == [sum((d[m] for d in districts), Decimal(0)) for m in range(3)]
    assert city[-1].ytd == sum((sum(d, Decimal(0)) for d in districts), Decimal(0))
