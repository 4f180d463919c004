"""Unit names resolved by code, name or alias, and similar names suggested (rapidfuzz), on the
real pairs of 长沙's plan (tests/data/changsha.plan.yaml: CS-RU03 市发展改革委 with the aliases
长沙市发展和改革委员会 and 市发改委) and 金山's (区发改委 in its text)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bioecon.domain.unit_resolution import normalised, resolve, suggest, unknown_unit_message

KNOWN = [
    ("市发展改革委", "CS-RU03"),
    ("长沙市发展和改革委员会", "CS-RU03"),
    ("市发改委", "CS-RU03"),
    ("市科技局", "CS-RU04"),
    ("市工业和信息化局", "CS-RU05"),
    ("区发改委", "JS-RU01"),
]
CODES = ["CS-RU03", "CS-RU04", "CS-RU05", "JS-RU01"]


def test_names_aliases_and_codes_resolve() -> None:
    assert resolve("市发改委", KNOWN, CODES) == "CS-RU03"
    assert resolve(" 长沙市发展和改革委员会 ", KNOWN, CODES) == "CS-RU03"
    assert resolve("市科技局等", KNOWN, CODES) == "CS-RU04"  # 等 ends a list
    assert resolve("CS-RU05", KNOWN, CODES) == "CS-RU05"
    assert resolve("市发改", KNOWN, CODES) is None


def test_suggestions_one_per_unit_best_first() -> None:
    # ratio = 2·(common subsequence)/(sum of lengths): 市发改 vs 市发改委 2·3/7 = 85.7, vs
    # 市发展改革委 2·3/9 = 66.7, vs 区发改委 2·2/7 = 57.1 (< 60, left out) → CS-RU03 once, by
    # its best name
    found = suggest("市发改", KNOWN)
    assert [(s.code, s.name, s.score) for s in found] == [("CS-RU03", "市发改委", 85.7)]
    assert unknown_unit_message("市发改", found) == (
        "未知责任单位「市发改」；是否为：市发改委（CS-RU03）？确认后执行 "
        "bioecon tasks units confirm 市发改 --unit CS-RU03"
    )
    assert suggest("卫健委", KNOWN) == []


@given(st.sampled_from(KNOWN), st.sampled_from(["", " ", "等"]))
def test_every_known_name_resolves_to_its_unit_and_suggests_it_first(
    pair: tuple[str, str], tail: str
) -> None:
    name, code = pair
    assert resolve(name + tail, KNOWN, CODES) == code
    best = suggest(name, KNOWN)[0]
    assert (best.code, best.score) == (code, 100.0) and normalised(best.name) == name
