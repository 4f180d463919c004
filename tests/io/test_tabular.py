from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from bioecon.domain.model import Observation, ObservationStatus, ReportingBasis
from bioecon.domain.periods import Period
from bioecon.errors import InvalidInput
from bioecon.io.observations import observations_csv, read_observation_file, write_observations_xlsx

PROBLEMS = Path(__file__).parents[1] / "data" / "observations-with-problems"

codes = st.text(alphabet="ABCXYZ0123456789_-区市", min_size=1, max_size=12).filter(
    lambda s: s.strip() == s
)
observations = st.builds(
    Observation,
    indicator=codes,
    org_unit=codes,
    period=st.builds(Period.month, st.integers(2000, 2030), st.integers(1, 12)).map(str),
    value=st.decimals(min_value=-(10**11), max_value=10**11, places=6, allow_nan=False),
    basis=st.sampled_from(list(ReportingBasis)),
    sector=st.none() | st.sampled_from(["4.1", "生物医药", "4.2.1"]),
    status=st.sampled_from(list(ObservationStatus)),
)


def as_rows(items: list[Observation]) -> list[tuple[object, ...]]:
    return [
        (o.indicator, o.org_unit, o.period, o.value, o.sector, o.basis, o.status) for o in items
    ]


def parsed_rows(path: Path) -> list[tuple[object, ...]]:
    parsed = read_observation_file(path)
    assert parsed.problems == ()
    return [
        (r.indicator, r.org_unit, str(r.period), r.value, r.sector, r.basis, r.status)
        for r in parsed.rows
    ]


@settings(
    max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.lists(observations, max_size=20))
def test_csv_export_reads_back_to_the_same_rows(tmp_path: Path, items: list[Observation]) -> None:
    path = tmp_path / "out.csv"
    path.write_text(observations_csv(items), encoding="utf-8-sig")
    assert parsed_rows(path) == as_rows(items)


@settings(
    max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.lists(observations, max_size=20))
def test_xlsx_export_reads_back_to_the_same_rows(tmp_path: Path, items: list[Observation]) -> None:
    path = tmp_path / "out.xlsx"
    write_observations_xlsx(path, items, title="指标")
    assert parsed_rows(path) == as_rows(items)


def test_xlsx_keeps_values_beyond_excels_15_digits_as_text(tmp_path: Path) -> None:
    long = Observation("a", "b", "2025-01", Decimal("12270384732.488222"), ReportingBasis.YTD)
    short = Observation("a", "b", "2025-02", Decimal("0.1"), ReportingBasis.YTD)
    path = tmp_path / "long.xlsx"
    write_observations_xlsx(path, [long, short], title="t")
    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet["D2"].value == "12270384732.488222" and sheet["D3"].value == 0.1
    assert [r.value for r in read_observation_file(path).rows] == [long.value, short.value]


def test_gbk_csv_with_chinese_headers_is_read(tmp_path: Path) -> None:
    path = tmp_path / "wps.csv"
    path.write_bytes("指标,区域,期间,数值,口径\nbio,430100,2025年6月,12.5,累计值\n".encode("gbk"))
    (row,) = read_observation_file(path).rows
    assert (row.indicator, row.period, row.value, row.basis) == (
        "bio",
        Period.month(2025, 6),
        Decimal("12.5"),
        ReportingBasis.YTD,
    )


def test_excel_dates_numbers_and_codes_are_read_as_users_typed(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["indicator", "org_unit", "period", "value"])
    sheet.append(["bio", 430100, datetime(2025, 6, 1), 0.1])
    sheet.append([None, None, None, None])
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    parsed = read_observation_file(path)
    (row,) = parsed.rows
    assert (row.org_unit, row.period, row.value) == (
        "430100",
        Period.month(2025, 6),
        Decimal("0.1"),
    )
    assert parsed.blank_rows == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing-value-column.csv", "row 1: missing column(s): value"),
        ("unknown-column.csv", "row 1, column 5 'colour': unknown column"),
        ("repeated-column.csv", "column period appears twice"),
        ("value-without-header.csv", "row 2, column 5: value 9 has no column header"),
        ("empty.csv", "the file is empty"),
        ("not-a-workbook.xlsx", "not a readable .xlsx workbook"),
    ],
)
def test_file_shape_problems_are_refused_whole(name: str, expected: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_observation_file(PROBLEMS / name)
    assert expected in caught.value.report()
    assert name in caught.value.report()


def test_every_bad_cell_is_reported_with_row_and_column() -> None:
    parsed = read_observation_file(PROBLEMS / "bad-cells.csv")
    found = [str(p) for p in parsed.problems]
    assert found == [
        "row 3, column period: '2025-13' is not a valid period: month index 13 is outside 1–12",
        "row 4, column value: 「12亿」不是数值：只填数字，不带单位或“亿”“万” (is not a number; write the value alone, without unit or 亿/万)",
        "row 5, column value: 0.1234567 小数超过6位：台账按原值精确存放，不做四舍五入 (has more than 6 decimal places; the ledger stores values exactly and will not round them)",
        "row 6, column basis: 'monthly' is not a basis; use month_value (当月值), ytd (累计值) or period_end (期末值)",
        "row 7, column indicator: empty; a value is required",
    ]
    assert [r.row for r in parsed.rows] == [2]
