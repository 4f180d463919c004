"""The key-project library (项目库, 五个一批)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from stdnum.cn.uscc import calc_check_digit

from bioecon.app import Bioecon
from bioecon.domain.audit import AuditEntity
from bioecon.domain.model import Project, ProjectStage
from bioecon.errors import InvalidInput
from bioecon.io.enterprises import read_enterprise_file
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.enterprises import load_enterprises
from bioecon.services.history import value_history
from bioecon.services.plans import load_plan
from bioecon.services.projects import load_projects, plan_projects


def test_projects_load_by_code_and_are_listed_per_plan(
    app: Bioecon, changsha_plan_file: Path
) -> None:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    projects = [
        Project(
            "P1",
            "细胞治疗基地",
            org_unit="430104",
            plan="changsha-2025",
            stage=ProjectStage.SIGNED,
            total_investment=Decimal("12.5"),
        ),
        Project(
            "P2",
            "疫苗产业园",
            org_unit="CS-LYJK",
            plan="changsha-2025",
            stage=ProjectStage.IN_PRODUCTION,
        ),
    ]
    assert load_projects(
        app, actor=LOCAL_ADMIN, projects=projects, source="test", origin="test"
    ) == (2, 0)
    assert load_projects(
        app, actor=LOCAL_ADMIN, projects=projects, source="test", origin="test"
    ) == (0, 2)
    assert [
        (p.code, p.stage, p.total_investment)
        for p in plan_projects(app, actor=LOCAL_ADMIN, plan="changsha-2025")
    ] == [("P1", ProjectStage.SIGNED, Decimal("12.5")), ("P2", ProjectStage.IN_PRODUCTION, None)]
    # two created, then an unchanged load adds nothing, then one changed field is recorded
    moved = [replace(projects[0], total_investment=Decimal("13")), projects[1]]
    load_projects(app, actor=LOCAL_ADMIN, projects=moved, source="test", origin="test")
    events = value_history(app, actor=LOCAL_ADMIN, entity=AuditEntity.PROJECT)
    assert [(e.record_key, e.action.value) for e in events] == [
        ("P1", "create"),
        ("P2", "create"),
        ("P1", "update"),
    ]
    assert (events[2].old_value, events[2].new_value) == (
        {"total_investment": "12.5"},
        {"total_investment": "13"},
    )
    with pytest.raises(InvalidInput) as caught:
        load_projects(
            app,
            actor=LOCAL_ADMIN,
            projects=[Project("P3", "x", org_unit="NOWHERE", plan="nope")],
            source="bad",
            origin="test",
        )
    assert [str(p) for p in caught.value.problems] == [
        "projects[0].org_unit: unknown org unit 'NOWHERE'",
        "projects[0].plan: unknown plan 'nope'",
    ]


def test_a_project_keeps_its_enterprise_and_an_unknown_one_is_refused(
    app: Bioecon, changsha_plan_file: Path, tmp_path: Path
) -> None:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    uscc = "91430100000000011X"[:17]
    uscc += calc_check_digit(uscc)
    registry = tmp_path / "registry.csv"
    registry.write_text(f"统一社会信用代码,企业名称,区域\n{uscc},甲生物制药,430100\n", "utf-8")
    load_enterprises(app, actor=LOCAL_ADMIN, origin="test", parsed=read_enterprise_file(registry))
    project = Project("P1", "细胞治疗基地", plan="changsha-2025", enterprise=uscc)
    assert load_projects(
        app, actor=LOCAL_ADMIN, projects=[project], source="test", origin="test"
    ) == (1, 0)
    assert [p.enterprise for p in plan_projects(app, actor=LOCAL_ADMIN, plan="changsha-2025")] == [
        uscc
    ]
    with pytest.raises(InvalidInput) as caught:
        load_projects(
            app,
            actor=LOCAL_ADMIN,
            projects=[Project("P2", "x", enterprise="91430100MA4L000000")],
            source="bad",
            origin="test",
        )
    assert [str(p) for p in caught.value.problems] == [
        "projects[0].enterprise: unknown enterprise '91430100MA4L000000'"
    ]
