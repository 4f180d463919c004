"""A plan the demo does not contain (襄城市, tests/data/mapping/), end to end on both backends:
extract → plan load → plan map lists suggestions → --set → plan export keeps the mapping →
the evaluation measures the target by the chosen indicator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.test_cli import run

PLAN_TEXT = Path(__file__).parent / "data" / "mapping" / "xiangcheng-biomedicine.txt"
REGION = "plan: {code: xc-units, title: 襄城市, region: XC}\norg_units:\n  - {code: XC, name: 襄城市, level: city}\n"


def test_extract_load_map_export_evaluate(
    blank_database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = ("--db", blank_database_url)
    assert run(capsys, *db, "db", "upgrade")[0] == 0
    units = tmp_path / "units.yaml"
    units.write_text(REGION, encoding="utf-8")
    assert run(capsys, *db, "plan", "load", str(units))[0] == 0

    code, text, _ = run(
        capsys, "extract", str(PLAN_TEXT), "--format", "yaml", "--code", "xc-2026", "--region", "XC"
    )
    assert code == 0
    extracted = yaml.safe_load(text)
    mapped = {t["key"]: (t.get("indicator"), t.get("mapping_method")) for t in extracted["targets"]}
    # the rules map eight of the ten targets, with high confidence (≥ 0.80):
    assert mapped == {
        "T01": ("biomedicine_scale", "rule"),  # 生物医药产业 规模, 亿元
        "T02": (None, None),  # 生物医药产业 年均增长 15 %: a medium rule (0.75), left for review
        "T03": ("platform.innovation_national_provincial", "rule"),  # 国家级和省级创新平台
        "T04": ("platform.innovation_national", "rule"),  # 其中国家级创新平台
        "T05": ("approval.drug", "rule"),  # 药品上市批文, 个
        "T06": ("approval.device_class3", "rule"),  # 三类医疗器械注册批件, 件
        "T07": ("tier.unicorn_gazelle_little_giant", "rule"),  # the union, 家
        "T08": ("tier.revenue_50yi", "rule"),  # the band 过50亿元
        "T09": ("rd_institution_coverage", "rule"),  # 研发机构 覆盖率, %
        "T10": ("platform.pilot_base", "rule"),  # 中试基地
    }
    # declared from the catalogue: the ledger indicators used (T01 scale, T09 coverage);
    # register indicators (tiers, platforms, approvals) are stored from the catalogue on load
    assert {i["code"] for i in extracted["indicators"]} == {
        "biomedicine_scale",
        "rd_institution_coverage",
    }
    plan_file = tmp_path / "xc.yaml"
    plan_file.write_text(text, encoding="utf-8")
    assert run(capsys, *db, "plan", "load", str(plan_file))[0] == 0

    code, out, _ = run(capsys, *db, "plan", "map", "xc-2026", "--format", "json")
    listed = json.loads(out)
    assert code == 0 and [t["key"] for t in listed] == ["T02"]
    # the rule subject 生物医药 + metric 年均增长 → biomedicine_growth at 0.75: medium (0.55 ≤
    # 0.75 < 0.80), so extraction left it for a person; it is the top suggestion
    growth = listed[0]["suggestions"][0]
    assert (growth["code"], growth["confidence"], growth["level"], growth["method"]) == (
        "biomedicine_growth",
        0.75,
        "medium",
        "rule",
    )

    code, _, err = run(capsys, *db, "plan", "map", "xc-2026", "--set", "T02=biomedicine_scale")
    assert code == 3 and "目标 T02: 指标 biomedicine_scale 的单位“亿元”不能计量单位为“%”" in err
    code, out, _ = run(capsys, *db, "plan", "map", "xc-2026", "--set", "T02=biomedicine_growth")
    assert code == 0 and "T02" in out and "biomedicine_growth" in out and "yes" in out
    assert json.loads(run(capsys, *db, "plan", "map", "xc-2026", "--format", "json")[1]) == []

    code, exported, _ = run(capsys, *db, "plan", "export", "xc-2026")
    t02 = next(t for t in yaml.safe_load(exported)["targets"] if t["key"] == "T02")
    assert (t02["indicator"], t02["mapping_method"], t02["mapping_confidence"]) == (
        "biomedicine_growth",
        "manual",
        1,
    )
    assert "biomedicine_growth" in {i["code"] for i in yaml.safe_load(exported)["indicators"]}
    again = tmp_path / "again.yaml"
    again.write_text(exported, encoding="utf-8")
    code, out, _ = run(capsys, *db, "plan", "load", str(again))
    assert code == 0 and out.strip().endswith("unchanged")  # the export loads back unchanged

    data = tmp_path / "data.csv"
    data.write_text(
        "indicator,org_unit,period,value,basis\nbiomedicine_growth,XC,2025,16.5,period_end\n",
        encoding="utf-8",
    )
    assert run(capsys, *db, "data", "load", str(data), "--status", "approved")[0] == 0
    code, out, _ = run(
        capsys, *db, "evaluate", "--plan", "xc-2026", "--as-of", "2025-12", "--format", "json"
    )
    t02 = next(r for r in json.loads(out) if r["target_id"] == "T02")
    assert (t02["indicator"], t02["actual"], t02["actual_period"]) == (
        "biomedicine_growth",
        16.5,  # the 2025 figure loaded above
        "2025",
    )
