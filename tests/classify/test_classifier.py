"""Classification of each 生物产业 sub-category by code and by scope text, and the rules between."""

from __future__ import annotations

from pathlib import Path

import pytest

from bioecon.classify.classifier import Classifier
from bioecon.classify.tables import load_tables
from bioecon.errors import InvalidInput

TABLES = load_tables()
CLASSIFIER = Classifier(TABLES)
THIRD_LEVEL = [code for code in TABLES.categories if code.count(".") == 2]
# codes that map to exactly one category in the shipped candidate table
UNIQUE_CODES = {
    code: mappings[0].category
    for code, mappings in TABLES.by_code.items()
    if len({m.category for m in mappings}) == 1
}


def test_structure_has_its_25_third_level_categories() -> None:
    # 4.1: 5, 4.2: 5, 4.3: 6, 4.4: 3, 4.5: 6 (the "26" miscounts the reference table)
    assert len(THIRD_LEVEL) == 25 and TABLES.categories["4.1.1"].name == "生物药品制品制造"
    assert TABLES.mapping_source.startswith("sei2018_bio_gbt4754_CANDIDATE.csv sha256:")


@pytest.mark.parametrize(("industry_code", "category"), sorted(UNIQUE_CODES.items()))
def test_each_mapped_code_classifies_by_code(industry_code: str, category: str) -> None:
    result = CLASSIFIER.classify(industry_code, "")
    assert (result.category, result.basis, result.matched) == (category, "code", industry_code)


@pytest.mark.parametrize("category", THIRD_LEVEL)
def test_each_category_classifies_by_scope_text(category: str) -> None:
    keyword = TABLES.keywords[category][0]
    result = CLASSIFIER.classify(
        None, f"许可项目：{keyword}（依法须经批准的项目，经相关部门批准后方可开展经营活动）"
    )
    assert (result.category, result.basis) == (category, "scope"), keyword
    assert keyword in result.matched


def test_every_category_is_reachable_by_code_or_scope() -> None:
    by_code = {m.category for mappings in TABLES.by_code.values() for m in mappings}
    assert set(THIRD_LEVEL) <= by_code | set(TABLES.keywords)


def test_ambiguous_codes_are_resolved_by_scope_and_fall_back_to_confidence() -> None:
    # 7452 检测服务 maps to 4.1.5 and 4.2.5
    assert CLASSIFIER.classify("7452", "医学检验服务").category == "4.2.5"
    assert CLASSIFIER.classify("7452", "药物安全性评价").category == "4.1.5"
    assert CLASSIFIER.classify("7452", "").basis == "code"
    both = CLASSIFIER.classify("2761", "疫苗研发、生物制品生产")
    assert (both.category, both.basis, both.matched) == ("4.1.1", "both", "2761|生物制品;疫苗")


def test_sales_alone_and_unrelated_firms_are_not_bio_economy() -> None:
    assert CLASSIFIER.classify("5251", "第二类医疗器械销售；日用百货销售").basis == "none"
    assert CLASSIFIER.classify(None, None).category is None


def test_a_users_official_table_replaces_the_candidate(tmp_path: Path) -> None:
    official = tmp_path / "official.csv"
    official.write_text(
        "status,sei_code,sei_name,gbt4754_2017_code,gbt4754_2017_name,partial_star_in_official_table,confidence,basis\n"
        "official,4.5.3,生物酶等发酵制品制造,1495,食品及饲料添加剂制造,no,high,NBS\n",
        encoding="utf-8",
    )
    replaced = Classifier(load_tables(official))
    assert replaced.classify("1495", "").category == "4.5.3"
    assert replaced.classify("2761", "").basis == "none"  # only the user's table counts now
    assert replaced.tables.mapping_source.startswith("official.csv sha256:")
    broken = tmp_path / "broken.csv"
    broken.write_text("sei_code,gbt4754_2017_code\n4.1.1,2761\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_tables(broken)
    assert "header: missing column(s): status, sei_name" in caught.value.report()
