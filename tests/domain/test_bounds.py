"""Value bounds as data (bounds.yaml, bioecon.domain.bounds) and unknown codes refused with the
known ones (bioecon.domain.known_codes)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.catalogs import read_data_file, register_vocabulary, tier_catalogue, value_bounds
from bioecon.domain.bounds import Bound, Finding, IndicatorBounds, value_problem
from bioecon.domain.known_codes import CodeList

DAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("revenue", Decimal("-0.01"), Finding("error", "-0.01：营业收入不能为负数（须不小于0）")),
        ("revenue", Decimal(0), None),
        (
            "revenue",
            Decimal("200000000"),
            Finding("warning", "200000000：营业收入超过1万亿元，请核对单位是否为万元"),
        ),
        ("employees", -1, Finding("error", "-1：从业人员不能为负数（须不小于0）")),
        ("employees", 1_500_000, Finding("warning", "1500000：从业人员超过100万人，请核对")),
        ("year", 2026, None),
        ("year", 2027, Finding("error", "2027：年度须在1949年至今年之间（须不大于2026）")),
        ("year", 1948, Finding("error", "1948：年度须在1949年至今年之间（须不小于1949）")),
        (
            "founded_on",
            date(2999, 1, 1),
            Finding("error", "2999-01-01：成立日期须在1600年至今天之间（须不大于2026-12-01）"),
        ),
        ("founded_on", date(2026, 12, 1), None),
        (
            "founded_on",
            date(1669, 1, 1),
            Finding("warning", "1669-01-01：成立日期早于1949年，请核对是否为营业执照上的成立日期"),
        ),
        ("business_scope", date(1, 1, 1), None),  # a field without bounds
    ],
)
def test_enterprise_fields_are_bounded_as_bounds_yaml_says(
    field: str, value: Decimal | int | date, expected: Finding | None
) -> None:
    assert value_bounds()[0].check("enterprise", field, value, DAY) == expected


def test_today_is_the_load_day_for_dates_and_its_year_for_years() -> None:
    bound = Bound(maximum="today", reason="不能晚于今天")
    assert bound.check(date(2030, 1, 1), date(2030, 1, 1)) is None
    assert bound.check(2031, date(2030, 1, 1)) == Finding(
        "error", "2031：不能晚于今天（须不大于2030）"
    )


@pytest.mark.parametrize(
    ("indicator", "dimension", "value", "expected"),
    [
        ("biomedicine_scale", "money_cny", Decimal("-3"), "-3：金额不能为负数（须不小于0）"),
        ("tier.little_giant", "count_jia", Decimal("-1"), "-1：数量不能为负数（须不小于0）"),
        ("biomedicine_growth", "ratio", Decimal("-3.2"), None),  # rates may fall
        (
            "rd_intensity",
            "ratio",
            Decimal("101"),
            "101：投入强度是占GDP的比重，须在0到100之间（须不大于100）",
        ),
        ("rd_intensity", "ratio", Decimal("2.5"), None),
        (
            "biomedicine_scale",
            "money_cny",
            Decimal("1E+11"),
            None,
        ),  # big, but only the ledger's limit applies
    ],
)
def test_indicator_values_are_bounded_by_unit_kind_or_their_own(
    indicator: str, dimension: str, value: Decimal, expected: str | None
) -> None:
    assert value_problem(value_bounds()[1], indicator, dimension, value) == expected


def test_an_indicator_of_its_own_bound_overrides_its_unit() -> None:
    bounds = IndicatorBounds(
        ((("money_"), Bound(minimum=Decimal(0), reason="金额不能为负数")),),
        {"net_profit": Bound()},
    )
    assert value_problem(bounds, "net_profit", "money_cny", Decimal(-5)) is None


def test_every_flag_a_tier_rule_names_is_a_known_flag() -> None:
    known = {flag["name"] for flag in register_vocabulary()["enterprises"]["flags"]}
    named = {flag for rule in tier_catalogue().values() for flag in rule.flags}
    assert named and named <= known


def test_a_short_code_list_is_given_whole_and_a_long_one_by_its_nearest() -> None:
    short = CodeList(["国家级", "省级", "市级"])
    assert str(short.refuse("级别", "区级")) == "未知级别「区级」；可用：国家级、省级、市级"
    codes = [f"{n:04d}" for n in range(2700, 2800) if n != 2769]
    long = CodeList(codes, {"2761": "生物药品制造"})
    assert str(long.refuse("行业代码", "2769")) == (
        "未知行业代码「2769」；相近的有：2760、2761 生物药品制造、2762、2763、2764（共99个）"
    )
    assert long.nearest("3999", 2) == ["2700", "2701"]  # nothing shared: the first in order


def _limits(low: object, high: object) -> str:
    parts = [f"≥ {low}" if low is not None else "", f"≤ {high}" if high is not None else ""]
    return ", ".join(p for p in parts if p)


def test_docs_list_every_registry_bound() -> None:
    """docs/registers.md's bounds table is bounds.yaml's registry section, row for row."""
    doc = (Path(__file__).parents[2] / "docs" / "registers.md").read_text(encoding="utf-8")
    table = doc.split("<!-- bounds -->\n", 1)[1].split("<!-- /bounds -->", 1)[0]
    documented = table.strip().splitlines()[2:]
    declared = [
        f"| {register} | {field} | {_limits(b.get('min'), b.get('max'))} | "
        f"{_limits(b.get('warn_below'), b.get('warn_above'))} |".replace(" |  |", " | |")
        for register, fields in read_data_file("bounds.yaml")["registry"].items()
        for field, b in fields.items()
    ]
    assert documented == declared


def test_a_hint_follows_a_message_only_when_codes_are_known() -> None:
    assert CodeList([]).hint("430101") == ""
    assert CodeList(["430100"], {"430100": "长沙市"}).hint("430101") == "；可用：430100 长沙市"
