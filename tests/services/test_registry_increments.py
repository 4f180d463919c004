"""Tier targets counted from dated registry flags, through the real service on both backends.

Registry (专精特新, the flag of tier ``specialised``), loaded on 2025-03-15:

| firm | unit | 专精特新 held            |
|------|------|--------------------------|
| A    | X    | 2021-03-01 … 2024-01-31  |
| B    | X    | 2023-06-01 … (open)      |
| C    | X    | 2024-11-01 … (open)      |
| D    | Y    | undated: from its load date 2025-03-15 |

Members of X on a day: 2022-12-31 {A} = 1; 2023-12-31 {A, B} = 2; 2024-06-30 {B} = 1
(A ended 2024-01-31, C not yet); 2025-06-30 {B, C} = 2. Members of Y: 2025-02-28 none;
2025-06-30 {D} = 1 (counted only from 2025-03-15, and the explanation says so).
Plan horizon 2023–2025, so the base year is 2022 (base day 2022-12-31).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from stdnum.cn.uscc import calc_check_digit

from bioecon.app import Bioecon
from bioecon.domain.periods import Period
from bioecon.domain.progress import Evaluation, Status
from bioecon.io.enterprises import read_enterprise_file
from bioecon.io.planfile import read_plan_file
from bioecon.messages import render
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.enterprises import load_enterprises
from bioecon.services.evaluation import evaluate_plan
from bioecon.services.plans import load_plan

PLAN = """\
plan:
  code: registry
  title: 名录计数测试
  region: C
  horizon: {start: 2023, end: 2025}
org_units:
  - {code: C, name: 城市, level: city}
  - {code: X, name: 甲区, level: district, parent: C}
  - {code: Y, name: 乙区, level: district, parent: C}
targets:
  - {key: NEW, metric: 新培育专精特新企业, indicator: tier.specialised, subject_org_unit: X,
     kind: increment, op: ">=", value: 4, unit: 家, baseline_year: 2022, deadline_year: 2025}
  - {key: LEVEL, metric: 专精特新企业, indicator: tier.specialised, subject_org_unit: X,
     kind: level, op: ">=", value: 3, unit: 家, deadline_year: 2025}
  - {key: PAST, metric: 专精特新企业, indicator: tier.specialised, subject_org_unit: X,
     kind: level, op: ">=", value: 2, unit: 家, deadline_year: 2023}
  - {key: UNDATED, metric: 专精特新企业, indicator: tier.specialised, subject_org_unit: Y,
     kind: level, op: ">=", value: 1, unit: 家, deadline_year: 2025}
"""


def code(n: int) -> str:
    body = f"91430100{n:08d}X"[:17]
    return body + calc_check_digit(body)


REGISTRY = f"""\
统一社会信用代码,企业名称,区域,资质标识,资质起始日期,资质截止日期
{code(1)},甲,X,专精特新,2021-03-01,2024-01-31
{code(2)},乙,X,专精特新,2023-06-01,
{code(3)},丙,X,专精特新,2024-11-01,
{code(4)},丁,Y,专精特新,,
"""


@pytest.fixture
def registry(app: Bioecon, tmp_path: Path) -> Bioecon:
    plan = tmp_path / "registry.plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    parsed = read_plan_file(plan)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    path = tmp_path / "registry.csv"
    path.write_text(REGISTRY, encoding="utf-8")
    load_enterprises(
        app,
        actor=LOCAL_ADMIN,
        origin="test",
        parsed=read_enterprise_file(path),
        loaded_on=date(2025, 3, 15),
    )
    return app


def by_key(app: Bioecon, as_of: str) -> dict[str, Evaluation]:
    found = evaluate_plan(app, actor=LOCAL_ADMIN, plan="registry", as_of=Period.parse(as_of))
    return {e.target.key: e.evaluation for e in found}


def test_an_increment_counts_the_entrants_since_the_base_date(registry: Bioecon) -> None:
    found = by_key(registry, "2025-06")["NEW"]
    # members of X on 2025-06-30 {B, C} not members on 2022-12-31 {A}: B and C → 2 entrants
    # (A was a member at the base date and has lapsed since; it is no entrant either way)
    assert (found.actual, found.actual_period, found.target) == (Decimal(2), "2025-06", Decimal(4))
    # against a base of 0, 完成率 and 进度 agree: 2 / 4 = 50 %; time progress (2024.5 − 2022) / (2025 − 2022) = 83.3 %:
    # 33.3 points behind > 30 → 严重滞后
    assert found.completion_rate == pytest.approx(50.0)
    assert found.progress == pytest.approx(50.0)
    assert found.time_progress == pytest.approx(250 / 3)
    assert found.status is Status.AT_RISK
    assert "计2022年末以后新进入的企业" in render(found.explanation)
    assert "名录自" not in render(found.explanation)  # every flag of X is dated


def test_a_level_at_a_past_date_counts_only_the_flags_held_then(registry: Bioecon) -> None:
    then = by_key(registry, "2023-12")["LEVEL"]
    # 2023-12-31: A and B → 2; base 2022-12-31: A → 1; 完成率 2 / 3 = 66.7 %, 进度
    # (2 − 1) / (3 − 1) = 50 %; time progress (2023 − 2022) / 3 = 33.3 % → ahead → 正常
    assert (then.actual, then.actual_period) == (Decimal(2), "2023-12")
    assert then.completion_rate == pytest.approx(200 / 3)
    assert then.progress == pytest.approx(50.0)
    assert then.status is Status.ON_TRACK
    later = by_key(registry, "2024-06")["LEVEL"]
    # 2024-06-30: B only (A lapsed, C not yet) → 1; 进度 (1 − 1) / (3 − 1) = 0
    assert later.actual == Decimal(1) and later.progress == pytest.approx(0.0)


def test_a_level_past_its_deadline_is_counted_on_the_deadline_year_end(registry: Bioecon) -> None:
    found = by_key(registry, "2025-06")["PAST"]
    # deadline 2023: counted on 2023-12-31 (A, B → 2 ≥ 2), not on 2025-06-30 (B, C)
    assert (found.actual, found.actual_period, found.status) == (Decimal(2), "2023-12", Status.MET)


def test_an_undated_flag_counts_from_its_load_date_and_says_so(registry: Bioecon) -> None:
    before = by_key(registry, "2025-02")["UNDATED"]
    assert before.actual == 0  # D recorded on 2025-03-15, after 2025-02-28
    assert "名录自" not in render(before.explanation)
    after = by_key(registry, "2025-06")["UNDATED"]
    assert (after.actual, after.status) == (Decimal(1), Status.MET)
    assert "名录自2025年3月起记录" in render(after.explanation)
