"""Data-quality checks: one planted defect of each kind (world: tests/services/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from bioecon.app import Bioecon
from bioecon.domain.periods import Period
from bioecon.domain.quality import Severity
from bioecon.messages import render
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.quality import check_data
from tests.services.conftest import load_csv

# T: month values; 2024 grows 8–12 % on 2023's flat 100, except July (400: +300 %).
GROWTH_2024 = [108, 109, 110, 111, 112, 110, 400, 109, 111, 110, 112, 108]
DATA = (
    "\n".join(
        ["indicator,org_unit,period,value,basis,sector"]
        + [f"rev,T,2023-{m:02d},100,month_value," for m in range(1, 13)]
        + [f"rev,T,2024-{m:02d},{v},month_value," for m, v in enumerate(GROWTH_2024, start=1)]
        + [
            "rev,C,2024-12,1000,ytd,",  # C's 累计 (1000) is below D1 (300) + D2 (800)
            "rev,D1,2024-12,300,ytd,",
            "rev,D2,2024-12,800,ytd,",
            "rev,D1,2024-10,320,ytd,",  # D1's 累计 falls from 320 (Oct) to 300 (Dec); Nov is missing
            "sect,D1,2025-01,10,ytd,",  # total 10 < 4.1 (7) + 4.2 (5)
            "sect,D1,2025-01,7,ytd,4.1",
            "sect,D1,2025-01,5,ytd,4.2",
            "sect,D1,2025-01,3,ytd,4.1.1",
        ]
    )
    + "\n"
)


def test_each_planted_defect_is_found_with_its_numbers(world_plan: Bioecon, tmp_path: Path) -> None:
    load_csv(world_plan, tmp_path, DATA)
    as_of, findings = check_data(world_plan, actor=LOCAL_ADMIN, as_of=Period.month(2025, 1))
    assert as_of == Period.month(2025, 1)
    found = {(f.check, f.org_unit, f.sector, str(f.period)): f for f in findings}
    parts = found[("parts_exceed_total", "C", None, "2024-12")]
    assert parts.severity is Severity.ERROR
    assert render(parts.message) == "2024-12下级单位合计1100（ytd: 2个单位），超过本级上报值1000"
    falls = found[("cumulative_falls", "D1", None, "2024-12")]
    assert render(falls.message) == "2024-12累计值300低于2024-10的累计值320，累计值不应回落"
    sectors = found[("sectors_exceed_total", "D1", None, "2025-01")]
    assert render(sectors.message) == "2025-01分行业合计12，超过总量10"
    outlier = found[("outlier", "T", None, "2024-07")]
    assert outlier.severity is Severity.WARNING and render(outlier.message).startswith(
        "2024-07同比300.0%"
    )
    assert not [f for f in findings if f.check == "outlier" and str(f.period) != "2024-07"]
    gap = found[("missing_periods", "D1", None, "2024-11")]
    assert render(gap.message) == "缺报2024-11（1期）"
    # T last reported 2024-12: 2025-01 is due and missing
    assert render(found[("missing_periods", "T", None, "2025-01")].message) == "缺报2025-01（1期）"
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert findings[: len(errors)] == errors  # errors first
    assert len(errors) == 3


def test_clean_data_has_no_finding_and_an_empty_ledger_checks_nothing(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    assert check_data(world_plan, actor=LOCAL_ADMIN) == (None, [])
    load_csv(
        world_plan,
        tmp_path,
        "indicator,org_unit,period,value,basis\n"
        + "".join(f"rev,D1,2025-{m:02d},{10 * m},ytd\n" for m in range(1, 7)),
    )
    assert check_data(world_plan, actor=LOCAL_ADMIN) == (Period.month(2025, 6), [])
    _, later = check_data(world_plan, actor=LOCAL_ADMIN, as_of=Period.month(2025, 8))
    assert [(f.check, str(f.period), render(f.message)) for f in later] == [
        ("missing_periods", "2025-07", "缺报2025-07至2025-08（2期）")
    ]


def test_a_park_above_the_unit_that_contains_it_is_a_warning(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    # P (park, not additive) lies inside D1. Nov: P 200 ≤ D1 250, fine. Dec: P 320 > D1 300.
    # T (town, additive) is no park: T 500 above D2's 400 is parts_exceed_total, not this check.
    load_csv(
        world_plan,
        tmp_path,
        "indicator,org_unit,period,value,basis\n"
        "rev,D1,2024-11,250,ytd\nrev,D1,2024-12,300,ytd\n"
        "rev,P,2024-11,200,ytd\nrev,P,2024-12,320,ytd\n"
        "rev,D2,2024-12,400,ytd\nrev,T,2024-12,500,ytd\n",
    )
    _, findings = check_data(world_plan, actor=LOCAL_ADMIN, as_of=Period.month(2024, 12))
    parks = [f for f in findings if f.check == "park_exceeds_container"]
    assert [(f.org_unit, str(f.period), f.severity) for f in parks] == [
        ("P", "2024-12", Severity.WARNING)
    ]
    assert render(parks[0].message) == (
        "2024-12园区（开发区）值320超过其所在单位D1的上报值300，部分不应大于整体"
    )
    assert render(parks[0].message, "en") == (
        "2024-12: the park's 320 is above the 300 reported by D1, which contains it"
    )


def test_rates_beyond_the_bound_are_flagged_and_the_bound_itself_is_not(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    # T's 当月值 (bound 300 % in quality.yaml):
    #   2024-01 10, 02 10, 03 0.02, 04 10;  2025-01 40.01, 02 40, 03 10
    # 环比 2024-03 = 0.02/10 − 1 = −99.8 % (a fall, inside the bound)
    # 环比 2024-04 = 10/0.02 − 1 = +49,900 %                         → flagged
    # 2025-01 has no 环比 (2024-12 not reported); 同比 = 40.01/10 − 1 = +300.1 % → flagged
    # 2025-02 同比 = 40/10 − 1 = +300 % exactly, 环比 = 40/40.01 − 1 ≈ 0   → not flagged
    # 2025-03 同比 = 10/0.02 − 1 = +49,900 % → flagged; 环比 = 10/40 − 1 = −75 %
    months = {
        "2024-01": "10",
        "2024-02": "10",
        "2024-03": "0.02",
        "2024-04": "10",
        "2025-01": "40.01",
        "2025-02": "40",
        "2025-03": "10",
    }
    load_csv(
        world_plan,
        tmp_path,
        "indicator,org_unit,period,value,basis\n"
        + "".join(f"rev,T,{p},{v},month_value\n" for p, v in months.items()),
    )
    _, findings = check_data(world_plan, actor=LOCAL_ADMIN, as_of=Period.month(2025, 3))
    rates = [
        (str(f.period), f.severity, render(f.message))
        for f in findings
        if f.check == "implausible_rate"
    ]
    warning = Severity.WARNING
    assert rates == [
        ("2024-04", warning, "2024-04环比+49900.0%（10对上期0.02），超出合理范围，疑为数据错误"),
        ("2025-01", warning, "2025-01同比+300.1%（40.01对上年同期10），超出合理范围，疑为数据错误"),
        (
            "2025-03",
            warning,
            "2025-03同比+49900.0%（10对上年同期0.02），超出合理范围，疑为数据错误",
        ),
    ]


def test_the_checks_of_one_indicator_and_its_units_find_what_the_whole_check_finds_there(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    # DATA's findings on rev at C and D1 (as of 2025-01): C's parts exceed its 1000 (2024-12),
    # D1's 累计 falls (2024-12), D1 misses 2024-11 and 2025-01 (after its last report,
    # 2024-12). sect (D1) and T (outlier, gap) are other indicators or units: left out.
    load_csv(world_plan, tmp_path, DATA)
    as_of = Period.month(2025, 1)
    _, narrowed = check_data(
        world_plan, actor=LOCAL_ADMIN, as_of=as_of, indicator="rev", org_units=["C", "D1"]
    )
    assert sorted((f.check, f.org_unit, str(f.period)) for f in narrowed) == [
        ("cumulative_falls", "D1", "2024-12"),
        ("missing_periods", "C", "2025-01"),
        ("missing_periods", "D1", "2024-11"),
        ("missing_periods", "D1", "2025-01"),
        ("parts_exceed_total", "C", "2024-12"),
    ]
    _, whole = check_data(world_plan, actor=LOCAL_ADMIN, as_of=as_of)
    assert narrowed == [f for f in whole if f.indicator == "rev" and f.org_unit in {"C", "D1"}]
