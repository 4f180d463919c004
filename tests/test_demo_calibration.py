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
from bioecon.services.accounts import LOCAL_ADMIN
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
    (entry,) = ledger(
        app,
        actor=LOCAL_ADMIN,
        indicator=indicator,
        org_units=[org_unit],
        first=december,
        last=december,
    )
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
    _, findings = check_data(demo, actor=LOCAL_ADMIN)
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


def test_each_indicator_is_reported_at_its_own_period_type_and_basis(demo: Bioecon) -> None:
    # 生物服务业规模 is quarterly (indicators.yaml): 长沙's nine districts report 2020Q1 … 2025Q4,
    # and their 2021Q4 累计 add up to the calibrated 600 (each rounded to 0.01: off ≤ 0.045)
    services = export_observations(demo, indicator="bioservices_scale")
    assert {o.period[4:] for o in services} == {"Q1", "Q2", "Q3", "Q4"}
    assert len({o.org_unit for o in services}) == 9
    in_2021 = sum((o.value for o in services if o.period == "2021Q4"), Decimal(0))
    assert abs(in_2021 - 600) <= Decimal("0.045")
    # 种业总产值 is yearly: one row a year per district, 2023 adding up to the calibrated 175
    seed = export_observations(demo, indicator="seed_industry_output")
    assert {o.period for o in seed} == {"2020", "2021", "2022", "2023", "2024", "2025"}
    in_2023 = sum((o.value for o in seed if o.period == "2023"), Decimal(0))
    assert abs(in_2023 - 175) <= Decimal("0.045")


def test_stocks_are_the_regions_year_end_levels(demo: Bioecon) -> None:
    # 特色产业集群数 calibrated 1 (2021) and 2 (2025): geometric between, ×2^(1/4) ≈ 1.189 a
    # year, so 0.84, 1, 1.19, 1.41, 1.68, 2 rounded to whole clusters; reported by 长沙 itself
    clusters = export_observations(demo, indicator="cluster_count")
    assert [(o.org_unit, o.period, o.value) for o in clusters] == [
        ("430100", "2020", Decimal(1)),
        ("430100", "2021", Decimal(1)),
        ("430100", "2022", Decimal(1)),
        ("430100", "2023", Decimal(1)),
        ("430100", "2024", Decimal(2)),
        ("430100", "2025", Decimal(2)),
    ]
    assert {o.basis.value for o in clusters} == {"period_end"}
    # 种业领域高水平人才: the 生物育种 sector's series only (4.3.1), 560 in 2021 and 940 in 2025
    talents = export_observations(demo, indicator="talent_high_calibre")
    assert {o.sector for o in talents} == {"4.3.1"}
    assert [(o.period, o.value) for o in talents if o.period in ("2021", "2025")] == [
        ("2021", Decimal(560)),
        ("2025", Decimal(940)),
    ]
    # 南京 病人数 (a yearly flow counted in 名): whole numbers, 2023's the calibrated 9200
    patients = export_observations(demo, indicator="patients_served", org_unit="320100")
    assert all(o.value == o.value.to_integral_value() for o in patients)
    assert [o.value for o in patients if o.period == "2023"] == [Decimal(9200)]
