"""Each org unit's chain up to the root, the one statement every scope check reads
(bioecon/store/orgunits.chains), on the world of tests/services/conftest.py:

C 城市 ─┬─ D1 一区 ── P 园区
        └─ D2 二区 ── T 街道
"""

from __future__ import annotations

from bioecon.app import Bioecon
from bioecon.store import orgunits


def test_each_unit_climbs_to_the_root_and_unknown_codes_are_left_out(
    world_plan: Bioecon,
) -> None:
    with world_plan.reading() as connection:
        found = orgunits.chains(connection, ["T", "P", "C", "T", "nowhere"])
    assert found == {
        "T": ("T", "D2", "C"),  # town → district → city
        "P": ("P", "D1", "C"),  # a park climbs through its district too
        "C": ("C",),  # the root is its own chain
    }


def test_no_codes_read_nothing(world_plan: Bioecon) -> None:
    with world_plan.reading() as connection:
        assert orgunits.chains(connection, []) == {}
