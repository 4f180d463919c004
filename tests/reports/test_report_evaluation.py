"""The evaluation reports (中期评估, 总结评估): through the use case on both backends, with the
small world of conftest.py as of 2026-10, and hand-made records through the shipped template.
Every expected sentence is written by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from bioecon.app import Bioecon
from bioecon.domain.periods import Period
from bioecon.errors import InvalidValue
from bioecon.reports.narrative import compose
from bioecon.reports.record import EvaluatedTarget, content_hash, from_plain, to_plain
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.reports import evaluation_report, publish_bulletin
from tests.reports.test_report_narrative import BULLETIN

OCTOBER = Period.month(2026, 10)


def test_the_midterm_report_lists_every_target_with_its_verdict(city: Bioecon) -> None:
    # As of 2026-10 (ten months of twelve: 时序进度 83.3 %):
    #   T1 全市 yearly ~200: 1—10月 170 = 85.0 %, 1.7 points ahead, 正常; at that pace the year
    #      ends at 170 / 10 × 12 = 204
    #   T2 二区 yearly ~100: 60 = 60.0 %, 23.3 points behind, 滞后; 60 / 10 × 12 = 72
    report = evaluation_report(city, actor=LOCAL_ADMIN, plan="city", kind="midterm", period=OCTOBER)
    assert (report.kind, report.horizon_start, report.horizon_end) == ("midterm", 2024, 2027)
    assert report.evaluated is not None
    assert [
        (t.key, t.subject, t.target, t.actual, t.status, t.projected, t.responsible)
        for t in report.evaluated
    ] == [
        ("T1", "全市", Decimal(200), Decimal(170), "on_track", Decimal(204), "城市"),
        ("T2", "二区", Decimal(100), Decimal(60), "lagging", Decimal(72), "二区"),
    ]
    document = compose(report, issued_on=date(2026, 11, 20))
    assert (document.title, document.number) == ("测试规划中期评估报告", "截至2026年10月")
    paragraphs = [b.text for b in document.blocks if b.style in ("heading1", "paragraph")]
    assert paragraphs[:3] == [
        "一、总体进展",
        "《测试规划》规划期为2024—2027年。截至2026年10月，规划2项目标中，正常1项、滞后1项。",
        "二、主要目标完成情况",
    ]
    assert "四、存在问题和调整建议" in paragraphs
    assert "各项目标均未严重滞后，暂无调整建议。" in paragraphs
    table = next(b.rows for b in document.blocks if b.style == "table")
    assert table[1:] == (
        ("营业收入", "全市", "—", "200.00亿元左右（每年）", "170.00亿元（2026年1—10月）", "85.0",
         "正常"),
        ("营业收入", "二区", "—", "100.00亿元左右（每年）", "60.00亿元（2026年1—10月）", "60.0",
         "滞后"),
    )  # fmt: skip
    start = paragraphs.index("逐项评估如下：")
    assert paragraphs[start + 2].startswith("2．二区营业收入：本年累计60亿元，完成年度目标的60%")


def test_an_evaluation_is_of_its_kinds_period(city: Bioecon) -> None:
    with pytest.raises(InvalidValue):
        evaluation_report(
            city, actor=LOCAL_ADMIN, plan="city", kind="midterm", period=Period.quarter(2026, 3)
        )
    with pytest.raises(InvalidValue):
        evaluation_report(city, actor=LOCAL_ADMIN, plan="city", kind="monthly", period=OCTOBER)
    with pytest.raises(InvalidValue) as refused:  # a 年度总结 is of a year
        evaluation_report(city, actor=LOCAL_ADMIN, plan="city", kind="annual", period=OCTOBER)
    assert str(refused.value) == "--period：annual 报告的期别写作 2026，不是 2026-10"
    year = evaluation_report(
        city, actor=LOCAL_ADMIN, plan="city", kind="annual", period=Period.of_year(2025)
    )
    # as of 2025-12: no December figures, so no headline; both targets still judged
    assert (year.period, year.month, year.headlines) == ("2025", 12, ())
    assert year.evaluated is not None and [t.key for t in year.evaluated] == ["T1", "T2"]


def test_a_published_evaluation_is_shown_again_with_its_hash(city: Bioecon) -> None:
    published, report = publish_bulletin(
        city, actor=LOCAL_ADMIN, plan="city", kind="final", period=OCTOBER
    )
    again = from_plain(to_plain(report), report.values)
    assert again == report and content_hash(again) == published.content_hash


BEHIND = (
    EvaluatedTarget(
        key="T7", metric="生物医药产业规模", subject="全市", unit="亿元", op=">=",
        target=Decimal(1200), target_high=None, deadline_year=2027, nature="预期性",
        actual=Decimal(610), actual_period="2026-01/2026-06", completion=50.8,
        time_progress=83.3, projected=Decimal(900), status="at_risk",
        explanation="完成2027年目标的50.8%，落后时序进度32.5个百分点", responsible="市发展改革委",
    ),
    EvaluatedTarget(
        key="T8", metric="新增上市企业", subject="全市", unit="家", op="range",
        target=Decimal(3), target_high=Decimal(5), deadline_year=2025, nature="约束性",
        actual=Decimal(1), actual_period="2025", completion=33.3, time_progress=None,
        projected=None, status="missed", explanation="2025年1家，未达到3家",
        responsible="市金融办",
    ),
)  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "title", "lead"),
    [
        (
            "annual",
            "某市生物经济发展规划2026年度总结",
            "以下2项目标严重滞后或已到期未完成，请责任单位在下一年度加大推进力度：",
        ),
        (
            "midterm",
            "某市生物经济发展规划中期评估报告",
            "以下2项目标严重滞后或已到期未完成，建议责任单位加大推进力度，"
            "规划办公室研究是否按程序动态调整目标：",
        ),
        (
            "final",
            "某市生物经济发展规划总结评估报告",
            "以下2项目标未完成或严重滞后，请责任单位分析原因，并在下一轮规划中研究接续安排：",
        ),
    ],
)
def test_targets_far_behind_are_named_for_action_or_adjustment(
    kind: str, title: str, lead: str
) -> None:
    report = replace(
        BULLETIN, kind=kind, horizon_start=2023, horizon_end=2027, evaluated=BEHIND, projects=None
    )
    document = compose(report, issued_on=date(2026, 7, 8))
    assert document.title == title
    texts = [b.text for b in document.blocks if b.style == "paragraph"]
    assert texts[0] == (
        "《某市生物经济发展规划》规划期为2023—2027年。截至2026年6月，规划2项目标中，"
        "严重滞后1项、未达标1项。"
    )
    start = texts.index(lead)
    assert texts[start + 1 : start + 3] == [
        "全市生物医药产业规模（目标不低于1200.00亿元（2027年），严重滞后，责任单位：市发展改革委）："
        "完成2027年目标的50.8%，落后时序进度32.5个百分点",
        "全市新增上市企业（目标3—5家（2025年），未达标，责任单位：市金融办）：2025年1家，未达到3家",
    ]
    table = next(b.rows for b in document.blocks if b.style == "table")
    assert [row[2:5] for row in table[1:]] == [
        ("预期性", "不低于1200.00亿元（2027年）", "610.00亿元（2026年1—6月）"),
        ("约束性", "3—5家（2025年）", "1家（2025年）"),
    ]
