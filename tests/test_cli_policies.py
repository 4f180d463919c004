"""`bioecon policies …` end to end, through `main` (real exit codes): a clause file loaded, an
enterprise's application through every step, the ledger and the budget; a duplicate and a bad
file exit with their codes. Figures as in tests/services/test_policies.py: 研发费用 8000 万元 →
0.15 × 8000 = 1200 → 1000 (the cap); approved at 900 with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.services.test_policies import CLAUSES, PLATFORMS_FILE, REGISTRY, A
from tests.test_cli import run


@pytest.fixture
def db(
    capsys: pytest.CaptureFixture[str],
    blank_database_url: str,
    changsha_plan_file: Path,
    tmp_path: Path,
) -> str:
    """A migrated database with the 长沙 plan, the registry and its platform."""
    url = blank_database_url
    assert run(capsys, "--db", url, "db", "upgrade")[0] == 0
    assert run(capsys, "--db", url, "plan", "load", str(changsha_plan_file))[0] == 0
    firms = tmp_path / "firms.csv"
    firms.write_text(REGISTRY, encoding="utf-8")
    assert run(capsys, "--db", url, "enterprises", "load", str(firms))[0] == 0
    platforms = tmp_path / "platforms.csv"
    platforms.write_text(PLATFORMS_FILE, encoding="utf-8")
    assert run(capsys, "--db", url, "platforms", "load", str(platforms))[0] == 0
    return url


def test_a_clause_and_an_application_from_the_command_line(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    clauses = tmp_path / "clauses.yaml"
    clauses.write_text(CLAUSES, encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "policies", "load", str(clauses))
    assert (code, out.strip()) == (0, f"{clauses}: 4 created, 0 updated, 0 unchanged")
    code, out, _ = run(capsys, "--db", db, "policies", "match", "cs-rd", "--year", "2025")
    assert code == 0 and A in out and "1000" in out
    on = ("--on", "2026-03-01")
    code, out, _ = run(capsys, "--db", db, "policies", "apply", "cs-rd", A, "--year", "2025", *on)
    assert (code, out.strip()) == (0, f"cs-rd/{A}/2025\tsubmitted\t计算 1000\t核定 1000 万元")
    code, _, err = run(capsys, "--db", db, "policies", "apply", "cs-rd", A, "--year", "2025", *on)
    assert code == 5 and "不可重复申报" in err  # a conflict
    step = ("--db", db, "policies", "step", "cs-rd", A, "2025")
    code, _, err = run(capsys, *step, "approve", "--award", "900")
    assert code == 3 and "须说明理由" in err  # refused input
    assert run(capsys, *step, "approve", "--award", "900", "--reason", "核减")[0] == 0
    assert run(capsys, *step, "publicize")[0] == 0
    code, out, _ = run(capsys, *step, "pay", "--paid-on", "2026-06-30", "--voucher", "V1")
    assert (code, out.strip()) == (0, f"cs-rd/{A}/2025\tpaid\t计算 1000\t核定 900 万元")
    code, out, _ = run(capsys, "--db", db, "policies", "show", "cs-rd", A, "2025")
    steps = [line.split()[2] for line in out.splitlines()[4:]]
    assert code == 0 and steps == ["submit", "approve", "publicize", "pay"]
    code, out, _ = run(capsys, "--db", db, "policies", "budget")
    assert code == 0 and out.splitlines()[2].split() == [
        "cs-rd",
        "430104",
        "2025",
        "1",
        "900",
        "900",
    ]
    code, out, _ = run(capsys, "--db", db, "policies", "ledger", "--enterprise", A)
    assert code == 0 and "paid" in out.splitlines()[2]


def test_a_bad_clause_file_exits_naming_line_and_field(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(CLAUSES.replace("kind: rate", "kind: percent", 1), encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "policies", "load", str(bad))
    assert code == 3  # refused input
    assert (
        "第16行 clauses[0].formula.kind: 「percent」不是可用的值（可用：rate、fixed、table）" in err
    )
