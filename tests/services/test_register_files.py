"""The register files: one defect per file (tests/data/registers/*-with-problems/), each
refused whole with the row and column named and the database unchanged; a clean export
loads back as no change, in CSV and XLSX; the commands list and export by org unit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bioecon.app import Bioecon
from bioecon.cli import cli
from bioecon.errors import InvalidInput
from bioecon.io.enterprises import read_enterprise_file
from bioecon.io.planfile import read_plan_file
from bioecon.io.registers import (
    APPROVALS,
    PLATFORMS,
    RegisterFormat,
    read_register_file,
    write_register_file,
)
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.approvals import list_approvals, load_approvals
from bioecon.services.enterprises import load_enterprises
from bioecon.services.plans import load_plan
from bioecon.services.platforms import list_platforms, load_platforms

ORIGIN = "test"

DATA = Path(__file__).parent.parent / "data" / "registers"
A = "9143010000000001XT"  # in the registry, in X
B = "9143010000000002XU"  # in the registry, in no org unit

PLAN = """\
plan: {code: files, title: 名录文件测试, region: C}
org_units:
  - {code: C, name: 城市, level: city}
  - {code: X, name: 甲区, level: district, parent: C}
  - {code: Y, name: 乙区, level: district, parent: C}
"""
PLATFORMS_FILE = f"""\
平台代码,平台名称,类型,级别,依托单位统一社会信用代码,所在区域,认定日期,认定文件,状态,撤销日期,备注
PL1,甲重点实验室,全国重点实验室,国家级,{A},X,2022-03-01,国科发基〔2022〕1号,有效,,
PL2,乙孵化器,孵化器,省,,Y,2021-07-15,,撤销,2024-01-31,迁出
PL3,甲中试基地,中试平台,市级,,X,2023-11-20,,,,
"""
APPROVALS_FILE = f"""\
批准文号,产品名称,类别,分类,持有人统一社会信用代码,所在区域,批准日期,有效期至,备注
国械注准20223130001,支架,医疗器械注册证,III,{A},,2022-05-01,2027-04-30,
国药准字S20230001,疫苗,药品注册证书,创新药,{B},Y,2023-03-01,,
品种权2024-1,水稻新品种,植物新品种权,,{A},,2024-02-01,,
"""


@pytest.fixture
def stocked(app: Bioecon, tmp_path: Path) -> Bioecon:
    """The org units, two firms, and three rows in each register."""
    plan = tmp_path / "files.plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    parsed = read_plan_file(plan)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    firms = tmp_path / "firms.csv"
    firms.write_text(f"统一社会信用代码,企业名称,区域\n{A},甲,X\n{B},乙,\n", encoding="utf-8")
    load_enterprises(app, actor=LOCAL_ADMIN, origin="test", parsed=read_enterprise_file(firms))
    for name, text, register, load in (
        ("platforms.csv", PLATFORMS_FILE, PLATFORMS, load_platforms),
        ("approvals.csv", APPROVALS_FILE, APPROVALS, load_approvals),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        report = load(
            app, actor=LOCAL_ADMIN, origin=ORIGIN, parsed=read_register_file(path, register)
        )
        assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    return app


PLATFORM_DEFECTS = {
    "unknown-type.csv": ("第3行 类型", "未知类型「火箭发射中心」"),
    "bad-level.csv": ("第3行 级别", "未知级别「区级」"),
    "missing-name.csv": ("第3行 平台名称", "为空"),
    "duplicate-code.csv": ("第3行 平台代码", "「PN1」与第2行重复"),
    "unknown-credit-code.csv": (
        "第3行 依托单位统一社会信用代码",
        "企业名录中没有统一社会信用代码「9143010000000009X3」",
    ),
    "unknown-org-unit.csv": ("第3行 所在区域", "未知区域「ZZ」"),
    "bad-date.csv": ("第3行 认定日期", "「2023-02-30」不是有效日期"),
    "revoked-before-approval.csv": (
        "第3行 撤销日期",
        "撤销日期2022-12-31早于认定日期2023-05-01",
    ),
    "revoked-without-date.csv": ("第3行 撤销日期", "状态为撤销，须填写撤销日期"),
    "bad-status.csv": ("第3行 状态", "未知状态「暂停」"),
    "empty.csv": ("", "文件没有数据行"),
    "wrong-headers.csv": ("row 1, column 1 '平台编号'", "unknown column"),
}
APPROVAL_DEFECTS = {
    "unknown-kind.csv": ("第3行 类别", "未知类别「疫苗证书」"),
    "bad-class.csv": ("第3行 分类", "未知分类「第四类」"),
    "class-of-unclassed-kind.csv": ("第3行 分类", "植物新品种权不分类"),
    "duplicate-number.csv": ("第3行 批准文号", "与第2行重复"),
    "unknown-holder.csv": (
        "第3行 持有人统一社会信用代码",
        "企业名录中没有统一社会信用代码「9143010000000009X3」",
    ),
    "missing-holder.csv": ("第3行 持有人统一社会信用代码", "为空"),
    "missing-product.csv": ("第3行 产品名称", "为空"),
    "unknown-org-unit.csv": ("第3行 所在区域", "未知区域「ZZ」"),
    "bad-date.csv": ("第3行 批准日期", "「去年六月」不是日期"),
    "validity-before-approval.csv": (
        "第3行 有效期至",
        "有效期至2023-05-31早于批准日期2023-06-01",
    ),
    "empty.csv": ("", "文件没有数据行"),
    "wrong-headers.csv": ("row 1, column 2 '品名'", "unknown column"),
}


def test_every_defect_file_has_its_expectation() -> None:
    assert {p.name for p in (DATA / "platforms-with-problems").iterdir()} == set(PLATFORM_DEFECTS)
    assert {p.name for p in (DATA / "approvals-with-problems").iterdir()} == set(APPROVAL_DEFECTS)


DEFECTS = [
    *(("platforms", name, PLATFORMS, expected) for name, expected in PLATFORM_DEFECTS.items()),
    *(("approvals", name, APPROVALS, expected) for name, expected in APPROVAL_DEFECTS.items()),
]


@pytest.mark.parametrize(
    ("register", "name", "file_format", "expected"),
    DEFECTS,
    ids=[f"{register}/{name}" for register, name, _, _ in DEFECTS],
)
def test_a_file_with_one_defect_is_refused_whole(
    stocked: Bioecon,
    register: str,
    name: str,
    file_format: RegisterFormat,
    expected: tuple[str, str],
) -> None:
    listing = list_platforms if register == "platforms" else list_approvals
    load = load_platforms if register == "platforms" else load_approvals
    before = listing(stocked, actor=LOCAL_ADMIN)
    path = DATA / f"{register}-with-problems" / name
    with pytest.raises(InvalidInput) as caught:
        load(
            stocked, actor=LOCAL_ADMIN, origin=ORIGIN, parsed=read_register_file(path, file_format)
        )
    location, fragment = expected
    assert [p.location for p in caught.value.problems][:1] == [location]
    assert fragment in caught.value.problems[0].message
    assert str(caught.value).startswith(str(path))  # the file is named
    assert (
        listing(stocked, actor=LOCAL_ADMIN) == before
    )  # row 2 of each file is fine, and was not written


def test_a_row_with_a_bad_cell_still_has_its_references_checked(
    stocked: Bioecon, tmp_path: Path
) -> None:
    path = tmp_path / "two.csv"
    path.write_text(
        "平台代码,平台名称,类型,级别,所在区域,认定日期\nPX,x,火箭,省级,ZZ,2023-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as caught:
        load_platforms(
            stocked,
            actor=LOCAL_ADMIN,
            origin=ORIGIN,
            parsed=read_register_file(path, PLATFORMS),
        )
    # one pass names both: the unknown type and the unknown org unit of the same row
    assert [p.location for p in caught.value.problems] == [
        "第2行 类型",
        "第2行 所在区域",
    ]


def test_a_holder_without_an_org_unit_needs_one_in_the_file(
    stocked: Bioecon, tmp_path: Path
) -> None:
    path = tmp_path / "homeless.csv"
    path.write_text(
        f"批准文号,产品名称,类别,持有人统一社会信用代码,批准日期\nN1,药,drug,{B},2024-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as caught:
        load_approvals(
            stocked,
            actor=LOCAL_ADMIN,
            origin=ORIGIN,
            parsed=read_register_file(path, APPROVALS),
        )
    assert [str(p) for p in caught.value.problems] == [
        "第2行 所在区域: 持有人在企业名录中没有所在区域；请填写所在区域"
    ]


def test_the_rows_are_stored_as_read(stocked: Bioecon) -> None:
    platforms = {
        p.code: p
        for p in list_platforms(
            stocked,
            actor=LOCAL_ADMIN,
        )
    }
    # 全国重点实验室 is an alias of 重点实验室, 省 of 省级, 中试平台 of 中试基地
    assert [(p.type, p.level, p.status.value) for p in platforms.values()] == [
        ("key_laboratory", "national", "active"),
        ("incubator", "provincial", "revoked"),
        ("pilot_base", "municipal", "active"),
    ]
    assert (platforms["PL1"].host, platforms["PL2"].note) == (A, "迁出")
    approvals = {
        a.number: a
        for a in list_approvals(
            stocked,
            actor=LOCAL_ADMIN,
        )
    }
    # the device takes its holder's org unit X; the vaccine's file names Y
    assert approvals["国械注准20223130001"].org_unit == "X"
    assert approvals["国药准字S20230001"].org_unit == "Y"
    assert approvals["品种权2024-1"].product_class is None
    # --org-unit X keeps the subtree of X only
    assert [p.code for p in list_platforms(stocked, actor=LOCAL_ADMIN, org_unit="X")] == [
        "PL1",
        "PL3",
    ]
    assert [a.number for a in list_approvals(stocked, actor=LOCAL_ADMIN, org_unit="Y")] == [
        "国药准字S20230001"
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_loads_back_as_no_change(stocked: Bioecon, tmp_path: Path, suffix: str) -> None:
    for register, listing, load in (
        (PLATFORMS, list_platforms, load_platforms),
        (APPROVALS, list_approvals, load_approvals),
    ):
        before = listing(stocked, actor=LOCAL_ADMIN)
        path = tmp_path / f"{register.title}{suffix}"
        write_register_file(path, register, before)
        report = load(
            stocked, actor=LOCAL_ADMIN, origin=ORIGIN, parsed=read_register_file(path, register)
        )
        assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
        assert listing(stocked, actor=LOCAL_ADMIN) == before


def test_a_changed_row_is_updated_in_place(stocked: Bioecon, tmp_path: Path) -> None:
    path = tmp_path / "revoke.csv"
    path.write_text(
        PLATFORMS_FILE.replace(
            "国家级,9143010000000001XT,X,2022-03-01,国科发基〔2022〕1号,有效,,",
            "国家级,9143010000000001XT,X,2022-03-01,国科发基〔2022〕1号,撤销,2025-06-30,",
        ),
        encoding="utf-8",
    )
    report = load_platforms(
        stocked, actor=LOCAL_ADMIN, origin=ORIGIN, parsed=read_register_file(path, PLATFORMS)
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    revoked = next(p for p in list_platforms(stocked, actor=LOCAL_ADMIN) if p.code == "PL1")
    assert (revoked.status.value, str(revoked.revoked_on)) == ("revoked", "2025-06-30")


def test_the_commands_load_list_and_export(database_url: str, tmp_path: Path) -> None:
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["--db", database_url, *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    run("db", "upgrade")
    plan = tmp_path / "files.plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    run("plan", "load", str(plan))
    firms = tmp_path / "firms.csv"
    firms.write_text(f"统一社会信用代码,企业名称,区域\n{A},甲,X\n{B},乙,\n", encoding="utf-8")
    run("enterprises", "load", str(firms))
    platforms = tmp_path / "platforms.csv"
    platforms.write_text(PLATFORMS_FILE, encoding="utf-8")
    assert "3 created, 0 updated, 0 unchanged" in run("platforms", "load", str(platforms))
    listed = json.loads(run("platforms", "list", "--org-unit", "Y", "--format", "json"))
    assert [(p["code"], p["status"], p["revoked_on"]) for p in listed] == [
        ("PL2", "revoked", "2024-01-31")
    ]
    out = tmp_path / "out.csv"
    run("platforms", "export", "--out", str(out), "--org-unit", "X")
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("平台代码,平台名称,类型,级别")
    assert [line.split(",")[:4] for line in lines[1:]] == [
        ["PL1", "甲重点实验室", "重点实验室", "国家级"],
        ["PL3", "甲中试基地", "中试基地", "市级"],
    ]
    approvals = tmp_path / "approvals.csv"
    approvals.write_text(APPROVALS_FILE, encoding="utf-8")
    run("approvals", "load", str(approvals))
    assert "国械注准20223130001" in run("approvals", "list", "--format", "csv")
