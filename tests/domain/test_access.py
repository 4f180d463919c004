"""Roles and scopes: hand-written expectations over two sibling districts of one city."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bioecon.catalogs import role_book
from bioecon.domain.access import Action, Principal, Role, Scope, allowed
from bioecon.errors import InvalidValue

# 长沙市 430100 → 浏阳市 430181 → 浏阳经开区 CS-LYJK; its sibling 宁乡市 430182 → 宁乡经开区 CS-NXJK
LYJK = ("CS-LYJK", "430181", "430100")
LIUYANG = ("430181", "430100")
NXJK = ("CS-NXJK", "430182", "430100")
CITY = ("430100",)
BOOK = role_book()


def user(role: Role, org_unit: str | None = None, responsible_unit: str | None = None) -> Principal:
    return Principal("u", role, Scope(org_unit, responsible_unit))


def test_a_district_reporter_reports_in_its_subtree_only() -> None:
    reporter = user(Role.REPORTER, "430181")
    assert allowed(BOOK, reporter, Action.REPORT, chain=LYJK)  # its park
    assert allowed(BOOK, reporter, Action.REPORT, chain=LIUYANG)  # itself
    assert not allowed(BOOK, reporter, Action.REPORT, chain=NXJK)  # the sibling's park
    assert not allowed(BOOK, reporter, Action.REPORT, chain=CITY)  # its parent
    assert not allowed(BOOK, reporter, Action.REVIEW, chain=LYJK)  # not a reviewer
    assert not allowed(BOOK, reporter, Action.READ_FINANCIALS, chain=LYJK)


def test_review_is_bottom_up_one_level() -> None:
    district = user(Role.REVIEWER, "430181")
    city = user(Role.REVIEWER, "430100")
    # review_depth 1: a district reviews its parks and itself; the city its districts and itself
    assert allowed(BOOK, district, Action.REVIEW, chain=LYJK)
    assert allowed(BOOK, district, Action.REVIEW, chain=LIUYANG)
    assert not allowed(BOOK, district, Action.REVIEW, chain=NXJK)
    assert allowed(BOOK, city, Action.REVIEW, chain=LIUYANG)
    assert allowed(BOOK, city, Action.REVIEW, chain=CITY)
    assert not allowed(BOOK, city, Action.REVIEW, chain=LYJK)  # a park is its district's job
    assert allowed(BOOK, city, Action.READ, chain=LYJK)  # but the city reads it


def test_a_department_reports_its_own_tasks_only() -> None:
    department = user(Role.DEPARTMENT, responsible_unit="市发展改革委")
    assert allowed(BOOK, department, Action.REPORT_TASKS, responsible_unit="市发展改革委")
    assert not allowed(BOOK, department, Action.REPORT_TASKS, responsible_unit="市工业和信息化局")
    assert not allowed(BOOK, department, Action.REPORT, chain=CITY)


def test_shared_records_are_read_by_all_and_changed_by_the_plan_office() -> None:
    assert allowed(BOOK, user(Role.VIEWER), Action.READ)
    assert allowed(BOOK, user(Role.PLAN_OFFICE, "430100"), Action.MANAGE_PLANS)
    assert not allowed(BOOK, user(Role.REVIEWER, "430100"), Action.MANAGE_PLANS)
    assert allowed(BOOK, user(Role.ADMIN), Action.MANAGE_USERS)


def test_a_viewer_of_everything_reads_everything_but_writes_nothing() -> None:
    viewer = user(Role.VIEWER)
    for chain in (LYJK, NXJK, CITY):
        assert allowed(BOOK, viewer, Action.READ, chain=chain)
        assert not allowed(BOOK, viewer, Action.REPORT, chain=chain)
        assert not allowed(BOOK, viewer, Action.READ_FINANCIALS, chain=chain)


@pytest.mark.parametrize(
    ("role", "scope", "ok"),
    [
        (Role.REPORTER, Scope("430181"), True),
        (Role.REPORTER, Scope(), False),  # a reporter reports for some unit
        (Role.DEPARTMENT, Scope(responsible_unit="市发展改革委"), True),
        (Role.DEPARTMENT, Scope("430100"), False),
        (Role.VIEWER, Scope(), True),
        (Role.VIEWER, Scope("430181"), True),
        (Role.ADMIN, Scope("430181"), False),
    ],
)
def test_each_role_holds_only_its_kind_of_scope(role: Role, scope: Scope, ok: bool) -> None:
    if ok:
        BOOK.check_scope(role, scope)
    else:
        with pytest.raises(InvalidValue, match=role.value):
            BOOK.check_scope(role, scope)


CODES = st.sampled_from(["430100", "430181", "430182", "CS-LYJK", "CS-NXJK"])


@given(
    role=st.sampled_from(list(Role)),
    scope_unit=CODES,
    action=st.sampled_from([a for a in Action if a is not Action.REPORT_TASKS]),
    chain=st.sampled_from([LYJK, LIUYANG, NXJK, CITY]),
)
def test_nothing_outside_a_scope_is_allowed(
    role: Role, scope_unit: str, action: Action, chain: tuple[str, ...]
) -> None:
    principal = user(role, scope_unit)
    if allowed(BOOK, principal, action, chain=chain):
        assert scope_unit in chain and BOOK.grants(role, action)
