"""Fuzz the observation load (`data load`, streamed): any jumble of cells is loaded or
refused with bioecon's own error, and a refused load leaves the observation table as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bioecon.app import Bioecon
from bioecon.errors import BioeconError
from bioecon.io.observations import open_observation_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.observations import load_observations
from bioecon.store import tables as t

CELLS = st.sampled_from(
    [
        "rev",
        "D1",
        "NOWHERE",
        "2025-01",
        "2025-13",
        "12",
        "1e9999",
        "x",
        "ytd",
        '"',
        '"a"b',
        "",
        "'=1",
    ]
)


@settings(
    max_examples=25,
    deadline=None,  # a load is a transaction on a database: bounded by the case, not per example
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.lists(CELLS, min_size=1, max_size=7), min_size=1, max_size=12))
def test_a_refused_load_leaves_the_observations_as_they_were(
    world_plan: Bioecon, backend: str, tmp_path: Path, rows: list[list[str]]
) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite is enough for the fuzz; the corpus runs both backends")
    path = tmp_path / "data.csv"
    body = "".join(",".join(row) + "\n" for row in rows)
    path.write_text("indicator,org_unit,period,value,basis\n" + body, encoding="utf-8")
    before = observations(world_plan)
    try:
        with open_observation_file(path) as stream:
            load_observations(world_plan, actor=LOCAL_ADMIN, origin="test", parsed=stream)
    except BioeconError:  # refused (InvalidInput, or another of bioecon's own): nothing written
        assert observations(world_plan) == before


def observations(app: Bioecon) -> list[tuple[object, ...]]:
    with app.reading() as connection:
        return sorted(tuple(r) for r in connection.execute(select(t.observation)))
