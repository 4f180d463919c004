"""Each target pattern on its own small example, written in the style of Chinese plans."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bioecon.catalogs import unit_registry
from bioecon.extract.targets import ExtractedTarget, extract_targets


def one(text: str) -> ExtractedTarget:
    found = extract_targets(text)
    assert len(found) == 1, found
    assert found[0].quote == text[found[0].start : found[0].end]
    return found[0]


def summary(text: str) -> list[tuple[int | None, str, Decimal, Decimal | None, str, str]]:
    return [(t.year, t.op, t.value, t.value_high, t.unit, t.kind) for t in extract_targets(text)]


@pytest.mark.parametrize(
    ("text", "op", "value", "high", "unit"),
    [
        ("到2025年,全市生物经济产业规模达到4000亿元。", "=", 4000, None, "亿元"),
        ("到2025年,产业规模突破两千亿元。", ">=", 2000, None, "亿元"),
        ("到2025年,产业规模超过1,200亿元。", ">=", 1200, None, "亿元"),
        ("到2025年,产值超800亿元,形成集群。", ">=", 800, None, "亿元"),
        ("到2025年,培育10家以上孵化器。", ">=", 10, None, "家"),
        ("到2025年,新增创新平台25个以上。", ">=", 25, None, "个"),
        ("到2025年,研发投入强度不低于3%。", ">=", 3, None, "%"),
        ("到2025年,新增1—2个特色集群。", "range", 1, 2, "个"),
        ("到2025年,新增3-5家龙头企业。", "range", 3, 5, "家"),
        ("到2025年,新增10–20家企业。", "range", 10, 20, "家"),
        ("到2025年,新增3~5家企业。", "range", 3, 5, "家"),
        ("到2025年,新增3～5家企业。", "range", 3, 5, "家"),
        ("到2025年,建设3至5个平台。", "range", 3, 5, "个"),
        ("到2025年,上市企业10家左右。", "~", 10, None, "家"),
        ("到2025年,引进人才约500名。", "~", 500, None, "名"),
        ("到2025年,企业数量达到1.2万家。", "=", 12000, None, "家"),
        ("到2025年,产业规模达到１２００亿元。", "=", 1200, None, "亿元"),
        ("到2025年，產業規模達到1200億元。", "=", 1200, None, "亿元"),
        ("到2025年,培育十家龙头企业。", "=", 10, None, "家"),
        ("到2025年,营业收入达到100亿。", "=", 100, None, "亿元"),
        # a range that repeats its unit
        ("到2025年,研发投入占比达到5%—8%。", "range", 5, 8, "%"),
        ("到2025年,新增3个—5个平台。", "range", 3, 5, "个"),
        # units beyond money, counts and %: as written, in simplified script
        ("到2025年,引进人才达到320万名。", "=", 320, None, "万名"),
        ("到2025年,年接待观众达到4000万人次。", "=", 4000, None, "万人次"),
        ("到2025年,举办讲座50场次。", "=", 50, None, "场次"),
        ("到2025年,建设监测平台5处。", "=", 5, None, "处"),
        ("到2025年,新增地铁列车30列。", "=", 30, None, "列"),
        ("到2025年,年产商业火箭50发。", "=", 50, None, "发"),
        ("到2025年,提供新平整土地约3,300公頃。", "~", 3300, None, "公顷"),
        ("到2025年,建成高标准农田10万亩。", "=", 10, None, "万亩"),
        ("到2025年,粮食产量达到1200万吨。", "=", 1200, None, "万吨"),
        ("到2025年,农机总动力超过10亿千瓦。", ">=", 10, None, "亿千瓦"),
        ("到2025年,研发投入强度提高2个百分点。", "=", 2, None, "个百分点"),
        # units of the development set's second half: grain in 斤, tonnes as 公吨, beds in 张
        ("到2025年,粮食总产量稳定在500亿斤以上。", ">=", 500, None, "亿斤"),
        ("到2025年,新增蔬菜产量800万斤。", "=", 800, None, "万斤"),
        ("到2025年,回收量达到3.3至3.8公噸。", "range", Decimal("3.3"), Decimal("3.8"), "公吨"),
        ("到2025年,新增养老床位2万张。", "=", 2, None, "万张"),
        ("到2025年,发放人才卡500张。", "=", 500, None, "张"),
        ("到2025年,获批上市创新药10款。", "=", 10, None, "款"),
        ("到2025年,完成临床试验病例1000例以上。", ">=", 1000, None, "例"),
        ("到2025年,审评时限压缩至40个工作日以内。", "<=", 40, None, "个工作日"),
        ("到2025年,审查流程压缩至3周以内。", "<=", 3, None, "周"),
    ],
)
def test_amounts_counts_ranges_floors_and_approximations(
    text: str, op: str, value: int, high: int | None, unit: str
) -> None:
    target = one(text)
    assert (target.year, target.op, target.value, target.value_high, target.unit) == (
        2025,
        op,
        Decimal(value),
        Decimal(high) if high is not None else None,
        unit,
    )


def test_doubling_is_a_multiple_of_two() -> None:
    target = one("到2023年,生物产业规模在“十三五”末的基础上实现翻番。")
    assert (target.year, target.op, target.value, target.unit) == (2023, "x", Decimal(2), "倍")
    assert one("到2030年,产值翻两番。").value == Decimal(4)


def test_class_thresholds_qualify_the_count_and_are_not_targets() -> None:
    text = "到2025年,引进培育年主营业务收入过100亿元的骨干企业2—3家,过50亿元的3—5家,培育2家销售收入过50亿元企业。"
    assert summary(text) == [
        # 引进培育 counts the firms that join the class: an increment (issue #10); the list's
        # next item (过50亿元的3—5家) does not repeat the verb but is governed by it (issue #11)
        (2025, "range", Decimal(2), Decimal(3), "家", "increment"),
        (2025, "range", Decimal(3), Decimal(5), "家", "increment"),
        (2025, "=", Decimal(2), None, "家", "level"),  # 培育 alone: not said to be new
    ]
    # the band without the verb; the elided item's band completed from the head of the list
    assert [t.qualifier for t in extract_targets(text)] == [
        "年主营业务收入过100亿元",
        "年主营业务收入过50亿元",
        "销售收入过50亿元",
    ]
    assert summary("培育一批年销售额超过10亿元的生物制造产品。") == []  # a class with no count


def test_grades_enumerations_and_programme_words_are_not_targets() -> None:
    assert summary("打造千亿级生物医药产业集群,建设两大集聚区,实施“七大行动”。") == []
    assert summary("建设溧水生物医药产业园等7个产业集聚区。") == []
    assert summary("成立四个专题协调组。") == []


def test_document_numbers_dates_phones_icp_and_web_leftovers_are_not_targets() -> None:
    text = (
        "根据《规划》(发改高技〔2021〕1850号)制定本方案。\n市人民政府办公厅\n2021年11月10日\n"
        "本文件有效期3年。联系电话:0731-88666666。京ICP备2020035841号-2\n"
        "相关新闻 某药企创新药收入破百亿 对外授权额超40亿美元2024-04-19\n"
    )
    assert summary(text) == []


def test_past_counts_are_not_targets() -> None:
    assert summary("截至2020年底,全市已有生物医药企业1480家,规模以上企业290家。") == []
    assert summary("2020年,全市生物医药产业产值同比增长14%。") == []


def test_year_from_lead_in_heading_and_five_year_plan() -> None:
    text = (
        "(二)主要目标\n到2023年,生物经济成为新的增长点,产业规模达到4000亿元。\n"
        "——创新中心。争创3家以上国家级创新平台。\n"
        "——产业高地。产值超3000亿元。\n"
        "(三)发展目标。\n——产业规模目标:到2023年,规模突破200亿元。\n"
        "——创新能力目标:研发机构覆盖率达到50%以上。\n"
        "——市场主体目标:到“十四五”末期,新培育1-2个独角兽企业。\n"
    )
    assert [(t.year, t.value) for t in extract_targets(text)] == [
        (2023, Decimal(4000)),
        (2023, Decimal(3)),
        (2023, Decimal(3000)),
        (2023, Decimal(200)),
        (None, Decimal(50)),
        (2025, Decimal(1)),
    ]


def test_recurring_targets_and_funding_rules() -> None:
    recurring = one("每年遴选并支持30个左右具有核心竞争力的重点项目。")
    assert (recurring.year, recurring.op, recurring.value, recurring.kind) == (
        None,
        "~",
        Decimal(30),
        "recurring",
    )
    assert recurring.record_kind == "target"
    rules = extract_targets("对遴选出的攻关项目,按照研发投入的15%、最高1000万元给予资金支持。")
    assert [(r.kind, r.op, r.value, r.unit) for r in rules] == [
        ("policy_rule", "=", Decimal(15), "%"),
        ("policy_rule", "<=", Decimal(1000), "万元"),
    ]
    assert [r.record_kind for r in rules] == ["policy_rule", "policy_rule"]


def test_one_number_shared_by_two_things_with_jun_gives_two_targets() -> None:
    found = extract_targets("到2025年,新引进“链主”企业和上市企业均达到10户以上。")
    assert [(t.value, t.op, t.unit) for t in found] == [(Decimal(10), ">=", "户")] * 2
    # both quotes start at 新引进, which governs both things (the gold's shortest quote of the
    # second, 上市企业均达到10户以上, lies inside it and still matches it)
    assert [t.quote for t in found] == ["新引进“链主”企业和上市企业均达到10户以上"] * 2
    # each thing counted is its own, narrowed by the verb (issue #11 naming)
    assert [t.metric for t in found] == ["“链主”企业 数量(新引进)", "上市企业 数量(新引进)"]
    assert [t.kind for t in found] == ["increment", "increment"]
    # no increment verb: the second quote starts at its own thing
    plain = extract_targets("到2025年,链主企业和上市企业均达到10户以上。")
    assert plain[1].quote == "上市企业均达到10户以上" and plain[1].kind == "level"


def test_offsets_are_into_the_original_text_with_full_width_and_traditional_script() -> None:
    text = "前言。\n到２０２５年，產業規模突破２０００億元，上市企業達到３５個。"
    found = extract_targets(text)
    assert [(t.year, t.value, t.unit) for t in found] == [
        (2025, Decimal(2000), "亿元"),
        (2025, Decimal(35), "个"),
    ]
    for target in found:
        assert text[target.start : target.end] == target.quote


@pytest.mark.parametrize(
    "text",
    [
        "登录国有可移动文物1.08亿件。",  # 亿 multiplies 件 here: not 亿元
        "庆祝建园10周年。",  # 周年, not 周
        "服务16周岁以上青年。",  # 周岁
    ],
)
def test_words_that_only_look_like_units_are_not_read(text: str) -> None:
    assert extract_targets(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("到2025年,产业规模翻一番。", 2),
        ("到2025年,产业规模翻番。", 2),
        ("到2025年,产值比2020年翻两番。", 4),
        ("到2027年,全球首发产品实现倍增。", 2),
        ("于2023年底前,鼠患黑点数目至少减半。", Decimal("0.5")),
    ],
)
def test_doubling_words_are_multiples(text: str, value: Decimal) -> None:
    target = one(text)
    assert (target.op, target.value, target.unit) == ("x", value, "倍")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # in the line: 于…年底前, a year written with spaces, 十四五末 without 到
        ("於 2023 年底前消除至少75%的黑點。", 2023),
        ("“十四五”末生物经济增加值超过5000亿元。", 2025),
        # a heading that governs the line, several lines and one level up
        ("一、2017年经济社会发展的主要任务\n(一)稳增长\n扩大投资。\n城镇新增就业70万人。", 2017),
        # the title's horizon when nothing nearer dates the target
        ("生物医药产业行动计划(2023—2025年)\n一、任务\n新增企业30家。", 2025),
        ("湖北省文物事业发展\n“十四五”规划\n一、指标\n新增博物馆30个。", 2025),
        ("2024年《政府工作报告》重点工作目标任务分解表\n新增托位数400个以上。", 2024),
        # a 香港 fiscal-year range ends in the calendar year its last year ends
        ("在未來十年(2023-24 至 2032-33 年度)依時提供約 3,300 公頃新平整土地。", 2033),
        # a deadline after the number, in its sentence
        ("选取255公顷土地进行可行性研究,以期在2024年或之前改划第一批用地。", 2024),
        # a start year and a span stated in the text
        ("一、总体目标\n1.目标。2012年起5年内,集聚人才。\n二、行动\n培养100名优秀企业家。", 2016),
    ],
)
def test_deadline_years_from_the_line_a_heading_or_the_horizon(text: str, year: int) -> None:
    assert one(text).year == year


@pytest.mark.parametrize(
    "text",
    [
        "中共某县委 某县人民政府\n关于支持重点产业发展的实施意见\n(2023年2月8日)\n新增企业30家。",
        "在“十三五”末的基础上,产业规模增长50%。",
    ],
)
def test_a_date_or_a_base_is_not_a_deadline(text: str) -> None:
    assert one(text).year is None


@pytest.mark.parametrize(
    "text",
    [
        "第 1 0 条 对新引进的项目给予支持。",
        "重大项目可在第2条基础上实行一事一议。",
        "方案提出5项重点任务。",
        "高新区出台10条举措支持生物医药产业发展。",
        "施政报告列110项KPI。",
        "共有三个方面11项措施。",
    ],
)
def test_numbers_that_count_the_document_itself_are_not_targets(text: str) -> None:
    assert extract_targets(text) == []


def test_an_eligibility_condition_selects_who_gets_the_rule_and_is_no_target() -> None:
    text = (
        "对工业类项目,固定资产投资1000万元及以上且亩均投资强度不低于200万元的,"
        "按固定资产投资的5%—20%给予企业奖励。"
    )
    (rule,) = extract_targets(text)
    assert (rule.op, rule.value, rule.value_high, rule.unit) == (
        "range",
        Decimal(5),
        Decimal(20),
        "%",
    )


@pytest.mark.parametrize(
    ("text", "op", "value"),
    [
        ("对揭榜项目给予最高1000万元的一次性奖励。", "<=", 1000),
        ("对新认定的总部企业给予5000万元的一次性奖励。", "=", 5000),
        ("设立总规模不低于1亿元的重点产业发展引导资金。", ">=", 1),
        ("可申请最高不超过15万元的创业担保贷款。", "<=", 15),
    ],
)
def test_an_amount_of_support_before_its_noun_is_not_a_threshold(
    text: str, op: str, value: int
) -> None:
    target = one(text)
    assert (target.op, target.value) == (op, Decimal(value))


def test_fenbie_distributes_the_comparison_over_its_list() -> None:
    text = "到2025年,生物医药和生物制造产业规模分别超过350亿元和200亿元。"
    assert summary(text) == [
        (2025, ">=", Decimal(350), None, "亿元", "level"),
        (2025, ">=", Decimal(200), None, "亿元", "level"),
    ]


@pytest.mark.parametrize(
    ("text", "op", "value", "unit"),
    [
        ("到2025年,新增企业100余家。", ">=", 100, "家"),
        ("到2025年,建成50多个平台。", ">=", 50, "个"),
        ("到2025年,引进近50家企业。", "~", 50, "家"),
        ("到2025年,引进近百家企业。", "~", 100, "家"),
        ("到2025年，引進近百家企業。", "~", 100, "家"),
    ],
)
def test_approximate_numbers_with_yu_duo_jin(text: str, op: str, value: int, unit: str) -> None:
    target = one(text)
    assert (target.op, target.value, target.unit) == (op, Decimal(value), unit)


def test_an_annual_rate_has_no_year_beside_a_level_that_keeps_its_own() -> None:
    text = "到2025年,核心产业产值达到500亿元、年均增长15%。"
    assert [(t.year, t.value, t.unit) for t in extract_targets(text)] == [
        (2025, Decimal(500), "亿元"),
        (None, Decimal(15), "%"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "到2025年,单位地区生产总值能耗年均下降3.5%。",
        "到2025年,单位工业增加值用水量年均降低4%。",
    ],
)
def test_an_annual_fall_is_a_recurring_rate_like_an_annual_growth(text: str) -> None:
    target = one(text)
    assert (target.year, target.unit) == (None, "%")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("对接待游客的民宿,给予5元/人/夜的奖励。", 5, "元/人/夜"),
        ("对入驻企业,支持金额不超过300万元/年。", 300, "万元/年"),
        ("到2025年,全员劳动生产率达到40万元/ 人年。", 40, "万元/人年"),
    ],
)
def test_a_rate_unit_is_read_whole_with_its_per_parts(text: str, value: int, unit: str) -> None:
    target = one(text)
    assert (target.value, target.unit) == (Decimal(value), unit)
    # a registry unit, so that `bioecon plan load` accepts the extracted plan
    assert unit_registry().measures(target.unit, "money_cny_per_")


def test_nian_jun_is_not_jun_shared_by_a_list() -> None:
    text = "到2025年,生物医药和生物制造等核心产业增加值年均增长10%左右。"
    assert len(extract_targets(text)) == 1


def test_a_threshold_coordinated_with_another_attribute_is_not_a_target() -> None:
    text = "到2027年,培育年产值超100亿元、具备较强国际竞争力的龙头企业2家。"
    target = one(text)
    assert (target.value, target.unit, target.qualifier) == (Decimal(2), "家", "年产值超100亿元")


def test_the_base_of_a_funding_rule_is_not_the_past() -> None:
    text = "对参保企业,按其上年度实际缴纳失业保险费的50%给予返还。"
    assert one(text).value == Decimal(50)


def test_a_base_year_right_before_the_number_is_not_its_deadline() -> None:
    assert one("到2025年,产值比2020年翻两番。").year == 2025


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2025年，甲和乙產業規模分別超過350億元和200億元。",
            [(2025, ">=", 350, "亿元"), (2025, ">=", 200, "亿元")],
        ),
        (
            "到2025年，產值達到500億元、年均增長15%。",
            [(2025, "=", 500, "亿元"), (None, "=", 15, "%")],
        ),
        ("到2027年，全球首發產品實現倍增。", [(2027, "x", 2, "倍")]),
        (
            "到2025年，新增企業100餘家、平臺50多個。",
            [(2025, ">=", 100, "家"), (2025, ">=", 50, "个")],
        ),
        ("生物醫藥行動計劃（2023—2025年）\n新增專案3—5項。", [(2025, "range", 3, "项")]),
        ("方案提出5項重點任務。", []),
    ],
)
def test_traditional_script_throughout_with_simplified_units(
    text: str, expected: list[tuple[int | None, str, int, str]]
) -> None:
    found = extract_targets(text)
    assert [(t.year, t.op, t.value, t.unit) for t in found] == [
        (year, op, Decimal(value), unit) for year, op, value, unit in expected
    ]
    assert all(t.quote == text[t.start : t.end] for t in found)


@pytest.mark.parametrize(
    ("text", "ops"),
    [
        ("按照规定给予不超过总投入30%、最高3000万元的经费支持。", ["<=", "<="]),
        ("医保基金按不低于采购金额的30%提前预付给医疗机构。", [">="]),
        ("于2023年底前消除至少75%的黑点。", [">="]),
        ("对完成临床I、II期研究的,分别给予最高100万元、200万元资助。", ["<=", "<="]),
        ("按规上工业企业年产值同比增长超出额0.5%给予奖励。", ["="]),
    ],
)
def test_comparisons_before_a_base_and_after_fenbie(text: str, ops: list[str]) -> None:
    assert [t.op for t in extract_targets(text)] == ops


def test_a_class_threshold_without_a_count_is_no_target() -> None:
    assert extract_targets("到2025年,培育10亿元以上企业。") == []
    (count,) = extract_targets("到2025年,培育10亿元以上企业5家。")
    assert (count.value, count.unit, count.qualifier) == (Decimal(5), "家", "10亿元")
    assert [t.value for t in extract_targets("到2025年,产业规模达到100亿元以上。")] == [100]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("政策奖励在项目正常运营满6个月后兑现。", 0),
        ("新建重点产业项目在12个月内开工建设。", 0),
        ("自印发之日起30天内完成备案。", 0),
        ("力争将第二类医疗器械审评时限压缩至40个工作日以内。", 1),
        ("返还标准可按6个月的当地月人均失业保险金确定。", 1),
    ],
)
def test_a_time_limit_is_a_target_only_when_the_plan_commits_to_it(text: str, count: int) -> None:
    assert len(extract_targets(text)) == count


def test_a_list_total_is_no_target_but_a_list_of_targets_is() -> None:
    assert extract_targets("选择北京、天津、上海、重庆4个城市开展试点。") == []
    text = "5年内选拔认定教育专家10名、名校长100名、名教师200名。"
    assert [t.value for t in extract_targets(text)] == [10, 100, 200]


@pytest.mark.parametrize(
    "text",
    [
        "对初次认定为国家高新技术企业的,给予企业30万元奖励。",
        "分别参照其地方财政贡献的70%、80%和90%给予企业奖励。",
        "对参保企业,可返还其上年度实际缴纳失业保险费的50%。",
        "可申请最高不超过300万元的创业担保贷款。",
    ],
)
def test_amounts_and_shares_of_support_are_funding_rules(text: str) -> None:
    found = extract_targets(text)
    assert found and all(t.record_kind == "policy_rule" and t.year is None for t in found)


def test_a_bare_number_in_a_list_names_the_measure_of_the_one_before() -> None:
    text = "对总部经济项目,分别参照其地方财政贡献的70%、80%和90%给予企业奖励。"
    metrics = [t.metric for t in extract_targets(text)]
    assert len(metrics) == 3 and metrics[0] and metrics == [metrics[0]] * 3


def test_a_chinese_count_after_jianshe_and_a_floor_before_the_verb() -> None:
    target = one("每个地(市、州、盟)原则上至少建设一所中等职业学校。")
    assert (target.op, target.value, target.unit) == (">=", Decimal(1), "所")
    assert one("到2025年,产业规模突破2000亿元。").op == ">="


def test_an_award_condition_is_not_a_target_but_the_award_and_a_plain_floor_are() -> None:
    # award_condition: 5家以上 in the 对… clause says who is rewarded; 2000元 is the award (a
    # funding rule, no year); 10%, after 按…的, is the award's share; 10家以上 followed by a
    # clause without an award word is a target (2025, >=)
    assert summary("对一个行政村建设标准化民宿5家以上的每间奖励2000元。") == [
        (None, "=", Decimal(2000), None, "元", "policy_rule")
    ]
    assert summary("对引进企业按投资额的10%给予奖励。") == [
        (None, "=", Decimal(10), None, "%", "policy_rule")
    ]
    assert summary("到2025年,培育企业10家以上,形成产业集群。") == [
        (2025, ">=", Decimal(10), None, "家", "level")
    ]


def test_a_blank_grouping_thousands_is_part_of_the_number() -> None:
    # 30 000個 (香港 style): 30000 个, op ~ from 約; 2025 年 100 家 is not one number (four
    # digits before the blank) — 100 家 alone
    assert summary("政府會在五年內興建約 30 000個單位。") == [
        (None, "~", Decimal(30000), None, "个", "level")
    ]
    assert [t.value for t in extract_targets("到2025 年 100 家企业上市。")] == [Decimal(100)]
