"""Reviewing reported values on both backends: scope, the workflow, no lost update, history."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.domain.model import ObservationStatus, ReportingBasis
from bioecon.domain.periods import Period
from bioecon.domain.review import NoteRequired, ReviewStep, StepRefused
from bioecon.domain.value_key import ValueKey
from bioecon.errors import Forbidden
from bioecon.io.observations import read_observation_file
from bioecon.io.planfile import read_plan_file
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.observations import load_observations
from bioecon.services.plans import load_plan
from bioecon.services.review import review_value
from bioecon.store import audit
from bioecon.store import observation_review as store

PARK = ValueKey("biomed_scale", "CS-LYJK", Period.month(2025, 6), ReportingBasis.YTD)
DISTRICT_REVIEWER = Principal("ly-review", Role.REVIEWER, Scope("430181"))
CITY_REVIEWER = Principal("cs-review", Role.REVIEWER, Scope("430100"))
PARK_REPORTER = Principal("lyjk", Role.REPORTER, Scope("CS-LYJK"))
HERE = "test"


@pytest.fixture
def submitted(app: Bioecon, changsha_plan_file: Path, tmp_path: Path) -> Bioecon:
    parsed = read_plan_file(changsha_plan_file)
    load_plan(app, actor=LOCAL_ADMIN, origin="test", bundle=parsed.bundle, source=parsed.source)
    path = tmp_path / "park.csv"
    path.write_text(
        "indicator,org_unit,period,value,basis\nbiomed_scale,CS-LYJK,2025-06,321.5,ytd\n"
    )
    load_observations(
        app, actor=LOCAL_ADMIN, origin="test", parsed=read_observation_file(path)
    )  # status 已报送
    return app


def status(app: Bioecon) -> ObservationStatus:
    with app.reading() as connection:
        found = store.find(
            connection, indicator="biomed_scale", org_unit="CS-LYJK", period="2025-06",
            basis="ytd", sector="",
        )  # fmt: skip
    assert found is not None
    return found.status


def test_reject_correct_resubmit_approve_and_the_history(submitted: Bioecon) -> None:
    app = submitted
    with pytest.raises(NoteRequired):
        review_value(app, actor=DISTRICT_REVIEWER, key=PARK, step=ReviewStep.REJECT, origin=HERE)
    done = review_value(
        app, actor=DISTRICT_REVIEWER, key=PARK, step=ReviewStep.REJECT, origin=HERE,
        note="与统计局快报不符，请核实",
    )  # fmt: skip
    assert (done.before, done.after) == (ObservationStatus.SUBMITTED, ObservationStatus.DRAFT)
    review_value(app, actor=PARK_REPORTER, key=PARK, step=ReviewStep.SUBMIT, origin=HERE)
    review_value(
        app, actor=DISTRICT_REVIEWER, key=PARK, step=ReviewStep.APPROVE, origin=HERE,
        seen=Decimal("321.5"),
    )  # fmt: skip
    assert status(app) is ObservationStatus.APPROVED
    with pytest.raises(StepRefused):  # approved is locked: the reporter cannot recall it
        review_value(app, actor=PARK_REPORTER, key=PARK, step=ReviewStep.RECALL, origin=HERE)
    with app.reading() as connection:
        events = audit.history(connection, AuditEntity.OBSERVATION, str(PARK))
    assert [(e.actor, e.action, e.reason) for e in events] == [
        ("local-admin", AuditAction.CREATE, None),  # the load (services.observations)
        ("ly-review", AuditAction.REJECT, "与统计局快报不符，请核实"),
        ("lyjk", AuditAction.SUBMIT, None),
        ("ly-review", AuditAction.APPROVE, None),
    ]
    assert events[1].old_value == {"status": "submitted", "value": "321.5"}
    assert events[1].new_value == {"status": "draft", "value": "321.5"}


def test_review_is_for_the_unit_and_one_level_up_only(submitted: Bioecon) -> None:
    for outsider in (
        CITY_REVIEWER,  # a park is its district's to review
        Principal("nx-review", Role.REVIEWER, Scope("430182")),  # the sibling district
        PARK_REPORTER,  # a reporter does not approve
    ):
        with pytest.raises(Forbidden):
            review_value(submitted, actor=outsider, key=PARK, step=ReviewStep.APPROVE, origin=HERE)
    assert status(submitted) is ObservationStatus.SUBMITTED


def test_a_value_changed_since_it_was_seen_is_not_approved(submitted: Bioecon) -> None:
    with pytest.raises(StepRefused):
        review_value(
            submitted, actor=DISTRICT_REVIEWER, key=PARK, step=ReviewStep.APPROVE, origin=HERE,
            seen=Decimal("300"),
        )  # fmt: skip
    assert status(submitted) is ObservationStatus.SUBMITTED


NOW = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)


def test_a_stale_read_changes_nothing(submitted: Bioecon) -> None:
    with submitted.transaction() as connection:
        seen = store.find(
            connection, indicator="biomed_scale", org_unit="CS-LYJK", period="2025-06",
            basis="ytd", sector="",
        )  # fmt: skip
        assert seen is not None
        assert store.set_status(connection, seen, ObservationStatus.APPROVED, NOW)
        # a second reviewer who read the same row before the first wrote it
        assert not store.set_status(connection, seen, ObservationStatus.DRAFT, NOW)
    assert status(submitted) is ObservationStatus.APPROVED


def test_reviewers_at_once_approve_it_exactly_once(submitted: Bioecon) -> None:
    outcomes: list[str] = []
    start = threading.Barrier(4)

    def approve() -> None:
        start.wait()
        try:
            review_value(
                submitted, actor=DISTRICT_REVIEWER, key=PARK, step=ReviewStep.APPROVE,
                origin=HERE,
            )  # fmt: skip
            outcomes.append("approved")
        except StepRefused:
            outcomes.append("refused")

    threads = [threading.Thread(target=approve) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "refused", "refused", "refused"]
    with submitted.reading() as connection:
        events = audit.history(connection, AuditEntity.OBSERVATION, str(PARK))
    assert [e.action for e in events] == [AuditAction.CREATE, AuditAction.APPROVE]
