"""The command line end to end, through `main` (so exit codes and messages are the real ones)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bioecon.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(blank_database_url: str) -> str:
    return blank_database_url


def test_whole_loop_on_a_fresh_database(
    db: str, capsys: pytest.CaptureFixture[str], changsha_plan_file: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "--db", db, "plan", "list")
    assert code == 6 and "run `bioecon db upgrade`" in err
    assert run(capsys, "--db", db, "db", "upgrade")[0] == 0

    code, out, _ = run(capsys, "--db", db, "plan", "load", str(changsha_plan_file))
    assert code == 0 and "plan changsha-2025 (id 1) created" in out and "targets created26" in out
    code, out, _ = run(capsys, "--db", db, "plan", "load", str(changsha_plan_file))
    assert out.strip().endswith("unchanged")

    code, out, _ = run(capsys, "--db", db, "plan", "list", "--format", "json")
    (listed,) = json.loads(out)
    assert (
        listed["code"] == "changsha-2025"
        and listed["target_count"] == 26
        and listed["horizon_end"] == 2025
    )

    code, out, _ = run(capsys, "--db", db, "plan", "show", "changsha-2025")
    assert "产业规模达到" not in out and "T01  2025  生物经济" in out and "tasks (27)" in out

    exported = tmp_path / "export.yaml"
    assert run(capsys, "--db", db, "plan", "export", "1", "--out", str(exported))[0] == 0
    code, out, _ = run(capsys, "--db", db, "plan", "show", "changsha-2025", "--format", "yaml")
    assert out == exported.read_text(encoding="utf-8")

    data = tmp_path / "data.csv"
    data.write_text(
        "indicator,org_unit,period,value\nbio_scale,430100,2025-06,1234.5\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "--db", db, "data", "load", str(data), "--user", "张三")
    assert code == 0 and "1 inserted, 0 updated, 0 unchanged" in out
    code, out, _ = run(capsys, "--db", db, "data", "export", "--indicator", "bio_scale")
    assert out.splitlines() == [
        "indicator,org_unit,period,value,sector,basis,status",
        "bio_scale,430100,2025-06,1234.5,,ytd,submitted",
    ]
    book = tmp_path / "out.xlsx"
    assert (
        run(
            capsys,
            "--db",
            db,
            "data",
            "export",
            "--indicator",
            "bio_scale",
            "--format",
            "xlsx",
            "--out",
            str(book),
        )[0]
        == 0
    )
    assert (
        run(capsys, "--db", db, "data", "load", str(book))[1]
        .strip()
        .endswith("0 inserted, 0 updated, 1 unchanged")
    )

    code, out, _ = run(capsys, "--db", db, "db", "info", "--format", "json")
    info = json.loads(out)
    assert info["up_to_date"] and info["row_counts"]["observation"] == 1 and "password" not in out


def test_errors_map_to_exit_codes_with_clear_messages(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "--db", db, "db", "upgrade")
    code, _, err = run(capsys, "--db", db, "plan", "show", "nope")
    assert (
        code == 4
        and err.strip() == "error: no plan with code or id 'nope' (see `bioecon plan list`)"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,org_unit,period,value\nx,y,2025-13,12亿\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "data", "load", str(bad))
    assert code == 3
    assert f"{bad}: 4 problems; nothing was written" in err
    assert "row 2, column period: '2025-13'" in err and "row 2, column value: '12亿'" in err
    assert run(capsys, "--db", db, "data", "export", "--indicator", "x", "--format", "xlsx")[0] == 2
    code, _, err = run(capsys, "--db", "mysql://nope", "db", "info")
    assert code == 7 and "unsupported database URL" in err
    code, _, err = run(
        capsys, "--db", db, "data", "export", "--indicator", "x", "--from", "2025-13"
    )
    assert code == 3 and "'2025-13' is not a valid period" in err


def test_plan_schema_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "schema")
    committed = (Path(__file__).parents[1] / "schemas" / "plan.schema.json").read_text(
        encoding="utf-8"
    )
    assert code == 0 and json.loads(out) == json.loads(committed)


def test_demo_build_is_idempotent(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "demo", "build")
    assert code == 0 and "plan changsha-2025: created" in out and "90 inserted" in out
    code, out, _ = run(capsys, "--db", db, "demo", "build")
    assert "plan changsha-2025: unchanged" in out and "0 inserted, 0 updated, 90 unchanged" in out


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "生物经济规划实施监测平台" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and "bioecon, version" in out
    assert run(capsys, "plan", "nosuch")[0] == 2
