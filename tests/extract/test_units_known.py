"""Every target the extractor finds has a unit the registry (data/units.yaml) knows, so every
extracted plan file passes the unit check of `plan load`."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bioecon.catalogs import unit_registry
from bioecon.extract.targets import extract_targets

# every registry name, the bare 亿, 万 as a multiplier, and words that are not units at all
WORDS_AFTER_NUMBER = [*unit_registry().names(), "亿", "万", "万家", "年", "月", "次", "级", "倍"]
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=100_000).map(str),
    st.decimals(min_value=0, max_value=1000, places=2).map(str),
    st.sampled_from(["十", "两千", "一百二十", "三"]),
)
SENTENCE = st.tuples(
    st.sampled_from(["到2025年,", "每年", "“十四五”末,", ""]),
    st.sampled_from(["全市产业规模", "新增", "培育", "建成", "引进人才", "按研发投入的"]),
    st.sampled_from(["达到", "突破", "约", "不超过", ""]),
    NUMBERS,
    st.sampled_from(["", "—", "至"]),
    NUMBERS,
    st.sampled_from(WORDS_AFTER_NUMBER),
    st.sampled_from(["", "以上", "左右", "的企业", "级"]),
    st.sampled_from(["。", ",给予资金支持。", "\n"]),
)


@given(st.lists(SENTENCE, min_size=1, max_size=4))
def test_every_extracted_unit_is_in_the_registry(
    sentences: list[tuple[str, str, str, str, str, str, str, str, str]],
) -> None:
    text = "".join(
        lead + metric + verb + low + (dash + high if dash else "") + unit + tail + end
        for lead, metric, verb, low, dash, high, unit, tail, end in sentences
    )
    units = unit_registry()
    unknown = [t.unit for t in extract_targets(text) if t.unit not in units]
    assert unknown == []
