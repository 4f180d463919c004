"""The streamed observation load (`data load`): pieces staged in a temporary table, checked
across pieces by the database, merged in one transaction; a changed source is an update."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook

from bioecon.app import Bioecon
from bioecon.domain.model import Indicator, ObservationStatus
from bioecon.errors import InvalidInput
from bioecon.io.observations import open_observation_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.database import database_info
from bioecon.services.observations import (
    ObservationLoadReport,
    export_observations,
    load_observations,
)
from bioecon.store import indicators as indicator_store

HEADER = "indicator,org_unit,period,value,basis,source\n"


def load(app: Bioecon, path: Path, piece_rows: int = 2) -> ObservationLoadReport:
    """Read in pieces of ``piece_rows`` rows, so that a few rows already span pieces; stored
    as drafts, which a reload may change (domain.review.editable)."""
    with open_observation_file(path) as stream:
        return load_observations(
            app,
            actor=LOCAL_ADMIN,
            origin="test",
            parsed=replace(stream, piece_rows=piece_rows),
            status=ObservationStatus.DRAFT,
        )


def write(folder: Path, text: str) -> Path:
    path = folder / "data.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def test_a_new_source_with_the_same_value_is_an_update(world_plan: Bioecon, tmp_path: Path) -> None:
    first = "rev,D1,2025-01,12,ytd,统计局快报\nrev,D1,2025-02,30,ytd,统计局快报\n"
    report = load(world_plan, write(tmp_path, first))
    assert (report.inserted, report.updated, report.unchanged) == (2, 0, 0)
    again = load(world_plan, write(tmp_path, first))
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    second = "rev,D1,2025-01,12,ytd,统计局年报\nrev,D1,2025-02,30,ytd,统计局快报\n"
    changed = load(world_plan, write(tmp_path, second))
    assert (changed.inserted, changed.updated, changed.unchanged) == (0, 1, 1)
    stored = export_observations(world_plan, indicator="rev", org_unit="D1")
    assert [(r.period, r.source) for r in stored] == [
        ("2025-01", "统计局年报"),
        ("2025-02", "统计局快报"),
    ]


def test_rows_in_different_pieces_are_checked_against_each_other(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    text = (
        "rev,D1,2025-01,12,ytd,a\n"
        "rev,D1,2025-02,30,ytd,a\n"
        "rev,NOWHERE,2025-03,1,ytd,a\n"
        "rev,D1,2025-04,1,ytd,a\n"
        "rev,D1,2025-01,13,ytd,a\n"
        "nothing,D1,2025-01,13,ytd,a\n"
        "tier.listed,NOWHERE,2025-01,13,ytd,a\n"
    )
    before = database_info(world_plan).row_counts["observation"]
    with pytest.raises(InvalidInput) as caught:
        load(world_plan, write(tmp_path, text))
    assert [str(p) for p in caught.value.problems] == [
        "row 4, column org_unit: unknown org unit 'NOWHERE'",
        "row 6, column period: repeats row 2 (same indicator, org unit, sector, period and basis)",
        "row 7, column indicator: unknown indicator 'nothing'",
        "row 8, column indicator: indicator 'tier.listed' is counted from its register (registry), "
        "not reported: load the register's file instead (docs/indicators.md)",
        "row 8, column org_unit: unknown org unit 'NOWHERE'",
    ]
    assert database_info(world_plan).row_counts["observation"] == before


def test_the_problems_listed_are_the_first_hundred_by_row(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    text = "".join(f"rev,D1,2025-01,{n}x,ytd,a\n" for n in range(150))
    with pytest.raises(InvalidInput) as caught:
        load(world_plan, write(tmp_path, text), piece_rows=40)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 101
    assert problems[0].startswith("row 2, column value: 「0x」不是数值")
    assert problems[99].startswith("row 101, column value: 「99x」不是数值")
    assert problems[100] == "另有 50 个问题未列出；请先改正以上问题"


def test_an_unreadable_xlsx_cell_is_a_problem_of_its_row(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["indicator", "org_unit", "period", "value", "basis"])
    sheet.append(["rev", "D1", "2025-01", "=B9*2", "ytd"])  # a formula never calculated
    sheet.append(["rev", "D1", "2025-02", 30, "ytd"])
    path = tmp_path / "data.xlsx"
    book.save(path)
    with pytest.raises(InvalidInput) as caught:
        load(world_plan, path)
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column value: 公式没有计算结果；请在 Excel 中打开并保存后再导入"
    ]


def test_a_register_indicator_the_database_holds_is_still_refused(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    with world_plan.transaction() as connection:
        indicator_store.upsert(connection, [Indicator("tier.listed", "上市企业数", "家")])
    before = database_info(world_plan).row_counts["observation"]
    with pytest.raises(InvalidInput) as caught:
        load(world_plan, write(tmp_path, "tier.listed,D1,2025-01,3,ytd,a\n"))
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column indicator: indicator 'tier.listed' is counted from its register (registry), "
        "not reported: load the register's file instead (docs/indicators.md)",
    ]
    assert database_info(world_plan).row_counts["observation"] == before
