"""`bioecon tasks …` and `bioecon notices …` end to end, through `main` (real exit codes):
the breakdown of tests/data/tasks/breakdown.csv, a report with an evidence file, unit names,
and a notice raised, replied to, closed, listed and counted, with XLSX and CSV exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.test_cli import run

DATA = Path(__file__).parent / "data" / "tasks"
PLAN = "changsha-2025"


@pytest.fixture
def db(
    capsys: pytest.CaptureFixture[str], blank_database_url: str, changsha_plan_file: Path
) -> str:
    """A migrated database holding the 长沙 plan and its breakdown."""
    assert run(capsys, "--db", blank_database_url, "db", "upgrade")[0] == 0
    assert run(capsys, "--db", blank_database_url, "plan", "load", str(changsha_plan_file))[0] == 0
    breakdown = str(DATA / "breakdown.csv")
    code, out, _ = run(
        capsys, "--db", blank_database_url, "tasks", "load", breakdown, "--plan", PLAN
    )
    assert (code, out.strip()) == (0, f"{breakdown}: 3 created, 0 updated, 0 unchanged")
    return blank_database_url


def test_the_task_commands(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    evidence = tmp_path / "纪要.pdf"
    evidence.write_bytes(b"%PDF-1.4 minutes")
    code, out, _ = run(
        capsys, "--db", db, "tasks", "report", "CS-2026-01", "--period", "2026Q1",
        "--text", "完成选址", "--percent", "20", "--evidence", str(evidence),
    )  # fmt: skip
    assert (code, out.strip()) == (0, "CS-2026-01 2026Q1: reported (1 evidence files)")
    exported = tmp_path / "任务.xlsx"
    code, out, _ = run(
        capsys, "--db", db, "tasks", "list", "--plan", PLAN, "--on", "2026-05-20",
        "--out", str(exported),
    )  # fmt: skip
    assert code == 0 and "CS-2026-01-1" in out
    sheet = load_workbook(exported).active
    assert sheet is not None
    # tests/services/test_tasks.py's figures: 20 % against 序时 51.3 % → 黄
    assert sheet["A2"].value == "CS-2026-01" and sheet["P2"].value == "黄"
    assert sheet["L2"].value == 20 and sheet["M2"].value == 51.3
    code, out, _ = run(capsys, "--db", db, "tasks", "show", "CS-2026-01", "--on", "2026-05-20")
    # reported today (after 2026-04-10, Q1's due day): 逾期补报
    assert code == 0 and "逾期补报" in out and "湖南湘江新区管委会" in out
    assert run(capsys, "--db", db, "tasks", "units", "resolve", "市发改委")[1].strip() == "CS-RU03"
    code, out, _ = run(capsys, "--db", db, "tasks", "units", "resolve", "市发展和改革委员会")
    assert code == 1 and out.startswith("CS-RU03\t长沙市发展和改革委员会\t90.0")
    code, out, _ = run(
        capsys, "--db", db, "tasks", "units", "confirm", "市发展和改革委员会", "--unit", "CS-RU03"
    )
    assert code == 0
    code, out, err = run(capsys, "--db", db, "tasks", "show", "nope")
    assert code == 4 and "nope" in err


def test_the_notice_commands(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    # CS-2026-01-1 (2026Q2, no report): today its deadline has passed undone → red, lagging
    code, out, _ = run(
        capsys, "--db", db, "notices", "raise", "--task", "CS-2026-01-1", "--reason", "逾期未报",
    )  # fmt: skip
    assert code == 0 and out.startswith("TS-") and "to CS-RU03" in out
    number = out.split(":")[0]
    assert run(capsys, "--db", db, "notices", "close", number, "--note", "x")[0] == 5
    code, out, _ = run(capsys, "--db", db, "notices", "reply", number, "--measures", "已补报")
    assert (code, out.strip()) == (0, f"{number}: 已回复")
    code, out, _ = run(capsys, "--db", db, "notices", "close", number, "--note", "同意销号")
    assert (code, out.strip()) == (0, f"{number}: 已销号")
    listed = tmp_path / "督办.csv"
    code, out, _ = run(
        capsys, "--db", db, "notices", "list", "--state", "closed", "--out", str(listed)
    )
    assert code == 0 and number in out
    text = listed.read_bytes()
    assert text.startswith("\ufeff编号,种类".encode()) and "市发展改革委" in text.decode(
        "utf-8-sig"
    )
    code, out, _ = run(capsys, "--db", db, "notices", "counts")
    assert code == 0 and "CS-RU03" in out
    code, _, err = run(capsys, "--db", db, "notices", "raise", "--reason", "x")
    assert code == 2 and "--task or --project" in err
