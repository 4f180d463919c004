"""The entry form and the uploaded template (填报), on both backends, worked by hand.

The fixture: the hand-made 长沙 plan (org units 430181 浏阳, 430182 宁乡 and their city), and a
data set of two indicators (bio_scale, biomed_scale, both 亿元) reported monthly by 430181
and 430182, due the 5th of the next month, locked 10 days after that: 2025-03 is due
2025-04-05 and locked from 2025-04-16.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.data_sets import DataSet
from bioecon.domain.model import ObservationStatus, ReportingBasis
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.reporting_calendar import DueRule
from bioecon.domain.review import ReviewStep
from bioecon.errors import Conflict, Forbidden, InvalidInput
from bioecon.io.entry_template import write_entry_template
from bioecon.io.observations import read_observation_file
from bioecon.io.planfile import read_plan_file
from bioecon.services import entry, review
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.data_sets import load_data_set
from bioecon.services.plans import load_plan
from bioecon.store import tables as t

MARCH = Period.month(2025, 3)
BEFORE_LOCK = date(2025, 4, 10)
REPORTER = Principal("ly-report", Role.REPORTER, Scope("430181"))
NEIGHBOUR = Principal("nx-report", Role.REPORTER, Scope("430182"))
OFFICE = Principal("cs-office", Role.PLAN_OFFICE, Scope("430100"))
DATA_SET = DataSet(
    code="cs-monthly",
    name="长沙生物经济月度监测",
    period_type=PeriodType.MONTH,
    indicators=("bio_scale", "biomed_scale"),
    org_units=("430181", "430182"),
    due=DueRule(5, 1, 10),
    first_period=Period.month(2025, 1),
)


@pytest.fixture
def city(app: Bioecon, changsha_plan_file: Path) -> Bioecon:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    load_data_set(app, actor=LOCAL_ADMIN, data_set=DATA_SET)
    return app


def _stored(app: Bioecon) -> dict[tuple[str, str, str], tuple[Decimal, str, str | None]]:
    o, i, u = t.observation, t.indicator, t.org_unit
    with app.reading() as connection:
        rows = connection.execute(
            o.select()
            .with_only_columns(i.c.code, u.c.code, o.c.period, o.c.value, o.c.status, o.c.source)
            .join(i, i.c.id == o.c.indicator_id)
            .join(u, u.c.id == o.c.org_unit_id)
        ).all()
    return {(r[0], r[1], r[2]): (r[3], r[4], r[5]) for r in rows}


def _save(app: Bioecon, actor: Principal, values: dict[str, str], *, submit: bool,
          unit: str = "430181", today: date = BEFORE_LOCK) -> entry.EntrySaved:  # fmt: skip
    return entry.save_entry(
        app, actor=actor, origin="tests", code="cs-monthly", org_unit=unit, period=MARCH,
        values=values, submit=submit, today=today,
    )  # fmt: skip


def test_a_draft_then_a_submission(city: Bioecon) -> None:
    saved = _save(city, REPORTER, {"bio_scale": "1,234.5", "biomed_scale": ""}, submit=False)
    assert saved == entry.EntrySaved(("bio_scale",), ObservationStatus.DRAFT)
    assert _stored(city) == {
        ("bio_scale", "430181", "2025-03"): (Decimal("1234.5"), "draft", "填报：cs-monthly")
    }  # the empty field is not a value: biomed_scale stays unreported
    _save(city, REPORTER, {"bio_scale": "1240", "biomed_scale": "300"}, submit=True)
    assert _stored(city) == {
        ("bio_scale", "430181", "2025-03"): (Decimal("1240"), "submitted", "填报：cs-monthly"),
        ("biomed_scale", "430181", "2025-03"): (Decimal("300"), "submitted", "填报：cs-monthly"),
    }


def test_a_bad_field_refuses_the_form_and_names_the_field(city: Bioecon) -> None:
    with pytest.raises(InvalidInput) as refused:
        _save(city, REPORTER, {"bio_scale": "12亿", "biomed_scale": "-5"}, submit=True)
    located = {(p.location, p.message) for p in refused.value.problems}
    assert (
        "bio_scale",
        "「12亿」不是数值：只填数字，不带单位或“亿”“万” (is not a number; write the value alone, without unit or 亿/万)",
    ) in located
    assert [p.location for p in refused.value.problems] == ["bio_scale", "biomed_scale"]
    assert _stored(city) == {}  # nothing written, not even the other field


def test_a_value_the_ledger_cannot_hold_exactly_is_named_on_its_field(city: Bioecon) -> None:
    # seven decimal places: the ledger keeps six and never rounds
    with pytest.raises(InvalidInput) as refused:
        _save(city, REPORTER, {"bio_scale": "1240.0000001"}, submit=False)
    [problem] = refused.value.problems
    assert problem.location == "bio_scale" and "more than 6 decimal places" in problem.message
    assert _stored(city) == {}


def test_a_submitted_value_is_not_changed_by_the_form(city: Bioecon) -> None:
    _save(city, REPORTER, {"bio_scale": "100"}, submit=True)
    with pytest.raises(InvalidInput) as refused:
        _save(city, REPORTER, {"bio_scale": "101"}, submit=True)
    assert [str(p) for p in refused.value.problems] == [
        "bio_scale: 已报送，待审核；如需修改请先撤回"
    ]
    _save(city, REPORTER, {"bio_scale": "100", "biomed_scale": "7"}, submit=True)  # unchanged: fine
    assert _stored(city)[("bio_scale", "430181", "2025-03")][0] == Decimal("100")


def test_a_returned_value_can_be_corrected(city: Bioecon) -> None:
    _save(city, REPORTER, {"bio_scale": "100"}, submit=True)
    key = review.ValueKey("bio_scale", "430181", MARCH, ReportingBasis.YTD)
    reviewer = Principal("ly-review", Role.REVIEWER, Scope("430181"))
    review.review_value(
        city, actor=reviewer, key=key, step=ReviewStep.REJECT, origin="t", note="核实"
    )
    notes = review.review_notes(city, actor=REPORTER, keys=[key])
    assert (notes[key].actor, notes[key].reason) == ("ly-review", "核实")
    _save(city, REPORTER, {"bio_scale": "98"}, submit=True)
    assert _stored(city)[("bio_scale", "430181", "2025-03")][:2] == (Decimal("98"), "submitted")
    assert review.review_notes(city, actor=NEIGHBOUR, keys=[key]) == {}  # not its unit


def test_a_locked_period_is_closed_to_reporters_not_to_the_plan_office(city: Bioecon) -> None:
    locked_day = date(2025, 4, 16)  # 2025-04-05 + 10 days = 04-15, the last open day
    _save(city, REPORTER, {"bio_scale": "1"}, submit=False, today=date(2025, 4, 15))
    with pytest.raises(Conflict, match="2025-03 已于 2025-04-15 锁定"):
        _save(city, REPORTER, {"bio_scale": "2"}, submit=False, today=locked_day)
    _save(city, OFFICE, {"bio_scale": "2"}, submit=False, today=locked_day)
    assert _stored(city)[("bio_scale", "430181", "2025-03")][0] == Decimal("2")


def test_a_reporter_reports_only_its_own_units(city: Bioecon) -> None:
    with pytest.raises(Forbidden):
        _save(city, NEIGHBOUR, {"bio_scale": "1"}, submit=True)  # 430181 is not 宁乡's
    assert _stored(city) == {}


def test_an_uploaded_template_is_saved_as_the_form(city: Bioecon, tmp_path: Path) -> None:
    sheet = entry.entry_sheet(
        city, actor=REPORTER, code="cs-monthly", org_unit="430181", period=MARCH
    )
    path = tmp_path / "template.xlsx"
    write_entry_template(path, sheet)
    book = load_workbook(path)
    rows = list(book["填报"].iter_rows(min_row=2))
    rows[0][8].value = 812  # 数值 of the first row, bio_scale
    book.save(path)
    saved = entry.upload_entry(
        city, actor=REPORTER, origin="tests", code="cs-monthly", org_unit="430181",
        period=MARCH, parsed=read_observation_file(path), submit=False, today=BEFORE_LOCK,
    )  # fmt: skip
    assert saved == entry.EntrySaved(("bio_scale",), ObservationStatus.DRAFT)
    assert _stored(city)[("bio_scale", "430181", "2025-03")][:2] == (Decimal("812"), "draft")


def test_an_uploaded_row_of_another_unit_is_refused(city: Bioecon, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text(
        "indicator,org_unit,period,value,basis\n"
        "bio_scale,430181,2025-03,5,ytd\n"
        "biomed_scale,430182,2025-03,6,ytd\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as refused:
        entry.upload_entry(
            city, actor=REPORTER, origin="tests", code="cs-monthly", org_unit="430181",
            period=MARCH, parsed=read_observation_file(path), submit=True, today=BEFORE_LOCK,
        )  # fmt: skip
    assert [str(p) for p in refused.value.problems] == [
        "第3行: 本表只收 430181 2025-03 的数值（此行为 430182 2025-03）"
    ]
    assert _stored(city) == {}
