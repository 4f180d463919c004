"""The built demo keeps to its published figures (data/demo/published.yaml) and to the
org-unit tree: lower bounds (超过/突破X) are exceeded, the earliest published base has a
simulated value beside it, parks stay below the unit that contains them, and a few
unreviewed reports are there for the review workflow (both backends)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from bioecon.app import Bioecon
from bioecon.demo import build_demo
from bioecon.domain.model import ObservationStatus
from bioecon.domain.periods import Period
from bioecon.services.ledger import ledger
from bioecon.services.observations import export_observations
from bioecon.services.quality import check_data
from bioecon.settings import Settings

BUILD_DAY = date(2026, 1, 15)  # the simulated ledger then runs to 2025-12


@pytest.fixture
def demo(database_url: str) -> Iterator[Bioecon]:
    with Bioecon(Settings(database_url=database_url)) as app:
        build_demo(app, today=BUILD_DAY)
        yield app


def december_ytd(app: Bioecon, indicator: str, org_unit: str, year: int) -> Decimal | None:
    december = Period.month(year, 12)
    (entry,) = ledger(app, indicator=indicator, org_units=[org_unit], first=december, last=december)
    return entry.ytd


def test_published_lower_bounds_are_exceeded_and_bases_are_met(demo: Bioecon) -> None:
    # 长沙 2020 "产值规模超过1300亿元": calibrated at 1300 × 1.01 = 1313, so above 1300
    changsha_2020 = december_ytd(demo, "biomedicine_scale", "430100", 2020)
    assert changsha_2020 is not None and changsha_2020 > 1300
    # 南京 2024 "企业营收超2100亿元": calibrated at 2100 × 1.01 = 2121
    nanjing_2024 = december_ytd(demo, "biomedicine_scale", "320100", 2024)
    assert nanjing_2024 is not None and nanjing_2024 > 2100
    # 长沙 2019 1135 (published base): the series starts in 2019-01 and its districts' 1–12月
    # add up to 1135; each district's 累计 is rounded to 0.01, so 9 districts are off ≤ 0.045
    changsha_2019 = december_ytd(demo, "biomedicine_scale", "430100", 2019)
    assert changsha_2019 is not None and abs(changsha_2019 - 1135) <= Decimal("0.045")


def test_parks_stay_below_the_unit_that_contains_them(demo: Bioecon) -> None:
    park = export_observations(demo, indicator="bio_economy_scale", org_unit="CS-LYJK")
    district = {
        o.period: o.value
        for o in export_observations(demo, indicator="bio_economy_scale", org_unit="430181")
    }
    assert len(park) == 72  # 2020-01 … 2025-12
    assert all(o.value < district[o.period] for o in park)  # 浏阳经开区 < 浏阳市, every month
    _, findings = check_data(demo)
    assert [f for f in findings if f.check == "park_exceeds_container"] == []
    # the three planted problems are still found
    planted = {(f.check, f.org_unit, str(f.period)) for f in findings}
    assert ("missing_periods", "430104", "2024-07") in planted
    assert ("cumulative_falls", "430105", "2025-03") in planted
    assert ("implausible_rate", "430111", "2024-09") in planted


def test_unreviewed_reports_are_loaded_with_their_status(demo: Bioecon) -> None:
    # plans.yaml: 长沙经开区 2025-11 submitted and 2025-12 draft; 隆平高科技园 2025-12 submitted
    csjk = export_observations(demo, indicator="bio_economy_scale", org_unit="CS-CSJK")
    assert [(o.period, o.status) for o in csjk] == [
        ("2025-11", ObservationStatus.SUBMITTED),
        ("2025-12", ObservationStatus.DRAFT),
    ]
    longping = export_observations(demo, indicator="bio_economy_scale", org_unit="430102400")
    assert [(o.period, o.status) for o in longping] == [("2025-12", ObservationStatus.SUBMITTED)]
    # half of 长沙县's 累计 in each month (share 0.5), so below it
    county = {
        o.period: o.value
        for o in export_observations(demo, indicator="bio_economy_scale", org_unit="430121")
    }
    assert all(o.value == (county[o.period] / 2).quantize(Decimal("0.01")) for o in csjk)
