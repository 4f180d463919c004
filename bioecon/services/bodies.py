"""The bodies a plan names (议事协调机构: 领导小组, 办公室, 专题协调组, 工作专班, 专家委员会) read
from its stored text, their member units resolved against the responsible-unit table, and
listed. docs/tasks.md."""

from __future__ import annotations

from dataclasses import replace

from bioecon.app import Bioecon
from bioecon.domain.access import Principal
from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.domain.bodies import Body, MemberRole
from bioecon.domain.unit_resolution import resolve
from bioecon.errors import InvalidInput, Problem
from bioecon.extract.bodies import extract_bodies
from bioecon.services._audit import record
from bioecon.services._plan_lookup import managed_plan_id, stored_plan_id
from bioecon.store import bodies as store
from bioecon.store import tasks as task_store
from bioecon.store.migrate import ensure_current

_UNITS = frozenset({MemberRole.MEMBER_UNIT, MemberRole.HOST_UNIT})


def read_plan_bodies(app: Bioecon, *, actor: Principal, origin: str, plan: str) -> list[Body]:
    """Read the bodies from ``plan``'s stored text and store them in place of its earlier
    ones, member and host units resolved by name or alias. The caller manages the plan;
    recorded as one ``plan_body`` event."""
    with app.transaction() as connection:
        ensure_current(connection)
        plan_id = managed_plan_id(connection, plan, actor)
        text = store.source_text(connection, plan_id)
        if text is None:
            raise InvalidInput(plan, [Problem("source_text", "该规划没有保存原文，无法读取机构")])
        known = task_store.unit_names_and_aliases(connection)
        codes = sorted({code for _, code in known})
        bodies = [
            replace(
                body,
                members=tuple(
                    replace(m, responsible_unit=resolve(m.name, known, codes))
                    if m.role in _UNITS
                    else m
                    for m in body.members
                ),
            )
            for body in extract_bodies(text, plan)
        ]
        store.replace_bodies(connection, plan_id, bodies)
        summary = {b.code: f"{b.name}（{len(b.members)}）" for b in bodies}
        record(
            connection,
            actor,
            origin,
            AuditEntity.PLAN_BODY,
            [(plan, AuditAction.UPDATE, None, summary)],
        )
        return bodies


def plan_bodies(app: Bioecon, *, actor: Principal, plan: str) -> list[Body]:
    """The bodies stored for ``plan`` (a plan the caller may not read: not found)."""
    with app.reading() as connection:
        ensure_current(connection)
        return store.plan_bodies(connection, stored_plan_id(connection, plan, actor))
