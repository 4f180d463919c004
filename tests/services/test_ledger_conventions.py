"""Issue #10's ledger rules against hand-computed values, on SQLite and PostgreSQL: only
reviewed figures count, flows' quarters and years from 累计, 两年平均 from its two ends.

The world (tests/services/conftest.py): C 城市 = D1 一区 + D2 二区; ``rev`` is a flow
reported as 累计 (ytd).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.ledger import LedgerEntry
from bioecon.domain.periods import Period
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.ledger import ledger
from bioecon.services.plans import load_plan
from tests.services.conftest import load_csv
from tests.web_login import admin_client

HEADER = "indicator,org_unit,period,value,basis,status\n"

# D1 reviewed, and one city figure of 999999 that is not.
REVIEW = HEADER + (
    "rev,D1,2025-01,10,ytd,approved\n"
    "rev,D1,2025-02,25,ytd,approved\n"
    "rev,C,2025-02,999999,ytd,{status}\n"
)


def entries(
    app: Bioecon, org: str, first: Period, last: Period, indicator: str = "rev"
) -> list[LedgerEntry]:
    return ledger(
        app, actor=LOCAL_ADMIN, indicator=indicator, org_units=[org], first=first, last=last
    )


def feb(app: Bioecon, org: str) -> LedgerEntry:
    (entry,) = entries(app, org, Period.month(2025, 2), Period.month(2025, 2))
    return entry


def admitting_submitted(app: Bioecon) -> Bioecon:
    return Bioecon(replace(app.settings, ledger_admits_submitted=True))


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_an_unreviewed_city_figure_changes_nothing_by_default(
    world_plan: Bioecon, tmp_path: Path, status: str
) -> None:
    load_csv(world_plan, tmp_path, REVIEW.format(status=status))
    city = feb(world_plan, "C")
    # C's own 999999 is ignored: C is the roll-up of D1, 累计 25, month value 25 − 10 = 15
    assert (city.value, city.ytd, city.contributors) == (Decimal(15), Decimal(25), 1)
    assert city.unreviewed is False


def test_a_draft_never_enters_even_when_submitted_ones_are_admitted(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    load_csv(world_plan, tmp_path, REVIEW.format(status="draft"))
    with admitting_submitted(world_plan) as admitting:
        city = feb(admitting, "C")
    assert (city.value, city.ytd, city.unreviewed) == (Decimal(15), Decimal(25), False)


def test_a_submitted_figure_enters_with_the_setting_and_is_flagged(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    load_csv(world_plan, tmp_path, REVIEW.format(status="submitted"))
    with admitting_submitted(world_plan) as admitting:
        city, district = feb(admitting, "C"), feb(admitting, "D1")
    # C's own 累计 999999 now stands for C; its January 累计 is missing, so no month value
    assert (city.ytd, city.value, city.unreviewed) == (Decimal(999999), None, True)
    assert city.reasons["value"] == "value_missing"
    assert (district.value, district.unreviewed) == (Decimal(15), False)


# D1's 累计 = 10 × month in 2025 with July missing; 2024 has 累计 at June, September and
# December only.
MISSING_JULY = (
    HEADER
    + "".join(f"rev,D1,2025-{m:02d},{10 * m},ytd,approved\n" for m in range(1, 13) if m != 7)
    + (
        "rev,D1,2024-06,50,ytd,approved\n"
        "rev,D1,2024-09,75,ytd,approved\n"
        "rev,D1,2024-12,100,ytd,approved\n"
    )
)


def test_full_year_is_december_ytd_despite_a_missing_july(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    load_csv(world_plan, tmp_path, MISSING_JULY)
    (year,) = entries(world_plan, "D1", Period.of_year(2025), Period.of_year(2025))
    assert (year.value, year.ytd) == (Decimal(120), Decimal(120))  # 全年 = 12月累计
    assert year.yoy == pytest.approx(20.0)  # 120 / 100 − 1
    assert year.reasons == {"yoy_2y": "base_missing"}


def test_quarters_are_ytd_differences_and_only_july_and_august_are_lost(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    load_csv(world_plan, tmp_path, MISSING_JULY)
    q1, q2, q3, q4 = entries(world_plan, "D1", Period.quarter(2025, 1), Period.quarter(2025, 4))
    # Q1 = 3月累计 30; Q2 = 60 − 30; Q3 = 90 − 60 (July not needed); Q4 = 120 − 90
    assert [q.value for q in (q1, q2, q3, q4)] == [Decimal(30)] * 4
    assert q3.yoy == pytest.approx(20.0)  # 2024Q3 = 75 − 50 = 25; 30 / 25 − 1
    assert q3.mom == pytest.approx(0.0)  # 30 / 30 − 1
    assert q4.yoy == pytest.approx(20.0)  # 2024Q4 = 100 − 75 = 25
    july, august = entries(world_plan, "D1", Period.month(2025, 7), Period.month(2025, 8))
    assert july.reasons["value"] == "no_data"  # nothing reported for July
    # August's 累计 80 is reported; its month value needs July's 累计
    assert (august.ytd, august.value, august.reasons["value"]) == (
        Decimal(80),
        None,
        "value_missing",
    )


def test_two_year_average_skips_a_missing_middle_year(world_plan: Bioecon, tmp_path: Path) -> None:
    load_csv(
        world_plan,
        tmp_path,
        HEADER + "rev,D1,2023-03,100,ytd,approved\nrev,D1,2025-03,144,ytd,approved\n",
    )
    (march,) = entries(world_plan, "D1", Period.month(2025, 3), Period.month(2025, 3))
    assert march.yoy_2y == pytest.approx(20.0)  # √(144 / 100) − 1 = 1.2 − 1
    assert march.reasons["ytd_yoy"] == "base_missing"  # 2024-03 is missing
    assert march.reasons["yoy"] == "value_missing"  # March alone needs February's 累计


def test_a_units_own_figure_replaces_its_roll_up_only_for_that_month(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    load_csv(
        world_plan,
        tmp_path,
        HEADER
        + "rev,D1,2025-01,10,ytd,approved\nrev,D1,2025-02,25,ytd,approved\n"
        + "rev,D1,2025-03,45,ytd,approved\n"
        + "rev,T,2025-01,5,month_value,approved\nrev,T,2025-02,5,month_value,approved\n"
        + "rev,T,2025-03,6,month_value,approved\n"
        + "rev,C,2025-02,100,ytd,approved\n",
    )
    jan, feb_, mar = entries(world_plan, "C", Period.month(2025, 1), Period.month(2025, 3))
    # January: no own figure, so D1 10 + T (through D2) 5
    assert (jan.value, jan.ytd, jan.contributors) == (Decimal(15), Decimal(15), 1 + 1)
    # February: C's own 累计 100 stands alone; its own January 累计 is missing
    assert (feb_.ytd, feb_.value, feb_.contributors) == (Decimal(100), None, 1)
    assert feb_.reasons["value"] == "value_missing"
    # March: the roll-up again, D1 45 − 25 = 20 and T 6; 累计 45 + (5 + 5 + 6) = 61
    assert (mar.value, mar.ytd, mar.contributors) == (Decimal(26), Decimal(61), 2)


JAN_FEB_PLAN = """\
plan: {code: jf, title: 合并月份, region: C, horizon: {start: 2024, end: 2026}}
org_units:
  - {code: C, name: 城市, level: city}
  - {code: D1, name: 一区, level: district, parent: C}
indicators:
  - {code: jf, name: 工业增加值, unit: 亿元, nature: flow, basis: ytd, jan_feb_combined: true}
"""


def load_jan_feb_plan(app: Bioecon, tmp_path: Path) -> None:
    plan = tmp_path / "jf.yaml"
    plan.write_text(JAN_FEB_PLAN, encoding="utf-8")
    parsed = read_plan_file(plan)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)


def test_jan_feb_combined_is_one_period_without_mom(world_plan: Bioecon, tmp_path: Path) -> None:
    load_jan_feb_plan(world_plan, tmp_path)
    load_csv(
        world_plan,
        tmp_path,
        HEADER
        + "".join(
            f"jf,D1,{period},{value},ytd,approved\n"
            for period, value in [
                ("2024-02", 40),
                ("2024-03", 60),
                ("2025-01", 20),
                ("2025-02", 50),
                ("2025-03", 80),
                ("2025-04", 100),
            ]
        ),
    )
    shown = entries(world_plan, "D1", Period.month(2025, 1), Period.month(2025, 4), "jf")
    feb_, mar, apr = shown  # no January row
    assert [e.period for e in shown] == [Period.month(2025, m) for m in (2, 3, 4)]
    assert feb_.value == Decimal(50)  # 1–2月 = 2月累计 (January's 20 is inside it)
    assert feb_.yoy == pytest.approx(25.0)  # last year's 1–2月 40: 50 / 40 − 1
    assert mar.value == Decimal(30)  # 80 − 50
    assert mar.yoy == pytest.approx(50.0)  # 2024-03: 60 − 40 = 20; 30 / 20 − 1
    # 环比 of 1–2月 and of March (against two months) is not computed
    assert (feb_.mom, mar.mom) == (None, None)
    assert feb_.reasons["mom"] == mar.reasons["mom"] == "jan_feb_combined"
    assert apr.mom == pytest.approx((20 / 30 - 1) * 100)  # April 20 against March 30


def test_the_page_labels_february_1_2(world_plan: Bioecon, tmp_path: Path) -> None:
    load_jan_feb_plan(world_plan, tmp_path)
    load_csv(world_plan, tmp_path, HEADER + "jf,D1,2025-02,50,ytd,approved\n")
    with admin_client(world_plan) as client:
        page = client.get("/indicators/jf?org_unit=D1&first=2025-01&last=2025-03").text
    assert "2025-02 (1–2月)" in page and "2025-01" not in page.split("<tbody>")[-1]
