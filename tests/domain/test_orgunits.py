from __future__ import annotations

from bioecon.domain.model import OrgLevel, OrgUnit
from bioecon.domain.orgunits import additive_descendants, hierarchy_cycles

CITY = OrgUnit("430100", "长沙市", OrgLevel.CITY)
LIUYANG = OrgUnit("430181", "浏阳市", OrgLevel.DISTRICT, parent="430100")
CHANGSHA_COUNTY = OrgUnit("430121", "长沙县", OrgLevel.DISTRICT, parent="430100")
LIUYANG_PARK = OrgUnit("CS-LYJK", "浏阳经开区", OrgLevel.PARK, parent="430181", additive=False)
TOWN = OrgUnit("430181001", "淮川街道", OrgLevel.TOWN, parent="430181")


def test_parks_are_not_added_into_their_district_or_city() -> None:
    units = [CITY, LIUYANG, CHANGSHA_COUNTY, LIUYANG_PARK, TOWN]
    assert additive_descendants("430100", units) == {"430100", "430181", "430121", "430181001"}
    assert additive_descendants("430181", units) == {"430181", "430181001"}
    assert additive_descendants("CS-LYJK", units) == {"CS-LYJK"}


def test_cycles_are_found_and_missing_parents_end_the_chain() -> None:
    a = OrgUnit("A", "a", OrgLevel.DISTRICT, parent="B")
    b = OrgUnit("B", "b", OrgLevel.DISTRICT, parent="A")
    orphan = OrgUnit("C", "c", OrgLevel.DISTRICT, parent="nowhere")
    found = dict(hierarchy_cycles({"A": a, "B": b, "C": orphan, "430100": CITY}))
    assert set(found) == {"A", "B"}
    assert "loops back" in found["A"]
