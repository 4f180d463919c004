"""Issue #10 verdict rules in the domain (domain/progress.py), hand-computed."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.model import TargetKind, TargetOp
from bioecon.domain.progress import (
    Evaluation,
    Formula,
    Method,
    Observed,
    Status,
    TargetSpec,
    Thresholds,
    evaluate,
)
from bioecon.messages import render

DEFAULT = Thresholds()
DOCS = Path(__file__).resolve().parents[2] / "docs" / "progress.md"


def spec(value: str, op: TargetOp = TargetOp.GE, year: int = 2025) -> TargetSpec:
    return TargetSpec(TargetKind.LEVEL, op, Decimal(value), None, "亿元", year)


def judge(target: TargetSpec, actual: Observed, base: Observed | None) -> Evaluation:
    return evaluate(
        target,
        actual=actual,
        base=base,
        time_now=actual.t,
        horizon_start_t=2020,
        thresholds=DEFAULT,
    )


def test_a_cap_within_its_limit_whose_trend_passes_it_is_lagging() -> None:
    # 天门 (audit §3.5): cap 150 by 2025, base 104.72 (2020), 145.98 at 2023-06 (t = 2022.5).
    # Linear trend (145.98 − 104.72)/2.5 = 16.504 a year → 145.98 + 2.5 × 16.504 = 187.24 > 150
    result = evaluate(
        spec("150", TargetOp.LE),
        actual=Observed(Decimal("145.98"), 2022.5, "2022-07/2023-06"),
        base=Observed(Decimal("104.72"), 2020, "2020"),
        time_now=2022.5,
        horizon_start_t=2020,
        thresholds=DEFAULT,
    )
    assert result.formula is Formula.CAP and result.status is Status.LAGGING
    assert result.projected == Decimal("187.24")
    assert set(result.by_method.values()) == {Status.LAGGING}
    # 145.98/150 = 97.32 %
    assert render(result.explanation) == (
        "2022-07/2023-06实际145.98亿元，未超出上限150亿元（为上限的97.3%），"
        "按基期以来的趋势预计2025年达187.24亿元，将超出上限"
    )


def test_an_exceeded_cap_is_never_on_track_under_any_method() -> None:
    # 203.98 against 150 at 2025-12 (the audit's projection method said 正常): 未达标;
    # a year earlier (t = 2024) 严重滞后. 203.98/150 = 135.99 % → "136"
    base = Observed(Decimal("104.72"), 2020, "2020")
    final = judge(spec("150", TargetOp.LE), Observed(Decimal("203.98"), 2025, "2025"), base)
    assert final.status is Status.MISSED
    assert set(final.by_method.values()) == {Status.MISSED}
    assert render(final.explanation) == (
        "2025实际203.98亿元，目标年2025年已过，超出上限150亿元（为上限的136%）"
    )
    early = judge(spec("150", TargetOp.LE), Observed(Decimal("203.98"), 2024, "2024"), base)
    assert set(early.by_method.values()) == {Status.AT_RISK}
    assert early.projection_ratio is None


def test_a_base_beyond_the_target_not_met_is_judged_on_completion() -> None:
    # base 150 (2020) above the target 100 by 2025; at 2023 (60 % of the time) the actual fell
    # to 80: 完成率 80/100 = 80 % vs 60 % time → 20 points ahead → 正常; no growth methods
    result = judge(
        spec("100"), Observed(Decimal(80), 2023, "2023"), Observed(Decimal(150), 2020, "2020")
    )
    assert result.formula is Formula.BASE_BEYOND_TARGET
    assert result.completion_rate == pytest.approx(80.0)
    assert result.progress is None and result.required_cagr is None
    assert result.by_method == {
        Method.TIME_PROGRESS.value: Status.ON_TRACK,
        Method.GROWTH_RATIO.value: Status.NO_DATA,
        Method.PROJECTION_RATIO.value: Status.NO_DATA,
    }
    assert "完成率80%，时序进度60%（超前20个百分点）" in render(result.explanation)
    equal = judge(
        spec("100"), Observed(Decimal(80), 2023, "2023"), Observed(Decimal(100), 2020, "2020")
    )
    assert equal.formula is Formula.BASE_EQUALS_TARGET


def test_the_projection_clause_cites_the_ratio_that_bands() -> None:
    # base 100 (2020), target 200 by 2025, actual 140 at 2023: CAGR 1.4^(1/3) − 1;
    # projected 140 × 1.4^(2/3) = 175.205; ratio (175.205 − 100)/100 = 0.7521 → "75.2%"
    # (projected ÷ target would be 87.6 %, the old, misleading figure)
    result = judge(
        spec("200"), Observed(Decimal(140), 2023, "2023"), Observed(Decimal(100), 2020, "2020")
    )
    text = render(result.explanation)
    assert text.endswith("预计2025年达175.21亿元（预计进度75.2%）")
    assert "87.6" not in text and "88%" not in text


def test_even_with_time_progress_reads_level_never_minus_zero() -> None:
    # base 0 (2020), target 100 by 2030, actual 50 at 2025: 进度 50 % = time 50 %
    result = evaluate(
        spec("100", year=2030),
        actual=Observed(Decimal(50), 2025, "2025"),
        base=Observed(Decimal(0), 2020, "2020"),
        time_now=2025,
        horizon_start_t=None,
        thresholds=DEFAULT,
    )
    text = render(result.explanation)
    assert "时序进度50%（与时序进度持平）" in text and "-0" not in text


@given(st.integers(0, 10_000), st.integers(1, 10_000), st.integers(2021, 2029))
def test_no_explanation_says_minus_zero(actual: int, target: int, year: int) -> None:
    result = evaluate(
        spec(str(target), year=2030),
        actual=Observed(Decimal(actual), year, str(year)),
        base=Observed(Decimal(0), 2020, "2020"),
        time_now=year,
        horizon_start_t=None,
        thresholds=DEFAULT,
    )
    assert not re.search(r"-0(?![.\d])", render(result.explanation))


def test_every_status_and_formula_code_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for code in [s.value for s in Status] + [f.value for f in Formula]:
        assert f"`{code}`" in text, code
