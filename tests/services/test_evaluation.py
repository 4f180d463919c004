"""Target evaluation through the service, on both backends, with hand-computed expectations.

Ledger of city C (rev, 累计 by month): 2023 累计 = 10·m (full year 120), 2024 = 12·m (144),
2025 Jan–Jun = 15·m (June: 90). Trailing 12 months to 2025-06 = 90 + 144 − 72 = 162.
Firms (stock) at C: 2023-12 = 10, 2025-06 = 16. Plan horizon 2024–2026, so the base year is 2023.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.model import ObservationStatus
from bioecon.domain.periods import Period
from bioecon.domain.progress import Evaluation, Status
from bioecon.errors import InvalidValue, NotFound
from bioecon.io.observations import read_observation_file
from bioecon.io.planfile import read_plan_file
from bioecon.messages import render
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.evaluation import evaluate_plan
from bioecon.services.observations import load_observations
from bioecon.services.plans import load_plan

PLAN = """\
plan:
  code: eval
  title: 评估测试
  region: C
  horizon: {start: 2024, end: 2026}
  thresholds: {time_progress: {lagging_points: 10, at_risk_points: 30}}
org_units:
  - {code: C, name: 城市, level: city}
indicators:
  - {code: rev, name: 营业收入, unit: 亿元}
  - {code: firms, name: 企业数, unit: 家, nature: stock, basis: period_end}
targets:
  - {key: LEVEL, metric: 产业规模, indicator: rev, kind: level, op: ">=", value: 200, unit: 亿元, deadline_year: 2026}
  - {key: FIRMS, metric: 企业数, indicator: firms, kind: increment, value: 10, unit: 家, deadline_year: 2026}
  - {key: YEARLY, metric: 每年营收, indicator: rev, kind: recurring, op: "~", value: 100, unit: 亿元}
  - {key: GIVEN, metric: 产业规模, indicator: rev, value: 300, unit: 亿元, baseline_value: 100, baseline_year: 2021, deadline_year: 2026}
  - {key: NEAR, metric: 产业规模, indicator: rev, value: 250, unit: 亿元, deadline_year: 2026}
  - {key: FREE, metric: 未关联, value: 5, unit: 个, deadline_year: 2026}
  - {key: RULE, metric: 补助, kind: policy_rule, op: "<=", value: 1000, unit: 万元}
"""


def rows(skip: set[str] | None = None) -> str:
    lines = ["indicator,org_unit,period,value,basis"]
    for year, per_month, months in ((2023, 10, 12), (2024, 12, 12), (2025, 15, 6)):
        for m in range(1, months + 1):
            period = f"{year}-{m:02d}"
            if period not in (skip or set()):
                lines.append(f"rev,C,{period},{per_month * m},ytd")
    lines += ["firms,C,2023-12,10,period_end", "firms,C,2025-06,16,period_end"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def plan_app(app: Bioecon, tmp_path: Path) -> Bioecon:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    parsed = read_plan_file(path)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    return app


def load(app: Bioecon, tmp_path: Path, text: str) -> None:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    load_observations(
        app,
        actor=LOCAL_ADMIN,
        origin="test",
        parsed=read_observation_file(path),
        status=ObservationStatus.APPROVED,
    )


def by_key(app: Bioecon, as_of: str = "2025-06") -> dict[str, Evaluation]:
    return {
        item.target.key: item.evaluation
        for item in evaluate_plan(app, actor=LOCAL_ADMIN, plan="eval", as_of=Period.parse(as_of))
    }


def test_level_target_uses_trailing_twelve_months_against_the_base_year(
    plan_app: Bioecon, tmp_path: Path
) -> None:
    load(plan_app, tmp_path, rows())
    result = by_key(plan_app)["LEVEL"]
    assert result.actual == Decimal(162) and result.actual_period == "2024-07/2025-06"
    assert result.progress == pytest.approx(52.5)  # 进度 (162 − 120)/(200 − 120)
    assert result.completion_rate == pytest.approx(81.0)  # 完成率 162/200
    assert result.time_progress == pytest.approx(50.0)  # (2024.5 − 2023)/(2026 − 2023)
    assert result.required_cagr == pytest.approx(((200 / 120) ** (1 / 3) - 1) * 100)
    assert result.actual_cagr == pytest.approx(((162 / 120) ** (1 / 1.5) - 1) * 100)
    assert result.status is Status.ON_TRACK


def test_falls_back_to_the_latest_full_year_when_ttm_cannot_be_formed(
    plan_app: Bioecon, tmp_path: Path
) -> None:
    load(plan_app, tmp_path, rows(skip={"2024-06"}))
    result = by_key(plan_app)["LEVEL"]
    assert (result.actual, result.actual_period) == (Decimal(144), "2024")
    assert result.time_progress == pytest.approx(100 / 3)  # (2024 − 2023)/3


def test_stock_increment_recurring_given_base_unmapped_and_rules(
    plan_app: Bioecon, tmp_path: Path
) -> None:
    load(plan_app, tmp_path, rows())
    results = by_key(plan_app)
    firms = results["FIRMS"]
    assert (firms.target, firms.actual, firms.actual_period) == (
        Decimal(20),
        Decimal(16),
        "2025-06",
    )
    assert firms.completion_rate == pytest.approx(60.0) and firms.status is Status.ON_TRACK
    yearly = results["YEARLY"]
    assert yearly.actual == Decimal(90) and yearly.time_progress == pytest.approx(50.0)
    assert yearly.completion_rate == pytest.approx(90.0) and yearly.projected == Decimal("180.00")
    # GIVEN: base 100 in 2021 from the plan: 进度 (162 − 100)/(300 − 100) = 31 % against
    # (2024.5 − 2021)/5 = 70 %; 完成率 162/300 = 54 %
    given = results["GIVEN"]
    assert given.progress == pytest.approx(31.0) and given.time_progress == pytest.approx(70.0)
    assert given.completion_rate == pytest.approx(54.0)
    assert given.status is Status.AT_RISK  # 39 points behind
    assert (
        results["FREE"].status is Status.NO_DATA
        and render(results["FREE"].explanation) == "目标尚未关联监测指标"
    )
    assert "RULE" not in results


def test_no_data_names_indicator_and_unit_and_plan_thresholds_apply(
    plan_app: Bioecon, tmp_path: Path
) -> None:
    result = by_key(plan_app)["LEVEL"]
    assert result.status is Status.NO_DATA
    assert render(result.explanation) == "截至2025年6月，指标rev在C无可用数据"
    load(plan_app, tmp_path, rows())
    stricter = PLAN.replace(
        "lagging_points: 10, at_risk_points: 30", "lagging_points: 1, at_risk_points: 2"
    )
    path = tmp_path / "stricter.yaml"
    # NEAR: (162 − 120)/(250 − 120) = 32.3 % done at 50 % time, 17.7 points behind:
    # 滞后 under the default 10/30, 严重滞后 under the plan's stricter 1/2.
    assert by_key(plan_app)["NEAR"].status is Status.LAGGING
    path.write_text(stricter, encoding="utf-8")
    parsed = read_plan_file(path)
    load_plan(
        plan_app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source
    )
    assert by_key(plan_app)["NEAR"].status is Status.AT_RISK
    assert by_key(plan_app)["FIRMS"].status is Status.ON_TRACK  # 60 % done at 50 % time: ahead


def test_time_progress_is_taken_at_the_actuals_own_date(plan_app: Bioecon, tmp_path: Path) -> None:
    load(plan_app, tmp_path, rows())
    december = by_key(plan_app, "2025-12")["FIRMS"]  # no firm count reported after June
    assert december.time_progress == pytest.approx(50.0)
    assert render(december.explanation).startswith("2025-06实际16家")


def test_bad_requests(plan_app: Bioecon) -> None:
    with pytest.raises(NotFound):
        evaluate_plan(plan_app, actor=LOCAL_ADMIN, plan="nope", as_of=Period.month(2025, 6))
    with pytest.raises(InvalidValue, match="takes a month"):
        evaluate_plan(plan_app, actor=LOCAL_ADMIN, plan="eval", as_of=Period.quarter(2025, 2))


def test_a_cached_evaluation_is_served_until_a_write_and_never_after_it(
    plan_app: Bioecon, tmp_path: Path
) -> None:
    load(plan_app, tmp_path, rows().replace("firms,C,2025-06,16,period_end\n", ""))
    before = by_key(plan_app)["FIRMS"]
    hits = plan_app.figures.hits
    assert by_key(plan_app)["FIRMS"] == before
    assert plan_app.figures.hits == hits + 1  # nothing written: the kept figure
    load(
        plan_app, tmp_path, "indicator,org_unit,period,value,basis\nfirms,C,2025-06,16,period_end\n"
    )
    after = by_key(plan_app)["FIRMS"]
    assert (after.actual, after.actual_period) == (Decimal(16), "2025-06")  # as in the test above
    assert plan_app.figures.hits == hits + 1  # the write raised the data version: computed again
    # without 2025-06 the latest count up to the as-of month is 2023-12's 10
    assert (before.actual, before.actual_period) == (Decimal(10), "2023-12")


def test_a_write_through_another_app_on_the_same_database_is_seen(
    plan_app: Bioecon, tmp_path: Path
) -> None:
    # another app on the same database: another web worker, with a cache of its own
    load(plan_app, tmp_path, rows().replace("firms,C,2025-06,16,period_end\n", ""))
    assert by_key(plan_app)["FIRMS"].actual == Decimal(10)  # 2023-12's, the latest then
    with Bioecon(plan_app.settings) as other:
        load(
            other,
            tmp_path,
            "indicator,org_unit,period,value,basis\nfirms,C,2025-06,16,period_end\n",
        )
    assert by_key(plan_app)["FIRMS"].actual == Decimal(16)
