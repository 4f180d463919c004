"""The registry answers what the extractor and the web formatter used to list themselves."""

from __future__ import annotations

import pytest

from bioecon.catalogs import unit_registry

NEW_COUNT_WORDS = ["座", "所", "条", "种", "套", "台", "位"]


@pytest.mark.parametrize("unit", NEW_COUNT_WORDS)
def test_each_count_word_is_a_count_of_its_own(unit: str) -> None:
    units = unit_registry()
    assert units.is_count(unit)
    others = [u for u in [*NEW_COUNT_WORDS, "家", "个"] if u != unit]
    assert all(units.get(unit).dimension != units.get(o).dimension for o in others)


def test_counts_are_counts_and_nothing_else_is() -> None:
    units = unit_registry()
    assert [
        u for u in ("家", "個", "万人", "亿元", "%", "倍", "平方米", "亿") if units.is_count(u)
    ] == [
        "家",
        "個",  # the alias of 个
        "万人",  # 10000 persons, dimension count_ren
    ]


def test_names_are_symbols_and_aliases_longest_first() -> None:
    names = unit_registry().names("money_usd", "ratio")
    # 亿美元 before 美元 so that an alternation tries the longer name first
    assert names == ["万美元", "亿美元", "億美元", "百分比", "美元", "%", "％"]
    assert unit_registry().measures("億元", "money_") and not unit_registry().measures("x", "")
