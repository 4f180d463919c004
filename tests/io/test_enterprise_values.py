"""The enterprise file's values: numbers through the one parser, bounds.yaml's bounds refused
or warned with row and column, codes resolved or refused with the known ones."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from bioecon.domain.enterprise_input import EnterpriseFile
from bioecon.io.enterprises import read_enterprise_file

U = "91110000600037341L"
DAY = date(2026, 12, 1)


def read(tmp_path: Path, header: str, *rows: str) -> EnterpriseFile:
    path = tmp_path / "e.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return read_enterprise_file(path, today=DAY)


def problems(parsed: EnterpriseFile) -> list[str]:
    return [str(p) for p in parsed.problems]


def test_every_bad_value_of_a_file_is_named_by_row_and_column(tmp_path: Path) -> None:
    parsed = read(
        tmp_path,
        "uscc,name,founded_on,year,revenue,employees",
        f"{U},甲,2999-01-01,2025,-1,1e9999999",
        f"{U},甲,2010-01-01,2027,١٢٣,12.5",
    )
    assert problems(parsed) == [
        "row 2, column employees: 「1e9999999」数值超出可存储范围（至多30位数字，指数在±30以内）",
        "row 2, column founded_on: 2999-01-01：成立日期须在1600年至今天之间（须不大于2026-12-01）",
        "row 2, column revenue: -1：营业收入不能为负数（须不小于0）",
        "row 3, column revenue: 「١٢٣」含有 0-9 以外的数字字符；请用 0-9 书写数字",
        "row 3, column employees: 12.5 is not a whole number",
        "row 3, column year: 2027：年度须在1949年至今年之间（须不大于2026）",
    ]


def test_a_future_year_is_refused_and_an_implausible_value_only_warned(tmp_path: Path) -> None:
    parsed = read(
        tmp_path,
        "uscc,name,founded_on,year,revenue,employees",
        f"{U},甲,1669-01-01,2026,200000000,1500000",
        f"{U},,,2027,1,",
    )
    assert problems(parsed) == [
        "row 3, column year: 2027：年度须在1949年至今年之间（须不大于2026）"
    ]
    assert [(str(w), w.severity) for w in parsed.warnings] == [
        (
            "row 2, column founded_on: 1669-01-01：成立日期早于1949年，请核对是否为营业执照上的成立日期",
            "warning",
        ),
        ("row 2, column revenue: 200000000：营业收入超过1万亿元，请核对单位是否为万元", "warning"),
        ("row 2, column employees: 1500000：从业人员超过100万人，请核对", "warning"),
    ]
    assert [(r.year, r.revenue, r.employees) for r in parsed.rows] == [
        (2026, Decimal(200000000), 1500000)
    ]


def test_codes_are_resolved_to_their_names_or_refused_with_the_known_ones(tmp_path: Path) -> None:
    parsed = read(
        tmp_path,
        "uscc,name,industry_code,industry_code_edition,flags,year,valuation,valuation_unit",
        f"{U},甲,2761,GB/T4754-2017,专精特新“小巨人”、国家高新技术企业,2025,12,億美元",
        f"{U},甲,0000,,上市,2024,1,英镑",
        f"{U},甲,2761,GB/T 4754-2011,专精特心,,,",
    )
    (row,) = parsed.rows
    assert (row.industry_code_edition, row.flags, row.valuation_unit) == (
        "GB/T 4754-2017",
        ("专精特新小巨人", "高新技术企业"),
        "亿美元",
    )
    expected = [
        "row 3, column valuation_unit: 未知估值单位「英镑」；可用：万亿元、万元、万美元、亿元、亿美元、元、美元",
        "row 3, column industry_code: 未知行业代码「0000」；相近的有：0111 稻谷种植、0112 小麦种植",
        "row 4, column flags: 未知资质标识「专精特心」；可用：创新型中小企业、专精特新、专精特新小巨人",
    ]
    found = problems(parsed)
    assert len(found) == len(expected)
    assert all(f.startswith(e) for f, e in zip(found, expected, strict=True)), found


def test_a_code_of_another_edition_is_checked_only_for_its_shape(tmp_path: Path) -> None:
    parsed = read(
        tmp_path,
        "uscc,name,industry_code,industry_code_edition",
        f"{U},甲,2769,GB/T 4754-2011",
        f"{U},甲,٢٧٦١,GB/T 4754-2011",
    )
    assert problems(parsed) == [
        "row 3, column industry_code: '٢٧٦١' is not a GB/T 4754 code (2 to 4 digits, e.g. 2761)"
    ]
