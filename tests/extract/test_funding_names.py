"""Each funding-rule naming rule (bioecon/extract/funding_names.py) on its own small example,
written in the style of 若干措施 clauses. Rules: docs/extraction.md, "Names"."""

from __future__ import annotations

import pytest

from bioecon.extract.funding_names import beneficiary, is_award
from bioecon.extract.targets import extract_targets


def named(text: str) -> list[tuple[str, str]]:
    found = extract_targets(text)
    for target in found:
        assert text[target.start : target.end] == target.quote
    return [(t.subject, t.metric) for t in found]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # an amount given: <support>金额, to the 对… clause
        (
            "对初次认定为国家高新技术企业的,给予企业20万元奖励。",
            [("初次认定为国家高新技术企业", "奖励金额")],
        ),
        # the words before the giving verb say when or per what it gives
        ("对新开发的一类新药,单品种奖励企业200万元。", [("新开发的一类新药", "奖励金额(单品种)")]),
        (
            "对牵头制定国际标准的企业,当年给予企业100万元奖励。",
            [("牵头制定国际标准的企业", "奖励金额(当年)")],
        ),
        # a share: <support>比例(占<base>), the base after 按/参照/给予; a cap: <support>上限
        (
            "对中药大品种二次开发项目,按其研发实际发生额的20%给予企业奖励,最高奖励不超过50万元。",
            [
                ("中药大品种二次开发项目", "奖励比例(占研发实际发生额)"),
                ("中药大品种二次开发项目", "奖励上限"),
            ],
        ),
        ("前2年给予企业地方财政贡献80%的奖励。", [("全市", "奖励比例(前2年,占地方财政贡献)")]),
    ],
)
def test_a_funding_rule_names_what_is_given_and_to_whom(
    text: str, names: list[tuple[str, str]]
) -> None:
    assert named(text) == names


def test_without_a_dui_clause_the_heading_names_what_is_supported() -> None:
    text = (
        "(一)加强应用性基础研究。支持企业开展应用性基础研究。"
        "按照规定给予不超过总投入30%、最高给予3000万元经费支持。"
    )
    assert named(text) == [
        ("应用性基础研究", "经费支持比例(占总投入)"),
        ("应用性基础研究", "经费支持上限"),
    ]


@pytest.mark.parametrize(
    ("head", "after", "award"),
    [
        ("给予企业", "奖励。", True),  # the support word right after the amount
        ("每项给予", "资助。", True),  # the giving verb right before it
        ("", "的一次性奖励。", True),
        ("全市生物医药产业规模突破", ",新增企业5家。", False),
    ],
)
def test_an_award_is_an_amount_the_plan_gives(head: str, after: str, award: bool) -> None:
    assert is_award(head, after) is award


def test_the_last_dui_clause_before_the_number_is_the_beneficiary() -> None:
    before = "对A类项目,给予10万元奖励;对新列入省级“专精特新”中小企业的,给予企业"
    assert beneficiary(before) == "新列入省级“专精特新”中小企业"
    assert beneficiary("按照规定给予") is None


@pytest.mark.parametrize(
    ("before", "who"),
    [
        # a remark in brackets and a condition with a number are not part of who is given
        (
            "对重点产业新上的工业类项目(不含采矿、矿产品初加工),固定资产投资",
            "重点产业新上的工业类项目",
        ),
        ("对规上工业企业年产值同比增长超过1000万元的,给予企业", "规上工业企业"),
        ("对年度纳税额超过500万元的生产加工型企业,按其", "生产加工型企业"),
        # a blank between Chinese characters is a PDF line break
        ("对规上工业企业年产 值同比增长超过1000万元的,给予企业", "规上工业企业"),
        # 对…的 with the giving verb naming the recipient: the recipient so described
        ("对年度新获得中国质量奖的,当年给予企业", "年度新获得中国质量奖的企业"),
        ("对初次认定为国家高新技术企业的,给予企业", "初次认定为国家高新技术企业"),
    ],
)
def test_the_beneficiary_as_plans_write_it(before: str, who: str) -> None:
    assert beneficiary(before) == who


def test_fenbie_gives_each_coordinated_beneficiary_its_own_number() -> None:
    text = "对初次认定为国家级和省级企业技术中心的,分别给予企业100万元和30万元奖励。"
    assert named(text) == [
        ("初次认定为国家级企业技术中心", "奖励金额"),
        ("初次认定为省级企业技术中心", "奖励金额"),
    ]


@pytest.mark.parametrize(
    ("before", "who"),
    [
        # an article's number before 对
        ("第 4 条 对重点产业新建项目,自实现税收年度起,前2年给予企业", "重点产业新建项目"),
        # without 对: the clause before the giving clause, as it opens the sentence …
        ("新列入省级“专精特新”中小企业,给予企业", "新列入省级“专精特新”中小企业"),
        # … without its 的 …
        ("年度新获得中国质量奖的,给予企业", "年度新获得中国质量奖"),
        # … or what its verb introduces
        ("加快创新平台建设。引育智能终端等重点项目,按照规定给予不超过总投入", "智能终端等重点项目"),
        # a clause in the middle of a sentence, not introduced, names nobody
        ("围绕产业链关键环节,加快技术研发布局,按照规定给予", None),
    ],
)
def test_the_beneficiary_without_dui(before: str, who: str | None) -> None:
    assert beneficiary(before) == who


def test_a_heading_that_names_the_rule_or_an_aim_names_no_beneficiary() -> None:
    # (二)绩效奖励 names the rule, not who is given: the document's jurisdiction is the subject
    text = "(二)绩效奖励\n按照规定给予不超过总投入30%的奖励。"
    assert named(text) == [("全市", "奖励比例(占总投入)")]


def test_the_items_of_a_series_share_their_clause_words() -> None:
    text = "对总部经济项目,分别参照其地方财政贡献的70%、80%和90%给予企业奖励。"
    assert [m for _, m in named(text)] == ["奖励比例(占地方财政贡献)"] * 3
    text = "对进入临床试验的品种,当年分别给予最高100万元、200万元资助。"
    assert [m for _, m in named(text)] == ["资助上限(当年)"] * 2


def test_a_located_condition_is_not_part_of_the_beneficiary() -> None:
    before = "对中药大品种二次开发项目在县域内投产后,按其"
    assert beneficiary(before) == "中药大品种二次开发项目"
    assert beneficiary("对在主板上市企业,给予企业") == "在主板上市企业"


def test_the_nearest_introduced_clause_names_who_is_given() -> None:
    # 引育… two clauses before the rule; the object's own predicate makes a relative phrase
    before = "引育国际性科技组织,开展联合研究等活动,按照规定给予最高500万元的开办经费,并每年给予"
    assert beneficiary(before) == "国际性科技组织"
    before = "支持企业在商用密码应用等领域加大投入,按照规定给予不超过总投入"
    assert beneficiary(before) == "在商用密码应用等领域加大投入的企业"


def test_a_support_word_later_in_the_clause_makes_an_award() -> None:
    assert is_award("并每年给予不超过总运营支出", "、最高200万元的经费支持。")
    assert is_award("按照规定", "、最高200万元的经费支持。")


def test_a_one_off_award_keeps_its_one_off() -> None:
    # 一次性 before the giving verb: each amount of the series is a one-off award
    text = "对新评定为三星级、四星级的酒店,一次性分别给予20万元、50万元奖励。"
    assert [t.metric for t in extract_targets(text)] == ["一次性奖励金额", "一次性奖励金额"]


def test_coordinated_grades_share_the_recipient_and_a_grade_is_no_condition() -> None:
    # 分别 hands each amount to one grade; the head after the last grade (级的旅游景区) and the
    # words before the first (新评定为国家) are shared; 3A/4A name the grade, they are not a
    # numeric condition
    text = "对新评定为国家3A、4A、5A级的旅游景区,分别给予10万元、20万元、50万元奖励。"
    assert [t.subject for t in extract_targets(text)] == [
        "新评定为国家3A级的旅游景区",
        "新评定为国家4A级的旅游景区",
        "新评定为国家5A级的旅游景区",
    ]
    # not grades: the 的-phrase (的酒店) is shared, and the words before the first modifier
    text = "对新评定为三星级、四星级、五星级的酒店,分别给予20万元、50万元、100万元奖励。"
    assert [t.subject for t in extract_targets(text)] == [
        "新评定为三星级的酒店",
        "新评定为四星级的酒店",
        "新评定为五星级的酒店",
    ]


def test_an_amount_before_a_named_programme_is_its_size() -> None:
    # rule book 5: 15億元的「…計劃」 — the programme (in simplified script) is the subject and
    # the amount its 规模; without a name in 「」 the amount is named as before
    text = "政府會推出新一輪15億元的「研究配對補助金計劃」,鼓勵更多機構資助院校研究。"
    assert [(t.subject, t.metric) for t in extract_targets(text)] == [
        ("「研究配对补助金计划」", "规模")
    ]
