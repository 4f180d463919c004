"""The checks' and the derivation's query plans stay linear (issue #20): read from the
database's own EXPLAIN over a synthetic province (2 cities, 22 reporting units, 72 months;
statistics refreshed as after a load), on both backends. A nested loop that scans a large
relation once per outer row, or a join of the observations (or a CTE over them) with
themselves, fails the test: that is what made the outlier check quadratic (18.6 s at 17,500
observations, 84.6 s at 35,000)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bioecon.app import Bioecon
from bioecon.bench import synthetic
from bioecon.services.benchmark import write_synthetic
from bioecon.store import ledger, quality
from bioecon.store.explain import PlanJoin, plan_joins

# The dimension tables (and their aliases in the statements): a few hundred rows at most.
SMALL = {"indicator", "org_unit", "i", "u", "cu", "ou", "ind", "native"}
# The checks of a unit's own series: window functions over ordered partitions, no join.
SERIES_CHECKS = ("outlier", "implausible_rate", "missing_periods")


@pytest.fixture
def province(app: Bioecon) -> Bioecon:
    world = synthetic.province(synthetic.scaled_shape(0.01))
    write_synthetic(
        app,
        org_units=world.org_units,
        indicators=world.indicators,
        observations=world.observations,
        enterprises=world.enterprises,
        rolled_up=synthetic.ROLLED_UP,
        reported_by=synthetic.REPORTED_BY,
    )
    return app


def quadratic(joins: list[PlanJoin]) -> list[PlanJoin]:
    """Nested loops that read a large relation whole for each outer row."""
    return [j for j in joins if j.inner_scans - SMALL]


def self_joins(joins: list[PlanJoin]) -> list[PlanJoin]:
    """Joins with large relations on both sides."""
    return [j for j in joins if j.outer - SMALL and j.inner - SMALL]


PARAMS = {
    "as_of_key": 2025 * 12 + 12,
    "threshold": 3.5,
    "min_points": 12,
    "bound": 300.0,
    "indicator_id": 1,
    "org_unit_ids": [3, 4, 5],
}


@pytest.mark.parametrize("narrowed", [False, True])
@pytest.mark.parametrize(("period_type", "per_year"), [("month", 12), ("quarter", 4), ("year", 1)])
def test_no_check_scans_the_ledger_once_per_row(
    province: Bioecon, narrowed: bool, period_type: str, per_year: int
) -> None:
    # as of 2025-12: the last due period is 2025's 12th month, 4th quarter, the year itself
    params = {**PARAMS, "period_type": period_type, "per_year": per_year}
    params["as_of_idx"] = 2025 * per_year + per_year
    with province.reading() as connection:
        for name, statement in quality.statements(narrowed=narrowed).items():
            joins = plan_joins(connection, statement, params)
            assert quadratic(joins) == [], name
            if name in SERIES_CHECKS:
                assert self_joins(joins) == [], name


def climbs(joins: list[PlanJoin]) -> list[PlanJoin]:
    """The joins of the roll-up's recursive step (its outer input reads the climbing rows)."""
    return [j for j in joins if "up" in j.outer]


@pytest.mark.parametrize(
    ("code", "period_type", "native_per_year", "periods"),
    [(synthetic.ROLLED_UP, "year", 1, [(2025, 1)]), ("ind01", "month", 12, [(2025, 12)])],
)
def test_the_roll_up_looks_up_each_parents_report_instead_of_scanning_them(
    province: Bioecon,
    code: str,
    period_type: str,
    native_per_year: int,
    periods: list[tuple[int, int]],
) -> None:
    # Before: NOT EXISTS over a CTE of the reported unit-periods, estimated by PostgreSQL at
    # 1 row (4,200 at scale 1): a nested loop that read the whole CTE for each climbing row.
    with province.reading() as connection:
        ids: dict[str, int] = dict(connection.execute(text("SELECT code, id FROM indicator")).all())
        units = [u for (u,) in connection.execute(text("SELECT id FROM org_unit")).all()]
        statement, params = ledger.ledger_statement(
            indicator_ids=[ids[code]],
            org_unit_ids=units,
            sector="",
            period_type=period_type,
            native_per_year=native_per_year,
            step=1,
            periods=periods,
        )
        joins = plan_joins(connection, statement, params)
    assert climbs(joins), "the recursive step's joins are read from the plan"
    assert [j for j in climbs(joins) if j.inner_scans - SMALL] == []
