"""`bioecon projects load|progress load|selection load|selection list|report` end to end,
through `main` (real exit codes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.test_cli import run

DATA = Path(__file__).parent / "data" / "projects"


@pytest.fixture
def db(
    capsys: pytest.CaptureFixture[str], blank_database_url: str, changsha_plan_file: Path
) -> str:
    """A migrated database holding the 长沙 plan."""
    assert run(capsys, "--db", blank_database_url, "db", "upgrade")[0] == 0
    assert run(capsys, "--db", blank_database_url, "plan", "load", str(changsha_plan_file))[0] == 0
    return blank_database_url


def test_ledger_progress_and_report_from_the_command_line(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    ledger = str(DATA / "ledger.csv")
    code, out, _ = run(capsys, "--db", db, "projects", "load", ledger, "--plan", "changsha-2025")
    assert (code, out.strip()) == (0, f"{ledger}: 5 created, 0 updated, 0 unchanged")
    code, out, _ = run(
        capsys, "--db", db, "projects", "progress", "load", str(DATA / "progress.csv")
    )
    assert code == 0 and "6 created" in out
    out_file = tmp_path / "调度.xlsx"
    code, out, _ = run(
        capsys, "--db", db, "projects", "report", "--plan", "changsha-2025",
        "--period", "2026-06", "--out", str(out_file),
    )  # fmt: skip
    assert code == 0
    assert "序时进度比较\t低于序时进度9.3个百分点" in out.splitlines()
    assert "未按计划开工（个）\t2" in out.splitlines()
    assert load_workbook(out_file).sheetnames == ["汇总", "项目明细", "红灯项目", "黄灯项目"]


def test_a_bad_ledger_exits_with_invalid_input_naming_row_and_field(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    bad = tmp_path / "ledger.csv"
    bad.write_text("项目编号,项目名称,实际建设阶段\nX1,甲,在路上\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "projects", "load", str(bad), "--plan", "changsha-2025")
    assert code == 3
    assert "第2行 实际建设阶段" in err and "不是七个一批的阶段" in err
    code, _, err = run(
        capsys, "--db", db, "projects", "report", "--plan", "nowhere", "--period", "2026-06"
    )
    assert code == 4


def test_a_selection_from_the_command_line(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    ledger = str(DATA / "ledger.csv")
    assert run(capsys, "--db", db, "projects", "load", ledger, "--plan", "changsha-2025")[0] == 0
    chosen = str(DATA / "selection.csv")
    code, out, _ = run(capsys, "--db", db, "projects", "selection", "load", chosen)
    assert (code, out.strip()) == (0, f"{chosen}: 5 created, 0 updated, 0 unchanged")
    code, out, err = run(
        capsys, "--db", db, "projects", "selection", "list",
        "--plan", "changsha-2025", "--year", "2026",
    )  # fmt: skip
    # 88 (28+22+18+12+8), 83 (25+20+15+14+9), 75.5, 55: tests/services/test_project_selection.py
    assert code == 0 and [line.split("\t")[:5] for line in out.splitlines()] == [
        ["1", "CS-P1", "细胞治疗产业化基地", "88", "入选"],
        ["2", "CS-P5", "生物农药生产线", "83", "入选"],
        ["3", "CS-P2", "创新药生产基地二期", "75.5", "入选"],
        ["4", "CS-P3", "医疗器械产业园", "55", "未入选"],
    ]
    assert "3 of 4 chosen" in err
    bad = str(DATA / "selection-with-problems" / "over-full-points.csv")
    code, _, err = run(capsys, "--db", db, "projects", "selection", "load", bad)
    assert code == 3 and "第2行 投资规模得分: 32 超过该项满分30分" in err
