"""考核方案 kept for the page and results frozen when published, through the use cases on
both backends: the city world of tests/services/test_assessment_service.py (its scheme and
every figure worked by hand there), then a later ledger change that a published run ignores
and the next publication takes. Expected figures are worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bioecon.app import Bioecon
from bioecon.domain.access import Principal, Role, Scope
from bioecon.domain.audit import AuditEntity
from bioecon.domain.periods import Period
from bioecon.errors import Forbidden, NotFound
from bioecon.io.assessment_scheme import read_scheme_file
from bioecon.messages import render
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.services.assessment import (
    Assessment,
    assess,
    load_scheme,
    may_publish,
    publications,
    publish,
    stored_scheme,
    stored_schemes,
)
from bioecon.store import audit, data_version
from tests.services.test_assessment_service import METHODS_SCHEME, SCHEME, city, scheme_file

__all__ = ["city"]  # the fixture, used by name

D = Decimal
OCTOBER = Period.month(2026, 10)


def totals(found: Assessment) -> list[tuple[str, Decimal, str, int | None]]:
    return [(r.unit, r.total, r.grade, r.rank) for r in found.results]


def test_a_scheme_is_kept_as_it_was_read(city: Bioecon, tmp_path: Path) -> None:
    scheme = read_scheme_file(scheme_file(tmp_path))
    assert load_scheme(city, actor=LOCAL_ADMIN, origin="test", scheme=scheme, source="s.yaml") == (
        "created"
    )
    assert load_scheme(city, actor=LOCAL_ADMIN, origin="test", scheme=scheme, source="s.yaml") == (
        "unchanged"
    )
    # every field comes back: the stored scheme is the scheme read (dataclass equality)
    assert stored_scheme(city, actor=LOCAL_ADMIN, code="city-2026").scheme == scheme
    assert [s.scheme.code for s in stored_schemes(city, actor=LOCAL_ADMIN)] == ["city-2026"]
    # every method's parameters, 逆向, a points table, a veto and custom grades come back too
    methods = read_scheme_file(scheme_file(tmp_path, METHODS_SCHEME))
    load_scheme(city, actor=LOCAL_ADMIN, origin="test", scheme=methods, source="m.yaml")
    assert stored_scheme(city, actor=LOCAL_ADMIN, code="city-methods").scheme == methods
    changed = read_scheme_file(scheme_file(tmp_path, SCHEME.replace("points: 3", "points: 1")))
    assert load_scheme(city, actor=LOCAL_ADMIN, origin="test", scheme=changed, source="s.yaml") == (
        "updated"
    )
    with city.reading() as connection:
        events = audit.history_under(connection, AuditEntity.ASSESSMENT_SCHEME, "city-2026")
    assert [e.action.value for e in events] == ["create", "update"]


def test_published_results_stay_as_published(city: Bioecon, tmp_path: Path) -> None:
    scheme = read_scheme_file(scheme_file(tmp_path))
    load_scheme(city, actor=LOCAL_ADMIN, origin="test", scheme=scheme, source="s.yaml")
    with city.reading() as connection:
        before = data_version.current(connection)
    first = publish(city, actor=LOCAL_ADMIN, origin="test", code="city-2026", as_of=OCTOBER)
    # the totals worked in test_assessment_service.py: D1 44 + 19 + 32.4 − 1 = 94.4 优秀 1st,
    # D2 24 + 20 + 0 + 2 = 46 一般 2nd; the data version is the one before publishing
    assert (first.version, first.data_version, first.published_by) == (1, before, "local-admin")
    assert totals(first.assessment) == [
        ("D1", D("94.40"), "优秀", 1),
        ("D2", D("46.00"), "一般", 2),
    ]
    # after publishing, 部门 scores D2 80 on Q1 (the scheme loaded again, a recorded change):
    #   Q1 D2 0.4 × 100 + 0.6 × 80 = 88 → 88 % × 40 = 35.2;  D2 24 + 20 + 35.2 + 2 = 81.2 良好
    text = (tmp_path / "scheme.yaml").read_text(encoding="utf-8")
    text += "  - {item: Q1, unit: D2, group: 部门, score: 80}\n"
    scheme = read_scheme_file(scheme_file(tmp_path, text))
    load_scheme(city, actor=LOCAL_ADMIN, origin="test", scheme=scheme, source="s.yaml")
    (kept,) = publications(city, actor=LOCAL_ADMIN, code="city-2026", year=2026)
    assert totals(kept.assessment) == totals(first.assessment)
    assert render(kept.assessment.scores[0]["D1"].working) == "110 / 100 = 110% × 40 = 44"
    assert kept.assessment.inputs[0]["D1"] == D(110)
    assert kept.assessment.inputs[2]["D2"] is None
    assert kept.assessment.as_of == OCTOBER
    now = assess(city, actor=LOCAL_ADMIN, scheme=scheme, as_of=OCTOBER)
    assert totals(now) == [("D1", D("94.40"), "优秀", 1), ("D2", D("81.20"), "良好", 2)]
    # a second publication is the next version; the first stays as it was
    second = publish(city, actor=LOCAL_ADMIN, origin="test", code="city-2026", as_of=OCTOBER)
    assert second.version == 2 and second.data_version > first.data_version
    found = publications(city, actor=LOCAL_ADMIN, code="city-2026", year=2026)
    assert [(p.version, p.assessment.results[1].total) for p in found] == [
        (2, D("81.20")),
        (1, D("46.00")),
    ]
    with city.reading() as connection:
        events = audit.history_under(connection, AuditEntity.ASSESSMENT, "city-2026")
    assert [e.record_key for e in events] == ["city-2026/2026/1", "city-2026/2026/2"]
    assert events[0].new_value is not None
    assert events[0].new_value["results"]["D1"] == ["94.40", "优秀", 1]


def test_who_may_see_load_and_publish(city: Bioecon, tmp_path: Path) -> None:
    scheme = read_scheme_file(scheme_file(tmp_path))
    d1_office = Principal("d1-office", Role.PLAN_OFFICE, Scope(org_unit="D1"))
    with pytest.raises(Forbidden):  # D2 is outside its scope
        load_scheme(city, actor=d1_office, origin="test", scheme=scheme, source="s.yaml")
    load_scheme(city, actor=LOCAL_ADMIN, origin="test", scheme=scheme, source="s.yaml")
    city_viewer = Principal("viewer", Role.VIEWER, Scope(org_unit="C"))
    assert [s.scheme.code for s in stored_schemes(city, actor=city_viewer)] == ["city-2026"]
    assert stored_schemes(city, actor=d1_office) == []
    with pytest.raises(NotFound):  # it cannot read D2's figures: the scheme is not shown
        stored_scheme(city, actor=d1_office, code="city-2026")
    assert may_publish(city, actor=LOCAL_ADMIN, code="city-2026")
    assert not may_publish(city, actor=city_viewer, code="city-2026")
    assert not may_publish(city, actor=d1_office, code="city-2026")
    with pytest.raises(Forbidden):  # it reads every unit, but manages no plan
        publish(city, actor=city_viewer, origin="test", code="city-2026", as_of=OCTOBER)
    with pytest.raises(NotFound):  # it cannot read D2: the scheme is not revealed
        publish(city, actor=d1_office, origin="test", code="city-2026", as_of=OCTOBER)
    with pytest.raises(NotFound):
        publish(city, actor=LOCAL_ADMIN, origin="test", code="nothing", as_of=OCTOBER)
