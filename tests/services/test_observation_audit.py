"""A load records every insert and update in the history, refuses to change a value its
review status locks, and refuses a file naming an org unit the caller may not report; on
both backends."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditEntity
from bioecon.domain.model import ObservationStatus, ReportingBasis
from bioecon.domain.periods import Period
from bioecon.domain.review import ReviewStep
from bioecon.domain.value_key import ValueKey
from bioecon.errors import Forbidden, InvalidInput
from bioecon.io.observations import read_observation_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.history import value_history
from bioecon.services.observations import (
    ObservationLoadReport,
    export_observations,
    load_observations,
)
from bioecon.services.review import review_value

HEADER = "indicator,org_unit,period,value,basis,source\n"
JAN = "rev,D1,2025-01,12,ytd,快报\n"
FEB = "rev,D1,2025-02,30,ytd,快报\n"
JAN_KEY = ValueKey("rev", "D1", Period.month(2025, 1), ReportingBasis.YTD)
HERE = "cli:tester@host"


def load(
    app: Bioecon,
    folder: Path,
    text: str,
    *,
    actor: Principal = LOCAL_ADMIN,
    status: ObservationStatus = ObservationStatus.SUBMITTED,
) -> ObservationLoadReport:
    path = folder / "data.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    return load_observations(
        app, actor=actor, origin=HERE, parsed=read_observation_file(path), status=status
    )


def counts(report: ObservationLoadReport) -> tuple[int, int, int]:
    return report.inserted, report.updated, report.unchanged


def stored(app: Bioecon) -> list[tuple[str, str, Decimal, str, str | None]]:
    rows = export_observations(app, indicator="rev", org_unit="D1")
    return [(r.org_unit, r.period, r.value, r.status.value, r.source) for r in rows]


def events(app: Bioecon, prefix: str = "rev/D1") -> list[tuple[Any, ...]]:
    found = value_history(app, actor=LOCAL_ADMIN, entity=AuditEntity.OBSERVATION, prefix=prefix)
    return [
        (e.action.value, e.record_key, e.old_value, e.new_value, e.reason, e.actor, e.origin)
        for e in found
    ]


def step(app: Bioecon, which: ReviewStep, note: str | None = None) -> None:
    review_value(app, actor=LOCAL_ADMIN, key=JAN_KEY, step=which, origin=HERE, note=note)


def test_an_approved_value_is_locked_until_reopened_and_every_change_is_in_the_history(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    app = world_plan
    assert counts(load(app, tmp_path, JAN + FEB)) == (2, 0, 0)
    step(app, ReviewStep.APPROVE)
    assert counts(load(app, tmp_path, JAN + FEB)) == (0, 0, 2)  # approved and unchanged

    with pytest.raises(InvalidInput) as refused:
        load(app, tmp_path, "rev,D1,2025-01,13,ytd,快报\nrev,D1,2025-02,31,ytd,快报\n")
    assert [str(p) for p in refused.value.problems] == [
        "row 2, column value: 该值已审核通过（已锁定），须由审核员重新打开（bioecon data reopen）"
        "后才能修改",
        "row 3, column value: 该值已报送、待审核，须先撤回（bioecon data recall）或由审核员退回"
        "后才能修改",
    ]
    unchanged = [
        ("D1", "2025-01", Decimal(12), "approved", "快报"),
        ("D1", "2025-02", Decimal(30), "submitted", "快报"),
    ]
    assert stored(app) == unchanged
    with pytest.raises(InvalidInput) as source_only:
        load(app, tmp_path, "rev,D1,2025-01,12,ytd,年报\n")
    assert [p.location for p in source_only.value.problems] == ["row 2, column source"]
    assert stored(app) == unchanged and len(events(app)) == 3  # 2 creates, 1 approval

    step(app, ReviewStep.REOPEN, "统计局修订快报")
    assert counts(load(app, tmp_path, "rev,D1,2025-01,13,ytd,年报\n")) == (0, 1, 0)
    assert stored(app)[0] == ("D1", "2025-01", Decimal(13), "submitted", "年报")

    submitted = {"value": "12", "status": "submitted", "source": "快报"}
    assert events(app, "rev/D1/2025-01") == [
        ("create", "rev/D1/2025-01/ytd", None, submitted, None, "local-admin", HERE),
        (
            "approve",
            "rev/D1/2025-01/ytd",
            {"status": "submitted", "value": "12"},
            {"status": "approved", "value": "12"},
            None,
            "local-admin",
            HERE,
        ),
        (
            "reopen",
            "rev/D1/2025-01/ytd",
            {"status": "approved", "value": "12"},
            {"status": "draft", "value": "12"},
            "统计局修订快报",
            "local-admin",
            HERE,
        ),
        (
            "update",
            "rev/D1/2025-01/ytd",
            {"value": "12", "status": "draft", "source": "快报"},
            {"value": "13", "status": "submitted", "source": "年报"},
            None,
            "local-admin",
            HERE,
        ),
    ]


def test_a_draft_is_changed_by_a_reload_and_an_unchanged_one_records_nothing(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    app = world_plan
    draft = ObservationStatus.DRAFT
    assert counts(load(app, tmp_path, JAN, status=draft)) == (1, 0, 0)
    assert counts(load(app, tmp_path, JAN, status=draft)) == (0, 0, 1)
    assert counts(load(app, tmp_path, JAN)) == (0, 1, 0)  # draft → submitted by the file
    assert [(e[0], e[3]["status"]) for e in events(app)] == [
        ("create", "draft"),
        ("update", "submitted"),
    ]


def test_values_and_keys_are_written_as_the_history_names_them(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    """Exact decimals in their shortest plain form; a sector's value keyed with its sector."""
    path = tmp_path / "data.csv"
    path.write_text(
        "indicator,org_unit,period,value,basis,sector\n"
        "rev,D1,2025-01,4000.000,ytd,\n"
        "rev,D1,2025-02,0.5,ytd,\n"
        "rev,D1,2025-03,123456789.000001,ytd,\n"
        "sect,D1,2025-01,0,ytd,4.1\n",
        encoding="utf-8",
    )
    parsed = read_observation_file(path)
    load_observations(world_plan, actor=LOCAL_ADMIN, origin=HERE, parsed=parsed)
    created = [(e[1], e[3]["value"], e[3]["source"]) for e in events(world_plan, "rev/D1")]
    assert created == [
        ("rev/D1/2025-01/ytd", "4000", f"{path} row 2"),
        ("rev/D1/2025-02/ytd", "0.5", f"{path} row 3"),
        ("rev/D1/2025-03/ytd", "123456789.000001", f"{path} row 4"),
    ]
    assert [(e[1], e[3]["value"]) for e in events(world_plan, "sect/D1")] == [
        ("sect/D1/2025-01/ytd/4.1", "0")
    ]


def test_a_file_naming_a_unit_outside_the_callers_scope_is_refused_whole(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    app = world_plan
    d1 = Principal("d1-report", Role.REPORTER, Scope("D1"))
    text = "rev,P,2025-01,1,ytd,快报\nrev,T,2025-01,2,month_value,快报\nrev,D2,2025-01,3,ytd,快报\n"
    with pytest.raises(Forbidden) as refused:
        load(app, tmp_path, JAN + text, actor=d1)
    assert str(refused.value) == (
        "d1-report 无权报送这些单位的数值：D2（第5行）、T（第4行）；整份文件未导入"
    )
    assert stored(app) == [] and events(app, "rev") == []
    viewer = Principal("viewer", Role.VIEWER, Scope())
    with pytest.raises(Forbidden):
        load(app, tmp_path, JAN, actor=viewer)
    assert counts(load(app, tmp_path, JAN + "rev,P,2025-01,1,ytd,快报\n", actor=d1)) == (2, 0, 0)
    assert [e[5] for e in events(app, "rev")] == ["d1-report", "d1-report"]


def test_a_reporter_cannot_load_its_own_values_as_approved(
    world_plan: Bioecon, tmp_path: Path
) -> None:
    """已审核 is a reviewer's word: a reporter's file with status approved is refused whole,
    a reviewer of the unit (or the plan office, which reviews) may load it."""
    app = world_plan
    d1 = Principal("d1-report", Role.REPORTER, Scope("D1"))
    with pytest.raises(Forbidden) as refused:
        load(app, tmp_path, JAN, actor=d1, status=ObservationStatus.APPROVED)
    assert str(refused.value) == (
        "d1-report 无权以“已审核”状态导入这些单位的数值：D1（第2行）；整份文件未导入"
    )
    assert stored(app) == []
    reviewer = Principal("d1-review", Role.REVIEWER, Scope("D1"))
    with pytest.raises(Forbidden):  # a reviewer does not report: it may not load at all
        load(app, tmp_path, JAN, actor=reviewer, status=ObservationStatus.APPROVED)
    assert counts(load(app, tmp_path, JAN, status=ObservationStatus.APPROVED)) == (1, 0, 0)
