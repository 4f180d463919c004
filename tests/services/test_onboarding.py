"""`plan onboard` as a use case, on both backends, on plan texts the demo does not contain
(tests/data/onboarding/, written for these tests in the style of municipal plans)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from bioecon.app import Bioecon
from bioecon.domain.model import OrgLevel, OrgUnit
from bioecon.errors import Conflict, InvalidInput
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.database import database_info
from bioecon.services.onboarding import onboard_plan
from bioecon.services.plans import delete_plan, get_plan, list_plans
from bioecon.store import orgunits
from bioecon.store import tables as t

DATA = Path(__file__).parent.parent / "data" / "onboarding"
HEFEI = DATA / "合肥市生物医药产业发展三年行动计划.txt"
HEFEI_OTHER = DATA / "合肥市生物制造产业发展三年行动计划.txt"  # another plan, same city and period
GULOU = DATA / "鼓楼区生物医药行动方案.txt"  # names no province or city

TITLE = "合肥市生物医药产业高质量发展三年行动计划（2024—2026年）"


def test_a_plan_document_becomes_a_loaded_plan(app: Bioecon) -> None:
    report = onboard_plan(app, actor=LOCAL_ADMIN, origin="test", source=HEFEI)
    assert report.load.outcome == "created"
    plan = get_plan(
        app, actor=LOCAL_ADMIN, reference="hefei-2024-2026"
    )  # 合肥 → hefei; （2024—2026年） in the title
    assert plan.plan.title == TITLE  # inside 《》 of the notice line, not the SOURCE: line
    assert (plan.plan.horizon_start, plan.plan.horizon_end) == (2024, 2026)
    assert plan.plan.issuer == "合肥市人民政府办公室"
    assert str(plan.plan.issued_on) == "2024-03-12"  # the date line under the issuer
    assert plan.plan.region == "340100"  # 统计用区划代码 of 合肥市, 340100000000
    assert [(u.code, u.name, u.level, u.parent, u.division_code) for u in plan.org_units] == [
        ("340000", "安徽省", OrgLevel.PROVINCE, None, "340000000000"),
        ("340100", "合肥市", OrgLevel.CITY, "340000", "340100000000"),
    ]
    # the text's four task paragraphs name 7 distinct units: 市科技局, 市发展改革委,
    # 高新区管委会, 市经济和信息化局, 市投资促进局, 市财政局, 市人力资源社会保障局
    assert [u.code for u in plan.responsible_units] == [
        f"hefei-2024-2026-RU0{n}" for n in range(1, 8)
    ]
    assert report.mapped == sum(1 for target in plan.targets if target.indicator)
    assert (
        onboard_plan(app, actor=LOCAL_ADMIN, origin="test", source=HEFEI).load.outcome
        == "unchanged"
    )  # idempotent


def test_another_document_under_the_same_code_is_refused(app: Bioecon) -> None:
    onboard_plan(app, actor=LOCAL_ADMIN, origin="test", source=HEFEI)
    with pytest.raises(Conflict, match="already holds 《合肥市生物医药产业高质量发展"):
        onboard_plan(
            app, actor=LOCAL_ADMIN, origin="test", source=HEFEI_OTHER
        )  # 合肥 2024—2026 too: hefei-2024-2026
    assert (
        get_plan(app, actor=LOCAL_ADMIN, reference="hefei-2024-2026").plan.title == TITLE
    )  # untouched
    onboard_plan(
        app,
        actor=LOCAL_ADMIN,
        origin="test",
        source=HEFEI_OTHER,
        code="hefei-shengwuzhizao-2024-2026",
    )
    assert [p.code for p in list_plans(app, actor=LOCAL_ADMIN)] == [
        "hefei-2024-2026",
        "hefei-shengwuzhizao-2024-2026",
    ]
    replaced = onboard_plan(
        app, actor=LOCAL_ADMIN, origin="test", source=HEFEI_OTHER, replace_plan=True
    )
    assert replaced.load.outcome == "updated"
    assert get_plan(app, actor=LOCAL_ADMIN, reference="hefei-2024-2026").plan.title == (
        "合肥市生物制造产业发展三年行动计划（2024—2026年）"
    )


def test_an_ambiguous_region_is_refused_with_its_candidates(app: Bioecon) -> None:
    with pytest.raises(InvalidInput) as caught:
        onboard_plan(app, actor=LOCAL_ADMIN, origin="test", source=GULOU)
    report = caught.value.report()
    assert str(GULOU) in report  # the file is named
    # the four 鼓楼区 of the division codes
    for candidate in (
        "320106 江苏省南京市鼓楼区",
        "320302 江苏省徐州市鼓楼区",
        "350102 福建省福州市鼓楼区",
        "410204 河南省开封市鼓楼区",
    ):
        assert candidate in report
    assert list_plans(app, actor=LOCAL_ADMIN) == []
    onboard_plan(app, actor=LOCAL_ADMIN, origin="test", source=GULOU, region="350102")
    # 鼓楼区 is shared, so its city comes first: 福州 → fuzhou; period from the title
    assert [p.code for p in list_plans(app, actor=LOCAL_ADMIN)] == ["fuzhou-gulou-2024-2026"]


def test_stored_org_units_are_kept_as_they_are(app: Bioecon) -> None:
    with app.transaction() as connection:
        orgunits.upsert(
            connection,
            [
                OrgUnit("340000", "安徽省", OrgLevel.PROVINCE, division_code="340000000000"),
                OrgUnit("340100", "合肥市", OrgLevel.CITY, "340000", name_en="Hefei"),
            ],
        )
    onboard_plan(app, actor=LOCAL_ADMIN, origin="test", source=HEFEI)
    with app.reading() as connection:
        assert orgunits.tree(connection)["340100"].name_en == "Hefei"  # not overwritten


def test_delete_removes_what_only_the_plan_used(app: Bioecon) -> None:
    before = database_info(app).row_counts
    onboard_plan(app, actor=LOCAL_ADMIN, origin="test", source=HEFEI)
    stored = get_plan(app, actor=LOCAL_ADMIN, reference="hefei-2024-2026")
    deleted = delete_plan(app, actor=LOCAL_ADMIN, origin="test", reference="hefei-2024-2026")
    assert (deleted.code, deleted.targets, deleted.tasks) == (
        "hefei-2024-2026",
        len(stored.targets),
        4,  # the text's four （责任单位：…） paragraphs
    )
    assert deleted.org_units == ("340100", "340000")  # the city first: it refers to its province
    assert len(deleted.responsible_units) == 7
    after = database_info(app).row_counts
    kept = {"indicator", "audit_event"}  # tier.* indicators come from the tier catalogue
    assert {k: v for k, v in after.items() if k not in kept} == {
        k: v for k, v in before.items() if k not in kept
    }
    assert after["audit_event"] == before["audit_event"] + 2  # the load and the deletion stay


def test_delete_keeps_observations_and_what_they_refer_to(app: Bioecon) -> None:
    report = onboard_plan(app, actor=LOCAL_ADMIN, origin="test", source=HEFEI)
    scale = next(i.code for i in report.bundle.indicators)
    with app.transaction() as connection:
        indicator_id = connection.execute(
            select(t.indicator.c.id).where(t.indicator.c.code == scale)
        ).scalar_one()
        org_id = orgunits.ids(connection, ["340100"])["340100"]
        connection.execute(
            insert(t.observation).values(
                indicator_id=indicator_id,
                org_unit_id=org_id,
                period="2025",
                period_type="year",
                year=2025,
                period_index=1,
                basis="ytd",
                value=1200,
                status="approved",
                reported_at=datetime(2026, 1, 5, tzinfo=UTC),
            )
        )
    deleted = delete_plan(app, actor=LOCAL_ADMIN, origin="test", reference="hefei-2024-2026")
    # the observation refers to 340100 and the indicator; 340100 refers to 340000
    assert deleted.org_units == () and scale not in deleted.indicators
    assert database_info(app).row_counts["observation"] == 1


def test_a_second_plan_of_the_region_keeps_the_shared_org_units(app: Bioecon) -> None:
    onboard_plan(app, actor=LOCAL_ADMIN, origin="test", source=HEFEI)
    onboard_plan(app, actor=LOCAL_ADMIN, origin="test", source=HEFEI_OTHER, code="hefei-zhizao")
    deleted = delete_plan(app, actor=LOCAL_ADMIN, origin="test", reference="hefei-zhizao")
    assert deleted.org_units == ()  # hefei-2024-2026 declares them too
    assert get_plan(app, actor=LOCAL_ADMIN, reference="hefei-2024-2026").plan.region == "340100"
