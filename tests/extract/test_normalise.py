"""The shadow text: one character for one, traditional script read through OpenCC's table."""

from __future__ import annotations

from bioecon.catalogs import seed_texts
from bioecon.extract.normalise import shadow, traditional_map


def test_traditional_characters_become_simplified_one_for_one() -> None:
    text = "（責任單位：☆經信局、臺州市科技局）培育專精特新企業20個，衞生"
    assert shadow(text) == "(责任单位:☆经信局、台州市科技局)培育专精特新企业20个,卫生"


def test_the_table_is_the_library_table_not_a_hand_list() -> None:
    # the hand list had 133 characters and lacked 責 and 臺; OpenCC's table has thousands
    mapping = traditional_map()
    assert len(mapping) > 4000
    assert all(len(k) == 1 and len(v) == 1 and k != v for k, v in mapping.items())


def test_a_variant_that_is_also_simplified_script_is_left_alone() -> None:
    # TWVariantsRev maps 著 → 着, but 著 is simplified script too (显著, 著作)
    assert shadow("显著提升") == "显著提升"


def test_simplified_plans_keep_every_chinese_character() -> None:
    for text in seed_texts().values():
        view = shadow(text)
        assert [
            (a, b) for a, b in zip(text, view, strict=True) if a != b and "一" <= a <= "鿿"
        ] == []
