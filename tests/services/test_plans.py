from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from bioecon.app import Bioecon
from bioecon.errors import Conflict, InvalidInput, NotFound
from bioecon.io.planfile import PlanFile, plan_file_yaml, read_plan_file
from bioecon.io.yaml_source import load_yaml
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.database import database_info
from bioecon.services.plans import get_plan, list_plans, load_plan
from bioecon.store import tables as t


def load(app: Bioecon, path: Path) -> str:
    parsed = read_plan_file(path)
    return load_plan(
        app,
        actor=LOCAL_ADMIN,
        origin="test",
        bundle=parsed.bundle,
        source=parsed.source,
        locate=parsed.locate,
    ).outcome


def as_document(text: str) -> PlanFile:
    return PlanFile.model_validate(load_yaml(text, "x")[0])


def test_plan_round_trips_file_to_database_to_equal_yaml(
    app: Bioecon, changsha_plan_file: Path
) -> None:
    assert load(app, changsha_plan_file) == "created"
    exported = plan_file_yaml(get_plan(app, actor=LOCAL_ADMIN, reference="changsha-2025"))
    assert as_document(exported) == as_document(changsha_plan_file.read_text(encoding="utf-8"))
    # the canonical export is a fixed point, to the byte
    again = changsha_plan_file.parent / "exported.plan.yaml"
    try:
        again.write_text(exported, encoding="utf-8")
        assert load(app, again) == "unchanged"
        assert (
            plan_file_yaml(get_plan(app, actor=LOCAL_ADMIN, reference="changsha-2025")) == exported
        )
    finally:
        again.unlink()


def test_loading_twice_changes_nothing(app: Bioecon, changsha_plan_file: Path) -> None:
    load(app, changsha_plan_file)
    before = database_info(app).row_counts
    with app.reading() as connection:
        loaded_at = connection.execute(select(t.plan.c.loaded_at)).scalar_one()
    assert load(app, changsha_plan_file) == "unchanged"
    assert database_info(app).row_counts == before
    with app.reading() as connection:
        assert connection.execute(select(t.plan.c.loaded_at)).scalar_one() == loaded_at


def test_a_changed_plan_updates_in_place(app: Bioecon, changsha_plan_file: Path) -> None:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source="v1")
    with app.reading() as connection:
        ids = {r.key: r.id for r in connection.execute(select(t.target.c.key, t.target.c.id))}
    bundle = parsed.bundle
    changed = replace(
        bundle,
        plan=replace(bundle.plan, title="长沙市生物经济发展行动计划(修订)"),
        targets=(replace(bundle.targets[0], value=Decimal("4500")), *bundle.targets[2:]),
        tasks=bundle.tasks[:-1],
    )
    # another title is another document: refused unless replace (issue #11)
    with pytest.raises(Conflict, match="already holds 《长沙市生物经济发展行动计划》"):
        load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=changed, source="v2")
    report = load_plan(
        app, actor=LOCAL_ADMIN, origin="test", bundle=changed, source="v2", replace=True
    )
    assert report.outcome == "updated"
    assert (report.changes["targets"].updated, report.changes["targets"].deleted) == (1, 1)
    assert report.changes["tasks"].deleted == 1 and report.changes["plan"].updated == 1
    stored = get_plan(app, actor=LOCAL_ADMIN, reference="changsha-2025")
    assert stored == changed
    with app.reading() as connection:
        after = {r.key: r.id for r in connection.execute(select(t.target.c.key, t.target.c.id))}
    assert after["T01"] == ids["T01"] and "T02" not in after  # ids survive an update


def test_bad_references_refuse_the_whole_plan(app: Bioecon, changsha_plan_file: Path) -> None:
    bundle = read_plan_file(changsha_plan_file).bundle
    broken = replace(
        bundle,
        targets=(
            replace(bundle.targets[0], indicator="no_such_indicator", subject_org_unit="000000"),
            *bundle.targets[1:],
        ),
        tasks=(replace(bundle.tasks[0], co_units=("CS-RU99",)), *bundle.tasks[1:]),
    )
    with pytest.raises(InvalidInput) as caught:
        load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=broken, source="broken.yaml")
    report = caught.value.report()
    assert (
        "targets[0].indicator: indicator 'no_such_indicator' is neither in this file nor in the database"
        in report
    )
    assert "targets[0].subject_org_unit: org unit '000000'" in report
    assert "tasks[0].co_units[0]: responsible unit 'CS-RU99'" in report
    assert sum(database_info(app).row_counts.values()) == 0


def test_plans_share_org_units_and_reference_stored_ones(
    app: Bioecon, changsha_plan_file: Path, tmp_path: Path
) -> None:
    load(app, changsha_plan_file)
    second = tmp_path / "park.yaml"
    second.write_text(
        "plan: {code: lyjk-2025, title: 浏阳经开区生物医药专项, region: CS-LYJK}\n"
        "targets:\n  - {metric: 产业规模, indicator: bio_scale, subject_org_unit: CS-LYJK, op: '>=', value: 800, unit: 亿元, deadline_year: 2025}\n",
        encoding="utf-8",
    )
    assert load(app, second) == "created"
    summaries = {p.code: p for p in list_plans(app, actor=LOCAL_ADMIN)}
    assert (
        summaries["lyjk-2025"].region_name == "浏阳经开区"
        and summaries["lyjk-2025"].target_count == 1
    )
    assert summaries["changsha-2025"].task_count == 27
    with pytest.raises(NotFound, match="no plan with code or id 'nope'"):
        get_plan(app, actor=LOCAL_ADMIN, reference="nope")
    assert (
        get_plan(app, actor=LOCAL_ADMIN, reference=str(summaries["lyjk-2025"].id)).plan.code
        == "lyjk-2025"
    )
