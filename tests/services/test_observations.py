from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.model import ObservationStatus
from bioecon.domain.periods import Period
from bioecon.errors import InvalidInput
from bioecon.io.observations import observations_csv, read_observation_file, write_observations_xlsx
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.database import database_info
from bioecon.services.observations import export_observations, load_observations
from bioecon.services.plans import load_plan


@pytest.fixture
def app_with_plan(app: Bioecon, changsha_plan_file: Path) -> Bioecon:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    return app


def write(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(
    app: Bioecon, path: Path, status: ObservationStatus = ObservationStatus.SUBMITTED
) -> tuple[int, int, int]:
    report = load_observations(
        app,
        actor=LOCAL_ADMIN,
        origin="test",
        parsed=read_observation_file(path),
        status=status,
        reported_by="tester",
    )
    return report.inserted, report.updated, report.unchanged


GOOD = "indicator,org_unit,period,value,basis\nbiomed_scale,430100,2025-01,100.5,ytd\nbiomed_scale,430100,2025-02,210.25,ytd\n"


def test_load_then_reload_updates_only_what_changed(app_with_plan: Bioecon, tmp_path: Path) -> None:
    """Drafts: a load changes only a value its status lets a reporter edit (domain.review)."""
    draft = ObservationStatus.DRAFT
    assert load(app_with_plan, write(tmp_path, GOOD), draft) == (2, 0, 0)
    assert load(app_with_plan, write(tmp_path, GOOD), draft) == (0, 0, 2)
    assert load(app_with_plan, write(tmp_path, GOOD.replace("210.25", "211")), draft) == (0, 1, 1)
    rows = export_observations(app_with_plan, indicator="biomed_scale")
    assert [(r.period, r.value, r.status) for r in rows] == [
        ("2025-01", Decimal("100.5"), draft),
        ("2025-02", Decimal("211"), draft),
    ]
    assert (
        rows[0].reported_by == "tester" and rows[0].source is not None and "row 2" in rows[0].source
    )


def test_one_bad_row_among_valid_ones_writes_nothing_and_every_problem_is_named(
    app_with_plan: Bioecon, tmp_path: Path
) -> None:
    before = database_info(app_with_plan).row_counts["observation"]
    text = GOOD + (
        "no_such,430100,2025-04,1,ytd\n"
        "biomed_scale,430100,2025-13,5,ytd\n"
        "no_such,430100,2025-03,12亿,ytd\n"
        "biomed_scale,NOWHERE,2025-05,1,ytd\n"
        "biomed_scale,430100,2025Q2,1,ytd\n"
        "biomed_scale,430100,2025-06,1,period_end\n"
        "biomed_scale,430100,2025-01,7,ytd\n"
        "listed_firms,430100,2025-06,3,\n"
    )
    with pytest.raises(InvalidInput) as caught:
        load_observations(
            app_with_plan,
            actor=LOCAL_ADMIN,
            origin="test",
            parsed=read_observation_file(write(tmp_path, text)),
        )
    problems = [str(p) for p in caught.value.problems]
    assert caught.value.source.endswith("data.csv")
    assert problems == [
        "row 4, column indicator: unknown indicator 'no_such'",
        "row 5, column period: '2025-13' is not a valid period: month index 13 is outside 1–12",
        "row 6, column value: 「12亿」不是数值：只填数字，不带单位或“亿”“万” (is not a number; write the value alone, without unit or 亿/万)",
        "row 6, column indicator: unknown indicator 'no_such'",
        "row 7, column org_unit: unknown org unit 'NOWHERE'",
        "row 8, column period: 2025Q2 is a quarter; biomed_scale is reported per month",
        "row 9, column basis: period_end does not fit flow indicator biomed_scale; use month_value, ytd",
        "row 10, column period: repeats row 2 (same indicator, org unit, sector, period and basis)",
    ]
    assert database_info(app_with_plan).row_counts["observation"] == before


def test_stock_indicators_default_to_period_end_and_xlsx_round_trips(
    app_with_plan: Bioecon, tmp_path: Path
) -> None:
    text = "指标,区域,期间,数值,行业,状态\nlisted_firms,430100,2025年6月,35,生物医药,已审核\nlisted_firms,CS-LYJK,2025-06,4,,\n"
    assert load(app_with_plan, write(tmp_path, text)) == (2, 0, 0)
    rows = export_observations(
        app_with_plan,
        indicator="listed_firms",
        first=Period.month(2025, 1),
        last=Period.month(2025, 12),
    )
    assert [(r.org_unit, r.sector, r.basis.value, r.status.value) for r in rows] == [
        ("430100", "生物医药", "period_end", "approved"),
        ("CS-LYJK", None, "period_end", "submitted"),
    ]
    book = tmp_path / "export.xlsx"
    write_observations_xlsx(book, rows, title="listed_firms")
    assert load(app_with_plan, book) == (0, 0, 2)
    csv_file = write(tmp_path, observations_csv(rows), "export.csv")
    assert load(app_with_plan, csv_file) == (0, 0, 2)
    assert export_observations(app_with_plan, indicator="listed_firms", org_unit="CS-LYJK")[
        0
    ].value == Decimal(4)
    assert (
        export_observations(app_with_plan, indicator="listed_firms", last=Period.month(2025, 5))
        == []
    )
