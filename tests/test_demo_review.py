"""The demo's reviewed correction files (bioecon/demo_review.py): a correction applies only
where its guard still matches and its indicator is catalogued; reviewed tasks must be the
text's slice at their offset, and the units they name get the next codes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bioecon.demo_review import Correction, ReviewedTask, corrected, with_tasks
from bioecon.domain.model import (
    MappingMethod,
    Plan,
    PlanBundle,
    ResponsibleUnit,
    SourceSpan,
    Target,
    TargetKind,
    TargetOp,
    Task,
)
from bioecon.errors import InvalidValue

TEXT = "到2025年,新增1—2个规模过500亿的特色集群。\n(一)加强统筹协调。充分发挥领导小组协调作用。\n"


def target(key: str, quote: str) -> Target:
    start = TEXT.index(quote)
    return Target(
        key=key,
        metric="新增",
        kind=TargetKind.INCREMENT,
        op=TargetOp.RANGE,
        value=Decimal(1),
        value_high=Decimal(2),
        unit="个",
        source=SourceSpan(quote, start, start + len(quote)),
    )


def link(key: str, guard: str, indicator: str) -> Correction:
    return Correction(key, {"indicator": indicator}, guard, "集群数", drop=False)


def test_a_correction_applies_only_with_its_guard_and_a_catalogued_indicator() -> None:
    targets = (target("T01", "新增1—2个"),)
    applied = corrected(targets, [link("T01", "1—2个", "cluster_count")], {"cluster_count"})
    assert [t.indicator for t in applied.targets] == ["cluster_count"]
    assert applied.applied == 1 and applied.skipped == []
    assert applied.targets[0].note == "人工校正（集群数）: indicator: 未填 → cluster_count"
    # a reviewer chose it: a manual mapping, whatever the extraction's rule had said
    chosen = applied.targets[0]
    assert (chosen.mapping_method, chosen.mapping_confidence) == (MappingMethod.MANUAL, Decimal(1))
    assert chosen.mapping_reason == "人工校正: 集群数"
    # the extraction moved (another quote under T01): the correction no longer applies
    moved = corrected(targets, [link("T01", "3—5个", "cluster_count")], {"cluster_count"})
    assert moved.targets == list(targets) and moved.applied == 0
    # an indicator the catalogue lacks: not applied, and said
    missing = corrected(targets, [link("T01", "1—2个", "tier.not_yet")], {"cluster_count"})
    assert missing.targets == list(targets)
    assert missing.skipped == ["T01 → tier.not_yet"]


def bundle() -> PlanBundle:
    plan = Plan(code="p", title="方案", region="R", source_text=TEXT)
    extracted = Task(key="K01", heading="已抽取", lead_units=("p-RU01",))
    return PlanBundle(
        plan=plan,
        responsible_units=(ResponsibleUnit("p-RU01", "市发改委", "R"),),
        tasks=(extracted,),
    )


def reviewed(start: int, quote: str, lead: tuple[str, ...]) -> ReviewedTask:
    return ReviewedTask(
        "(一)加强统筹协调", "三、组织保障", start, quote, lead, ("市发改委",), "保障措施"
    )


def test_reviewed_tasks_continue_the_keys_and_the_unit_codes() -> None:
    quote = "(一)加强统筹协调。充分发挥领导小组协调作用。"
    start = TEXT.index(quote)  # 27: the first line is 26 characters and its newline
    result = with_tasks(bundle(), [reviewed(start, quote, ("领导小组",))], "p-RU")
    assert [(k.key, k.text, k.start) for k in result.tasks] == [
        ("K01", None, None),
        ("K02", quote, 27),
    ]
    # 领导小组 is new: the next code after p-RU01; 市发改委 keeps its own
    assert result.responsible_units[1] == ResponsibleUnit("p-RU02", "领导小组", "R")
    assert (result.tasks[1].lead_units, result.tasks[1].co_units) == (("p-RU02",), ("p-RU01",))


def test_a_reviewed_task_must_be_the_texts_slice_at_its_offset() -> None:
    quote = "(一)加强统筹协调。充分发挥领导小组协调作用。"
    with pytest.raises(InvalidValue, match="the text at 28 is not its quote"):
        with_tasks(bundle(), [reviewed(28, quote, ())], "p-RU")
