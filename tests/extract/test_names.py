"""Each naming rule (metric, subject, quote, verb) on its own small example, written in the
style of Chinese plans (not taken from the seeds). Rules: docs/extraction.md, "Names"."""

from __future__ import annotations

import pytest

from bioecon.domain.model import TargetKind
from bioecon.extract.coordination import coordinated, distributed_place
from bioecon.extract.evaluate import name_overlap
from bioecon.extract.names import document_subject, tail_noun, written_jurisdiction
from bioecon.extract.targets import ExtractedTarget, extract_targets


def named(text: str) -> list[tuple[str, str]]:
    found = extract_targets(text)
    for target in found:
        assert text[target.start : target.end] == target.quote
    return [(t.subject, t.metric) for t in found]


def one(text: str) -> ExtractedTarget:
    (found,) = extract_targets(text)
    assert text[found.start : found.end] == found.quote
    return found


@pytest.mark.parametrize(
    ("text", "subject", "metric"),
    [
        # split after the subject's last head word (产业, 企业, 经济 …); 产业规模 is one term
        ("到2025年,全省生物医药产业规模达到3000亿元。", "全省生物医药产业", "产业规模"),
        ("到2025年,海洋生物产业增加值突破200亿元。", "海洋生物产业", "增加值"),
        ("到2025年,规上企业研发投入强度达到3%。", "规上企业", "研发投入强度"),
        # no head word: split before the measure
        ("到2025年,其中生物基纤维产值达到90亿元。", "生物基纤维", "产值"),
        # words between the measure and the verb: a parenthesis
        (
            "到2027年,合成生物产业规模在2022年的基础上实现翻番。",
            "合成生物产业",
            "产业规模(在2022年的基础上)",
        ),
    ],
)
def test_an_amount_names_its_measure_and_its_subject(text: str, subject: str, metric: str) -> None:
    assert named(text) == [(subject, metric)]


def test_a_short_generic_head_is_part_of_the_metric_and_the_label_is_the_subject() -> None:
    # 渔业 (two characters) is not a subject of its own; the label before the sentence is
    text = "东湖片区:发展现代渔业和水产种业,到2025年,渔业总产值达到80亿元。"
    assert named(text) == [("东湖片区", "渔业总产值")]


@pytest.mark.parametrize(
    ("text", "metric", "quote"),
    [
        # the noun between the verb and the number
        ("到2025年,新增省级以上企业技术中心15个。", "省级以上企业技术中心 新增数", None),
        # the noun after the number: the quote runs on over it
        (
            "到2025年,新培育3—5个国家级专精特新“小巨人”企业。",
            "国家级专精特新“小巨人”企业 新培育数",
            "新培育3—5个国家级专精特新“小巨人”企业",
        ),
        # the plan names the count itself
        ("到2025年,上市企业数量达到20家。", "上市企业数量", None),
        # a verb that only gathers: 数量; people: 人数
        ("到2025年,建成公共服务平台12个。", "公共服务平台 数量", None),
        ("到2025年,集聚高层次人才500名。", "高层次人才 人数", None),
        # a verb inside the noun phrase modifies it and is not the count's verb
        ("到2025年,在园区孵化毕业的科技企业超过300家。", "在园区孵化毕业的科技企业 数量", None),
    ],
)
def test_a_count_names_the_counted_noun_and_its_verb(
    text: str, metric: str, quote: str | None
) -> None:
    target = one(text)
    assert target.metric == metric
    if quote is not None:
        assert target.quote == quote


def test_a_scope_before_the_noun_is_the_subject() -> None:
    assert named("到2025年,全省生物医药领域高新技术企业达到800家。") == [
        ("全省生物医药领域", "高新技术企业 数量")
    ]


def test_an_elided_item_takes_the_band_measure_the_noun_and_the_verb_of_the_head() -> None:
    found = extract_targets("到2026年,引进培育年营业收入过30亿元的链主企业2家,过10亿元的5家。")
    assert [(t.metric, t.qualifier, t.kind) for t in found] == [
        ("年营业收入过30亿元的链主企业 数量(引进培育)", "年营业收入过30亿元", TargetKind.INCREMENT),
        ("年营业收入过10亿元的链主企业 数量(引进培育)", "年营业收入过10亿元", TargetKind.INCREMENT),
    ]
    assert [t.quote for t in found] == ["引进培育年营业收入过30亿元的链主企业2家", "过10亿元的5家"]


def test_an_item_with_its_own_noun_but_no_verb_takes_the_verb() -> None:
    found = extract_targets("到2025年,获得新药证书5个以上,二类医疗器械注册证40件以上。")
    assert [t.metric for t in found] == ["新药证书 获得数", "二类医疗器械注册证 获得数"]


def test_the_noun_after_a_number_stops_at_the_next_number() -> None:
    found = extract_targets("到2025年,新增3个中试基地和5个公共服务平台。")
    assert [(t.metric, t.quote, t.kind) for t in found] == [
        ("中试基地 新增数", "新增3个中试基地", TargetKind.INCREMENT),
        ("公共服务平台 新增数", "5个公共服务平台", TargetKind.INCREMENT),
    ]


def test_a_class_threshold_after_the_number_qualifies_the_count() -> None:
    target = one("到2025年,培育3家年产值超20亿元企业。")
    # 培育 counts the level of fostered firms: 数量(培育), as the seed gold writes 001-05
    assert (target.metric, target.qualifier) == ("年产值超20亿元企业 数量(培育)", "年产值超20亿元")


def test_jun_gives_each_thing_its_own_metric_with_the_shared_verb() -> None:
    found = extract_targets("到2025年,新认定高新技术企业和科技型中小企业均达到200家。")
    assert [t.metric for t in found] == [
        "高新技术企业 数量(新认定)",
        "科技型中小企业 数量(新认定)",
    ]


def test_subject_from_the_opening_clause_of_the_sentence() -> None:
    text = "到2025年,海洋经济领域龙头企业带动作用更加明显,新培育瞪羚企业30家。"
    assert named(text) == [("海洋经济领域", "瞪羚企业 新培育数")]


def test_subject_from_a_label_but_not_from_a_programme_name() -> None:
    assert named("经开区:聚焦生物发酵,到2025年,产业规模达到600亿元。") == [("经开区", "产业规模")]
    # “三百” names a programme; nothing else names a subject: the document default
    assert named("“三百”:到2025年,新增规上企业100家。") == [("全市", "规上企业 新增数")]


def test_subject_from_the_heading_when_it_names_a_place_or_a_body() -> None:
    text = "2.打造合成生物创新中心。集聚研发资源,到2025年,新增研发机构20家。"
    assert named(text) == [("合成生物创新中心", "研发机构 新增数")]
    # a heading that names an action, not a body, names no subject
    assert named("3.加强人才支撑。到2025年,新增技能人才2000人。") == [("全市", "技能人才 新增数")]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("关于印发《江城市生物制造产业发展行动方案》的通知\n全市…", "全市生物制造产业"),
        ("《东山区加快推进生命健康产业高质量发展的实施意见》\n全区…", "全区生命健康产业"),
        ("《西陵县生物农业三年行动计划(2024—2026年)》全县…", "全县生物农业"),
        # a plan that never says 全市 names itself
        ("《上海市促进高端医疗器械产业全链条发展行动方案》\n上海…", "上海高端医疗器械产业"),
        # a verb of the title before the first 产业 ends the industry
        ("《江城市促进商业航天发展打造空间信息产业高地行动计划》全市", "全市商业航天"),
        # a national plan quoted in the preamble is not the document's own title
        ("为贯彻《“十四五”生物经济发展规划》,制定本方案。", "全市"),
    ],
)
def test_document_subject_from_the_title(text: str, subject: str) -> None:
    assert document_subject(text) == subject


def test_the_document_subject_is_the_last_resort() -> None:
    text = (
        "《江城市生物制造产业发展行动方案》\n全市各部门:\n一、目标\n到2025年,新增技能人才2000人。\n"
    )
    assert named(text) == [("全市生物制造产业", "技能人才 新增数")]


def test_name_overlap_is_a_character_bag_f1() -> None:
    # 上市企业数量(新引进): 11 characters; 上市企业新引进数: 8; all 8 in common → 2·8/19
    assert name_overlap("上市企业 数量(新引进)", "上市企业 新引进数") == pytest.approx(16 / 19)
    # 产业规模 / 规模: 2 in common of 4 + 2 → 4/6
    assert name_overlap("产业规模", "规模") == pytest.approx(4 / 6)
    assert name_overlap("全市", "湘江新区") == 0.0
    assert name_overlap("", "") == 1.0


def test_a_scope_never_swallows_the_verb() -> None:
    # 新获得…领域…: the 领域 follows the verb, so it is part of the counted noun
    (target,) = extract_targets("到2025年,新获得生物农业领域植物新品种权60件以上。")
    assert (target.subject, target.metric) == ("全市", "生物农业领域植物新品种权 新获得数")


def test_a_locative_predicate_after_the_noun_is_its_own_verb() -> None:
    # 5家以上企业在境内外资本市场上市: not governed by the 新增 before it
    found = extract_targets("到2025年,新增规上企业20家,5家以上企业在境内外资本市场上市。")
    assert [(t.metric, t.kind) for t in found] == [
        ("规上企业 新增数", TargetKind.INCREMENT),
        ("在境内外资本市场上市的企业 数量", TargetKind.LEVEL),
    ]


def test_before_a_comparison_only_a_counting_verb_is_a_verb() -> None:
    assert one("到2025年,入驻企业达到150家。").metric == "入驻企业 数量"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a subject carries over to the later targets of its sentence
        (
            "到2025年,全省生物医药产业规模突破3000亿元,新增国家级创新平台10个。",
            [("全省生物医药产业", "产业规模"), ("全省生物医药产业", "国家级创新平台 新增数")],
        ),
        # … but not past a ；: the 其中 clause's subject stays there, the opening clause's holds
        (
            "到2025年,全省生物产业综合实力显著增强,其中生物农业产值达到300亿元;建成中试基地5个。",
            [("生物农业", "产值"), ("全省生物产业", "中试基地 数量")],
        ),
        # a funding rule names the support and its beneficiary, the clause 对…, anywhere
        (
            "对新认定的省级重点实验室,按照建设投入的20%、最高300万元给予补助。",
            [
                ("新认定的省级重点实验室", "补助比例(占建设投入)"),
                ("新认定的省级重点实验室", "补助上限"),
            ],
        ),
        (
            "设立专项资金,对新获批的国家级平台,按照项目投资的10%、最高200万元给予奖励。",
            [("新获批的国家级平台", "奖励比例(占项目投资)"), ("新获批的国家级平台", "奖励上限")],
        ),
    ],
)
def test_two_targets_of_one_sentence(text: str, names: list[tuple[str, str]]) -> None:
    assert named(text) == names


@pytest.mark.parametrize(
    ("text", "subject", "metric"),
    [
        # a leading jurisdiction is the subject; the rest names the rate itself
        ("到2025年,全国农作物耕种收综合机械化率达到75%。", "全国", "农作物耕种收综合机械化率"),
        ("到2025年,全市农作物良种覆盖率达到98%以上。", "全市", "农作物良种覆盖率"),
        # … but a subject head after it still ends the subject
        ("到2025年,全市规上工业增加值增速达到8%。", "全市规上工业", "增加值增速"),
    ],
)
def test_a_jurisdiction_opening_an_amount_is_its_subject(
    text: str, subject: str, metric: str
) -> None:
    assert named(text) == [(subject, metric)]


def test_a_head_word_followed_by_a_conjunction_is_a_coordinated_noun() -> None:
    # 设施农业、畜牧养殖…: 农业 is one of the coordinated nouns, not the end of a subject; the
    # words between the rate and the verb are kept in a parenthesis
    text = "到2025年,全国设施农业、畜牧养殖和水产养殖机械化率总体达到50%左右。"
    assert named(text) == [("全国", "设施农业、畜牧养殖和水产养殖机械化率(总体)")]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("国务院关于加快推进农机装备产业\n转型升级的指导意见\n国发〔2030〕1号\n", "全国"),
        ("市政府办公厅关于印发江城市数字经济\n三年行动计划(2024—2026年)的通知\n", "全市"),
        ("东山区人民政府关于印发东山区文旅融合发展实施方案的通知\n各街道:\n", "全区"),
        # a first line that is not a title names nothing
        ("为加快发展生物经济,制定本方案。\n", "全市"),
    ],
)
def test_document_subject_from_the_opening_title_is_its_jurisdiction(
    text: str, subject: str
) -> None:
    assert document_subject(text) == subject


@pytest.mark.parametrize(
    ("name", "names"),
    [
        # whole nouns: each is a name of its own
        ("“链主”企业和上市企业", ("“链主”企业", "上市企业")),
        ("产值和营业收入", ("产值", "营业收入")),
        # coordinated modifiers share the measure after the last one and the word before the first
        ("马铃薯种植、收获机械化率", ("马铃薯种植机械化率", "马铃薯收获机械化率")),
        ("国家级、省级创新平台数量", ("国家级创新平台数量", "省级创新平台数量")),
        ("生物医药和生物制造产业规模", ("生物医药产业规模", "生物制造产业规模")),
        # three things over three numbers (分别)
        ("研发、生产和销售收入", ("研发收入", "生产收入", "销售收入")),
        # a joiner inside quotes does not coordinate
        ("“研发、生产”基地和龙头企业", ("“研发、生产”基地", "龙头企业")),
    ],
)
def test_coordinated_things_get_a_name_each(name: str, names: tuple[str, ...]) -> None:
    assert coordinated(name, len(names)) == names


def test_jun_over_coordinated_modifiers_gives_each_its_rate() -> None:
    text = "到2025年,全国小麦、水稻和玉米耕种收综合机械化率均达到90%,马铃薯种植、收获机械化率均达到45%。"
    assert [t.metric for t in extract_targets(text)][-2:] == [
        "马铃薯种植机械化率",
        "马铃薯收获机械化率",
    ]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # 累计 opens the verb without changing what it counts
        ("到2027年,累计引进高新技术企业100家以上。", "高新技术企业 累计引进数"),
        # people brought in or trained (a verb other than 新…) are counted with 人数(<verb>)
        ("到2027年,累计引进高层次人才1000名以上。", "高层次人才 人数(累计引进)"),
        ("到2027年,累计建成5G基站2万个。", "5G基站 数量"),
        # two counting verbs, with or without 和, are one paired verb: it narrows to newcomers
        ("到2025年,新引进培育专业技术人才5万人。", "专业技术人才 数量(新引进培育)"),
        ("到2025年,引进和培育高层次人才团队50个。", "高层次人才团队 数量(引进和培育)"),
    ],
)
def test_a_count_verb_with_a_prefix_or_a_second_verb(text: str, metric: str) -> None:
    assert one(text).metric == metric


def test_names_of_a_traditional_plan_are_written_in_simplified_script() -> None:
    # the hand annotation writes names in simplified script (as units), quotes as written
    (target,) = extract_targets("到2025年,全市生物醫藥產業規模突破2000億元。")
    assert (target.subject, target.metric) == ("全市生物医药产业", "产业规模")
    assert target.quote == "全市生物醫藥產業規模突破2000億元"


@pytest.mark.parametrize(
    ("text", "subject", "metric"),
    [
        # a list item's own number is not part of the name
        ("1.地区生产总值增长6%以上。", "全市", "地区生产总值增长"),
        ("(2)全市农作物良种覆盖率达到98%。", "全市", "农作物良种覆盖率"),
        # a label that introduces what follows names no subject
        ("2025年发展的主要预期目标是:地区生产总值增长6%左右。", "全市", "地区生产总值增长"),
    ],
)
def test_list_numbers_and_introductions_name_nothing(text: str, subject: str, metric: str) -> None:
    assert named(text) == [(subject, metric)]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("各市、州、县人民政府,省政府各部门:\n2030年是…", "全省"),
        ("各市、州、縣人民政府,省政府各部門:\n", "全省"),
        ("各区人民政府,市政府各委办局:\n", "全市"),
        ("各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\n", "全国"),
    ],
)
def test_document_subject_from_the_addressees(text: str, subject: str) -> None:
    # a document addressed to a government's own departments is that government's
    assert document_subject(text) == subject


@pytest.mark.parametrize(
    ("text", "subject", "metric"),
    [
        # what stands before a share is part of its name: the share of whom
        ("到2025年,公办园在园幼儿占比达到60%以上。", "全市", "公办园在园幼儿占比"),
        # an amount's measure ending the head splits it: the thing measured is the subject
        ("到2025年,其中生物基纤维产值达到90亿元。", "生物基纤维", "产值"),
        # a growth rate is named as a whole: the growth of the amount before it
        ("到2025年,地方一般公共预算收入增长5%左右。", "全市", "地方一般公共预算收入增长"),
    ],
)
def test_shares_and_growth_rates_keep_what_they_are_of(
    text: str, subject: str, metric: str
) -> None:
    assert named(text) == [(subject, metric)]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # a verb of what the plan does to the things stays with the count
        ("到2025年,实施10—15个标准化试点示范项目。", "标准化试点示范项目 数量(实施)"),
        ("到2025年,选拔100名正职后备人才。", "正职后备人才 人数(选拔)"),
        ("到2025年,重点扶持50个市级示范性高级研修班。", "市级示范性高级研修班 数量(重点扶持)"),
        # verbs chain: a counting verb and an action verb are one action
        ("5年内重点引进扶持200名创新创业领军人才。", "创新创业领军人才 人数(重点引进扶持)"),
        # a state reached (建成, 形成, 集聚): the things exist, the count is plain
        ("到2025年,建成合成生物中试基地6个。", "合成生物中试基地 数量"),
        # a verb that is also a noun does not continue a chain: 新增 | 研发机构
        ("到2025年,新增研发机构20家。", "研发机构 新增数"),
        # a head the lists lack, before a number with its noun after it, is the item's verb
        ("5年内择优评聘30名首席技师。", "首席技师 人数(择优评聘)"),
    ],
)
def test_a_count_keeps_a_verb_of_action_but_not_a_verb_of_state(text: str, metric: str) -> None:
    assert one(text).metric == metric


def test_who_acts_before_the_verb_is_the_subject_when_the_noun_follows_the_number() -> None:
    # 5年内 is a span, not a name; 市、区两级 acts, so it is the count's subject
    text = "5年内市、区两级重点评选资助200名技能突出人才。"
    assert named(text) == [("市、区两级", "技能突出人才 人数(重点评选资助)")]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # the noun's own predicate after it (赴, 参加, 在 …) makes it a relative phrase
        ("5年内重点支持300名领军人才赴境外培训。", "赴境外培训的领军人才 人数(重点支持)"),
        ("到2025年,1000名核心人才参加高校专题研修。", "参加高校专题研修的核心人才 人数"),
        # a verb that opens the item stays its verb before a comparison when the noun follows
        ("5年内选拔资助不少于200名青年科技人才。", "青年科技人才 人数(选拔资助)"),
        # a list of qualities before the last 的 describes the noun and is not its name
        (
            "5年内重点引进200名能够突破关键技术、带动新兴学科的领军人才。",
            "领军人才 人数(重点引进)",
        ),
        # a quote opened around the item is not part of the name
        ("实现“重点引进和培养高层次人才1000名”的目标。", "高层次人才 人数(重点引进和培养)"),
    ],
)
def test_the_noun_after_the_number_as_plans_write_it(text: str, metric: str) -> None:
    assert one(text).metric == metric


@pytest.mark.parametrize(
    ("name", "names"),
    [
        # grades (levels, numbered phases) are coordinated modifiers before a shared head
        (
            "进入I、II、III期临床试验阶段的品种",
            (
                "进入I期临床试验阶段的品种",
                "进入II期临床试验阶段的品种",
                "进入III期临床试验阶段的品种",
            ),
        ),
        (
            "初次认定为国家级和省级企业技术中心",
            ("初次认定为国家级企业技术中心", "初次认定为省级企业技术中心"),
        ),
        # nouns that are not grades and share no measure stay whole
        ("新药证书和医疗器械注册证", ("新药证书", "医疗器械注册证")),
    ],
)
def test_graded_modifiers_share_their_head(name: str, names: tuple[str, ...]) -> None:
    assert coordinated(name, len(names)) == names


@pytest.mark.parametrize(
    ("before", "after", "place"),
    [
        ("对A和B,分别给予", "和30万元奖励。", (0, 2)),
        ("对A和B,分别给予100万元和", "奖励。", (1, 2)),
        ("分别参照其地方财政贡献的70%、", "和90%给予企业奖励", (1, 3)),
        ("给予", "奖励,另给予5万元。", None),  # no 分别
    ],
)
def test_the_place_of_a_number_among_those_fenbie_hands_out(
    before: str, after: str, place: tuple[int, int] | None
) -> None:
    assert distributed_place(before, after) == place


def test_an_earlier_sentence_of_the_paragraph_names_the_subject_of_a_later_one() -> None:
    # the first sentence's deadline clause measures 临港新区生物医药产业; the next names nobody
    text = "到2025年底,临港新区生物医药产业规模将超过500亿元。同时聚集200家相关企事业单位。"
    assert [s for s, _ in named(text)] == ["临港新区生物医药产业", "临港新区生物医药产业"]
    # a deadline clause without a number states a predicate, not a measured subject
    text = "到2025年,生物制造企业加速集聚。产业规模突破500亿元。"
    assert [s for s, _ in named(text)] == ["全市"]


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        # 分别 hands the numbers to the coordinated things, one each
        (
            "到2025年,花生种植、收获机械化率分别达到65%和55%。",
            ["花生种植机械化率", "花生收获机械化率"],
        ),
        # a modal before the comparison is not part of the name
        ("到2025年底,临港新区生物医药产业规模将超过500亿元。", ["产业规模"]),
    ],
)
def test_fenbie_and_modal_amounts(text: str, metrics: list[str]) -> None:
    assert [m for _, m in named(text)] == metrics


def test_a_domain_opening_the_sentence_is_the_subject() -> None:
    text = "开展关键技术攻关。在空间信息领域,新增国家级、市级重点实验室等创新平台5个以上。"
    assert [s for s, _ in named(text)] == ["空间信息领域"]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # a count that recurs keeps its verb in the noun, as plans word it
        (
            "每年遴选并支持30个左右具有核心竞争力、示范效应强的重点项目。",
            "每年遴选并支持的重点项目 数量",
        ),
        ("每年选拔资助不少于200名青年科技人员。", "每年选拔资助的青年科技人员 人数"),
        # 新增 counts the new ones, even with a comparison before the number
        (
            "到2027年,新增首次获批的第三类医疗器械注册证超500件。",
            "首次获批的第三类医疗器械注册证 新增数",
        ),
    ],
)
def test_recurring_counts_and_xinzeng(text: str, metric: str) -> None:
    assert one(text).metric == metric


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # 占X的N%: the share is named 占X比重
        ("到2020年,生物产业增加值将占国内生产总值的4%。", "增加值占国内生产总值比重"),
        # a share already named stays as written
        ("到2025年,规上企业研发投入占营业收入的比重达到3%。", "研发投入占营业收入的比重"),
    ],
)
def test_a_share_of_a_whole_is_named_as_a_share(text: str, metric: str) -> None:
    assert one(text).metric == metric


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        # a noun the plan abbreviates is named by its short name
        (
            "研制并获批3—5种新食品原料、食品相关产品新品种(以下简称“三新食品”)。",
            "“三新食品” 数量(研制并获批)",
        ),
        # a predicate after the noun (上市) makes a relative phrase
        ("到2030年,推动1—2个合成生物食品创新企业上市。", "上市的合成生物食品创新企业 数量(推动)"),
    ],
)
def test_abbreviated_and_listed_nouns(text: str, metric: str) -> None:
    assert one(text).metric == metric


def test_places_named_with_their_kinds_are_the_subject() -> None:
    text = "到2025年,丘陵山区县(市、区)农作物耕种收综合机械化率达到55%。"
    assert named(text) == [("丘陵山区县(市、区)", "农作物耕种收综合机械化率")]


def test_a_predicate_that_ends_a_noun_only_at_its_end() -> None:
    # 上市 inside 具备科创板上市条件的 is part of the noun, not its predicate
    text = "到2025年,培育5家具备科创板上市条件的硬核企业。"
    assert one(text).metric == "具备科创板上市条件的硬核企业 数量(培育)"


def test_the_rest_of_a_duration_is_not_a_counted_noun() -> None:
    # 6个月的…: 个 belongs to 个月; the words after it are not what is counted
    assert tail_noun("月的当地月人均失业保险金") == ""
    assert tail_noun("国家级创新平台") == "国家级创新平台"


@pytest.mark.parametrize(
    ("text", "subject", "metric"),
    [
        # rule book 11: a growth rate of a year's plan (its first line names a 政府工作报告) is
        # named by all the words before its number; the subject is the jurisdiction (written
        # here, or the document's: 全省 from 省《…》), not 规模以上工业 split off at 工业
        ("规模以上工业增加值增长4.5%以上。", "全省", "规模以上工业增加值增长"),
        ("1﹒全省生产总值增长7%以上。", "全省", "生产总值增长"),
        # the modal before the growth word names nothing
        ("2﹒固定资产投资力争增长10%以上。", "全省", "固定资产投资增长"),
        # a list number 一、 opens no name
        ("一、地区生产总值增长5%以上。", "全省", "地区生产总值增长"),
    ],
)
def test_a_growth_rate_is_named_whole_under_its_jurisdiction(
    text: str, subject: str, metric: str
) -> None:
    title = "2025年省《政府工作报告》重点工作分工方案\n"
    assert named(title + text) == [(subject, metric)]


def test_outside_a_years_plan_a_growth_rate_keeps_its_sector_as_subject() -> None:
    # no 政府工作报告 in the first lines: the sector before the measure is the subject
    text = "到2025年,生物医药产业产值增长20%。"
    assert named(text) == [("生物医药产业", "产值增长")]


def test_the_jurisdiction_a_text_writes_most_often_is_its_own() -> None:
    # no title names the region: 我省 and 全省 (2) outnumber 我市 (1), and 全国 (a comparison in
    # a local text) is not counted, so the province is the subject of a sentence naming none
    text = "我省将加快发展,走在全国前列。\n到2025年,全省新增企业100家。\n建成平台20个,我市先行。"
    assert named(text)[1] == ("全省", "平台 数量")
    assert written_jurisdiction("县委、县政府决定:在我县建设…") == "全县"
    assert written_jurisdiction("加快建设平台。") is None


def test_a_quoted_title_word_is_not_a_region_and_a_title_stop_ends_the_industry() -> None:
    # 《“无废城市”建设试点工作方案》 starts with no region (“无废城市 is a quoted name), so the
    # national title line decides: 全国
    text = "国务院办公厅关于印发“无废城市”建设\n试点工作方案的通知\n《“无废城市”建设试点工作方案》已经同意。"
    assert document_subject(text) == "全国"
    # 高质量 ends the industry of a title: 全市制造业, not 全市制造业高质量
    assert document_subject("《开封市制造业高质量发展行动方案》\n全市推进。") == "全市制造业"


def test_a_back_reference_to_a_place_is_dropped_from_the_subject() -> None:
    text = "到2020年,该市中医药产业力争实现产值190亿元。"
    assert named(text) == [("中医药产业", "产值")]


@pytest.mark.parametrize(
    ("text", "subject", "metric"),
    [
        # a subject head right before 占 is the share's numerator: the share is named whole and
        # the subject is the context's (the document's 全市 here)
        (
            "到2025年,数字经济核心产业占全市的比重达20%以上。",
            "全市",
            "数字经济核心产业占全市的比重",
        ),
        # words that are only a verb are not a subject: they name the measure (the subject is
        # then the paragraph's, from the deadline clause of the sentence before)
        (
            "到2025年,全市生物医药产业规模达到500亿元。累计完成投资300亿元。",
            "全市生物医药产业",
            "累计完成投资",
        ),
        # a heading verb before the subject goes
        ("到2025年,推动北斗时空信息产业规模达到500亿元。", "北斗时空信息产业", "产业规模"),
    ],
)
def test_shares_of_a_head_verbal_subjects_and_heading_verbs(
    text: str, subject: str, metric: str
) -> None:
    assert named(text)[-1] == (subject, metric)


def test_an_adverb_before_a_count_verb_is_no_scope_and_hong_kong_names_itself_bengang() -> None:
    # 加快 and 深入 are adverbs of the verb, not who acts: the subject is the context's (全市)
    assert named("加快推进省级重大项目100个。") == [("全市", "省级重大项目 数量(推进)")]
    # a 香港 text calls itself 本港: its own jurisdiction when no title names one
    text = "本港的碳排放将于2020年前达峰。本港要把碳强度降低65%至70%。"
    assert [subject for subject, _ in named(text)] == ["本港"]


def test_a_grade_inside_the_counted_noun_does_not_end_it() -> None:
    # 千亿级 and 百亿 are grade words, not numbers: the noun after 2个 runs over them
    text = "到2025年,培育形成2个千亿级产业集群,力争培育8—10个百亿企业。"
    metrics = [metric for _, metric in named(text)]
    assert metrics == ["千亿级产业集群 数量(培育形成)", "百亿企业 数量(培育)"]


def test_the_comparison_of_a_rule_is_not_part_of_the_name() -> None:
    # 不得低于 and 提高到 compare; they do not name the share (合作机构, no subject head, stays)
    assert named("合作机构担保金额占全部担保金额的比例不得低于80%。")[0][1] == (
        "合作机构担保金额占全部担保金额的比例"
    )
    assert named("到2025年,生物经济增加值占地区生产总值的比重提高到10%。")[0][1] == (
        "增加值占地区生产总值的比重"
    )


def test_ba_puts_what_is_measured_first_and_a_rate_name_keeps_its_words() -> None:
    # 把 names the object measured; 由…的水平 stays as written in the name
    text = "政府2030年的减排目标是把本港的碳强度降低65%至70%。"
    assert named(text)[0][1] == "本港的碳强度降低"
    # a name ending in 率 is the rate's own name: 规模 inside it is not its measure
    text = "到2020年,规模养殖场粪污处理设施装备配套率高于95%。"
    assert named(text)[0][1] == "规模养殖场粪污处理设施装备配套率"
