"""Union tiers (any_of: 独角兽、瞪羚、“小巨人”) and the all-enterprise tier (在册企业) counted
in SQL on both backends, on a hand-counted registry."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.catalogs import tier_catalogue
from bioecon.domain.tiers import plan_rules, tier_rules
from bioecon.errors import InvalidValue
from bioecon.io.enterprises import read_enterprise_file
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.enterprises import load_enterprises
from bioecon.services.plans import load_plan
from bioecon.services.tiers import tier_report
from bioecon.store import tiers as store
from tests.services.test_enterprises import code
from tests.test_cli import run

A, B, C, D, E, F = (code(n) for n in range(11, 17))
# 甲: a unicorn in 2025 (15亿美元, founded 2018, not listed) and a 小巨人 since 2020: two tiers
# 乙: a gazelle in 2025 (2000 → 3456 over 2022–2025 = CAGR 20 %, grew in 2025)
# 丙: a 小巨人 from 2025-06-01, no figures
# 丁: valued 15亿美元 but listed: no unicorn; in no tier of the union
# 戊: founded 2026-03-01; 己: no founding date (always registered)
REGISTRY = f"""\
统一社会信用代码,企业名称,区域,行业代码,经营范围,成立日期,资质标识,年度,营业收入,估值,估值单位
{A},甲细胞,430100,7340,细胞治疗产品研发,2018-01-01,,2025,50000,15,亿美元
{B},乙基因,CS-LYJK,,基因治疗药物研发,2015-03-01,,2022,2000,,
{B},,,,,,,2024,3000,,
{B},,,,,,,2025,3456,,
{C},丙器械,430181,3581,医疗器械生产,2019-01-01,,,,,
{D},丁医疗,430181,3581,医疗器械生产,2018-01-01,上市,2025,50000,15,亿美元
{E},戊生物,430100,2761,生物药品生产,2026-03-01,,,,,
{F},己药业,430100,2720,化学药品制剂生产,,,,,,
"""
FLAGS = f"""\
uscc,name,flags,flags_valid_from,flags_valid_to
{A},,专精特新小巨人,2020-01-01,
{C},,专精特新小巨人,2025-06-01,
{D},,上市,2019-01-01,
"""


@pytest.fixture
def registry(app: Bioecon, changsha_plan_file: Path, tmp_path: Path) -> Bioecon:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    for name, text in (("registry.csv", REGISTRY), ("flags.csv", FLAGS)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        load_enterprises(
            app,
            actor=LOCAL_ADMIN,
            origin="test",
            parsed=read_enterprise_file(path),
            loaded_on=date(2025, 1, 1),
        )
    return app


def members(app: Bioecon, tier: str, year: int) -> list[str]:
    (result,) = tier_report(app, actor=LOCAL_ADMIN, year=year, tiers=[tier])
    return sorted(m.name for m in result.members)


def test_a_union_counts_each_member_once(registry: Bioecon) -> None:
    # 2025: 甲 (unicorn and 小巨人, once), 乙 (gazelle), 丙 (小巨人 on 2025-12-31) → 3
    assert members(registry, "unicorn_gazelle_little_giant", 2025) == ["丙器械", "乙基因", "甲细胞"]
    # 2024: 甲 only (小巨人 since 2020; no 2024 figures, so no unicorn); 乙 has no 2021 base
    # for its CAGR; 丙's flag starts in 2025
    assert members(registry, "unicorn_gazelle_little_giant", 2024) == ["甲细胞"]
    rule = tier_catalogue()["unicorn_gazelle_little_giant"]
    with registry.reading() as connection:
        # entrants in 2025 since 2024: 乙, 丙 → 2
        since = store.Since(2024, date(2024, 12, 31))
        day = date(2025, 12, 31)
        assert store.count(connection, rule, year=2025, day=day, since=since) == 2
        # 430181 holds 丙, 丁 and the park CS-LYJK (乙): 乙 and 丙 count, 甲 (430100) does not
        assert store.count(connection, rule, year=2025, day=day, org_unit="430181") == 2


def test_the_all_tier_counts_every_enterprise_founded_by_the_day(registry: Bioecon) -> None:
    # on 2025-12-31: all but 戊 (founded 2026-03-01); 己 has no founding date and counts
    assert members(registry, "registered", 2025) == [
        "丁医疗",
        "丙器械",
        "乙基因",
        "己药业",
        "甲细胞",
    ]
    rule = tier_catalogue()["registered"]
    with registry.reading() as connection:
        since = store.Since(2025, date(2025, 12, 31))
        day = date(2026, 11, 30)
        assert store.count(connection, rule, year=2026, day=day) == 6
        assert store.count(connection, rule, year=2026, day=day, since=since) == 1  # 戊


def test_union_rules_name_known_and_different_tiers() -> None:
    known = tier_catalogue()
    with pytest.raises(InvalidValue, match="unknown tiers nope"):
        tier_rules([{"code": "u", "name": "U", "any_of": ["unicorn", "nope"]}], known)
    with pytest.raises(InvalidValue, match="two or more different"):
        tier_rules([{"code": "u", "name": "U", "any_of": ["unicorn", "unicorn"]}], known)
    with pytest.raises(InvalidValue, match="all takes true"):
        tier_rules([{"code": "u", "name": "U", "all": False}])
    # a plan's union may name the catalogue's tiers; flags-only unions count on a day
    rules = plan_rules(
        known, [{"code": "lg_listed", "name": "L", "any_of": ["little_giant", "listed"]}]
    )
    assert rules["lg_listed"].flags == ("专精特新小巨人", "上市")
    assert not rules["lg_listed"].uses_figures
    assert rules["unicorn_gazelle_little_giant"].uses_figures  # unicorn and gazelle use figures


def test_bioecon_tiers_shows_the_union_and_all(
    registry: Bioecon, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tiers = ("--tier", "unicorn_gazelle_little_giant", "--tier", "registered")
    code, out, _ = run(
        capsys, "--db", database_url, "tiers", "--year", "2025", *tiers, "--format", "json"
    )
    # the counts of the two tests above: 3 in the union, 5 registered by 2025-12-31
    assert code == 0 and [(t["tier"], t["count"]) for t in json.loads(out)] == [
        ("unicorn_gazelle_little_giant", 3),
        ("registered", 5),
    ]
