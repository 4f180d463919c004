"""The bodies a plan names (plan_body) and their members (plan_body_member), replaced per plan."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, delete, insert, select, update

from bioecon.domain.bodies import Body, BodyKind, BodyMember, MemberRole
from bioecon.store import tables as t
from bioecon.store.keys import id_map


def replace_bodies(connection: Connection, plan_id: int, bodies: Sequence[Body]) -> None:
    """The plan's bodies become ``bodies`` (members' units by responsible-unit code)."""
    body, member = t.plan_body, t.plan_body_member
    connection.execute(delete(body).where(body.c.plan_id == plan_id))
    units = id_map(
        connection,
        t.responsible_unit,
        (m.responsible_unit for b in bodies for m in b.members if m.responsible_unit),
    )
    ids: dict[str, int] = {}
    for position, b in enumerate(bodies):
        ids[b.code] = connection.execute(
            insert(body)
            .values(
                code=b.code,
                plan_id=plan_id,
                kind=b.kind.value,
                name=b.name,
                quote_start=b.quote_start,
                position=position,
            )
            .returning(body.c.id)
        ).scalar_one()
    for b in bodies:
        if b.parent is not None:
            connection.execute(
                update(body).where(body.c.id == ids[b.code]).values(parent_id=ids[b.parent])
            )
    rows = [
        {
            "body_id": ids[b.code],
            "position": n,
            "role": m.role.value,
            "name": m.name,
            "title": m.title,
            "responsible_unit_id": units.get(m.responsible_unit) if m.responsible_unit else None,
        }
        for b in bodies
        for n, m in enumerate(b.members)
    ]
    if rows:
        connection.execute(insert(member), rows)


def plan_bodies(connection: Connection, plan_id: int) -> list[Body]:
    """The plan's bodies with their members, in the text's order."""
    body, parent, member, ru = (
        t.plan_body,
        t.plan_body.alias("parent"),
        t.plan_body_member,
        t.responsible_unit,
    )
    rows = connection.execute(
        select(
            body.c.id,
            body.c.code,
            body.c.kind,
            body.c.name,
            parent.c.code.label("parent"),
            body.c.quote_start,
        )
        .outerjoin(parent, parent.c.id == body.c.parent_id)
        .where(body.c.plan_id == plan_id)
        .order_by(body.c.position)
    ).all()
    members: dict[int, list[BodyMember]] = {}
    for m in connection.execute(
        select(member.c.body_id, member.c.role, member.c.name, member.c.title, ru.c.code)
        .outerjoin(ru, ru.c.id == member.c.responsible_unit_id)
        .where(member.c.body_id.in_([r.id for r in rows]))
        .order_by(member.c.body_id, member.c.position)
    ):
        members.setdefault(m.body_id, []).append(
            BodyMember(MemberRole(m.role), m.name, m.title, m.code)
        )
    plan_code = connection.execute(select(t.plan.c.code).where(t.plan.c.id == plan_id)).scalar_one()
    return [
        Body(
            r.code,
            plan_code,
            BodyKind(r.kind),
            r.name,
            r.parent,
            tuple(members.get(r.id, ())),
            r.quote_start,
        )
        for r in rows
    ]


def source_text(connection: Connection, plan_id: int) -> str | None:
    found: str | None = connection.execute(
        select(t.plan.c.source_text).where(t.plan.c.id == plan_id)
    ).scalar()
    return found
