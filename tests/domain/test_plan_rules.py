from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from bioecon.catalogs import unit_registry
from bioecon.domain.model import Plan, PlanBundle, SourceSpan, Target, TargetKind, TargetOp, Task
from bioecon.domain.plans import bundle_problems, diff_bundles, repeated_task_units

TEXT = "到2025年,全市生物经济产业规模达到4000亿元。"
PLAN = Plan(code="p", title="计划", region="430100", source_text=TEXT)
LEVEL = Target(
    key="T1",
    metric="产业规模",
    kind=TargetKind.LEVEL,
    op=TargetOp.EQ,
    value=Decimal(4000),
    unit="亿元",
    source=SourceSpan("产业规模达到4000亿元", 13, 25),
)


def problems(*targets: Target, tasks: tuple[Task, ...] = ()) -> dict[tuple[str | int, ...], str]:
    bundle = PlanBundle(plan=PLAN, targets=targets, tasks=tasks)
    return dict(bundle_problems(bundle, unit_registry()) + repeated_task_units(bundle))


def test_a_sound_target_has_no_problem() -> None:
    assert TEXT[13:25] == "产业规模达到4000亿元"
    assert problems(LEVEL) == {}


def test_range_needs_an_ordered_high_end_and_only_ranges_have_one() -> None:
    no_high = replace(LEVEL, op=TargetOp.RANGE)
    reversed_range = replace(LEVEL, op=TargetOp.RANGE, value_high=Decimal(3000))
    stray_high = replace(LEVEL, key="T3", value_high=Decimal(5000))
    found = problems(no_high, replace(reversed_range, key="T2"), stray_high)
    assert found[("targets", 0, "value_high")] == "a range target needs value_high"
    assert "below value 4000" in found[("targets", 1, "value_high")]
    assert "only for op 'range'" in found[("targets", 2, "value_high")]


def test_quote_must_be_the_text_at_its_offsets() -> None:
    shifted = replace(LEVEL, source=SourceSpan("产业规模达到4000亿元", 12, 24))
    assert "the plan text at 12–24 reads" in problems(shifted)[("targets", 0, "source", "quote")]


def test_kind_op_unit_and_key_rules() -> None:
    found = problems(
        replace(LEVEL, unit="亿"),
        replace(LEVEL, key="T2", kind=TargetKind.MULTIPLE),
        replace(LEVEL, key="T3", kind=TargetKind.SHARE),
        replace(LEVEL, key="T1"),
        tasks=(Task(key="K1", heading="h", lead_units=("a",), co_units=("a", "b", "b")),),
    )
    assert found[("targets", 0, "unit")] == "unknown unit '亿'"
    assert found[("targets", 1, "op")] == "a multiple target (翻番) takes op 'x'"
    assert found[("targets", 2, "unit")] == "a share target is in %, not 亿元"
    assert found[("targets", 3, "key")] == "'T1' repeats targets[0]"
    assert found[("tasks", 0, "co_units")] == "'b' is listed 2 times"


def test_diff_counts_changes_by_key() -> None:
    old = PlanBundle(plan=PLAN, targets=(LEVEL, replace(LEVEL, key="T2")))
    new = PlanBundle(
        plan=PLAN, targets=(replace(LEVEL, value=Decimal(4500)), replace(LEVEL, key="T3"))
    )
    changes = diff_bundles(old, new)
    assert (changes["targets"].created, changes["targets"].updated, changes["targets"].deleted) == (
        1,
        1,
        1,
    )
    assert changes["plan"].unchanged == 1
    assert diff_bundles(None, new)["plan"].created == 1
