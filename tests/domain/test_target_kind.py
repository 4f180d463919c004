"""The target kind, decided once (domain/target_kind.py), and the extractor using it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.model import TargetKind, TargetOp
from bioecon.domain.target_kind import increment_verb, is_recurring, target_kind
from bioecon.extract.targets import extract_targets

OPS = st.sampled_from(list(TargetOp))
UNITS = st.sampled_from(["%", "亿元", "家", "个", "倍", "座"])
QUOTES = st.sampled_from(["产业规模达到4000亿元", "新增3—5个", "占比达到30%", "新建5座", ""])
VERBS = st.sampled_from([None, "新增", "引进培育", "培育", "达到"])


@pytest.mark.parametrize(
    ("funding", "recurring", "op", "unit", "quote", "kind"),
    [
        (True, False, TargetOp.EQ, "%", "按照研发投入的15%", TargetKind.POLICY_RULE),
        (False, False, TargetOp.TIMES, "倍", "实现翻番", TargetKind.MULTIPLE),
        (False, True, TargetOp.APPROX, "个", "每年遴选30个左右", TargetKind.RECURRING),
        (False, False, TargetOp.RANGE, "个", "新增3—5个", TargetKind.INCREMENT),
        (False, False, TargetOp.GE, "家", "新培育10家以上", TargetKind.INCREMENT),
        (False, False, TargetOp.EQ, "座", "新建5座", TargetKind.INCREMENT),
        (False, False, TargetOp.GE, "%", "研发投入强度不低于3%", TargetKind.SHARE),
        (False, False, TargetOp.EQ, "亿元", "产业规模达到4000亿元", TargetKind.LEVEL),
        (False, False, TargetOp.EQ, "家", "引进培育骨干企业2家", TargetKind.INCREMENT),
        (False, False, TargetOp.EQ, "家", "骨干企业达到2家", TargetKind.LEVEL),
    ],
)
def test_each_rule_on_its_example(
    funding: bool, recurring: bool, op: TargetOp, unit: str, quote: str, kind: TargetKind
) -> None:
    kind_read = target_kind(
        funding=funding, recurring=recurring, op=op, unit=unit, quote=quote, verb=None
    )
    assert kind_read is kind


@pytest.mark.parametrize(
    ("text", "increment"),
    [
        ("新增3家", True),
        ("新引进企业5家", True),
        ("新培育10家", True),
        ("新获得发明专利授权500件", True),
        ("新认定国家级平台2个", True),
        ("引进培育骨干企业2家", True),
        ("招引培育链主企业3家", True),
        ("新建5座", True),
        # 新增长点/新增长极 is "a new growth point": not 新增
        ("打造经济新增长极,产业规模达到100亿元", False),
        ("获得药品批文30个", False),  # obtained, not said to be new: a level
        ("培育企业10家", False),
        ("企业达到10家", False),
    ],
)
def test_increment_verbs_are_new_plus_a_verb_of_obtaining_or_a_paired_verb(
    text: str, increment: bool
) -> None:
    assert (increment_verb(text) is not None) is increment


@pytest.mark.parametrize(
    ("verb", "kind"), [("引进培育", TargetKind.INCREMENT), (None, TargetKind.LEVEL)]
)
def test_an_elided_item_takes_the_verb_that_governs_it(verb: str | None, kind: TargetKind) -> None:
    # 过50亿元的3—5家 holds no verb; the extractor passes 引进培育 from the item before it
    read = target_kind(
        funding=False,
        recurring=False,
        op=TargetOp.RANGE,
        unit="家",
        quote="过50亿元的3—5家",
        verb=verb,
    )
    assert read is kind


@given(st.booleans(), OPS, UNITS, QUOTES, VERBS)
def test_a_funding_rule_is_a_policy_rule_whatever_else_holds(
    recurring: bool, op: TargetOp, unit: str, quote: str, verb: str | None
) -> None:
    kind = target_kind(funding=True, recurring=recurring, op=op, unit=unit, quote=quote, verb=verb)
    assert kind is TargetKind.POLICY_RULE


@given(st.booleans(), OPS, UNITS, QUOTES, VERBS)
def test_a_share_is_a_percentage_and_a_multiple_is_x(
    recurring: bool, op: TargetOp, unit: str, quote: str, verb: str | None
) -> None:
    kind = target_kind(funding=False, recurring=recurring, op=op, unit=unit, quote=quote, verb=verb)
    assert (kind is TargetKind.MULTIPLE) == (op is TargetOp.TIMES)
    if kind is TargetKind.SHARE:
        assert unit == "%" and not recurring
    if recurring and op is not TargetOp.TIMES:
        assert kind is TargetKind.RECURRING


def test_recurring_is_said_by_meinian() -> None:
    assert is_recurring("每年遴选") and not is_recurring("到2025年,年均增长")


def test_a_meinian_earlier_in_the_sentence_makes_the_target_recurring_and_yearless() -> None:
    # 每年 in the first clause: the extractor dropped the year for it, and the plan file used
    # to call the target a level (its quote, 支持30个重点项目, has no 每年); now one decision.
    # The quote runs on over the counted noun after the number (issue #11)
    (target,) = extract_targets("到2025年,每年遴选一批项目,支持30个重点项目。")
    assert (target.year, target.kind, target.quote) == (
        None,
        TargetKind.RECURRING,
        "支持30个重点项目",
    )


def test_the_verb_of_jun_sets_the_kind_of_both_targets() -> None:
    # 新引进 governs both things, and both quotes start at it (issue #10: the second was a
    # level because its quote began after the verb)
    found = extract_targets("到2025年,新引进“链主”企业和上市企业均达到10户以上。")
    assert [t.kind for t in found] == [TargetKind.INCREMENT, TargetKind.INCREMENT]


def test_elided_coordinated_items_inherit_the_verb_and_its_kind() -> None:
    # 引进培育 governs the three items; the second and third repeat neither verb nor noun, so
    # all three are increments (the demo corrected 长沙 T05/T06 by hand before issue #11)
    found = extract_targets(
        "到2026年,引进培育年营业收入过30亿元的链主企业2家,过10亿元的5家,过5亿元的8家。"
    )
    assert [t.kind for t in found] == [TargetKind.INCREMENT] * 3
    # items with their own verb keep it: 推广 is not an increment, 新增 is
    own = extract_targets("到2026年,新建中试线3条,推广核心装备20套,新增检测设备12台。")
    assert [t.kind for t in own] == [TargetKind.INCREMENT, TargetKind.LEVEL, TargetKind.INCREMENT]
