"""Issue #10 acceptance: verdicts after the deadline, caps, a base beyond its target and the
numbers the explanations cite — through the real service, on SQLite and PostgreSQL.

Ledger of city C (rev, 1–m月累计 reported by month, 亿元):
    2020: 10·m (全年 120)    2022: 12·m (全年 144)    2023: 15·m (全年 180)
    2025: 20·m (全年 240)    2026 Jan–Nov: 25·m (Nov 275)
The plan's period is 2021–2023, so the base year is 2020 (全年 120).
Trailing 12 months to 2026-11 = 275 + 240 − 220 = 295 (label 2025-12/2026-11).
Trailing 12 months to 2023-11 = 165 + 144 − 132 = 177 (label 2022-12/2023-11, t = 2022 + 11/12).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.periods import Period
from bioecon.domain.progress import Evaluation, Status
from bioecon.io.evaluation_output import evaluation_record
from bioecon.io.planfile import read_plan_file
from bioecon.messages import render
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.evaluation import evaluate_plan
from bioecon.services.plans import load_plan
from tests.services.conftest import load_csv

PLAN = """\
plan:
  code: verdicts
  title: 判定测试
  region: C
  horizon: {start: 2021, end: 2023}
org_units:
  - {code: C, name: 城市, level: city}
indicators:
  - {code: rev, name: 营业收入, unit: 亿元}
targets:
  - {key: PAST, metric: 产业规模, indicator: rev, op: ">=", value: 200, unit: 亿元, deadline_year: 2023}
  - {key: CAP, metric: 规模上限, indicator: rev, op: "<=", value: 150, unit: 亿元, deadline_year: 2023}
  - {key: BEYOND, metric: 产业规模, indicator: rev, op: ">=", value: 110, unit: 亿元, deadline_year: 2026}
"""

YEARS = {2020: (10, 12), 2022: (12, 12), 2023: (15, 12), 2025: (20, 12), 2026: (25, 11)}


@pytest.fixture
def verdicts_app(app: Bioecon, tmp_path: Path) -> Bioecon:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    parsed = read_plan_file(plan)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    lines = ["indicator,org_unit,period,value,basis"]
    for year, (per_month, months) in YEARS.items():
        lines += [f"rev,C,{year}-{m:02d},{per_month * m},ytd" for m in range(1, months + 1)]
    load_csv(app, tmp_path, "\n".join(lines) + "\n")
    return app


def by_key(app: Bioecon, as_of: str) -> dict[str, Evaluation]:
    return {
        i.target.key: i.evaluation
        for i in evaluate_plan(app, actor=LOCAL_ADMIN, plan="verdicts", as_of=Period.parse(as_of))
    }


def test_a_target_missed_in_its_year_but_met_now_is_missed(verdicts_app: Bioecon) -> None:
    past = by_key(verdicts_app, "2026-11")["PAST"]
    # judged on 2023's 全年 180, not on the later 295 (which would be 达标)
    assert (past.actual, past.actual_period) == (Decimal(180), "2023")
    assert (past.latest, past.latest_period) == (Decimal(295), "2025-12/2026-11")
    assert past.status is Status.MISSED
    assert set(past.by_method.values()) == {Status.MISSED}
    # 完成率 180/200 = 90 %; 进度 (180 − 120)/(200 − 120) = 75 %; time 100 % → 25 points behind;
    # required (200/120)^(1/3) − 1 = 18.56 %, actual (180/120)^(1/3) − 1 = 14.47 %
    assert past.completion_rate == pytest.approx(90.0) and past.progress == pytest.approx(75.0)
    assert past.decided_by == "progress" and past.formula == "distance"
    assert render(past.explanation) == (
        "2023实际180亿元，完成率90%，进度75%，时序进度100%（落后25个百分点），"
        "需年均增长18.6%，实际年均增长14.5%，目标年2023年已过，未达到目标200亿元，"
        "2026年最新：2025-12/2026-11实际295亿元"
    )
    record = evaluation_record(
        next(
            i
            for i in evaluate_plan(
                verdicts_app, actor=LOCAL_ADMIN, plan="verdicts", as_of=Period.month(2026, 11)
            )
        )
    )
    assert (record["status"], record["status_code"], record["status_en"]) == (
        "未达标",
        "missed",
        "Missed",
    )
    assert (record["latest"], record["latest_period"]) == (Decimal(295), "2025-12/2026-11")


def test_before_december_of_the_deadline_year_nothing_changes(verdicts_app: Bioecon) -> None:
    past = by_key(verdicts_app, "2023-11")["PAST"]
    # 进度 (177 − 120)/80 = 71.25 % at time (2022.9167 − 2020)/3 = 97.22 %: 25.97 behind → 滞后
    assert (past.actual, past.actual_period) == (Decimal(177), "2022-12/2023-11")
    assert past.latest is None and past.status is Status.LAGGING
    assert "进度71.3%，时序进度97.2%（落后26个百分点）" in render(past.explanation)
    # at December 2023 the year is complete: 2023's 180 decides, and it is the latest too
    december = by_key(verdicts_app, "2023-12")["PAST"]
    assert (december.actual_period, december.status) == ("2023", Status.MISSED)
    assert december.latest is None and "最新" not in render(december.explanation)


def test_a_cap_exceeded(verdicts_app: Bioecon) -> None:
    # base 120 (2020) within the cap 150: a ceiling (formula cap)
    before = by_key(verdicts_app, "2023-11")["CAP"]
    # 177 > 150 before the deadline → 严重滞后 under every method; 177/150 = 118 %
    assert before.formula == "cap" and before.status is Status.AT_RISK
    assert set(before.by_method.values()) == {Status.AT_RISK}
    assert before.completion_rate == pytest.approx(118.0)
    assert (
        render(before.explanation) == "2022-12/2023-11实际177亿元，超出上限150亿元（为上限的118%）"
    )
    after = by_key(verdicts_app, "2026-11")["CAP"]
    # judged on 2023: 180 > 150 → 未达标; 180/150 = 120 %
    assert after.status is Status.MISSED and after.actual == Decimal(180)
    assert render(after.explanation) == (
        "2023实际180亿元，目标年2023年已过，超出上限150亿元（为上限的120%），"
        "2026年最新：2025-12/2026-11实际295亿元"
    )
    assert "未达到目标" not in render(after.explanation)


def test_a_base_beyond_its_target(verdicts_app: Bioecon) -> None:
    beyond = by_key(verdicts_app, "2023-11")["BEYOND"]
    # base 120 (2020) already above 110: 完成率 177/110 = 160.9 % decides; no 进度, no growth
    assert beyond.formula == "base_beyond_target" and beyond.decided_by == "completion_rate"
    assert beyond.completion_rate == pytest.approx(160.909, abs=1e-3)
    assert beyond.progress is None and beyond.required_cagr is None
    assert beyond.growth_ratio is None and beyond.projection_ratio is None
    assert beyond.status is Status.MET


def test_before_the_base_year_is_over_the_plan_period_has_not_begun(
    verdicts_app: Bioecon,
) -> None:
    # as of 2020-06 (t = 2019.5) the base year 2020 is not over
    for key in ("PAST", "CAP", "BEYOND"):
        result = by_key(verdicts_app, "2020-06")[key]
        assert result.status is Status.NO_DATA and result.formula == "before_base", key
        assert render(result.explanation) == "规划期未开始：基期2020年尚未结束，不作进度评估"
