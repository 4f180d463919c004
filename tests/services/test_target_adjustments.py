"""目标动态调整 through the use case on both backends (the bulletin's small world of
tests/reports/conftest.py), the evaluation report that states it, and the command line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditEntity
from bioecon.domain.periods import Period
from bioecon.domain.target_adjustment import TargetAdjustment
from bioecon.errors import Forbidden, InvalidValue, NotFound
from bioecon.io.planfile import read_plan_file
from bioecon.reports.narrative import compose
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.history import value_history
from bioecon.services.plans import load_plan
from bioecon.services.reports import evaluation_report
from bioecon.services.target_adjustments import adjust_target, target_adjustments
from tests.reports.conftest import DATA, PLAN
from tests.services.conftest import load_csv
from tests.test_cli import run

D = Decimal
APPROVED = date(2026, 6, 30)
REASON = "受市场影响，经中期评估调整"
NEW = D(180)


@pytest.fixture
def city(app: Bioecon, tmp_path: Path) -> Bioecon:
    path = tmp_path / "city.yaml"
    path.write_text(PLAN, encoding="utf-8")
    parsed = read_plan_file(path)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    load_csv(app, tmp_path, DATA)
    return app


def adjust(
    app: Bioecon,
    *,
    target: str = "T1",
    value: Decimal = NEW,
    value_high: Decimal | None = None,
    reason: str = REASON,
    actor: Principal = LOCAL_ADMIN,
) -> TargetAdjustment:
    return adjust_target(
        app,
        actor=actor,
        origin="test",
        plan="city",
        target=target,
        value=value,
        value_high=value_high,
        reason=reason,
        approved_by="市生物经济发展领导小组",
        approved_on=APPROVED,
        document="城生经〔2026〕3号",
    )


def test_an_adjusted_target_is_judged_by_its_new_value_and_the_report_says_so(
    city: Bioecon,
) -> None:
    adjust(city)
    (kept,) = target_adjustments(city, actor=LOCAL_ADMIN, plan="city")
    assert (kept.target, kept.old_value, kept.new_value, kept.unit) == (
        "T1",
        D(200),
        D(180),
        "亿元",
    )
    # 1—10月 170 of the new 180 = 94.4 % (it was 85.0 % of 200)
    report = evaluation_report(
        city, actor=LOCAL_ADMIN, plan="city", kind="midterm", period=Period.month(2026, 10)
    )
    assert report.evaluated is not None
    assert (report.evaluated[0].target, round(report.evaluated[0].completion or 0, 1)) == (
        D(180),
        94.4,
    )
    texts = [b.text for b in compose(report, issued_on=date(2026, 11, 20)).blocks]
    start = texts.index("规划实施以来，经批准调整目标1项：")
    assert texts[start + 1] == (
        "全市营业收入：原目标200.00亿元，调整为180.00亿元，市生物经济发展领导小组于2026年6月30日"
        "批准（城生经〔2026〕3号）。调整理由：受市场影响，经中期评估调整"
    )
    # a report as of a month before the approval does not list it
    earlier = evaluation_report(
        city, actor=LOCAL_ADMIN, plan="city", kind="midterm", period=Period.month(2026, 5)
    )
    assert earlier.adjusted == ()
    (event,) = value_history(city, actor=LOCAL_ADMIN, entity=AuditEntity.TARGET)
    assert (event.record_key, event.old_value, event.reason) == (
        "city/T1",
        {"value": "200", "value_high": None},
        REASON,
    )


def test_an_adjustment_needs_a_reason_a_change_a_known_target_and_the_right(
    city: Bioecon,
) -> None:
    with pytest.raises(InvalidValue, match="理由"):
        adjust(city, reason="  ")
    with pytest.raises(InvalidValue, match="没有调整"):
        adjust(city, value=D(200))
    with pytest.raises(InvalidValue, match="不是区间目标"):
        adjust(city, value_high=D(220))
    with pytest.raises(NotFound, match="T9"):
        adjust(city, target="T9")
    with pytest.raises(Forbidden):
        adjust(city, actor=Principal("d2", Role.REPORTER, Scope("D2")))
    assert target_adjustments(city, actor=LOCAL_ADMIN, plan="city") == []


def test_the_command_line_adjusts_and_lists(
    capsys: pytest.CaptureFixture[str], blank_database_url: str, tmp_path: Path
) -> None:
    plan = tmp_path / "city.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    db = ("--db", blank_database_url)
    assert run(capsys, *db, "db", "upgrade")[0] == 0
    assert run(capsys, *db, "plan", "load", str(plan))[0] == 0
    code, out, _ = run(
        capsys, *db, "plan", "adjust-target", "city", "T2", "--value", "90",
        "--reason", "区划调整", "--approved-by", "市政府", "--approved-on", "2026-07-01",
    )  # fmt: skip
    assert (code, out.strip()) == (0, "city T2：100 → 90 亿元（市政府 2026-07-01）：区划调整")
    assert run(capsys, *db, "plan", "adjustments", "city")[1].strip() == out.strip()
    code, _, err = run(
        capsys, *db, "plan", "adjust-target", "city", "T2", "--value", "abc",
        "--reason", "x", "--approved-by", "y", "--approved-on", "2026-07-01",
    )  # fmt: skip
    assert code != 0 and "abc" in err
