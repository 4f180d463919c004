"""Targets from 主要指标 tables: .docx rows (tab-separated) and text/PDF layout (two or more
spaces), each rule with its own small table written in the style of 十四五 plans."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.domain.model import TargetKind, TargetNature, TargetOp
from bioecon.extract.names import document_subject
from bioecon.extract.normalise import shadow
from bioecon.extract.reader import read_document
from bioecon.extract.table_cells import CellValue, read_value, split_cells
from bioecon.extract.tables import extract_table_targets, table_regions
from bioecon.extract.targets import ExtractedTarget, extract_targets
from tests.extract.docx_files import write_docx

GROUPED = (
    "《某市“十四五”生物经济发展规划》\n"
    "表1 主要指标\n"
    "类别\t指标\t单位\t2020年\t2025年\t属性\n"
    "产业规模\t生物经济总规模\t亿元\t1600\t3000\t预期性\n"
    "\t规上企业数量\t家\t120\t≥200\t预期性\n"
    "创新能力\t研发投入强度(%)\t\t2.1\t3以上\t约束性\n"
    "注：[ ]内为五年累计数。\n"
    "到2025年,产业规模达到3000亿元。\n"
)


def row(target: ExtractedTarget) -> tuple[object, ...]:
    return (
        target.metric,
        target.op,
        target.value,
        target.unit,
        target.year,
        target.base_value,
        target.base_year,
        target.nature,
    )


def test_a_tab_separated_table_with_grouped_rows() -> None:
    found = extract_table_targets(GROUPED)
    assert [row(t) for t in found] == [
        ("生物经济总规模", TargetOp.EQ, 3000, "亿元", 2025, 1600, 2020, TargetNature.EXPECTED),
        ("规上企业数量", TargetOp.GE, 200, "家", 2025, 120, 2020, TargetNature.EXPECTED),
        ("研发投入强度", TargetOp.GE, 3, "%", 2025, Decimal("2.1"), 2020, TargetNature.BINDING),
    ]
    for target in found:
        assert GROUPED[target.start : target.end] == target.quote
        assert "\n" not in target.quote and not target.quote.startswith("\t")
    assert found[1].quote == "规上企业数量\t家\t120\t≥200\t预期性"
    assert [t.kind for t in found] == [TargetKind.LEVEL, TargetKind.LEVEL, TargetKind.SHARE]
    assert {t.subject for t in found} == {document_subject(shadow(GROUPED))}


def test_table_regions_cover_header_to_last_row_only() -> None:
    (region,) = table_regions(GROUPED)
    inside = GROUPED[region[0] : region[1]]
    assert inside.startswith("类别\t指标") and inside.endswith("3以上\t约束性")
    assert region[1] < GROUPED.index("到2025年")


def test_text_layout_in_traditional_script_with_vanished_blank_cells() -> None:
    text = (
        "附表  “十四五”主要指標\n"
        "序號  類別  指標名稱  單位  基期值(2020年)  目標值(2025年)  屬性\n"
        "1  產業規模  生物醫藥產業營業收入  億元  800  >1500  預期性\n"
        "2  規上企業  個  50  100  預期性\n"  # the 類別 carried down: blank, so gone
        "3  創新能力  研發投入(%)  2.1  3  約束性\n"  # no 單位 cell: the unit is in the name
        "4  萬人發明專利擁有量  件  —  —  預期性\n"  # no value
    )
    found = extract_table_targets(text)
    assert [row(t) for t in found] == [
        ("生物医药产业营业收入", TargetOp.GE, 1500, "亿元", 2025, 800, 2020, TargetNature.EXPECTED),
        ("规上企业 数量", TargetOp.EQ, 100, "个", 2025, 50, 2020, TargetNature.EXPECTED),
        ("研发投入", TargetOp.EQ, 3, "%", 2025, Decimal("2.1"), 2020, TargetNature.BINDING),
    ]
    assert found[0].quote == "1  產業規模  生物醫藥產業營業收入  億元  800  >1500  預期性"


def test_column_order_and_names_vary() -> None:
    text = (
        "主要指标  属性  2025年目标值(亿元)  现状值\n"
        "生物制造产值  预期性  500  120\n"
        "合成生物企业营业收入  约束性  80以上  —\n"
    )
    found = extract_table_targets(text)
    assert extract_table_targets(text.rstrip("\n")) == found  # the last line ends the text
    assert [row(t) for t in found] == [
        ("生物制造产值", TargetOp.EQ, 500, "亿元", 2025, 120, None, TargetNature.EXPECTED),
        ("合成生物企业营业收入", TargetOp.GE, 80, "亿元", 2025, None, None, TargetNature.BINDING),
    ]


def test_years_on_a_second_header_line_and_from_the_caption() -> None:
    text = "指标名称\t单位\t基期值\t目标值\n\t\t2022年\t2027年\n生物医药企业\t家\t300\t500\n"
    assert [(t.year, t.base_year) for t in extract_table_targets(text)] == [(2027, 2022)]
    bracketed = "指标名称  单位  基期值  目标值\n(2022年)  (2027年)\n生物医药企业  家  300  500\n"
    assert [(t.year, t.base_year) for t in extract_table_targets(bracketed)] == [(2027, 2022)]
    captioned = "“十四五”时期主要指标(单位:亿元)\n指标\t基期值\t目标值\n产业规模\t900\t2000\n"
    assert [(t.year, t.unit) for t in extract_table_targets(captioned)] == [(2025, "亿元")]


def test_a_category_line_spanning_the_row_does_not_end_the_table() -> None:
    text = (
        "指标  单位  2025年\n"
        "一、产业发展\n"
        "生物医药产业规模  亿元  2000\n"
        "二、创新能力\n"
        "国家级创新平台  个  30左右\n"
    )
    found = extract_table_targets(text)
    assert [(t.metric, t.op, t.value) for t in found] == [
        ("生物医药产业规模", TargetOp.EQ, Decimal(2000)),
        ("国家级创新平台 数量", TargetOp.APPROX, Decimal(30)),
    ]


def test_prose_with_numbers_is_not_a_table() -> None:
    text = "到2025年,全市生物医药产业规模突破2000亿元,规上企业达到200家。\n指标体系见附件。\n"
    assert table_regions(text) == []
    assert extract_table_targets(text) == []


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (">50", CellValue(TargetOp.GE, Decimal(50), None, None)),
        ("≥30", CellValue(TargetOp.GE, Decimal(30), None, None)),
        ("＞30", CellValue(TargetOp.GE, Decimal(30), None, None)),
        ("50以上", CellValue(TargetOp.GE, Decimal(50), None, None)),
        ("不低于85", CellValue(TargetOp.GE, Decimal(85), None, None)),
        ("≤0.5", CellValue(TargetOp.LE, Decimal("0.5"), None, None)),
        ("[3]", CellValue(TargetOp.EQ, Decimal(3), None, None, bracketed=True)),
        ("〔13.5〕", CellValue(TargetOp.EQ, Decimal("13.5"), None, None, bracketed=True)),
        ("3-5", CellValue(TargetOp.RANGE, Decimal(3), Decimal(5), None)),
        ("1,200", CellValue(TargetOp.EQ, Decimal(1200), None, None)),
        ("1.2万", CellValue(TargetOp.EQ, Decimal(12000), None, None)),
        ("1500亿元", CellValue(TargetOp.EQ, Decimal(1500), None, "亿元")),
        ("50%左右", CellValue(TargetOp.APPROX, Decimal(50), None, "%")),
        ("—", None),
        ("-", None),
        ("完成省下达任务", None),
    ],
)
def test_value_cells(cell: str, expected: CellValue | None) -> None:
    assert read_value(shadow(cell)) == expected


def test_cells_split_on_tabs_keep_empty_cells_and_on_two_spaces_drop_them() -> None:
    assert [c.text for c in split_cells("类别\t\t单位")] == ["类别", "", "单位"]
    assert [c.text for c in split_cells("生物 医药  亿元   800")] == ["生物 医药", "亿元", "800"]


def test_a_docx_indicator_table_end_to_end(tmp_path: Path) -> None:
    rows = [
        ["类别", "指标名称", "单位", "2020年(基期)", "2025年(目标)"],
        ["规模", "生物经济增加值", "亿元", "400", "800"],
        ["", "生物医药上市企业", "家", "5", "[10]"],
    ]
    path = tmp_path / "plan.docx"
    write_docx(
        path, ["某市生物经济“十四五”发展规划"], rows, ["二、重点任务"], merged_down=((1, 0),)
    )
    text = read_document(path)
    found = extract_table_targets(text)
    assert [(t.metric, t.value, t.unit, t.year, t.base_value) for t in found] == [
        ("生物经济增加值", Decimal(800), "亿元", 2025, Decimal(400)),
        ("生物医药上市企业 数量", Decimal(10), "家", 2025, Decimal(5)),
    ]
    assert all(text[t.start : t.end] == t.quote for t in found)


def test_a_category_column_the_header_does_not_name() -> None:
    text = (
        "指标\t2025年\t属性\n"
        "保护利用\t省级文物保护单位增加数量\t≥50\t约束性\n"
        "\t编制规划数量（全国重点文物保护单位、专题专项）\t≥20\t约束性\n"
        "博物馆\t县级博物馆覆盖率（%）\t100\t约束性\n"
    )
    found = extract_table_targets(text)
    assert [(t.metric, t.op, t.value, t.unit, t.nature) for t in found] == [
        ("省级文物保护单位增加数量", TargetOp.GE, Decimal(50), "个", TargetNature.BINDING),
        (
            "编制规划数量(全国重点文物保护单位、专题专项)",  # names are in the shadow
            TargetOp.GE,
            Decimal(20),
            "个",
            TargetNature.BINDING,
        ),
        ("县级博物馆覆盖率", TargetOp.EQ, Decimal(100), "%", TargetNature.BINDING),
    ]


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("社会教育活动数量（场次）", "场次"),  # a measure word in brackets, kept as written
        ("博物馆年接待观众数量（万人次）", "万人次"),
        ("公布革命文物名录批次", "批次"),  # the name ends with its measure word
        ("博物馆志愿者数量", "人"),  # no unit written: people
        ("研发经费投入强度", "%"),  # no unit written: a rate or share
        ("国家级示范区", "个"),  # no unit written: any other count
        ("文化遗址公园数量（含在建）", "个"),  # a bracketed remark is not a unit
    ],
)
def test_units_written_in_the_name_or_none(name: str, unit: str) -> None:
    (target,) = extract_table_targets(f"指标  2025年\n{name}  10\n")
    assert target.unit == unit


def test_a_header_with_two_target_years_gives_two_targets_per_row() -> None:
    text = "指标  单位  2020年  2025年  2035年\n生物经济增加值  亿元  400  800  2000\n"
    found = extract_table_targets(text)
    assert [(t.value, t.year, t.base_value, t.base_year) for t in found] == [
        (Decimal(800), 2025, Decimal(400), 2020),
        (Decimal(2000), 2035, Decimal(400), 2020),
    ]
    one_year = "指标  2020年  目标值\n规上企业  120  ≧200\n"  # a year before 目标值: the base
    assert [(t.op, t.base_year) for t in extract_table_targets(one_year)] == [(TargetOp.GE, 2020)]


def test_a_unit_column_names_units_the_registry_lacks_as_written() -> None:
    text = "指标名称\t单位\t目标值\n人均研发经费\t万元/人\t12\n示范村\t—\t30\n"
    assert [t.unit for t in extract_table_targets(text)] == ["万元/人", "个"]


def test_extract_targets_reads_tables_by_row_and_prose_by_sentence() -> None:
    text = (
        "到2025年,全市生物医药产业规模突破2000亿元。\n"
        "指标  目标值(2025年)  属性\n"
        "生物医药产业营业收入  1500亿元  预期性\n"  # the sentence rules would read 1500亿元 too
        "规上企业  200家以上  约束性\n"
        "二、重点任务\n"
        "新增国家级平台5个。\n"
    )
    found = extract_targets(text)
    assert [(t.value, t.unit, t.nature) for t in found] == [
        (Decimal(2000), "亿元", None),
        (Decimal(1500), "亿元", TargetNature.EXPECTED),
        (Decimal(200), "家", TargetNature.BINDING),
        (Decimal(5), "个", None),
    ]
    assert found[1].quote == "生物医药产业营业收入  1500亿元  预期性"


def test_traditional_header_words_the_shadow_leaves_half_simplified() -> None:
    text = "類別\t指標名稱\t現狀值\t2025年目標\t指標屬性\n產業\t生物醫藥營業收入(億元)\t800\t1500\t約束性\n"
    (target,) = extract_table_targets(text)
    assert (target.base_value, target.value, target.unit, target.nature) == (
        Decimal(800),
        Decimal(1500),
        "亿元",
        TargetNature.BINDING,
    )


def test_a_rate_or_cumulative_column_when_the_target_cell_says_no_number() -> None:
    text = (
        "类别\t指标\t2020年\t2025年\t年均/累计\t属性\n"
        "经济发展\t1.地区生产总值增长(%)\t3.8\t保持在合理区间\t6左右\t预期性\n"
        "创新驱动\t2.每万人口高价值发明专利拥有量(件)\t6.3\t12\t—\t预期性\n"
        "绿色生态\t3.单位地区生产总值能源消耗降低(%)\t—\t—\t〔13.5〕\t约束性\n"
    )
    found = extract_table_targets(text)
    assert [(t.metric, t.op, t.value, t.unit, t.year, t.kind) for t in found] == [
        ("地区生产总值增长", TargetOp.APPROX, Decimal(6), "%", None, TargetKind.RECURRING),
        ("每万人口高价值发明专利拥有量", TargetOp.EQ, Decimal(12), "件", 2025, TargetKind.LEVEL),
        ("单位地区生产总值能源消耗降低", TargetOp.EQ, Decimal("13.5"), "%", 2025, TargetKind.SHARE),
    ]


def test_of_several_name_columns_the_last_names_the_indicator() -> None:
    text = "二级指标\t三级指标\t单位\t目标值(2025年)\n创新平台\t国家级创新平台数量\t个\t30\n"
    assert [t.metric for t in extract_table_targets(text)] == ["国家级创新平台数量"]


def test_a_table_copied_one_cell_a_line() -> None:
    text = (
        "《某市生物经济发展规划(2021—2025年)》\n"
        "表1 主要指标\n"
        "序号\n指标名称\n单位\n2020年\n2025年\n属性\n"
        "1\n生物经济总规模\n亿元\n1600\n3000\n预期性\n"
        "2\n研发投入强度\n%\n2.1\n≥3\n约束性\n"
        "注：以上为预期目标。\n"
    )
    found = extract_table_targets(text)
    assert [row(t) for t in found] == [
        ("生物经济总规模", TargetOp.EQ, 3000, "亿元", 2025, 1600, 2020, TargetNature.EXPECTED),
        ("研发投入强度", TargetOp.GE, 3, "%", 2025, Decimal("2.1"), 2020, TargetNature.BINDING),
    ]
    assert found[0].quote == "1\n生物经济总规模\n亿元\n1600\n3000\n预期性"
    (region,) = table_regions(text)
    assert text[region[0] : region[1]].startswith("序号\n指标名称") and region[1] == found[1].end


def test_a_heading_that_names_the_indicators_is_not_a_table() -> None:
    text = "三、主要指标\n指标\n到2025年,产业规模达到3000亿元。\n"
    assert table_regions(text) == []
