"""`bioecon extract --format yaml` writes a plan file that `bioecon plan load` accepts, for
every count unit the extractor reads (the review reproduced 座 being refused: main before
issue #9 failed here with "unknown unit '座'")."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bioecon.cli import cli

PLAN = (
    "扬州市生物制造产业行动计划\n二、发展目标\n"
    "到2025年,建成5座示范工厂。\n"
    "到2025年,新建生物制造中试线3条,推广核心装备20套,新增检测设备12台,"
    "引进领军人才8位,支持高校院所4所,培育新品种6种。\n"
)


def test_an_extracted_plan_with_count_units_loads(blank_database_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    source = tmp_path / "plan.txt"
    source.write_text(PLAN, encoding="utf-8")
    extracted = runner.invoke(cli, ["extract", str(source), "--format", "yaml", "--code", "zz"])
    assert extracted.exit_code == 0, extracted.output
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(extracted.output, encoding="utf-8")
    database = ["--db", blank_database_url]
    assert runner.invoke(cli, [*database, "db", "upgrade"]).exit_code == 0
    loaded = runner.invoke(cli, [*database, "plan", "load", str(plan_file)])
    assert loaded.exit_code == 0, loaded.output
    shown = runner.invoke(cli, [*database, "plan", "show", "zz", "--format", "json"])
    targets = json.loads(shown.output)["targets"]
    # each count word kept as written; 新建/新增 make increments (docs/extraction.md)
    assert [(t["value"], t["unit"], t["kind"], t["deadline_year"]) for t in targets] == [
        (5, "座", "level", 2025),
        (3, "条", "increment", 2025),
        (20, "套", "level", 2025),
        (12, "台", "increment", 2025),
        (8, "位", "level", 2025),
        (4, "所", "level", 2025),
        (6, "种", "level", 2025),
    ]
