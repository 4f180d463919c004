"""Progress methods against hand-computed values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.catalogs import progress_thresholds
from bioecon.domain.model import TargetKind, TargetOp
from bioecon.domain.progress import Method, Observed, Status, TargetSpec, Thresholds, evaluate
from bioecon.messages import render

DEFAULT = Thresholds()


def level(
    value: str, year: int = 2025, op: TargetOp = TargetOp.EQ, unit: str = "亿元"
) -> TargetSpec:
    return TargetSpec(TargetKind.LEVEL, op, Decimal(value), None, unit, year)


def test_statcan_worked_example_all_three_methods() -> None:
    # base 250 (2020), target 400 (2025), actual 300 (2023): reference b1/b2 worked example
    result = evaluate(
        level("400"),
        actual=Observed(Decimal(300), 2023, "2023"),
        base=Observed(Decimal(250), 2020, "2020"),
        time_now=2023,
        horizon_start_t=2020,
        thresholds=DEFAULT,
    )
    assert result.required_cagr == pytest.approx(9.856, abs=1e-3)  # (400/250)^(1/5) − 1
    assert result.actual_cagr == pytest.approx(6.266, abs=1e-3)  # (300/250)^(1/3) − 1
    assert result.growth_ratio == pytest.approx(0.6357, abs=1e-4)  # → "acceleration needed"
    assert result.projected == Decimal("338.77")  # 300 × 1.2^(2/3)
    assert result.projection_ratio == pytest.approx(0.592, abs=1e-3)  # (338.8 − 250)/150
    assert result.completion_rate == pytest.approx(75.0)  # 完成率 300/400
    assert result.progress == pytest.approx(100 / 3)  # 进度 (300 − 250)/(400 − 250)
    assert result.decided_by == "progress" and result.formula == "distance"
    assert result.time_progress == pytest.approx(60.0)  # (2023 − 2020)/(2025 − 2020)
    assert result.gap == Decimal(100)
    # 26.7 points behind time progress → 滞后 (10 < 26.7 ≤ 30); R 0.64 → 滞后; ratio 0.59 → 滞后
    assert result.by_method == {m.value: Status.LAGGING for m in Method}
    assert result.status is Status.LAGGING
    # the projection clause cites the projection ratio itself, one decimal: 0.5918 → 59.2 %
    assert render(result.explanation) == (
        "2023实际300亿元，完成率75%，进度33.3%，时序进度60%（落后26.7个百分点），"
        "需年均增长9.9%，实际年均增长6.3%，预计2025年达338.77亿元（预计进度59.2%）"
    )


def test_changsha_biomedicine_2000_yi_by_2025() -> None:
    # 长沙 T02: 生物医药产业规模突破2000亿元 by 2025; base 1135 亿元 (2019, published).
    # Suppose the trailing 12 months to 2025-06 reach 1880 亿元 (t = 2024.5).
    result = evaluate(
        level("2000", op=TargetOp.GE),
        actual=Observed(Decimal(1880), 2024.5, "2024-07/2025-06"),
        base=Observed(Decimal(1135), 2019, "2019"),
        time_now=2024.5,
        horizon_start_t=2021,
        thresholds=DEFAULT,
    )
    # 进度 (1880 − 1135)/(2000 − 1135) = 86.1 %; time (2024.5 − 2019)/6 = 91.7 % → 5.5 behind
    assert result.progress == pytest.approx(86.127, abs=1e-3)
    assert result.completion_rate == pytest.approx(94.0)  # 完成率 1880/2000
    assert result.time_progress == pytest.approx(91.667, abs=1e-3)
    assert result.status is Status.ON_TRACK
    # required (2000/1135)^(1/6) − 1 = 9.90 %; actual (1880/1135)^(1/5.5) − 1 = 9.61 %; R = 0.970
    assert result.required_cagr == pytest.approx(9.902, abs=1e-3)
    assert result.actual_cagr == pytest.approx(9.610, abs=1e-3)
    assert result.by_method[Method.GROWTH_RATIO] is Status.ON_TRACK


def test_nanjing_4000_yi_by_2023_met_and_missed() -> None:
    # 南京: 生物经济产业规模4000亿元 by 2023 (horizon 2021–2023, base year 2020).
    spec = level("4000", year=2023)
    met = evaluate(
        spec,
        actual=Observed(Decimal(4012), 2023, "2023"),
        base=None,
        time_now=2023,
        horizon_start_t=2020,
        thresholds=DEFAULT,
    )
    assert (
        met.status is Status.MET
        and render(met.explanation) == "2023实际4012亿元，已达到目标4000亿元"
    )
    # No base: completion = actual/target = 3000/4000 = 75 %, time (2022 − 2020)/3 = 66.7 % → ahead
    ahead = evaluate(
        spec,
        actual=Observed(Decimal(3000), 2022, "2022"),
        base=None,
        time_now=2022,
        horizon_start_t=2020,
        thresholds=DEFAULT,
    )
    assert ahead.status is Status.ON_TRACK and ahead.required_cagr is None
    assert "超前8.3个百分点" in render(ahead.explanation)


def test_bands_of_the_time_progress_method() -> None:
    base = Observed(Decimal(0), 2020, "2020")
    spec = level("100", year=2030)
    now = Observed(Decimal(50), 2025, "2025")  # time progress 50 %
    assert (
        evaluate(
            spec, actual=now, base=base, time_now=2025, horizon_start_t=None, thresholds=DEFAULT
        ).status
        is Status.ON_TRACK
    )
    for actual, status in (
        (40, Status.ON_TRACK),
        (39, Status.LAGGING),
        (20, Status.LAGGING),
        (19, Status.AT_RISK),
    ):
        result = evaluate(
            spec,
            actual=Observed(Decimal(actual), 2025, "2025"),
            base=base,
            time_now=2025,
            horizon_start_t=None,
            thresholds=DEFAULT,
        )
        assert result.status is status, actual
    stricter = Thresholds.from_mapping({"time_progress": {"lagging_points": 5}})
    assert (
        evaluate(
            spec,
            actual=Observed(Decimal(40), 2025, "2025"),
            base=base,
            time_now=2025,
            horizon_start_t=None,
            thresholds=stricter,
        ).status
        is Status.LAGGING
    )


def test_increment_multiple_range_recurring_share_and_caps() -> None:
    base = Observed(Decimal(10), 2021, "2021")
    increment = TargetSpec(TargetKind.INCREMENT, TargetOp.RANGE, Decimal(3), Decimal(5), "个", 2025)
    result = evaluate(
        increment,
        actual=Observed(Decimal(12), 2023, "2023"),
        base=base,
        time_now=2023,
        horizon_start_t=None,
        thresholds=DEFAULT,
    )
    # 新增3—5个 over 10: judged on reaching 13; 2 of 3 done = 66.7 % vs time 50 %; high end 2/5 = 40 %
    assert (result.target, result.target_high) == (Decimal(13), Decimal(15))
    assert result.completion_rate == pytest.approx(
        200 / 3
    ) and result.completion_rate_high == pytest.approx(40)
    assert result.status is Status.ON_TRACK and result.required_cagr is None
    assert result.projected == Decimal("14.00")  # linear: 1 a year → 14 in 2025

    doubling = TargetSpec(TargetKind.MULTIPLE, TargetOp.TIMES, Decimal(2), None, "亿元", 2025)
    result = evaluate(
        doubling,
        actual=Observed(Decimal(20), 2025, "2025"),
        base=base,
        time_now=2025,
        horizon_start_t=None,
        thresholds=DEFAULT,
    )
    assert result.target == Decimal(20) and result.status is Status.MET
    no_base = evaluate(
        doubling,
        actual=Observed(Decimal(20), 2025, "2025"),
        base=None,
        time_now=2025,
        horizon_start_t=None,
        thresholds=DEFAULT,
    )
    assert no_base.status is Status.NO_DATA and "基期" in render(no_base.explanation)

    recurring = TargetSpec(TargetKind.RECURRING, TargetOp.APPROX, Decimal(30), None, "个", None)
    result = evaluate(
        recurring,
        actual=Observed(Decimal(12), 2025.5, "2025-01/2025-06"),
        base=None,
        time_now=2025.5,
        horizon_start_t=None,
        thresholds=DEFAULT,
        ytd_share=0.5,
    )
    # 12 of 30 = 40 % at half-year (50 %): 10 points behind → 正常 (at the boundary)
    assert result.completion_rate == pytest.approx(40) and result.time_progress == pytest.approx(50)
    assert result.status is Status.ON_TRACK and result.projected == Decimal("24.00")
    assert "落后时序进度10个百分点" in render(result.explanation)

    approx = TargetSpec(TargetKind.LEVEL, TargetOp.APPROX, Decimal(100), None, "个", 2025)
    assert (
        evaluate(
            approx,
            actual=Observed(Decimal(95), 2025, "2025"),
            base=None,
            time_now=2025,
            horizon_start_t=2020,
            thresholds=DEFAULT,
        ).status
        is Status.MET
    )

    cap = TargetSpec(TargetKind.LEVEL, TargetOp.LE, Decimal(50), None, "%", 2025)
    down = evaluate(
        cap,
        actual=Observed(Decimal(60), 2023, "2023"),
        base=Observed(Decimal(70), 2021, "2021"),
        time_now=2023,
        horizon_start_t=None,
        thresholds=DEFAULT,
    )
    # a reduction (base 70 above the cap 50): 进度 (60 − 70)/(50 − 70) = 50 % at half time;
    # 完成率 60/50 = 120 % of the cap
    assert down.formula == "distance" and down.progress == pytest.approx(50.0)
    assert down.completion_rate == pytest.approx(120.0) and down.status is Status.ON_TRACK

    rule = TargetSpec(TargetKind.POLICY_RULE, TargetOp.LE, Decimal(1000), None, "万元", None)
    assert (
        evaluate(
            rule, actual=None, base=None, time_now=2025, horizon_start_t=None, thresholds=DEFAULT
        ).status
        is Status.NO_DATA
    )


def test_missing_actual_or_deadline_is_no_data_with_reason() -> None:
    result = evaluate(
        level("100"),
        actual=None,
        base=None,
        time_now=2024.5,
        horizon_start_t=2020,
        thresholds=DEFAULT,
    )
    assert result.status is Status.NO_DATA and render(result.explanation) == "截至2025年6月无实际值"
    undated = evaluate(
        level("100", year=None),  # type: ignore[arg-type]
        actual=Observed(Decimal(1), 2024, "2024"),
        base=None,
        time_now=2024,
        horizon_start_t=None,
        thresholds=DEFAULT,
    )
    assert undated.status is Status.NO_DATA


def test_shipped_thresholds_are_the_documented_defaults() -> None:
    assert progress_thresholds() == Thresholds()
    with pytest.raises(Exception, match="unknown threshold"):
        Thresholds.from_mapping({"time_progress": {"yellow": 3}})


@given(
    st.decimals(min_value=1, max_value=10**6, places=2),
    st.decimals(min_value=1, max_value=10**6, places=2),
    st.decimals(min_value=1, max_value=10**6, places=2),
    st.integers(2, 1000),
)
def test_verdicts_are_unchanged_when_every_amount_is_scaled(
    base: Decimal, actual: Decimal, target: Decimal, k: int
) -> None:
    def run(scale: int) -> tuple[Status, float | None, float | None]:
        result = evaluate(
            level(str(target * scale)),
            actual=Observed(actual * scale, 2023, "2023"),
            base=Observed(base * scale, 2020, "2020"),
            time_now=2023,
            horizon_start_t=None,
            thresholds=DEFAULT,
        )
        return result.status, result.growth_ratio, result.progress

    (s1, r1, c1), (s2, r2, c2) = run(1), run(k)
    assert s1 is s2
    assert (r1 is None) == (r2 is None) and (r1 is None or r2 == pytest.approx(r1, rel=1e-9))
    assert (c1 is None) == (c2 is None) and (c1 is None or c2 == pytest.approx(c1, rel=1e-9))


def test_share_target_is_linear_in_percentage_points() -> None:
    # 规上企业研发机构覆盖率达到50%以上 by 2025: base 20 % (2021), actual 35 % (2023).
    share = TargetSpec(TargetKind.SHARE, TargetOp.GE, Decimal(50), None, "%", 2025)
    result = evaluate(
        share,
        actual=Observed(Decimal(35), 2023, "2023"),
        base=Observed(Decimal(20), 2021, "2021"),
        time_now=2023,
        horizon_start_t=None,
        thresholds=DEFAULT,
    )
    assert result.progress == pytest.approx(50.0)  # (35 − 20)/(50 − 20)
    assert result.completion_rate == pytest.approx(70.0)  # 35/50
    assert result.time_progress == pytest.approx(50.0)  # (2023 − 2021)/(2025 − 2021)
    assert result.required_cagr is None and result.growth_ratio is None  # no CAGR for shares
    assert result.projected == Decimal("50.00")  # linear: +7.5 points a year
    assert result.status is Status.ON_TRACK
    assert result.by_method["growth_ratio"] is Status.NO_DATA


def test_a_base_already_beyond_the_target_uses_the_plain_ratio() -> None:
    # 7 enterprises in the base year, target 3, now 8: no change was required
    result = evaluate(
        TargetSpec(TargetKind.LEVEL, TargetOp.EQ, Decimal(3), None, "家", 2025),
        actual=Observed(Decimal(8), 2025, "2025"),
        base=Observed(Decimal(7), 2021, "2021"),
        time_now=2025,
        horizon_start_t=None,
        thresholds=DEFAULT,
    )
    assert result.completion_rate == pytest.approx(800 / 3) and result.status is Status.MET


def test_a_missed_target_whose_year_is_over_says_so_instead_of_projecting() -> None:
    # 南京 4000亿元 by 2023, judged on the full year 2023 (t = 2023 = deadline): 3900 is final.
    result = evaluate(
        level("4000", year=2023),
        actual=Observed(Decimal(3900), 2023, "2023"),
        base=Observed(Decimal(3000), 2020, "2020"),
        time_now=2023,
        horizon_start_t=2020,
        thresholds=DEFAULT,
    )
    assert render(result.explanation).endswith("目标年2023年已过，未达到目标4000亿元")
    assert "预计" not in render(result.explanation)
    # a year earlier the same numbers are still projected to the deadline
    earlier = evaluate(
        level("4000", year=2023),
        actual=Observed(Decimal(3900), 2022, "2022"),
        base=Observed(Decimal(3000), 2020, "2020"),
        time_now=2022,
        horizon_start_t=2020,
        thresholds=DEFAULT,
    )
    assert "预计2023年达" in render(earlier.explanation) and "已过" not in render(
        earlier.explanation
    )


def test_doubling_explanation_states_levels_in_the_indicator_unit() -> None:
    # 天门: 生物核心产业规模在“十三五”末的基础上实现翻番 — written in 倍, measured in 亿元.
    spec = TargetSpec(TargetKind.MULTIPLE, TargetOp.EQ, Decimal(2), None, "倍", 2025, "亿元")
    result = evaluate(
        spec,
        actual=Observed(Decimal(150), 2024, "2024"),
        base=Observed(Decimal(100), 2020, "2020"),
        time_now=2024,
        horizon_start_t=2020,
        thresholds=DEFAULT,
    )
    assert result.target == Decimal(200)
    assert render(result.explanation).startswith("2024实际150亿元") and "倍" not in render(
        result.explanation
    )
