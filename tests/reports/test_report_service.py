"""The monthly bulletin through the use case, on both backends: its figures (computed by
hand in conftest.py), publishing it with the values it used, and the revisions since."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.model import ReportingBasis
from bioecon.domain.periods import Period
from bioecon.domain.review import ReviewStep
from bioecon.errors import InvalidValue
from bioecon.reports.narrative import compose
from bioecon.reports.record import DistrictLine, Revision, TargetLine, content_hash
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.reports import (
    list_published,
    monthly_bulletin,
    publish_bulletin,
    published_bulletin,
    quarterly_bulletin,
    release_calendar,
    revised_since,
)
from bioecon.services.review import ValueKey, review_value
from tests.services.conftest import load_csv

OCTOBER = Period.month(2026, 10)
WHEN = datetime(2026, 11, 5, 2, 0, tzinfo=UTC)


def test_the_bulletin_holds_the_months_figures_targets_and_districts(city: Bioecon) -> None:
    bulletin = monthly_bulletin(city, actor=LOCAL_ADMIN, plan="city", period=OCTOBER)
    (headline,) = bulletin.headlines
    assert (headline.subject, headline.unit, headline.cumulative) == ("全市", "亿元", True)
    assert (headline.ytd, headline.value) == (Decimal(170), Decimal(17))  # 170 − 153
    assert round(headline.ytd_yoy or 0, 4) == round(100 * (170 / 150 - 1), 4)
    assert round(headline.yoy or 0, 4) == round(100 * (17 / 15 - 1), 4)
    assert round(headline.ytd_yoy_before or 0, 4) == round(100 * (153 / 135 - 1), 4)
    # the yearly target: 170 of 200 = 85 %, ten months of twelve gone
    assert (round(headline.completion or 0, 1), round(headline.time_progress or 0, 1)) == (
        85.0,
        83.3,
    )
    assert headline.deadline_year is None
    assert bulletin.statuses == {"on_track": 1, "lagging": 1}
    # 二区: 60 of 100 = 60 %, 23.3 points behind time
    assert [replace(t, time_progress=round(t.time_progress or 0, 1)) for t in bulletin.lagging] == [
        TargetLine("T2", "营业收入", "二区", "lagging", 60.0, 83.3, "二区")
    ]
    assert [replace(d, ytd_yoy=round(d.ytd_yoy or 0, 1)) for d in bulletin.districts] == [
        DistrictLine("D1", "一区", Decimal(110), 10.0),
        DistrictLine("D2", "二区", Decimal(60), 20.0),
    ]
    assert (bulletin.district_indicator, bulletin.region_name) == ("营业收入", "城市")
    assert [(v.org_unit, v.period, v.value, v.status) for v in bulletin.values] == [
        ("D1", "2025-09", Decimal(90), "approved"),
        ("D1", "2025-10", Decimal(100), "approved"),
        ("D1", "2026-09", Decimal(99), "approved"),
        ("D1", "2026-10", Decimal(110), "approved"),
        ("D2", "2025-09", Decimal(45), "approved"),
        ("D2", "2025-10", Decimal(50), "approved"),
        ("D2", "2026-09", Decimal(54), "approved"),
        ("D2", "2026-10", Decimal(60), "approved"),
    ]
    assert bulletin.earlier_report is None and bulletin.revisions == ()


def test_a_bulletin_uses_no_value_of_a_later_month(city: Bioecon) -> None:
    september = monthly_bulletin(city, actor=LOCAL_ADMIN, plan="city", period=OCTOBER.previous())
    assert {v.period for v in september.values} == {"2025-09", "2025-10", "2026-09"}


def test_a_later_bulletin_lists_the_values_revised_since_the_published_one(
    city: Bioecon, tmp_path: Path
) -> None:
    first, printed = publish_bulletin(
        city, actor=LOCAL_ADMIN, plan="city", period=OCTOBER, now=WHEN
    )
    assert (first.plan, first.period, first.built_by) == ("city", "2026-10", "local-admin")
    assert first.content_hash == content_hash(printed)
    key = ValueKey("rev", "D2", Period.month(2026, 9), ReportingBasis.YTD)
    review_value(city, actor=LOCAL_ADMIN, key=key, step=ReviewStep.REOPEN, origin="t", note="修订")
    load_csv(city, tmp_path, "indicator,org_unit,period,value,basis\nrev,D2,2026-09,55,ytd\n")

    later = monthly_bulletin(city, actor=LOCAL_ADMIN, plan="city", period=OCTOBER)
    assert (later.earlier_report, later.earlier_period) == (first.id, "2026-10")
    assert later.revisions == (
        Revision("营业收入", "二区", "2026-09", Decimal(54), Decimal(55), "亿元"),
    )
    assert later.headlines[0].value == Decimal(16)  # 170 − 154: the month moved with it
    assert content_hash(later) != first.content_hash

    again, regenerated = published_bulletin(city, actor=LOCAL_ADMIN, report=first.id)
    assert regenerated == printed and again.content_hash == first.content_hash
    assert content_hash(regenerated) == first.content_hash
    assert [p.id for p in list_published(city, actor=LOCAL_ADMIN)] == [first.id]
    # the published bulletin can say which of its values were revised since
    other = ValueKey("rev", "D1", Period.month(2025, 9), ReportingBasis.YTD)
    review_value(city, actor=LOCAL_ADMIN, key=other, step=ReviewStep.REOPEN, origin="t", note="核")
    assert revised_since(city, actor=LOCAL_ADMIN, report=first.id) == (
        Revision("营业收入", "一区", "2025-09", Decimal(90), None, "亿元"),  # reopened: not counted
        Revision("营业收入", "二区", "2026-09", Decimal(54), Decimal(55), "亿元"),
    )


def test_a_bulletin_is_for_a_month(city: Bioecon) -> None:
    with pytest.raises(InvalidValue):
        monthly_bulletin(city, actor=LOCAL_ADMIN, plan="city", period=Period.quarter(2026, 3))


def test_the_quarterly_bulletin_is_the_quarters_last_month_in_its_own_words(
    city: Bioecon,
) -> None:
    # 2026Q3 is stated as of September: 城市 1—9月 = 99 + 54 = 153 against 90 + 45 = 135 a
    # year before, +13.3 %; no June figures, so no pace against 上半年. The yearly target:
    # 153 of 200 = 76.5 %, nine months of twelve gone = 75.0 %: 1.5 points ahead.
    bulletin = quarterly_bulletin(
        city, actor=LOCAL_ADMIN, plan="city", period=Period.quarter(2026, 3)
    )
    assert (bulletin.kind, bulletin.period, bulletin.month) == ("quarterly", "2026Q3", 9)
    (headline,) = bulletin.headlines
    assert (headline.ytd, headline.ytd_yoy_before) == (Decimal(153), None)
    assert {v.period for v in bulletin.values} == {"2025-09", "2025-10", "2026-09"}
    document = compose(bulletin, issued_on=date(2026, 10, 20))
    assert (document.title, document.number) == ("城市生物经济统计监测季报", "2026年第3季度")
    lead = next(b.text for b in document.blocks if b.style == "paragraph")
    assert (
        lead
        == "前三季度，全市累计153.00亿元，同比增长13.3%。全市完成年度目标的76.5%，超时序进度1.5个百分点。"
    )
    with pytest.raises(InvalidValue):
        quarterly_bulletin(city, actor=LOCAL_ADMIN, plan="city", period=OCTOBER)


def test_a_quarterly_bulletins_revisions_are_against_the_last_quarterly_one(city: Bioecon) -> None:
    publish_bulletin(city, actor=LOCAL_ADMIN, plan="city", period=OCTOBER, now=WHEN)
    third = Period.quarter(2026, 3)
    assert (
        quarterly_bulletin(city, actor=LOCAL_ADMIN, plan="city", period=third).earlier_report
        is None
    )
    published, _ = publish_bulletin(
        city, actor=LOCAL_ADMIN, plan="city", kind="quarterly", period=third, now=WHEN
    )
    again = quarterly_bulletin(city, actor=LOCAL_ADMIN, plan="city", period=third)
    assert (again.earlier_report, again.earlier_period, again.revisions) == (
        published.id,
        "2026Q3",
        (),
    )


def test_the_release_calendar_says_which_periods_were_published_on_time(city: Bioecon) -> None:
    # bioecon/data/reports/calendar.yaml: 月报 by the 20th of the next month (no January:
    # 1—2月合并), 季报 by the 25th after the quarter, 年度总结 by 31 March of the next year.
    # Published on 2026-11-05 (10:00 in Beijing): the 2026-10 月报 (due 11-20: on time) and the
    # 2026Q3 季报 (due 10-25: late). On 2026-11-05 the 2026-09 月报 (due 10-20) is overdue and
    # the 2026-11 one (due 12-20) not yet due.
    publish_bulletin(city, actor=LOCAL_ADMIN, plan="city", period=OCTOBER, now=WHEN)
    third = Period.quarter(2026, 3)
    publish_bulletin(city, actor=LOCAL_ADMIN, plan="city", kind="quarterly", period=third, now=WHEN)
    releases = release_calendar(
        city, actor=LOCAL_ADMIN, plan="city", year=2026, today=date(2026, 11, 5)
    )
    assert len(releases) == 11 + 4 + 1
    found = {(r.kind, r.period): (r.due, r.published_on, r.timeliness.value) for r in releases}
    assert found[("monthly", "2026-02")] == (date(2026, 3, 20), None, "overdue")
    assert ("monthly", "2026-01") not in found
    assert found[("monthly", "2026-09")] == (date(2026, 10, 20), None, "overdue")
    assert found[("monthly", "2026-10")] == (date(2026, 11, 20), date(2026, 11, 5), "on_time")
    assert found[("monthly", "2026-11")] == (date(2026, 12, 20), None, "not_due")
    assert found[("quarterly", "2026Q3")] == (date(2026, 10, 25), date(2026, 11, 5), "late")
    assert found[("quarterly", "2026Q4")] == (date(2027, 1, 25), None, "not_due")
    assert found[("annual", "2026")] == (date(2027, 3, 31), None, "not_due")
    assert [r.period for r in releases][:4] == ["2026-02", "2026-03", "2026Q1", "2026-04"]
