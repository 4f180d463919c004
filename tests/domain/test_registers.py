"""The registers' pure rules: vocabulary resolution from Chinese names, the date rules, and
what an indicator's ``count:`` selects."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.catalogs import register_vocabulary
from bioecon.domain.registers import (
    Approval,
    Platform,
    PlatformStatus,
    RegisterCount,
    RegisterVocabulary,
    Term,
    approval_problems,
    platform_problems,
)
from bioecon.errors import InvalidValue

VOCABULARY = RegisterVocabulary.from_mapping(register_vocabulary())
DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@given(st.sampled_from(VOCABULARY.platform_types.terms), st.data())
def test_a_type_resolves_from_its_code_name_or_any_alias(term: Term, data: st.DataObject) -> None:
    written = data.draw(st.sampled_from((term.code, term.name, *term.aliases)))
    padding = data.draw(st.sampled_from(["", " ", "\t"]))
    assert VOCABULARY.platform_types.resolve(padding + written + padding) == term.code


def test_levels_resolve_with_or_without_the_suffix_and_unknown_names_list_the_known() -> None:
    # registers.yaml: national 国家级, provincial 省级, municipal 市级
    assert [VOCABULARY.levels.resolve(t) for t in ("国家", "省级", "市", "National")] == [
        "national",
        "provincial",
        "municipal",
        "national",
    ]
    with pytest.raises(InvalidValue, match="未知级别「区级」；可用：国家级、省级、市级"):
        VOCABULARY.levels.resolve("区级")
    assert VOCABULARY.resolve_class("device", "第三类") == "III"
    with pytest.raises(InvalidValue, match="植物新品种权不分类"):
        VOCABULARY.resolve_class("plant_variety", "III")


def platform(approved: date, status: PlatformStatus, revoked: date | None) -> Platform:
    return Platform(
        "P", "平台", "incubator", "national", "X", approved, status=status, revoked_on=revoked
    )


@given(DAYS, st.integers(min_value=-400, max_value=400))
def test_a_revoked_platform_is_revoked_on_or_after_its_designation(
    approved: date, offset: int
) -> None:
    revoked = approved + timedelta(days=offset)
    found = platform_problems(platform(approved, PlatformStatus.REVOKED, revoked))
    assert (found == []) == (offset >= 0)
    assert platform_problems(platform(approved, PlatformStatus.REVOKED, None))[0][0] == "revoked_on"
    assert platform_problems(platform(approved, PlatformStatus.ACTIVE, revoked))[0][0] == "status"
    assert platform_problems(platform(approved, PlatformStatus.ACTIVE, None)) == []


@given(DAYS, st.integers(min_value=-400, max_value=400))
def test_an_approval_is_valid_until_a_day_on_or_after_its_grant(
    approved: date, offset: int
) -> None:
    until = approved + timedelta(days=offset)
    approval = Approval("N", "药", "drug", "H", "X", approved, valid_until=until)
    assert (approval_problems(approval) == []) == (offset >= 0)


def test_a_count_by_category_selects_the_categorys_types() -> None:
    # 创新平台 (innovation): the eight innovation types of registers.yaml
    wanted = RegisterCount.of_platforms(
        {"category": ("innovation",), "level": ("national",)}, VOCABULARY
    )
    assert wanted.values == {
        "level": ("national",),
        "type": (
            "key_laboratory",
            "engineering_research_center",
            "technology_innovation_center",
            "manufacturing_innovation_center",
            "industry_innovation_center",
            "clinical_research_center",
            "enterprise_technology_center",
            "new_rd_institution",
        ),
    }
    # a type outside the category selects nothing
    assert RegisterCount.of_platforms(
        {"category": ("innovation",), "type": ("incubator",)}, VOCABULARY
    ).values == {"type": ()}
    assert RegisterCount.of_approvals({"kind": ("device",), "class": ("III",)}).values == {
        "kind": ("device",),
        "product_class": ("III",),
    }
    with pytest.raises(InvalidValue, match="colour"):
        RegisterCount.of_approvals({"colour": ("red",)})
