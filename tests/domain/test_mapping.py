"""Mapping a target to a catalogue indicator (bioecon/domain/mapping.py, rules in
bioecon/data/indicator_mapping.yaml): examples worked by hand, and the ranking's invariants."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.catalogs import indicator_catalogue, mapping_rules, tier_catalogue, unit_registry
from bioecon.domain.mapping import ConfidenceClass, Suggestion, compatible, suggest
from bioecon.domain.mapping import rules_of as read
from bioecon.domain.model import MappingMethod, TargetKind
from bioecon.errors import InvalidValue


@dataclass(frozen=True)
class T:
    metric: str
    unit: str
    subject: str | None = "全市"
    qualifier: str | None = None
    kind: TargetKind = TargetKind.LEVEL


def ranked(target: T) -> list[Suggestion]:
    return suggest(
        target, indicator_catalogue(), tier_catalogue(), mapping_rules(), unit_registry()
    )


def top(target: T) -> str | None:
    found = ranked(target)
    return found[0].code if found else None


@pytest.mark.parametrize(
    ("target", "code"),
    [
        # bands read as numbers: 过50亿, 超50亿元 and 营收达100亿元 name the tiers' thresholds
        (T("过50亿元的", "家", qualifier="过50亿元"), "tier.revenue_50yi"),
        (T("企业", "家", qualifier="超50亿元"), "tier.revenue_50yi"),
        (T("企业", "户", qualifier="营收达100亿元"), "tier.revenue_100yi"),
        (T("销售收入过10亿元企业", "家"), "tier.revenue_10yi"),
        # the union outranks each of its tiers (0.95 > 0.92 小巨人 > 0.90 独角兽)
        (T("独角兽、瞪羚、专精特新“小巨人”企业", "家"), "tier.unicorn_gazelle_little_giant"),
        # “均”: this target counts the first noun (规上 at 3, 专精特新 at 8; same class)
        (T("新培育规上企业和“专精特新”企业均", "户"), "tier.above_scale"),
        (T("“专精特新”企业", "户", kind=TargetKind.INCREMENT), "tier.specialised"),
        (T("规模", "亿元", subject="全市生物医药产业"), "biomedicine_scale"),
        (T("国家级和省级创新平台", "个"), "platform.innovation_national_provincial"),
        (T("国家级创新平台", "个"), "platform.innovation_national"),
        (T("三类医疗器械注册批件", "件"), "approval.device_class3"),
        (T("覆盖率", "%", subject="全市规上生物医药企业研发机构"), "rd_institution_coverage"),
        (T("数量", "户", subject="企业"), "tier.registered"),
        (T("企业数量", "户", subject="全市生物医药和生命健康产业"), "tier.registered"),
        (T("上市企业数量", "家"), "tier.listed"),  # 0.90 over 企业数量's 0.80
    ],
)
def test_rules_map_the_seed_wordings(target: T, code: str) -> None:
    assert top(target) == code


def test_a_band_without_a_tier_and_a_funding_rule_map_to_nothing() -> None:
    # 过30亿: no tier has a 30亿元 threshold, so no rule applies (fuzzy names may follow)
    found = ranked(T("企业", "家", qualifier="过30亿元"))
    assert all(s.method is MappingMethod.FUZZY for s in found)
    assert ranked(T("按照研发投入的", "%", kind=TargetKind.POLICY_RULE)) == []


def test_the_verb_changes_the_kind_not_the_indicator() -> None:
    for verb in ("新培育", "新引进", "引进培育", "新增"):
        assert top(T(f"{verb}上市企业", "家", kind=TargetKind.INCREMENT)) == "tier.listed"


def test_confidence_and_class() -> None:
    (union, *_) = ranked(T("独角兽、瞪羚、“小巨人”企业", "家"))
    assert (union.confidence, union.level, union.method) == (
        Decimal("0.95"),
        ConfidenceClass.HIGH,
        MappingMethod.RULE,
    )
    # 企业数量 without a tier word: 0.60, at or above medium 0.55, below high 0.80
    (registered, *_) = ranked(T("数量", "户", subject="企业"))
    assert (registered.confidence, registered.level) == (Decimal("0.6"), ConfidenceClass.MEDIUM)
    # a fuzzy match: ratio("产值", "工业总产值") = 2·2/(2+5) = 57.1 → × 0.75 → 0.43, low
    fuzzy = ranked(T("产值", "亿元"))
    assert fuzzy and all(s.method is MappingMethod.FUZZY for s in fuzzy)
    assert (fuzzy[0].code, fuzzy[0].confidence, fuzzy[0].level) == (
        "gross_output",
        Decimal("0.43"),
        ConfidenceClass.LOW,
    )


def test_units_decide_what_may_measure_what() -> None:
    rules, units = mapping_rules(), unit_registry()

    def fits(unit: str, indicator_unit: str, metric: str = "数量", kind: str = "level") -> bool:
        return compatible(T(metric, unit, kind=TargetKind(kind)), indicator_unit, rules, units)

    assert fits("户", "家")  # both count enterprises
    assert fits("億元", "亿元")  # an alias
    assert not fits("万元", "亿元")  # never converted
    assert not fits("个", "家")  # 个 of nothing in particular
    assert fits("个", "家", "独角兽企业")  # 天门: 1-2个独角兽企业
    assert fits("家", "个", "国家级创新平台")  # 南京: 国家级创新平台…家
    assert fits("倍", "亿元", kind="multiple")  # 翻番 of a level
    assert not fits("倍", "%", kind="multiple")
    assert not fits("盏", "盏")  # not a known unit (吨 is one since issue #12)
    # 上市企业 counted in 个 may be an enterprise count; 上市批文 in 家 is not an approval count
    assert top(T("上市企业", "个")) == "tier.listed"
    assert all(not s.code.startswith("approval.") for s in ranked(T("药品上市批文", "家")))


def test_bad_rules_are_refused() -> None:
    base = {
        "confidence": {
            "high": 0.8,
            "medium": 0.5,
            "fuzzy_scale": 0.7,
            "min_similarity": 50,
            "manual": 1,
            "suggestions": 3,
        },
        "verbs": [],
        "scope_words": [],
        "unit_groups": [],
    }
    with pytest.raises(InvalidValue, match="give words or a band"):
        read({**base, "rules": [{"indicator": "x", "confidence": 0.5, "reason": "r"}]})
    with pytest.raises(InvalidValue, match="a band rule names no indicator"):
        read(
            {
                **base,
                "rules": [{"indicator": "x", "band": "revenue", "confidence": 0.5, "reason": "r"}],
            }
        )
    with pytest.raises(InvalidValue, match=r"confidence is in \(0, 1\]"):
        read(
            {
                **base,
                "rules": [{"indicator": "x", "metric": ["a"], "confidence": 1.5, "reason": "r"}],
            }
        )


WORDS = [
    "独角兽",
    "瞪羚",
    "小巨人",
    "上市企业",
    "规模",
    "产值",
    "生物医药",
    "国家级",
    "平台",
    "新引进",
    "过50亿元",
    "覆盖率",
    "企业",
    "数量",
    "药品上市批文",
    "人才",
    "孵化器",
    "增速",
]
UNITS = ["家", "户", "个", "件", "亿元", "万元", "%", "人", "倍", "名"]
targets = st.builds(
    T,
    metric=st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map("".join),
    unit=st.sampled_from(UNITS),
    subject=st.one_of(st.none(), st.sampled_from(["全市", "生物医药产业", "企业", "生物经济"])),
    qualifier=st.one_of(st.none(), st.sampled_from(["过10亿元", "超50亿元", "过30亿元"])),
    kind=st.sampled_from(list(TargetKind)),
)


@given(targets)
def test_rule_matches_outrank_fuzzy_ones(target: T) -> None:
    methods = [s.method for s in ranked(target)]
    assert methods == sorted(methods, key=lambda m: m is not MappingMethod.RULE)
    fuzzy = [s.confidence for s in ranked(target) if s.method is MappingMethod.FUZZY]
    assert fuzzy == sorted(fuzzy, reverse=True)


@given(targets)
def test_incompatible_units_are_never_suggested(target: T) -> None:
    catalogue, rules, units = indicator_catalogue(), mapping_rules(), unit_registry()
    for s in ranked(target):
        assert compatible(target, catalogue[s.code].indicator.unit, rules, units)
        assert Decimal(0) < s.confidence <= 1 and s.level is rules.level(s.confidence)


@given(targets, st.sampled_from(["新培育", "新引进", "培育", "新增"]))
def test_a_leading_verb_never_changes_the_suggestions(target: T, verb: str) -> None:
    with_verb = T(verb + target.metric, target.unit, target.subject, target.qualifier, target.kind)
    assert [s.code for s in ranked(with_verb)] == [s.code for s in ranked(target)]
