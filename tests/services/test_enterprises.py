"""Enterprise registry on both backends: load and merge, classification, tiers at their
boundaries, and a plan target that counts a tier measured from the registry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from stdnum.cn.uscc import calc_check_digit

from bioecon.app import Bioecon
from bioecon.classify.tables import load_tables
from bioecon.domain.periods import Period
from bioecon.domain.progress import Status
from bioecon.errors import InvalidInput, InvalidValue
from bioecon.io.enterprises import read_enterprise_file, write_enterprises
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.enterprises import (
    EnterpriseLoadReport,
    classify_registry,
    enterprise_directory,
    export_enterprises,
    load_enterprises,
)
from bioecon.services.evaluation import evaluate_plan
from bioecon.services.plans import load_plan
from bioecon.services.tiers import tier_report


def load_file(app: Bioecon, path: Path, loaded_on: date | None = None) -> EnterpriseLoadReport:
    """Load an enterprise file as the local admin."""
    parsed = read_enterprise_file(path)
    return load_enterprises(
        app, actor=LOCAL_ADMIN, origin="test", parsed=parsed, loaded_on=loaded_on
    )


def code(n: int) -> str:
    body = f"91430100{n:08d}X"[:17]
    return body + calc_check_digit(body)


A, B, C, D, E, F = (code(n) for n in range(1, 7))
REGISTRY = f"""\
统一社会信用代码,企业名称,区域,行业代码,经营范围,成立日期,资质标识,年度,营业收入,估值,估值单位
{A},甲生物制药,430100,2761,生物药品生产,2012-05-01,高新技术企业;专精特新,2024,1200000,,
{A},,,,,,,2025,1350000,,
{B},乙基因,CS-LYJK,,基因治疗药物研发,2015-03-01,,2022,2000,,
{B},,,,,,,2024,3000,,
{B},,,,,,,2025,3456,,
{C},丙细胞,430181,7340,细胞治疗产品研发,2018-01-01,,2025,50000,15,亿美元
{D},丁医疗,430181,3581,医疗器械生产,2018-01-01,上市,2025,50000,15,亿美元
{E},戊药业,430100,2720,化学药品制剂生产,2000-01-01,,2025,1000000,,
{F},己药业,430100,2720,化学药品制剂生产,2000-01-01,,2025,999999.99,,
"""


@pytest.fixture
def registry(app: Bioecon, changsha_plan_file: Path, tmp_path: Path) -> Bioecon:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    path = tmp_path / "registry.csv"
    path.write_text(REGISTRY, encoding="utf-8")
    # recorded on 2025-01-01: the undated flags (上市, 专精特新 …) count from that day on
    report = load_file(app, path, date(2025, 1, 1))
    assert (report.created, report.years) == (6, 9)
    return app


def members(app: Bioecon, tier: str, year: int = 2025, org_unit: str | None = None) -> list[str]:
    (result,) = tier_report(app, actor=LOCAL_ADMIN, year=year, org_unit=org_unit, tiers=[tier])
    return sorted(m.name for m in result.members)


def test_tiers_at_their_boundaries(registry: Bioecon) -> None:
    assert members(registry, "revenue_100yi") == [
        "戊药业",
        "甲生物制药",
    ]  # 1,000,000 万元 counts; 999,999.99 does not
    assert members(registry, "revenue_100yi", year=2024) == ["甲生物制药"]
    # 乙: 3456 = 2000 × 1.2³ exactly (CAGR 20 %), grew on 2024, first year above 1000万元, founded ≤ 15 years
    assert members(registry, "gazelle") == ["乙基因"]
    assert members(registry, "unicorn") == ["丙细胞"]  # 丁 is listed
    assert members(registry, "above_scale") == [
        "丁医疗",
        "己药业",
        "戊药业",
        "甲生物制药",
    ]  # 7340 is a service code
    assert members(registry, "specialised") == ["甲生物制药"]
    # on 2024-12-31 the registry had not yet recorded any flag: none counts, 丁 is no longer
    # known to be listed (its 2025 valuation makes it no unicorn in 2024 either: no 2024 row)
    assert members(registry, "specialised", year=2024) == []
    # a park's enterprises count in its district and city, not elsewhere
    assert members(registry, "gazelle", org_unit="430181") == ["乙基因"]
    assert members(registry, "gazelle", org_unit="430102") == []


def test_reload_merges_by_code_and_reports_changes(registry: Bioecon, tmp_path: Path) -> None:
    path = tmp_path / "again.csv"
    path.write_text(
        f"uscc,name,org_unit,year,revenue\n{A},甲生物制药股份有限公司,,2025,1400000\n",
        encoding="utf-8",
    )
    report = load_file(registry, path)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    assert [(c.field, c.old, c.new) for c in report.changes] == [
        ("name", "甲生物制药", "甲生物制药股份有限公司")
    ]
    stored = dict(export_enterprises(registry, actor=LOCAL_ADMIN))
    by_code = {e.uscc: (e, years) for e, years in export_enterprises(registry, actor=LOCAL_ADMIN)}
    enterprise, years = by_code[A]
    assert enterprise.org_unit == "430100" and [str(f) for f in enterprise.flags] == [
        "专精特新",
        "高新技术企业",
    ]  # blanks kept
    assert [(y.year, y.revenue) for y in years] == [
        (2024, Decimal(1200000)),
        (2025, Decimal(1400000)),
    ]
    assert len(stored) == 6


def test_bad_rows_refuse_the_file_naming_row_and_column(registry: Bioecon, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "uscc,name,org_unit,industry_code,year,revenue\n"
        f"{A[:-1]}Q,坏,430100,2761,2025,1\n"
        f"{A},甲,NOWHERE,27610,2025,x\n"
        f"{B},乙改名,,,2025,\n"
        f"{B},乙又改名,,,,\n"
        f"{code(99)},,430100,,,\n",
        encoding="utf-8",
    )
    found = refused(registry, bad)
    expected_check = calc_check_digit(A[:-1])
    assert found[0].startswith(
        f"row 2, column uscc: '{A[:-1]}Q': check character (position 18) is 'Q', it should be '{expected_check}'"
    )
    assert "row 3, column industry_code: '27610' is not a GB/T 4754 code" in found[1]
    assert any(p.startswith("row 3, column revenue: 「x」不是数值") for p in found)
    assert "row 3, column org_unit: unknown org unit 'NOWHERE'" in found
    assert any(p.startswith("row 5, column name: '乙又改名' contradicts row 4") for p in found)
    assert any(
        p.startswith("row 6, column name:") and "is new: its name is required" in p for p in found
    )
    assert len(export_enterprises(registry, actor=LOCAL_ADMIN)) == 6  # nothing written


def refused(app: Bioecon, path: Path) -> list[str]:
    """The problems that refuse the file ``path`` (nothing written)."""
    with pytest.raises(InvalidInput) as caught:
        load_file(app, path)
    return [str(p) for p in caught.value.problems]


def test_classification_is_stored_with_its_table_and_export_round_trips(
    registry: Bioecon, tmp_path: Path
) -> None:
    report = classify_registry(registry, actor=LOCAL_ADMIN, tables=load_tables())
    assert (report.enterprises, report.classified) == (6, 6)
    assert members_by_sector(registry, "4.1") == sorted(
        ["丙细胞", "己药业", "戊药业", "乙基因", "甲生物制药"]
    )
    assert members_by_sector(registry, "4.2") == ["丁医疗"]
    out = tmp_path / "export.xlsx"
    write_enterprises(out, export_enterprises(registry, actor=LOCAL_ADMIN))
    again = load_file(registry, out)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)


def members_by_sector(app: Bioecon, sector: str) -> list[str]:
    (result,) = tier_report(app, actor=LOCAL_ADMIN, year=2025, sector=sector, tiers=["above_scale"])
    everyone = {m.name for m in result.members}
    (unicorns,) = tier_report(app, actor=LOCAL_ADMIN, year=2025, sector=sector, tiers=["unicorn"])
    (gazelles,) = tier_report(app, actor=LOCAL_ADMIN, year=2025, sector=sector, tiers=["gazelle"])
    return sorted(
        everyone | {m.name for m in unicorns.members} | {m.name for m in gazelles.members}
    )


def test_a_tier_target_is_measured_from_the_registry(registry: Bioecon, tmp_path: Path) -> None:
    plan = tmp_path / "tier.yaml"
    plan.write_text(
        "plan: {code: tier-plan, title: 梯次, region: '430100', horizon: {start: 2024, end: 2025}}\n"
        "targets:\n"
        "  - {key: T1, metric: 百亿级企业数量, indicator: tier.revenue_100yi, value: 10, unit: 家, deadline_year: 2025, baseline_value: 1, baseline_year: 2023}\n"
        "  - {key: T2, metric: 专精特新企业, indicator: tier.specialised, value: 1, unit: 家, deadline_year: 2025}\n"
        "  - {key: T3, metric: 瞪羚, indicator: tier.no_such_tier, value: 1, unit: 家, deadline_year: 2025}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match="1 problem") as caught:
        load_plan(
            registry,
            actor=LOCAL_ADMIN,
            origin="test",
            bundle=read_plan_file(plan).bundle,
            source="tier.yaml",
        )
    assert "indicator 'tier.no_such_tier'" in caught.value.report()
    plan.write_text(plan.read_text(encoding="utf-8").rsplit("  - {key: T3", 1)[0], encoding="utf-8")
    load_plan(
        registry,
        actor=LOCAL_ADMIN,
        origin="test",
        bundle=read_plan_file(plan).bundle,
        source="tier.yaml",
    )
    results = {
        i.target.key: i.evaluation
        for i in evaluate_plan(
            registry, actor=LOCAL_ADMIN, plan="tier-plan", as_of=Period.month(2025, 12)
        )
    }
    assert (results["T1"].actual, results["T1"].actual_period) == (Decimal(2), "2025")
    # base 1 (2023) → 进度 2 of the 9 more needed = 11.1 %, 完成率 2/10 = 20 %; as of
    # December 2025 the deadline year is over and 2 < 10 → 未达标 (issue #10)
    assert results["T1"].progress == pytest.approx(100 / 9)
    assert results["T1"].completion_rate == pytest.approx(20.0)
    assert results["T1"].status is Status.MISSED
    assert results["T2"].actual == Decimal(1) and results["T2"].status is Status.MET


def test_a_plan_defines_its_own_tier(registry: Bioecon, tmp_path: Path) -> None:
    plan = tmp_path / "own.yaml"
    text = (
        "plan:\n  code: own-tiers\n  title: 本地梯次\n  region: '430100'\n  horizon: {start: 2024, end: 2025}\n"
        "  tiers:\n    - {code: core_firms, name: 骨干企业(营收5亿元以上), revenue_at_least: 50000}\n"
        "targets:\n  - {key: T1, metric: 骨干企业数量, indicator: tier.core_firms, value: 8, unit: 家, deadline_year: 2025}\n"
    )
    plan.write_text(text, encoding="utf-8")
    load_plan(
        registry,
        actor=LOCAL_ADMIN,
        origin="test",
        bundle=read_plan_file(plan).bundle,
        source="own.yaml",
    )
    (result,) = evaluate_plan(
        registry, actor=LOCAL_ADMIN, plan="own-tiers", as_of=Period.month(2025, 12)
    )
    # 2025 revenue ≥ 50,000 万元: 甲, 丙, 丁, 戊, 己 (乙 has 3,456); 5 < 8 with the
    # deadline year 2025 over → 未达标 (issue #10)
    assert result.evaluation.actual == Decimal(5) and result.evaluation.status is Status.MISSED
    (members_,) = tier_report(
        registry, actor=LOCAL_ADMIN, year=2025, tiers=["core_firms"], plan="own-tiers"
    )
    assert len(members_.members) == 5
    plan.write_text(
        text.replace("revenue_at_least: 50000", "flag: 上市, revenue_at_least: 1"), encoding="utf-8"
    )
    with pytest.raises(InvalidInput) as caught:
        load_plan(
            registry,
            actor=LOCAL_ADMIN,
            origin="test",
            bundle=read_plan_file(plan).bundle,
            source="own.yaml",
        )
    assert (
        "plan.tiers: not a valid tier rule: tier core_firms: give exactly one of"
        in caught.value.report()
    )


def test_sector_totals_in_the_ledger_from_enterprise_figures(
    registry: Bioecon, tmp_path: Path
) -> None:
    from bioecon.services.enterprises import build_sector_ledger
    from bioecon.services.ledger import ledger

    plan = tmp_path / "revenue.yaml"
    plan.write_text(
        "plan: {code: rev, title: 营收, region: '430100'}\n"
        "indicators:\n  - {code: bio_revenue, name: 生物经济企业营业收入, unit: 亿元, period_type: year}\n",
        encoding="utf-8",
    )
    load_plan(
        registry,
        actor=LOCAL_ADMIN,
        origin="test",
        bundle=read_plan_file(plan).bundle,
        source="revenue.yaml",
    )
    classify_registry(registry, actor=LOCAL_ADMIN, tables=load_tables())
    report = build_sector_ledger(registry, actor=LOCAL_ADMIN, indicator="bio_revenue")
    assert report.inserted == report.rows > 0

    def at(org: str, sector: str | None = None) -> Decimal | None:
        (entry,) = ledger(
            registry,
            actor=LOCAL_ADMIN,
            indicator="bio_revenue",
            org_units=[org],
            first=Period.of_year(2025),
            last=Period.of_year(2025),
            sector=sector,
        )
        return entry.value

    # 2025, 万元 → 亿元: 4.1 = 甲 1,350,000 + 乙 3,456 + 丙 50,000 + 戊 1,000,000 + 己 999,999.99; 4.2 = 丁 50,000
    assert at("430100", "4.1") == Decimal("340.345599")
    assert at("430100", "4.2") == Decimal(5)
    assert at("430100") == Decimal(
        "345.345599"
    )  # the total: sector 4 (outermost), no double counting
    assert at("430181", "4.1") == Decimal("5.3456")  # 乙 (in its park) + 丙
    assert (
        build_sector_ledger(registry, actor=LOCAL_ADMIN, indicator="bio_revenue").inserted == 0
    )  # idempotent


def test_directory_tier_filter_on_a_registry_without_figures(app: Bioecon) -> None:
    # no enterprise figures at all: no enterprise is in a tier, and no year is claimed
    found = enterprise_directory(app, actor=LOCAL_ADMIN, tier="revenue_100yi")
    assert (found.total, found.rows, found.tier_year) == (0, [], None)
    with pytest.raises(InvalidValue, match="unknown tier 'revenue_1yi'"):
        enterprise_directory(app, actor=LOCAL_ADMIN, tier="revenue_1yi")


def test_directory_tier_filter_uses_the_latest_figures_year(registry: Bioecon) -> None:
    found = enterprise_directory(registry, actor=LOCAL_ADMIN, tier="revenue_100yi", size=500)
    assert found.tier_year == 2025
    assert (
        sorted(r.name for r in found.rows)
        == members(registry, "revenue_100yi")
        == ["戊药业", "甲生物制药"]
    )


def test_flag_dates_are_loaded_exported_and_loaded_back_unchanged(
    registry: Bioecon, tmp_path: Path
) -> None:
    path = tmp_path / "dated.csv"
    # 甲: 专精特新 re-dated (kept with its load date), 上市 added with its own dates in a row of
    # its own; 高新技术企业 is named in neither row, so it is dropped
    path.write_text(
        "uscc,name,flags,flags_valid_from,flags_valid_to\n"
        f"{A},,专精特新,2021-03-01,2024-02-29\n"
        f"{A},,上市,2023-06-01,\n",
        encoding="utf-8",
    )
    report = load_file(registry, path, date(2026, 1, 1))
    assert (report.updated, [c.field for c in report.changes]) == (1, ["flags"])
    by_code = {e.uscc: e for e, _ in export_enterprises(registry, actor=LOCAL_ADMIN)}
    assert [(f.name, f.valid_from, f.valid_to) for f in by_code[A].flags] == [
        ("上市", date(2023, 6, 1), None),
        ("专精特新", date(2021, 3, 1), date(2024, 2, 29)),
    ]
    # 专精特新 held on 2023-12-31, lapsed by 2024-12-31; 上市 from 2023-06-01
    assert members(registry, "specialised", year=2023) == ["甲生物制药"]
    assert members(registry, "specialised", year=2024) == []
    assert members(registry, "listed", year=2023) == ["甲生物制药"]
    out = tmp_path / "export.csv"
    write_enterprises(out, export_enterprises(registry, actor=LOCAL_ADMIN))
    again = load_file(registry, out)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)


def test_bad_flag_dates_refuse_the_file_by_row_and_column(
    registry: Bioecon, tmp_path: Path
) -> None:
    bad = tmp_path / "bad-dates.csv"
    bad.write_text(
        "统一社会信用代码,企业名称,资质标识,资质起始日期,资质截止日期\n"
        f"{A},,专精特新,2024-05-01,2023-01-01\n"
        f"{B},,,2024-05-01,\n"
        f"{C},,上市,2020-01-01,\n"
        f"{C},,上市,2021-01-01,\n"
        f"{D},,上市,2020-13-01,\n",
        encoding="utf-8",
    )
    found = refused(registry, bad)
    assert found[0] == "row 2, column flags_valid_to: 2023-01-01 is before 2024-05-01"
    assert found[1] == "row 3, column flags_valid_from: a validity date needs the flags it dates"
    assert any(p.startswith("row 5, column flags_valid_from: 上市 of") for p in found)
    assert any(
        p.startswith("row 6, column flags_valid_from: '2020-13-01' is not a date") for p in found
    )
    assert len(found) == 4
