"""Who may do what, where (权限与范围): roles grant actions; a scope bounds where they apply.

A user holds one :class:`Role` and a :class:`Scope`: an org-unit subtree (a district
reporter reports for the district and everything below it), a responsible unit (a
department reports its own tasks), or everything. The role's actions come from
``bioecon/data/roles.yaml`` (:class:`RoleBook`); :func:`allowed` is the one check every use
case calls, so a rule is written once. Review is narrower than the scope: a reviewer reviews
its own unit and the units ``review_depth`` levels below it (the bottom-up 逐级审核 of the
plans: a district approves its parks and itself, the city approves its districts).

Org units are passed as their chain of codes from the unit itself up to the root
(``("CS-LYJK", "430181", "430100")``), so the rules need no database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bioecon.errors import InvalidValue


class Role(StrEnum):
    """角色."""

    ADMIN = "admin"  # 系统管理员
    PLAN_OFFICE = "plan_office"  # 规划办
    REPORTER = "reporter"  # 填报员
    REVIEWER = "reviewer"  # 审核员
    DEPARTMENT = "department"  # 部门用户
    VIEWER = "viewer"  # 领导/查看


class Action(StrEnum):
    """What a role may be granted (see ``bioecon/data/roles.yaml``)."""

    READ = "read"
    READ_FINANCIALS = "read_financials"
    REPORT = "report"
    REVIEW = "review"
    REPORT_TASKS = "report_tasks"
    MANAGE_PLANS = "manage_plans"
    MANAGE_USERS = "manage_users"


class ScopeKind(StrEnum):
    """What a role's scope is made of."""

    ALL = "all"
    ORG_UNIT = "org_unit"
    RESPONSIBLE_UNIT = "responsible_unit"
    ORG_UNIT_OR_ALL = "org_unit_or_all"  # a viewer: one subtree, or everything


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a user acts: an org-unit subtree, a responsible unit, or (both None) everything."""

    org_unit: str | None = None
    responsible_unit: str | None = None


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller of a use case: a login, its role and its scope (the CLI: a local admin)."""

    login: str
    role: Role
    scope: Scope


@dataclass(frozen=True, slots=True)
class RoleRule:
    scope: ScopeKind
    actions: frozenset[Action]


@dataclass(frozen=True, slots=True)
class RoleBook:
    """The roles of ``roles.yaml``: each role's scope kind and actions, and the review depth."""

    rules: Mapping[Role, RoleRule]
    review_depth: int
    shared_records: frozenset[Role]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> RoleBook:
        roles = data["roles"]
        missing = sorted(set(Role) - set(roles))
        unknown = sorted(set(roles) - set(Role))
        if missing or unknown:
            raise InvalidValue(f"roles.yaml: missing roles {missing}, unknown roles {unknown}")
        rules = {
            Role(name): RoleRule(
                ScopeKind(spec["scope"]), frozenset(Action(a) for a in spec["actions"])
            )
            for name, spec in roles.items()
        }
        shared = frozenset(Role(name) for name in data["shared_records"])
        return cls(rules, int(data["review_depth"]), shared)

    def check_scope(self, role: Role, scope: Scope) -> None:
        """Refuse a scope the role cannot hold (a reporter without an org unit …)."""
        kind = self.rules[role].scope
        wanted = {
            ScopeKind.ALL: scope == Scope(),
            ScopeKind.ORG_UNIT: scope.org_unit is not None and scope.responsible_unit is None,
            ScopeKind.RESPONSIBLE_UNIT: scope.responsible_unit is not None
            and scope.org_unit is None,
            ScopeKind.ORG_UNIT_OR_ALL: scope.responsible_unit is None,
        }[kind]
        if not wanted:
            needs = {
                ScopeKind.ALL: "no org unit and no responsible unit",
                ScopeKind.ORG_UNIT: "an org unit (--org-unit) and no responsible unit",
                ScopeKind.RESPONSIBLE_UNIT: "a responsible unit (--responsible-unit) only",
                ScopeKind.ORG_UNIT_OR_ALL: "an org unit or nothing, no responsible unit",
            }[kind]
            raise InvalidValue(f"role {role.value} needs {needs}")

    def grants(self, role: Role, action: Action) -> bool:
        return action in self.rules[role].actions


def within(scope: Scope, chain: Sequence[str]) -> bool:
    """Whether the org unit whose chain (itself first, then its ancestors) is ``chain`` lies
    in the scope's subtree; a scope without an org unit covers every org unit only when it
    has no responsible unit either."""
    if scope.org_unit is None:
        return scope.responsible_unit is None
    return scope.org_unit in chain


def reviews(scope: Scope, chain: Sequence[str], depth: int) -> bool:
    """Whether a reviewer of ``scope`` reviews the unit of ``chain``: the unit itself or one
    of its ``depth`` nearest ancestors is the scope's unit (everything when the scope is all)."""
    if scope.org_unit is None:
        return scope.responsible_unit is None
    return scope.org_unit in chain[: depth + 1]


def allowed(
    book: RoleBook,
    principal: Principal,
    action: Action,
    *,
    chain: Sequence[str] | None = None,
    responsible_unit: str | None = None,
) -> bool:
    """The one access rule: the role grants ``action`` and the target lies in scope.

    ``chain`` is the target org unit's chain (None: a shared record without an org unit, such
    as the indicator catalogue — everyone granted the action may read it, only the roles of
    ``shared_records`` may change it); ``responsible_unit`` the target task's unit for
    :attr:`Action.REPORT_TASKS`.
    """
    if not book.grants(principal.role, action):
        return False
    scope = principal.scope
    if action is Action.REPORT_TASKS:
        if scope.responsible_unit is not None:
            return responsible_unit == scope.responsible_unit
        return scope == Scope()
    if chain is None:
        return action is Action.READ or principal.role in book.shared_records
    if action is Action.REVIEW:
        return reviews(scope, chain, book.review_depth)
    return within(scope, chain)
