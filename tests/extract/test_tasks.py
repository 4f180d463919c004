"""Tasks and responsible units, on text written in the style of Chinese plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from bioecon.catalogs import seed_texts
from bioecon.extract.normalise import shadow
from bioecon.extract.responsibility import RULES, Example, StatementRule
from bioecon.extract.statement import Page
from bioecon.extract.task_tables import column_kind
from bioecon.extract.tasks import extract_tasks
from bioecon.extract.unit_lists import unit_list
from bioecon.extract.unit_words import leading_stars

TEXT = (
    "四、重点任务\n"
    "(一)科技创新攻坚行动\n"
    "1.加强关键核心技术攻关。聚焦基因编辑等领域,实施一批攻关项目。(责任单位:湖南湘江新区管委会、市发展改革委、市科技局等按职责分工,下同)\n"
    "2.完善创新平台。建设一批重点实验室。（牵头单位：市科技局、区财政局（金融办、国资办）、相关区县市人民政府和园区管委会）\n"
    "六、主要任务\n"
    "(一)坚持引育并举,加速产业转型蝶变\n"
    "链式招商引领产业集群发展。围绕重点领域开展招商。(责任单位:区投促办、区经委)\n"
)


def test_tasks_units_headings_and_sections() -> None:
    tasks = extract_tasks(TEXT)
    assert [t.units for t in tasks] == [
        ["湖南湘江新区管委会", "市发展改革委", "市科技局"],
        ["市科技局", "区财政局（金融办、国资办）", "相关区县市人民政府和园区管委会"],
        ["区投促办", "区经委"],
    ]
    assert [t.heading for t in tasks] == [
        "1.加强关键核心技术攻关",
        "2.完善创新平台",
        "(一)坚持引育并举,加速产业转型蝶变",
    ]
    assert [t.section for t in tasks] == [
        "(一)科技创新攻坚行动",
        "(一)科技创新攻坚行动",
        "六、主要任务",
    ]
    assert [t.lead for t in tasks][1] == tuple(tasks[1].units)
    for task in tasks:
        assert TEXT[task.start - 1] == "\n" and task.start <= task.marker
        assert TEXT[task.marker : task.marker + 4] in ("责任单位", "牵头单位")


EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.name}-{number}")
    for rule in RULES
    for number, example in enumerate(rule.examples, start=1)
]


def test_every_rule_has_examples_and_a_reason() -> None:
    assert len({rule.name for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.reason and "\n" not in rule.reason and rule.examples, rule.name
        assert any(example.units for example in rule.examples), rule.name


def test_docs_name_every_statement_rule() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "extraction.md").read_text(encoding="utf-8")
    missing = [rule.name for rule in RULES if f"`{rule.name}`" not in docs]
    assert not missing, f"add these rules to docs/extraction.md (Tasks): {missing}"


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_rule_examples(rule: StatementRule, example: Example) -> None:
    found = list(rule.find(Page.of(example.text)))
    if not example.units:
        assert found == []
        return
    assert len(found) == 1
    statement = found[0]
    assert (statement.units, statement.lead) == (example.units, example.lead)
    assert example.marker and example.text.startswith(example.marker, statement.marker)


def _units(body: str, after: str = "") -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The units and leads of ``body``, in a document that goes on with ``after``."""
    text = body + after
    view = shadow(text)
    found = unit_list(text, view, 0, len(body), leading_stars(view))
    return found.units, found.lead


def test_units_split_on_enumeration_comma_and_semicolon_outside_brackets() -> None:
    assert _units("市发改委、市财政局等") == (("市发改委", "市财政局"), ())
    assert _units("市商务局，市政府金融办；市税务局") == (
        ("市商务局", "市政府金融办", "市税务局"),
        (),
    )
    assert _units("区财政局(金融办、国资办)、区经委") == (
        ("区财政局(金融办、国资办)", "区经委"),
        (),
    )


def test_remarks_and_roles_are_not_units() -> None:
    assert _units("市商务局、市政府金融办按职责分工负责") == (("市商务局", "市政府金融办"), ())
    assert _units("湖南湘江新区管委会、市工业和信息化局等按职责分工,下同") == (
        ("湖南湘江新区管委会", "市工业和信息化局"),
        (),
    )
    assert _units("市科技局、市财政局等部门") == (("市科技局", "市财政局"), ())
    assert _units("财政部、民政部等有关部门和单位按职责分工负责") == (("财政部", "民政部"), ())
    assert _units("各有关部门和单位，各省级人民政府按职责分工负责") == (
        ("各有关部门和单位", "各省级人民政府"),
        (),
    )


def test_and_separates_two_unit_names_but_not_a_collective_or_a_name() -> None:
    assert _units("市委组织部和市人社局") == (("市委组织部", "市人社局"), ())
    assert _units("市财政局及各区县人民政府") == (("市财政局及各区县人民政府",), ())
    assert _units("市级各有关部門及各縣市区政府") == (("市级各有关部門及各縣市区政府",), ())
    assert _units("各区县市人民政府和园区管委会") == (("各区县市人民政府和园区管委会",), ())
    assert _units("相关区县市人民政府和园区管委会") == (("相关区县市人民政府和园区管委会",), ())
    assert _units("省工业和信息化厅、市卫生和健康委") == (
        ("省工业和信息化厅", "市卫生和健康委"),
        (),
    )


def test_a_time_remark_is_not_a_unit() -> None:
    assert _units("科技部、教育部等按职责分工负责，2019年6月底前完成") == (("科技部", "教育部"), ())
    assert _units("商务部负责，持续推进") == (("商务部",), ())
    assert _units("市场监管总局负责，年底前出台") == (("市场监管总局",), ())


def test_state_council_style_role_lists() -> None:
    text = (
        "（一）优化审批。压减审批事项。（国务院办公厅负责组织实施）\n"
        "（二）加强监管。（由国家发展改革委、商务部负责，2019年底前完成）\n"
        "（三）完善机制。（财政部、银保监会牵头，人民银行、农业农村部等按职责分工负责）\n"
        "（四）强化保障。（国务院扶贫办负责；各省级人民政府、国务院有关部门落实）\n"
    )
    tasks = extract_tasks(text)
    assert [(t.units, t.lead) for t in tasks] == [
        (["国务院办公厅"], ()),
        (["国家发展改革委", "商务部"], ()),
        (["财政部", "银保监会", "人民银行", "农业农村部"], ("财政部", "银保监会")),
        (["国务院扶贫办", "各省级人民政府", "国务院有关部门"], ()),
    ]
    assert {t.style for t in tasks} == {"unlabelled"}


def test_together_joins_two_units_even_a_collective() -> None:
    assert _units("商务部会同有关部门负责") == (("商务部", "有关部门"), ())
    assert _units("中华全国工商业联合会、共青团中央、全国妇联") == (
        ("中华全国工商业联合会", "共青团中央", "全国妇联"),
        (),
    )


def test_an_unlabelled_list_needs_most_of_its_units_to_look_like_units() -> None:
    text = "加强宣传。（中央宣传部、中国残联、新华通讯社按职责分工负责）\n推进改革。（试点先行、逐步推开负责）\n"
    tasks = extract_tasks(text)
    assert [t.units for t in tasks] == [["中央宣传部", "中国残联", "新华通讯社"]]


def test_lead_from_roles_marks_and_labels() -> None:
    assert _units("由市发改委、市科技局牵头，市财政局配合") == (
        ("市发改委", "市科技局", "市财政局"),
        ("市发改委", "市科技局"),
    )
    assert _units("市科技局（牵头）、市财政局") == (("市科技局", "市财政局"), ("市科技局",))
    assert _units("牵头单位：市发改委；配合单位：市财政局") == (
        ("市发改委", "市财政局"),
        ("市发改委",),
    )


def test_a_star_leads_only_where_the_document_says_what_it_means() -> None:
    assert _units("☆市商务局、市财政局") == (("市商务局", "市财政局"), ())
    assert _units("☆市商务局、市财政局", "。注：带☆的为牵头单位") == (
        ("市商务局", "市财政局"),
        ("市商务局",),
    )
    assert leading_stars(shadow("牵头单位以★标注。")) == frozenset("★")
    assert leading_stars(shadow("（牵头单位用“☆”标注）")) == frozenset("☆")
    assert leading_stars(shadow("★为重点项目。")) == frozenset()


def test_a_first_listed_legend_makes_each_lists_first_unit_lead() -> None:
    text = (
        "（一）推进协同。加强合作。（工业和信息化部、发展改革委等负责。列第一位者为牵头单位，下同）\n"
        "（二）健全机制。建立协调机制。（农业农村部、工业和信息化部牵头负责）\n"
        "（三）强化责任。落实部门责任。（各省级人民政府负责）\n"
    )
    tasks = extract_tasks(text)
    assert [t.units for t in tasks] == [
        ["工业和信息化部", "发展改革委"],
        ["农业农村部", "工业和信息化部"],
        ["各省级人民政府"],
    ]
    assert [t.lead for t in tasks] == [
        ("工业和信息化部",),
        ("农业农村部", "工业和信息化部"),
        ("各省级人民政府",),
    ]
    assert extract_tasks(text.replace("列第一位者为牵头单位，", ""))[0].lead == ()


def test_a_legend_anywhere_in_the_document_marks_every_starred_lead() -> None:
    text = (
        "说明：標★的為牽頭單位。\n"
        "1.推進數字經濟。\n"
        "責任單位：★縣經信局、縣財政局\n"
        "2.推進文旅融合。\n"
        "責任單位：縣文旅局、★縣商務局\n"
    )
    tasks = extract_tasks(text)
    assert [t.lead for t in tasks] == [("縣經信局",), ("縣商務局",)]
    assert [t.style for t in tasks] == ["trailing-line", "trailing-line"]
    assert [t.heading for t in tasks] == ["1.推進數字經濟", "2.推進文旅融合"]


def test_a_trailing_line_belongs_to_the_paragraph_above() -> None:
    text = "（一）强化创新\n1.建设平台。建设一批实验室。\n\n责任单位：市科技局、市教育局\n"
    (task,) = extract_tasks(text)
    assert task.start == text.index("1.建设") and task.marker == text.index("责任单位")
    assert (task.heading, task.section) == ("1.建设平台", "（一）强化创新")


def test_a_second_paragraph_takes_the_numbered_title_above_as_heading() -> None:
    text = (
        "一、提升科技服务供给质量\n"
        "（一）推动科技创新资源开放\n"
        "加强校企合作，创建联合创新中心。（责任单位：市教委、市科委）\n"
        "探索试点“科学数据银行”模式。（责任单位：市科委）\n"
    )
    tasks = extract_tasks(text)
    assert [(t.heading, t.section) for t in tasks] == [
        ("（一）推动科技创新资源开放", "一、提升科技服务供给质量"),
        ("（一）推动科技创新资源开放", "一、提升科技服务供给质量"),
    ]


def test_a_section_is_the_nearest_heading_of_a_higher_level() -> None:
    text = (
        "二、丰富赛事活动\n"
        "（四）大力发展职业赛事。着力发展足球。（体育总局负责）\n"
        "（五）支持引进国际重大赛事。综合评估。（体育总局、外交部负责）\n"
        "1.举办马拉松。培育品牌。（体育总局负责）\n"
    )
    tasks = extract_tasks(text)
    assert [(t.heading, t.section) for t in tasks] == [
        ("（四）大力发展职业赛事", "二、丰富赛事活动"),
        ("（五）支持引进国际重大赛事", "二、丰富赛事活动"),
        ("1.举办马拉松", "（五）支持引进国际重大赛事"),
    ]


def test_a_bullet_takes_the_numbered_item_above_its_siblings_as_heading() -> None:
    text = (
        "2. 改善環境衛生及市容:\n"
        "- 約 600 個環境衛生黑點於 2023 年底前消除。(政務司副司長辦公室/相關政策局)\n"
        "- 鼠患主要黑點數目於 2023 年底前至少減半。(環境及生態局)\n"
    )
    tasks = extract_tasks(text)
    assert [t.heading for t in tasks] == ["2. 改善環境衛生及市容", "2. 改善環境衛生及市容"]
    assert [t.units for t in tasks] == [["政務司副司長辦公室", "相關政策局"], ["環境及生態局"]]


def test_a_trailing_line_skips_field_lines_above_it() -> None:
    text = "1.地区生产总值增长6%以上。\n分管省领导:林克庆\n部门分工:省发展改革委牵头,各地、各部门配合。\n"
    (task,) = extract_tasks(text)
    assert (task.heading, task.units, task.lead) == (
        "1.地区生产总值增长6%以上",
        ["省发展改革委", "各地", "各部门"],
        ("省发展改革委",),
    )
    assert task.style == "trailing-line" and task.start == 0


def test_a_table_row_is_a_task_with_its_task_cell_as_heading() -> None:
    text = (
        "二、重点任务\n"
        "序号\t重点任务\t牵头单位\t配合单位\n"
        "1\t建设创新平台。围绕生物医药建设平台\t市科技局\t市财政局、市教育局\n"
        "2\t培育龙头企业\t市工信局\t\n"
        "3\t优化营商环境\t\t\n"
        "注：各区县按职责分工负责。\n"
    )
    tasks = extract_tasks(text)
    assert [(t.heading, t.units, t.lead) for t in tasks] == [
        ("建设创新平台", ["市科技局", "市财政局", "市教育局"], ("市科技局",)),
        ("培育龙头企业", ["市工信局"], ("市工信局",)),
    ]
    assert {t.style for t in tasks} == {"table-column"}
    assert tasks[0].section == "二、重点任务"


def test_header_cells_with_blanks_or_brackets_name_a_units_column() -> None:
    text = (
        "序号\t目标与任务\t分 管 县领导\t牵头（责任）单位\t责任单位（部门）\n"
        "80\t新增托位数400个以上\t俞 悦\t县教育局\t县各有关单位\n"
    )
    (task,) = extract_tasks(text)
    assert (task.units, task.lead) == (["县教育局", "县各有关单位"], ("县教育局",))
    assert task.marker == text.index("县教育局")


def test_header_cells_name_units_columns_by_their_role_stem() -> None:
    kinds = [
        column_kind(c) for c in ("牵头单位", "配合部门", "负责推广部门", "责任主体", "分管县领导")
    ]
    assert kinds == ["lead", "co", "plain", "plain", None]
    assert column_kind("完成时限") is None and column_kind("责任单位及责任人名单汇总表格") is None
    assert column_kind("指导部门") == column_kind("督促单位") == "plain"


def test_a_numbered_group_row_keeps_the_table_but_prose_ends_it() -> None:
    text = (
        "序号\t举措\t指导部门\n"
        "一、知识产权方面（共 1 项）\n"
        "1\t快速维权\t国家知识产权局\n"
        "本清单由国务院办公厅印发。\n"
        "2\t人才评价\t科技部\n"
    )
    tasks = extract_tasks(text)
    assert [(t.heading, t.units, t.section) for t in tasks] == [
        ("快速维权", ["国家知识产权局"], "一、知识产权方面（共 1 项）")
    ]


def test_a_clause_with_you_is_not_a_unit_but_a_free_trade_zone_is() -> None:
    assert _units("技工院校内由人力资源社会保障行政部门负责") == ((), ())
    assert _units("由商务部负责") == (("商务部",), ())
    assert _units("自由贸易试验区管委会负责") == (("自由贸易试验区管委会",), ())


def test_a_cell_with_its_own_labels_is_read_once() -> None:
    text = "序号\t任务\t责任单位\n1\t建设平台\t牵头单位：市科技局；配合单位：市财政局\n"
    (task,) = extract_tasks(text)
    assert (task.units, task.lead, task.style) == (
        ["市科技局", "市财政局"],
        ("市科技局",),
        "lead-co",
    )
    assert task.marker == text.index("牵头单位")


def test_brackets_inside_a_labelled_statement_are_not_read_again() -> None:
    text = "推进改革。（责任单位：市发改委牵头，市财政局（市国资委）按职责分工负责）\n"
    (task,) = extract_tasks(text)
    assert (task.units, task.lead) == (["市发改委", "市财政局（市国资委）"], ("市发改委",))


def test_jinshan_safeguards_keep_their_own_section() -> None:
    """金山 (seed 003): 六、主要任务 has (一)–(十), then 七、保障措施 has (一)健全机制建设 …
    (四)强化要素保障, each with its 责任单位 — so the last four tasks are 七、保障措施's."""
    text = seed_texts()["003_49cf48505f772831.txt"]
    tasks = extract_tasks(text)
    assert [t.heading for t in tasks[-4:]] == [
        "(一)健全机制建设",
        "(二)优化政策供给",
        "(三)深化产融创新",
        "(四)强化要素保障",
    ]
    assert [t.section for t in tasks[-4:]] == ["七、保障措施"] * 4
    assert tasks[-5].section == "六、主要任务"
