"""Title, period, region and code read from a plan text (bioecon/extract/plan_meta.py; rules
in docs/onboarding.md). Expected values are read off the texts by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.catalogs import divisions, seed_texts
from bioecon.errors import InvalidInput
from bioecon.extract.plan_meta import (
    document_title,
    match_region,
    plan_code,
    plan_period,
    read_plan_meta,
    region_chain,
)

SEEDS = seed_texts()


@pytest.mark.parametrize(
    ("seed", "title"),
    [
        # 长沙's text starts with its preamble: no head line names the document
        ("000_0d856e524a942849.txt", None),
        # the notice's 《》 (line 1), not the issuer line
        ("001_e766b8f781ed4268.txt", "国家火炬天门生物医药特色产业基地建设工作方案"),
        # a notice title broken over two lines, joined and unwrapped from 关于印发…的通知
        ("002_1431890bb6d75dd0.txt", "南京市生物经济发展三年行动计划(2021—2023年)"),
        ("003_49cf48505f772831.txt", "金山区加快推进生物制造产业高质量发展的实施意见"),
        # a press article: 解读《…》
        ("004_521b00e2c204dbfd.txt", "长春市生物医药和生命健康产业三年突破行动计划"),
    ],
)
def test_the_seed_titles(seed: str, title: str | None) -> None:
    assert document_title(SEEDS[seed]) == title


@pytest.mark.parametrize(
    ("seed", "code", "chain", "period"),
    [
        # no title: 长沙 is the city the body names most often (16×; 湖南 33× is a province,
        # named as context, 湖南湘江新区); 到2025年 is the last deadline; no date line
        ("000_0d856e524a942849.txt", "changsha-2025", ["430000", "430100"], (None, 2025)),
        # 天门 (a county-level city under 湖北省) from the title; issued 2021年11月10日, 到2023年
        ("001_e766b8f781ed4268.txt", "tianmen-2021-2023", ["420000", "429006"], (2021, 2023)),
        ("002_1431890bb6d75dd0.txt", "nanjing-2021-2023", ["320000", "320100"], (2021, 2023)),
        # 金山区 (上海's 市辖区 row is left out); issued 2023年10月11日, 到2030年 the last
        ("003_49cf48505f772831.txt", "jinshan-2023-2030", ["310000", "310116"], (2023, 2030)),
        # the article's date line "- 2024-04-19 08:54:17"; 到2025年
        ("004_521b00e2c204dbfd.txt", "changchun-2024-2025", ["220000", "220100"], (2024, 2025)),
    ],
)
def test_the_seed_regions_periods_and_codes(
    seed: str, code: str, chain: list[str], period: tuple[int | None, int | None]
) -> None:
    meta = read_plan_meta(SEEDS[seed])
    assert meta.code == code
    assert [u.code for u in meta.org_units] == chain and meta.region == chain[-1]
    assert (meta.horizon_start, meta.horizon_end) == period


def test_a_district_in_the_title_wins_over_its_city() -> None:
    title = "南京市鼓楼区生物医药产业行动计划"
    chain = match_region([title], title, divisions())
    assert [u.code for u in chain] == ["320000", "320100", "320106"]


def test_an_ambiguous_district_is_resolved_by_a_city_named_in_the_body() -> None:
    text = "鼓楼区生物医药产业行动计划\n立足福州都市圈，建设……"
    assert match_region([text.splitlines()[0]], text, divisions())[-1].code == "350102"


def test_an_ambiguous_district_alone_is_refused() -> None:
    text = "朝阳区生物医药产业行动计划"
    with pytest.raises(InvalidInput) as caught:
        match_region([text], text, divisions())
    # 朝阳区 of 北京市 (110105) and of 长春市 (220104)
    assert "110105 北京市朝阳区" in caught.value.report()
    assert "220104 吉林省长春市朝阳区" in caught.value.report()


def test_a_text_naming_no_region_is_refused() -> None:
    with pytest.raises(InvalidInput, match="region"):
        read_plan_meta("某地生物医药行动计划\n到2025年,产业规模突破100亿元。")


def test_a_given_region_and_code_override_the_text() -> None:
    meta = read_plan_meta("南京市生物医药行动计划（2024—2026年）", region="320106", code="x")
    assert (meta.code, meta.region) == ("x", "320106")
    assert read_plan_meta("某园区行动计划（2024—2026年）", region="TM-KFQ").code == (
        "tm-kfq-2024-2026"  # an org unit that is no division: its code, lower-cased
    )


DASHES = st.sampled_from(["—", "–", "-", "－", "～", "至", "——"])
BRACKETS = st.sampled_from([("（", "）"), ("(", ")")])


@given(st.integers(2000, 2099), st.integers(0, 10), DASHES, BRACKETS)
def test_a_period_in_the_title_is_the_plan_period(
    start: int, length: int, dash: str, brackets: tuple[str, str]
) -> None:
    end = min(start + length, 2099)
    title = f"某市生物经济发展行动计划{brackets[0]}{start}{dash}{end}年{brackets[1]}"
    # the body's deadlines do not override the title's period
    assert plan_period(title, "到2099年,……", [2098]) == (start, end)


@given(st.integers(2000, 2099))
def test_without_a_start_a_three_year_plan_ends_at_its_last_deadline(end: int) -> None:
    # no date line, no range: 三年 in the title counts back from 到<end>年 (end−2 … end)
    assert plan_period("某市三年行动计划", f"到{end}年,……") == (end - 2, end)


NAMES = st.text(alphabet="生物医药经济产业高质量发展创新集群", min_size=2, max_size=20)
HEADERS = st.lists(
    st.sampled_from(
        [
            "SOURCE: http://www.example.gov.cn/a.html",
            "发布时间：2024-03-15 10:30",
            "字号：大 中 小",
            "2024年3月12日",
            "索引号：11340100/2024-00012",
        ]
    ),
    max_size=4,
)


@given(HEADERS, NAMES, st.sampled_from(["行动计划", "实施方案", "发展规划", "若干措施"]))
def test_the_title_is_the_named_document_whatever_the_header(
    header: list[str], name: str, kind: str
) -> None:
    title = f"合肥市{name}{kind}"
    text = "\n".join([*header, f"合肥市人民政府关于印发《{title}》的通知", "各区人民政府："])
    assert document_title(text) == title


@given(st.integers(2000, 2099), st.integers(0, 10))
def test_the_code_is_region_and_period(start: int, length: int) -> None:
    chain = region_chain("320100", divisions())  # 南京市
    assert plan_code(chain, (start, start + length), divisions()) == (
        f"nanjing-{start}-{start + length}"
    )


def test_a_plan_in_traditional_script_is_matched_and_dated() -> None:
    # 長沙市 is 长沙市 (430100); the full-width year range reads as (2024—2026)
    meta = read_plan_meta(
        "SOURCE: http://x\n長沙市生物醫藥產業發展行動計劃（２０２４—２０２６年）\n正文"
    )
    assert (meta.code, meta.title) == (
        "changsha-2024-2026",
        "長沙市生物醫藥產業發展行動計劃（２０２４—２０２６年）",
    )


def test_a_title_may_start_with_a_year() -> None:
    # a date line is skipped, a title that starts with its year is not
    text = "2024年3月1日\n2024年合肥市生物医药产业发展工作要点\n一、……"
    assert document_title(text) == "2024年合肥市生物医药产业发展工作要点"
