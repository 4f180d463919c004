"""The rules an observation file meets before a write, without a database."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from bioecon.domain.model import Indicator, IndicatorNature, ReportingBasis
from bioecon.domain.observation_input import CodeReference, ObservationFile, ObservationRow
from bioecon.domain.observation_rules import check_rows
from bioecon.domain.periods import Period

REVENUE = Indicator("rev", "营业收入", "亿元")  # a flow, reported as 累计 (ytd) by default
FIRMS = Indicator("firms", "企业数", "家", nature=IndicatorNature.STOCK, period_type="year")
INDICATORS = {"rev": REVENUE, "firms": FIRMS}
ORGS = {"430100", "430104"}


def row(
    n: int,
    indicator: str = "rev",
    period: Period | None = None,
    *,
    org_unit: str = "430100",
    sector: str | None = None,
    basis: ReportingBasis | None = None,
) -> ObservationRow:
    """Row ``n``; a revenue row is for month ``n`` of 2025 unless a period is given."""
    when = period or Period.month(2025, n)
    return ObservationRow(n, indicator, org_unit, when, Decimal(1), sector, basis, None)


def file(*rows: ObservationRow, references: tuple[CodeReference, ...] = ()) -> ObservationFile:
    return ObservationFile("data.csv", rows, (), references, 0)


def messages(parsed: ObservationFile) -> list[str]:
    return [str(p) for p in check_rows(parsed, INDICATORS, ORGS)[1]]


def test_the_basis_defaults_to_the_indicators_and_to_period_end_for_a_stock() -> None:
    checked, problems = check_rows(
        file(row(1), row(2, "firms", Period.of_year(2025))), INDICATORS, ORGS
    )
    assert problems == []
    assert [c.basis for c in checked] == [ReportingBasis.YTD, ReportingBasis.PERIOD_END]


def test_a_basis_that_does_not_fit_the_nature_is_refused() -> None:
    assert messages(file(row(1, basis=ReportingBasis.PERIOD_END))) == [
        "row 1, column basis: period_end does not fit flow indicator rev; use month_value, ytd"
    ]


def test_a_period_of_another_type_is_refused() -> None:
    assert messages(file(row(3, "firms", Period.month(2025, 6)))) == [
        "row 3, column period: 2025-06 is a month; firms is reported per year"
    ]


def test_unknown_codes_are_named_and_their_rows_skipped() -> None:
    references = (
        CodeReference(2, "indicator", "nope"),
        CodeReference(1, "org_unit", "999999"),
        CodeReference(1, "indicator", "rev"),
    )
    parsed = file(row(1, org_unit="999999"), row(2, "nope"), references=references)
    # sorted by row; the two rows are not checked further
    assert messages(parsed) == [
        "row 1, column org_unit: unknown org unit '999999'",
        "row 2, column indicator: unknown indicator 'nope'",
    ]


def test_a_register_indicator_is_counted_not_reported() -> None:
    # tier.listed is stored as an indicator (a target refers to it) but its values are the
    # registry's count: a reported figure for it would never be read, so it is refused
    listed = Indicator("tier.listed", "上市企业数量", "家", nature=IndicatorNature.STOCK)
    references = (CodeReference(1, "indicator", "tier.listed"),)
    parsed = file(row(1, "tier.listed"), references=references)
    checked, problems = check_rows(parsed, {"tier.listed": listed}, {"430100"})
    assert checked == []
    assert [str(p) for p in problems] == [
        "row 1, column indicator: indicator 'tier.listed' is counted from its register "
        "(registry), not reported: load the register's file instead (docs/indicators.md)"
    ]


def test_a_repeated_key_names_the_first_row() -> None:
    again = row(5, period=Period.month(2025, 1))  # row 1's key: rev, 430100, 2025-01, ytd
    other_sector = row(6, period=Period.month(2025, 1), sector="4.1")
    other_basis = row(7, period=Period.month(2025, 1), basis=ReportingBasis.MONTH_VALUE)
    assert messages(file(row(1), again, other_sector, other_basis)) == [
        "row 5, column period: repeats row 1 (same indicator, org unit, sector, period and basis)"
    ]


months = st.lists(st.integers(1, 12), min_size=1, max_size=12, unique=True)


@settings(max_examples=50)
@given(months, st.data())
def test_each_repeat_is_refused_once_and_the_first_of_a_key_is_kept(
    distinct: list[int], data: st.DataObject
) -> None:
    repeated = data.draw(st.lists(st.sampled_from(distinct), max_size=5))
    rows = [row(n, period=Period.month(2025, m)) for n, m in enumerate(distinct, start=1)]
    rows += [
        row(len(distinct) + n, period=Period.month(2025, m))
        for n, m in enumerate(repeated, start=1)
    ]
    checked, problems = check_rows(file(*rows), INDICATORS, ORGS)
    assert [c.row.period.index for c in checked] == distinct
    assert [p.location for p in problems] == [
        f"row {len(distinct) + n}, column period" for n in range(1, len(repeated) + 1)
    ]
