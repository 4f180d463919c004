"""Data sets on both backends: what is due, on time, late or overdue, worked by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import DateTime, bindparam, text

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.data_sets import OnTimeRate
from bioecon.domain.model import ReportingBasis
from bioecon.domain.periods import Period
from bioecon.domain.reporting_calendar import Timeliness
from bioecon.domain.review import ReviewStep
from bioecon.domain.value_key import ValueKey
from bioecon.errors import Forbidden, InvalidInput
from bioecon.io.assessment_scheme import read_scheme_file
from bioecon.io.data_set_file import read_data_set_file
from bioecon.io.observations import read_observation_file
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.assessment import assess
from bioecon.services.data_sets import (
    list_data_sets,
    load_data_set,
    on_time_rates,
    reporting_status,
)
from bioecon.services.observations import load_observations
from bioecon.services.plans import load_plan
from bioecon.services.review import review_value

DATA_SET = """\
code: cs-monthly
name: 长沙生物经济月度监测
period_type: month
first_period: 2025-01
jan_feb_combined: true
due: {day: 5}
indicators: [bio_scale, biomed_scale]
org_units: ['430181', '430182']
"""

# (indicator, unit, period, status, reported at in UTC)
VALUES = [
    # 浏阳 430181: February complete on 03-04 (on time, due 03-05); March complete at
    # 04-05 17:00 UTC = 04-06 01:00 北京时间 (late: the due day is a day in China);
    # April has one of its two indicators (overdue once 05-05 has passed)
    ("bio_scale", "430181", "2025-02", "approved", "2025-03-04 10:00:00"),
    ("biomed_scale", "430181", "2025-02", "submitted", "2025-03-04 10:00:00"),
    ("bio_scale", "430181", "2025-03", "submitted", "2025-04-01 02:00:00"),
    ("biomed_scale", "430181", "2025-03", "submitted", "2025-04-05 17:00:00"),
    ("bio_scale", "430181", "2025-04", "submitted", "2025-05-02 02:00:00"),
    # 宁乡 430182: February on time; March has a draft, which does not count; April nothing
    ("bio_scale", "430182", "2025-02", "submitted", "2025-03-01 02:00:00"),
    ("biomed_scale", "430182", "2025-02", "submitted", "2025-03-01 02:00:00"),
    ("bio_scale", "430182", "2025-03", "submitted", "2025-04-02 02:00:00"),
    ("biomed_scale", "430182", "2025-03", "draft", "2025-04-02 02:00:00"),
    # a unit the data set does not assign
    ("bio_scale", "430100", "2025-02", "approved", "2025-03-01 02:00:00"),
]


@pytest.fixture
def city(app: Bioecon, changsha_plan_file: Path, tmp_path: Path) -> Bioecon:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    path = tmp_path / "data.csv"
    rows = [f"{i},{u},{p},100,ytd,{s}" for i, u, p, s, _ in VALUES]
    path.write_text("indicator,org_unit,period,value,basis,status\n" + "\n".join(rows) + "\n")
    load_observations(app, actor=LOCAL_ADMIN, origin="test", parsed=read_observation_file(path))
    with app.transaction() as connection:
        for indicator, unit, period, _, at in VALUES:
            connection.execute(
                text(
                    # a reported value was first submitted then too; a draft never was
                    "UPDATE observation SET reported_at = :at, submitted_at = CASE WHEN "
                    "submitted_at IS NULL THEN NULL ELSE :at END WHERE period = :period AND "
                    "indicator_id = (SELECT id FROM indicator WHERE code = :indicator) AND "
                    "org_unit_id = (SELECT id FROM org_unit WHERE code = :unit)"
                ).bindparams(bindparam("at", type_=DateTime(timezone=True))),
                {
                    "at": datetime.fromisoformat(at).replace(tzinfo=UTC),
                    "period": period,
                    "indicator": indicator,
                    "unit": unit,
                },
            )
    file = tmp_path / "cs-monthly.yaml"
    file.write_text(DATA_SET, encoding="utf-8")
    report = load_data_set(app, actor=LOCAL_ADMIN, data_set=read_data_set_file(file))
    assert (report.created, report.indicators, report.org_units) == (True, 2, 2)
    return app


def test_each_unit_and_period_that_has_ended(city: Bioecon) -> None:
    standings = reporting_status(
        city, actor=LOCAL_ADMIN, code="cs-monthly", today=date(2025, 5, 10)
    )
    got = [(s.org_unit, str(s.period), s.reported, s.timeliness) for s in standings]
    # January is not asked for (1–2月合并); May has not ended
    assert got == [
        ("430181", "2025-02", 2, Timeliness.ON_TIME),
        ("430181", "2025-03", 2, Timeliness.LATE),
        ("430181", "2025-04", 1, Timeliness.OVERDUE),
        ("430182", "2025-02", 2, Timeliness.ON_TIME),
        ("430182", "2025-03", 1, Timeliness.OVERDUE),
        ("430182", "2025-04", 0, Timeliness.OVERDUE),
    ]
    assert standings[1].submitted_on == date(2025, 4, 6) and standings[1].due_on == date(2025, 4, 5)


def test_on_time_rates_count_only_periods_already_due(city: Bioecon) -> None:
    # on 05-05 April is due that day and not yet overdue: two periods count
    assert on_time_rates(city, actor=LOCAL_ADMIN, code="cs-monthly", today=date(2025, 5, 5)) == [
        OnTimeRate("430181", due=2, on_time=1, late=1, overdue=0),
        OnTimeRate("430182", due=2, on_time=1, late=0, overdue=1),
    ]
    rates = on_time_rates(city, actor=LOCAL_ADMIN, code="cs-monthly", today=date(2025, 5, 10))
    assert [(r.org_unit, r.rate) for r in rates] == [("430181", 1 / 3), ("430182", 1 / 3)]


def test_a_reporter_sees_its_own_units_only(city: Bioecon) -> None:
    reporter = Principal("nx", Role.REPORTER, Scope("430182"))
    standings = reporting_status(city, actor=reporter, code="cs-monthly", today=date(2025, 5, 10))
    assert {s.org_unit for s in standings} == {"430182"}
    assert [d.code for d in list_data_sets(city, actor=reporter)] == ["cs-monthly"]
    outsider = Principal("x", Role.REPORTER, Scope("430102"))
    assert list_data_sets(city, actor=outsider) == []


def test_only_a_plan_office_over_every_unit_may_load_it(city: Bioecon, tmp_path: Path) -> None:
    file = tmp_path / "again.yaml"
    file.write_text(DATA_SET, encoding="utf-8")
    office = Principal("ly", Role.PLAN_OFFICE, Scope("430181"))  # 430182 is outside it
    with pytest.raises(Forbidden, match="430182"):
        load_data_set(city, actor=office, data_set=read_data_set_file(file))


def test_unknown_codes_and_bad_fields_are_named(city: Bioecon, tmp_path: Path) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(DATA_SET.replace("biomed_scale", "nope"), encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_data_set(city, actor=LOCAL_ADMIN, data_set=read_data_set_file(file))
    assert [str(p) for p in refused.value.problems] == ["indicators[1]: no indicator 'nope'"]
    file.write_text(DATA_SET.replace("{day: 5}", "{day: 40}"), encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        read_data_set_file(file)
    assert str(refused.value.problems[0]).startswith("due.day (line 6)")
    file.write_text(DATA_SET.replace("first_period: 2025-01", "first_period: 2025Q1"))
    with pytest.raises(InvalidInput, match="1 problem"):
        read_data_set_file(file)


def test_a_returned_value_corrected_late_keeps_its_first_submission(
    city: Bioecon, tmp_path: Path
) -> None:
    """宁乡 430182 first submitted February on 03-01 (due 03-05): on time. The reviewer returns
    bio_scale today (2026), the reporter corrects and resubmits it today: the period is
    still on time, completed on 03-01 — the correction is not a late report."""
    key = ValueKey("bio_scale", "430182", Period.month(2025, 2), ReportingBasis.YTD)
    review_value(
        city, actor=LOCAL_ADMIN, key=key, step=ReviewStep.REJECT, origin="test", note="请核实"
    )
    path = tmp_path / "corrected.csv"
    path.write_text(
        "indicator,org_unit,period,value,basis,status\nbio_scale,430182,2025-02,101,ytd,submitted\n"
    )
    load_observations(city, actor=LOCAL_ADMIN, origin="test", parsed=read_observation_file(path))
    standings = reporting_status(
        city, actor=LOCAL_ADMIN, code="cs-monthly", today=date(2025, 5, 10)
    )
    february = next(s for s in standings if (s.org_unit, str(s.period)) == ("430182", "2025-02"))
    assert (february.reported, february.timeliness) == (2, Timeliness.ON_TIME)
    assert february.submitted_on == date(2025, 3, 1)


def test_reports_on_time_are_an_assessment_item(city: Bioecon, tmp_path: Path) -> None:
    # As of 2025-04 (04-30): 2025-02 (due 03-05) and 2025-03 (due 04-05) are due; April (due
    # 05-05) is not. 浏阳 430181: Feb on time, March late → 1 / 2 = 50 %; 宁乡 430182: Feb on
    # time, March overdue → 50 %. 长沙市 430100 reports through both (its subtree): 2 / 4 =
    # 50 %; 岳麓区 430104 is assigned nothing: no input. As of 2025-05 (05-31) April counts
    # too, overdue for both: 1 / 3 = 33.33 %. 按比例 of 100, weight 10: 5 and 3.33.
    path = tmp_path / "scheme.yaml"
    path.write_text(
        "scheme: {code: cs-reports, name: 报送考核, year: 2025}\n"
        "units: ['430181', '430182', '430100', '430104']\n"
        "items:\n"
        "  - {key: B1, name: 按时报送, weight: 10, method: proportional, target: 100,\n"
        "     input: {reports: cs-monthly}}\n",
        encoding="utf-8",
    )
    scheme = read_scheme_file(path)
    april = assess(city, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2025, 4))
    assert dict(april.inputs[0]) == {
        "430181": Decimal(50),
        "430182": Decimal(50),
        "430100": Decimal(50),
        "430104": None,
    }
    may = assess(city, actor=LOCAL_ADMIN, scheme=scheme, as_of=Period.month(2025, 5))
    assert {u: s.points for u, s in may.scores[0].items()} == {
        "430181": Decimal("3.33"),
        "430182": Decimal("3.33"),
        "430100": Decimal("3.33"),
        "430104": Decimal(0),
    }
