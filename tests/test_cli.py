"""The command line end to end, through `main` (so exit codes and messages are the real ones)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bioecon.cli import main
from tests.golden import assert_golden


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
    assert code == 0 and "plan changsha-2025 (id 1) created" in out and "targets 26 created" in out
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
    # K01's lead unit CS-RU01 and first co unit CS-RU02 by their names (tests/data/changsha.plan.yaml)
    (k01,) = [line for line in out.splitlines() if line.startswith("K01 ")]
    assert "湖南湘江新区管委会" in k01 and "浏阳经开区管委会、市发展改革委" in k01
    assert "CS-RU01" not in out and "(一)空间布局优化行动" in k01

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
    # stored as submitted: the load says the ledger will not count it until approved
    assert "stored as submitted; the ledger counts approved (已审核) rows only" in out
    code, out, _ = run(capsys, "--db", db, "data", "export", "--indicator", "bio_scale")
    header, line = out.splitlines()
    assert header == "indicator,org_unit,period,value,sector,basis,status,source"
    assert line.startswith("bio_scale,430100,2025-06,1234.5,,ytd,submitted,") and line.endswith(
        "data.csv row 2"
    )
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
    assert "row 2, column period: '2025-13'" in err and "row 2, column value: 「12亿」" in err
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
    assert code == 0
    for plan in ("changsha-2025", "tianmen-2025", "nanjing-2023", "jinshan-2030", "changchun-2025"):
        assert f"plan {plan}: created" in out
    assert "人工校正 in all:" in out and "模拟数据" in out
    code, out, _ = run(capsys, "--db", db, "demo", "build")
    assert out.count(": unchanged;") == 5 and " 0 inserted, 0 updated" in out
    code, out, _ = run(capsys, "--db", db, "plan", "show", "changsha-2025", "--format", "json")
    t10 = next(t for t in json.loads(out)["targets"] if t["key"] == "T10")
    assert t10["subject_org_unit"] == "CS-XJXQ" and t10["note"].startswith(
        "人工校正（主体由上文“湘江新区:”决定）"
    )
    assert "subject_org_unit: 未填 → CS-XJXQ" in t10["note"]
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "evaluate",
        "--plan",
        "changsha-2025",
        "--as-of",
        "2025-12",
        "--format",
        "json",
    )
    statuses = {r["target_id"]: r["status"] for r in json.loads(out)}
    assert (
        statuses["T21"] != "数据不足" and statuses["T01"] != "数据不足"
    )  # measured from the simulated data
    code, out, _ = run(capsys, "--db", db, "data", "check")
    assert code == 1  # the deliberate problems of the 长沙 ledger are found
    assert "缺报" in out and "累计值回落" in out


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "生物经济规划实施监测平台" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and "bioecon, version" in out
    assert run(capsys, "plan", "nosuch")[0] == 2


def test_ledger_evaluate_and_check_commands(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, changsha_plan_file: Path
) -> None:
    assert run(capsys, "--db", db, "db", "upgrade")[0] == 0
    assert run(capsys, "--db", db, "plan", "load", str(changsha_plan_file))[0] == 0
    data = changsha_plan_file.parent / "changsha-observations.csv"
    assert run(capsys, "--db", db, "data", "load", str(data), "--status", "approved")[0] == 0
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "ledger",
        "--indicator",
        "biomed_scale",
        "--org-unit",
        "430100",
        "--from",
        "2025-05",
        "--to",
        "2025-07",
        "--format",
        "json",
    )
    may, june, july = json.loads(out)
    assert code == 0 and (may["period"], june["ytd"]) == ("2025-05", 728.33)
    assert july["value"] is None and july["missing"]["value"] == "no_data"
    assert_golden("cli-ledger-biomed_scale-430100-2025-05-07.json", out)
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "ledger",
        "--indicator",
        "biomed_scale",
        "--org-unit",
        "430100",
        "--from",
        "2025Q1",
        "--to",
        "2025Q2",
    )
    assert "2025Q2" in out and "396.18" in out
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "ledger",
        "--indicator",
        "biomed_scale",
        "--org-unit",
        "430100",
        "--from",
        "2025-01",
        "--to",
        "2025-02",
        "--format",
        "csv",
    )
    assert (
        out.splitlines()[0]
        == "indicator,org_unit,sector,period,value,ytd,yoy,ytd_yoy,mom,yoy_2y,unreviewed,missing"
    )

    code, out, _ = run(
        capsys,
        "--db",
        db,
        "evaluate",
        "--plan",
        "changsha-2025",
        "--as-of",
        "2025-06",
        "--format",
        "json",
    )
    records = {r["target_id"]: r for r in json.loads(out)}
    assert code == 0 and len(records) == 26
    t02 = records["T02"]
    assert t02["actual_period"] == "2024-07/2025-06" and t02["status"] in {
        "达标",
        "正常",
        "滞后",
        "严重滞后",
    }
    assert t02["explanation"].startswith("2024-07/2025-06实际")
    assert_golden("cli-evaluate-changsha-2025-06.json", out)
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "evaluate",
        "--plan",
        "changsha-2025",
        "--as-of",
        "2025-06",
        "--org-unit",
        "CS-XJXQ",
    )
    assert "T10" in out and "T02" not in out
    assert (
        run(capsys, "--db", db, "evaluate", "--plan", "changsha-2025", "--as-of", "2025Q2")[0] == 3
    )

    code, out, _ = run(capsys, "--db", db, "data", "check")
    assert code == 0 and "checked to 2025-06: 0 errors, 0 warnings" in out
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "indicator,org_unit,period,value,basis\nbiomed_scale,430100,2025-07,700,ytd\n",
        encoding="utf-8",
    )
    assert run(capsys, "--db", db, "data", "load", str(bad))[0] == 0
    code, out, _ = run(capsys, "--db", db, "data", "check", "--format", "json")
    (finding,) = [f for f in json.loads(out) if f["check"] == "cumulative_falls"]
    assert code == 1 and finding["severity"] == "error" and finding["period"] == "2025-07"
    assert_golden("cli-data-check-cumulative-falls.json", out)


def test_uscc_classify_enterprises_and_tiers(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "uscc", "check", "91110000600037341L", "91340600MA2PBP2120")
    assert code == 0 and out.count("\tvalid\t") == 2
    code, out, _ = run(capsys, "uscc", "check", "91110000600037341L", "91110000600037341M")
    assert code == 1 and "should be 'L'" in out

    source = tmp_path / "in.csv"
    source.write_text(
        "name,industry_code,business_scope,note\n甲,2761,,keep me\n乙,,医疗器械生产,\n丙,5251,日用百货销售,\n",
        encoding="gbk",
    )
    target = tmp_path / "out.csv"
    code, _, err = run(capsys, "classify", str(source), "--out", str(target))
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert code == 0 and "3 rows, 2 bio-economy" in err
    assert (
        lines[0]
        == "name,industry_code,business_scope,note,bio_category,bio_category_name,basis,matched"
    )
    assert lines[1] == "甲,2761,,keep me,4.1.1,生物药品制品制造,code,2761"
    assert lines[2].endswith(",4.2.1,先进医疗设备及器械制造,scope,医疗器械生产") and lines[
        3
    ].endswith(",,,none,")
    assert run(capsys, "classify", str(source))[0] == 2

    run(capsys, "--db", db, "db", "upgrade")
    run(
        capsys,
        "--db",
        db,
        "plan",
        "load",
        str(Path(__file__).parent / "data" / "changsha.plan.yaml"),
    )
    registry = tmp_path / "registry.csv"
    registry.write_text(
        # 专精特新 since 2021-03-01: held on 2025-12-31 (an undated flag would count only from
        # today, its load date, and not in 2025)
        "uscc,name,org_unit,industry_code,founded_on,flags,flags_valid_from,year,revenue\n91110000600037341L,甲药业,430100,2761,2010-01-01,专精特新,2021-03-01,2025,1000000\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", db, "enterprises", "load", str(registry))
    assert code == 0 and "1 created" in out
    code, out, _ = run(capsys, "--db", db, "classify", "--db")
    assert code == 0 and "1 enterprises classified" in out and "1 bio-economy" in out
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "tiers",
        "--year",
        "2025",
        "--tier",
        "revenue_100yi",
        "--tier",
        "specialised",
        "--format",
        "json",
    )
    assert code == 0 and [(t["tier"], t["count"]) for t in json.loads(out)] == [
        ("revenue_100yi", 1),
        ("specialised", 1),
    ]
    code, out, _ = run(capsys, "--db", db, "tiers", "--year", "2025", "--members")
    assert "甲药业" in out
    exported = tmp_path / "export.csv"
    assert run(capsys, "--db", db, "enterprises", "export", "--out", str(exported))[0] == 0
    assert "91110000600037341L,甲药业,430100,2761" in exported.read_text(encoding="utf-8-sig")
    assert run(capsys, "--db", db, "tiers", "--year", "2025", "--tier", "nope")[0] == 4
