"""`orgunits load|export` and `indicators load|export` on both backends: one defect per file
(tests/data/directories-with-problems/), each refusing the whole file with its row and column
named; exports load back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.model import IndicatorNature, OrgLevel, OrgUnit, ReportingBasis
from bioecon.errors import InvalidInput
from bioecon.io.directory_files import (
    INDICATORS,
    ORG_UNITS,
    read_indicator_file,
    read_org_unit_file,
)
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.database import database_info
from bioecon.services.indicators import list_indicators, load_indicators
from bioecon.services.orgunits import list_org_units, load_org_units

ORIGIN = "test"

PROBLEMS = Path(__file__).parent.parent / "data" / "directories-with-problems"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("orgunits-unknown-parent.csv", "第2行 上级代码: '349999' 既不在本文件中，也不在数据库中"),
        ("orgunits-bad-level.csv", "第2行 层级: '村级' 不是可用的值"),
        ("orgunits-repeated-code.csv", "第3行 代码: '340000' 与第2行重复"),
        ("orgunits-short-division-code.csv", "第2行 统计用区划代码: '340000' 应为12位数字"),
        ("orgunits-parent-loop.csv", "第2行 上级代码: 上级代码形成循环"),
        ("orgunits-missing-name-column.csv", "row 1: missing column(s): name"),
        ("orgunits-bad-flag.csv", "第2行 计入上级合计: '不' 应为 是 或 否"),
    ],
)
def test_a_bad_org_unit_file_is_refused_whole(app: Bioecon, name: str, expected: str) -> None:
    before = database_info(app).row_counts
    with pytest.raises(InvalidInput) as caught:
        load_org_units(
            app, actor=LOCAL_ADMIN, origin=ORIGIN, file=read_org_unit_file(PROBLEMS / name)
        )
    assert name in caught.value.report() and expected in caught.value.report()
    assert database_info(app).row_counts == before


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("indicators-unknown-unit.csv", "第2行 单位: 未知单位 '亿块'"),
        (
            "indicators-bad-nature.csv",
            "第2行 性质: '增量' 不是可用的值; 可用: 流量 (flow)、存量 (stock)",
        ),
        ("indicators-empty-code.csv", "第2行 指标代码: 不能为空"),
        ("indicators-repeated-code.csv", "第3行 指标代码: 'hf_scale' 与第2行重复"),
        ("indicators-bad-period-type.csv", "第2行 周期: '半年' 不是可用的值"),
        ("indicators-unknown-column.csv", "row 1, column 4 '频率': unknown column"),
    ],
)
def test_a_bad_indicator_file_is_refused_whole(app: Bioecon, name: str, expected: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_indicators(
            app, actor=LOCAL_ADMIN, origin=ORIGIN, file=read_indicator_file(PROBLEMS / name)
        )
    assert name in caught.value.report() and expected in caught.value.report()
    assert list_indicators(app, actor=LOCAL_ADMIN) == []


def test_org_units_load_with_chinese_values_and_export_back(app: Bioecon, tmp_path: Path) -> None:
    source = tmp_path / "区域名录.csv"
    source.write_text(
        "代码,名称,层级,上级代码,统计用区划代码,计入上级合计\n"
        "340100,合肥市,地级市,340000,340100000000,\n"  # its parent is on a later row
        "340000,安徽省,province,,340000000000,\n"  # a code value is read as well
        "340102,瑶海区,区县,340100,,\n"  # a common word for 县级
        "HF-GXQ,合肥高新区,园区,340100,,否\n",
        encoding="utf-8",
    )
    report = load_org_units(app, actor=LOCAL_ADMIN, origin=ORIGIN, file=read_org_unit_file(source))
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    assert list_org_units(app, actor=LOCAL_ADMIN) == [
        OrgUnit("340000", "安徽省", OrgLevel.PROVINCE, None, "340000000000"),
        OrgUnit("340100", "合肥市", OrgLevel.CITY, "340000", "340100000000"),
        OrgUnit("340102", "瑶海区", OrgLevel.DISTRICT, "340100"),
        OrgUnit("HF-GXQ", "合肥高新区", OrgLevel.PARK, "340100", None, additive=False),
    ]
    for suffix in (".csv", ".xlsx"):
        exported = tmp_path / f"export{suffix}"
        ORG_UNITS.write(exported, list_org_units(app, actor=LOCAL_ADMIN))
        again = load_org_units(
            app, actor=LOCAL_ADMIN, origin=ORIGIN, file=read_org_unit_file(exported)
        )
        assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    renamed = tmp_path / "renamed.csv"
    renamed.write_text("代码,名称,层级\n340000,安徽省人民政府辖区,省级\n", encoding="utf-8")
    assert (
        load_org_units(
            app, actor=LOCAL_ADMIN, origin=ORIGIN, file=read_org_unit_file(renamed)
        ).updated
        == 1
    )


def test_indicators_load_and_export_back(app: Bioecon, tmp_path: Path) -> None:
    source = tmp_path / "指标名录.csv"
    source.write_text(
        "指标代码,指标名称,单位,性质,口径,周期,汇总方式\n"
        "hf_scale,合肥生物医药产业规模,亿元,流量,累计值,月,求和\n"
        "hf_firms,规上生物医药企业数,家,存量,期末值,年,求和\n",
        encoding="utf-8",
    )
    assert (
        load_indicators(
            app, actor=LOCAL_ADMIN, origin=ORIGIN, file=read_indicator_file(source)
        ).created
        == 2
    )
    stored = list_indicators(app, actor=LOCAL_ADMIN)
    assert [(i.code, i.nature, i.basis, i.period_type) for i in stored] == [
        ("hf_firms", IndicatorNature.STOCK, ReportingBasis.PERIOD_END, "year"),
        ("hf_scale", IndicatorNature.FLOW, ReportingBasis.YTD, "month"),
    ]
    exported = tmp_path / "export.xlsx"
    INDICATORS.write(exported, stored)
    assert (
        load_indicators(
            app, actor=LOCAL_ADMIN, origin=ORIGIN, file=read_indicator_file(exported)
        ).unchanged
        == 2
    )
    assert INDICATORS.csv(stored).splitlines()[0] == (
        "指标代码,指标名称,单位,性质,口径,周期,汇总方式,1—2月合并,英文名称,说明"
    )
