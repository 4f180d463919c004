"""`bioecon plan onboard` → `plan show` → `plan delete`, and `plan load --replace`, through
`main` on both backends (exit codes: docs/cli.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bioecon.cli import cli
from tests.test_cli import run

DATA = Path(__file__).parent / "data" / "onboarding"


def test_onboard_show_delete(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "合肥市生物医药产业发展三年行动计划.txt"  # a Chinese file name
    shutil.copy(DATA / source.name, source)
    code, out, err = run(capsys, "--db", database_url, "plan", "onboard", str(source))
    assert code == 0, err
    assert "title:   合肥市生物医药产业高质量发展三年行动计划（2024—2026年）" in out
    assert "region:  安徽省 340000 › 合肥市 340100" in out
    assert "period:  2024–2026" in out and "code:    hefei-2024-2026" in out
    assert "plan hefei-2024-2026 (id 1) created" in out
    assert "next:    bioecon plan map hefei-2024-2026" in out

    code, out, _ = run(
        capsys, "--db", database_url, "plan", "show", "hefei-2024-2026", "--format", "json"
    )
    shown = json.loads(out)
    assert code == 0 and shown["plan"]["region"] == "340100"
    mapped = sum(1 for target in shown["targets"] if target["indicator"])
    assert (
        f"({mapped} with an indicator, {len(shown['targets']) - mapped} without)"
        in (run(capsys, "--db", database_url, "plan", "onboard", str(source))[1])
    )

    other = DATA / "合肥市生物制造产业发展三年行动计划.txt"
    code, _, err = run(capsys, "--db", database_url, "plan", "onboard", str(other))
    assert code == 5 and "pass --replace" in err  # Conflict

    code, _, err = run(
        capsys, "--db", database_url, "plan", "onboard", str(DATA / "鼓楼区生物医药行动方案.txt")
    )
    assert code == 3 and "320106 江苏省南京市鼓楼区" in err

    runner = CliRunner()
    declined = runner.invoke(
        cli, ["--db", database_url, "plan", "delete", "hefei-2024-2026"], input="n\n"
    )
    assert declined.exit_code == 1 and "delete plan hefei-2024-2026" in declined.output
    assert (
        run(capsys, "--db", database_url, "plan", "list", "--format", "json")[1].count("hefei") == 1
    )
    code, out, _ = run(capsys, "--db", database_url, "plan", "delete", "hefei-2024-2026", "--yes")
    assert code == 0 and "deleted plan hefei-2024-2026" in out
    assert "org units no longer used: 340100, 340000" in out
    assert (
        json.loads(run(capsys, "--db", database_url, "plan", "list", "--format", "json")[1]) == []
    )
    assert run(capsys, "--db", database_url, "plan", "delete", "hefei-2024-2026", "--yes")[0] == 4


def test_plan_load_refuses_another_document_unless_replace(
    database_url: str, capsys: pytest.CaptureFixture[str], changsha_plan_file: Path, tmp_path: Path
) -> None:
    assert run(capsys, "--db", database_url, "plan", "load", str(changsha_plan_file))[0] == 0
    renamed = tmp_path / "renamed.plan.yaml"
    text = changsha_plan_file.read_text(encoding="utf-8")
    renamed.write_text(
        text.replace("title: 长沙市生物经济发展行动计划", "title: 长沙市生物制造行动计划"),
        encoding="utf-8",
    )
    source_text = changsha_plan_file.parent / "changsha.source.txt"
    (tmp_path / source_text.name).write_bytes(source_text.read_bytes())
    code, _, err = run(capsys, "--db", database_url, "plan", "load", str(renamed))
    assert code == 5 and "already holds 《长沙市生物经济发展行动计划》" in err
    code, out, _ = run(capsys, "--db", database_url, "plan", "load", str(renamed), "--replace")
    assert code == 0 and "plan changsha-2025 (id 1) updated" in out


def test_orgunits_and_indicators_commands(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    units = tmp_path / "区域.csv"
    units.write_text(
        "代码,名称,层级,上级代码\n340000,安徽省,省级,\n340100,合肥市,地级市,340000\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", database_url, "orgunits", "load", str(units))
    assert code == 0 and out.strip() == f"{units}: 2 created, 0 updated, 0 unchanged"
    code, out, _ = run(capsys, "--db", database_url, "orgunits", "list", "--format", "json")
    assert [(u["code"], u["level"], u["parent"]) for u in json.loads(out)] == [
        ("340000", "province", None),
        ("340100", "city", "340000"),
    ]
    code, out, _ = run(capsys, "--db", database_url, "orgunits", "export")
    assert out.splitlines() == [
        "代码,名称,层级,上级代码,统计用区划代码,计入上级合计,英文名称",
        "340000,安徽省,省级,,,是,",
        "340100,合肥市,地级市,340000,,是,",
    ]
    bad = tmp_path / "指标.csv"
    bad.write_text("指标代码,指标名称,单位\nhf_scale,规模,亿块\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", database_url, "indicators", "load", str(bad))
    assert code == 3 and "第2行 单位: 未知单位 '亿块'" in err
    bad.write_text("指标代码,指标名称,单位\nhf_scale,规模,亿元\n", encoding="utf-8")
    assert run(capsys, "--db", database_url, "indicators", "load", str(bad))[0] == 0
    code, out, _ = run(capsys, "--db", database_url, "indicators", "list", "--format", "csv")
    # the defaults of an indicator: 流量, 累计值, 月, 求和, not 1—2月合并
    assert out.splitlines()[1] == "hf_scale,规模,亿元,流量,累计值,月,求和,否,,"
