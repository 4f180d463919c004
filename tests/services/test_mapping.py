"""The mapping service on both backends: which targets are listed, choices checked before
anything is written, --accept by confidence, catalogue indicators declared in the plan."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.model import MappingMethod
from bioecon.errors import InvalidValue
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.mapping import apply_mapping, plan_mapping
from bioecon.services.plans import get_plan, load_plan

PLAN = """\
plan: {code: m, title: 某市行动计划, region: M}
org_units: [{code: M, name: 某市, level: city}]
indicators: [{code: own_count, name: 某类载体数量, unit: 个, nature: stock, basis: period_end}]
targets:
  - {key: T1, metric: 数量, subject: 企业, value: 1000, unit: 户, indicator: tier.registered,
     mapping_method: rule, mapping_confidence: 0.6, mapping_reason: 企业数量}
  - {key: T2, metric: 年均增长, kind: share, value: 15, unit: "%"}
  - {key: T3, metric: 获得药品上市批文, value: 20, unit: 个}
  - {key: T4, metric: 载体, value: 5, unit: 个, indicator: own_count}
"""


@pytest.fixture
def planned(app: Bioecon, tmp_path: Path) -> Bioecon:
    path = tmp_path / "m.yaml"
    path.write_text(PLAN, encoding="utf-8")
    parsed = read_plan_file(path)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    return app


def keys(app: Bioecon, include_mapped: bool = False) -> list[str]:
    return [
        i.target.key
        for i in plan_mapping(app, actor=LOCAL_ADMIN, plan="m", include_mapped=include_mapped)
    ]


def test_listed_targets_and_their_top_suggestions(planned: Bioecon) -> None:
    # T4 has an indicator from the file (a person's), T1 a medium rule match (0.6 < 0.80)
    assert keys(planned) == ["T2", "T3"]
    assert keys(planned, include_mapped=True) == ["T1", "T2", "T3"]
    (_, t3) = plan_mapping(planned, actor=LOCAL_ADMIN, plan="m")
    assert (t3.suggestions[0].code, t3.suggestions[0].confidence) == (
        "approval.drug",
        Decimal("0.9"),
    )


def test_one_bad_choice_writes_nothing(planned: Bioecon) -> None:
    with pytest.raises(InvalidValue, match="目标 T3: 指标 nope 不在指标目录中"):
        apply_mapping(
            planned,
            actor=LOCAL_ADMIN,
            origin="test",
            plan="m",
            choices={"T2": "biomedicine_growth", "T3": "nope"},
        )
    with pytest.raises(InvalidValue, match=r"目标 T2: 指标 tier\.listed 的单位“家”不能计量"):
        apply_mapping(
            planned, actor=LOCAL_ADMIN, origin="test", plan="m", choices={"T2": "tier.listed"}
        )
    assert keys(planned) == ["T2", "T3"]  # T2 was not written either


def test_accept_applies_top_suggestions_at_the_confidence(planned: Bioecon) -> None:
    # T3's top is the rule approval.drug (0.9 ≥ 0.8); T2's is fuzzy (0.43 < 0.8): left
    (applied,) = apply_mapping(
        planned, actor=LOCAL_ADMIN, origin="test", plan="m", accept=Decimal("0.8")
    )
    assert (applied.key, applied.indicator, applied.confidence, applied.declared) == (
        "T3",
        "approval.drug",
        Decimal("0.9"),
        True,  # not in the database: declared in the plan from the catalogue
    )
    bundle = get_plan(planned, actor=LOCAL_ADMIN, reference="m")
    t3 = next(t for t in bundle.targets if t.key == "T3")
    assert (t3.indicator, t3.mapping_method, t3.mapping_confidence) == (
        "approval.drug",
        MappingMethod.MANUAL,
        Decimal("0.9"),
    )
    assert t3.mapping_reason is not None and t3.mapping_reason.startswith("人工接受建议")
    assert [i.code for i in bundle.indicators] == ["own_count", "approval.drug"]
    # --set: confidence 1 (manual); a database indicator (own_count) may be chosen too
    (t2,) = apply_mapping(
        planned, actor=LOCAL_ADMIN, origin="test", plan="m", choices={"T2": "biomedicine_growth"}
    )
    assert (t2.confidence, t2.declared) == (Decimal(1), True)
    assert keys(planned) == []
    # with --all the medium T1 is accepted at 0.5: its top suggestion stays tier.registered
    (t1,) = apply_mapping(
        planned,
        actor=LOCAL_ADMIN,
        origin="test",
        plan="m",
        accept=Decimal("0.5"),
        include_mapped=True,
    )
    assert (t1.key, t1.indicator, t1.confidence) == ("T1", "tier.registered", Decimal("0.6"))
    assert keys(planned, include_mapped=True) == ["T1"]  # still 0.6: accepted, not certain
