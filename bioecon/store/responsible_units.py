"""Responsible units (责任单位) with their aliases: upsert, lookup, what a plan declared."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, delete, insert, select

from bioecon.domain.model import ResponsibleUnit
from bioecon.records import copy_into, row_values
from bioecon.store import tables as t
from bioecon.store.keys import existing_codes, id_map, upsert_by_code


def ids(connection: Connection, codes: Iterable[str]) -> dict[str, int]:
    return id_map(connection, t.responsible_unit, codes)


def existing(connection: Connection, codes: Iterable[str]) -> set[str]:
    return existing_codes(connection, t.responsible_unit, codes)


def upsert(
    connection: Connection, units: Sequence[ResponsibleUnit], org_ids: dict[str, int]
) -> dict[str, int]:
    """Insert or update ``units`` by code, replacing their aliases; returns code → id."""
    found = ids(connection, (u.code for u in units))
    alias = t.responsible_unit_alias
    for unit in units:
        values = row_values(unit, exclude={"code", "org_unit", "aliases"}) | {
            "org_unit_id": org_ids[unit.org_unit] if unit.org_unit else None
        }
        upsert_by_code(connection, t.responsible_unit, found, unit.code, values)
        connection.execute(delete(alias).where(alias.c.responsible_unit_id == found[unit.code]))
        if unit.aliases:
            connection.execute(
                insert(alias),
                [
                    {"responsible_unit_id": found[unit.code], "alias": name, "position": n}
                    for n, name in enumerate(unit.aliases)
                ],
            )
    return found


def of_plan(connection: Connection, plan_id: int) -> list[ResponsibleUnit]:
    """The responsible units a plan's file declared, in the file's order, with aliases."""
    ru, link = t.responsible_unit, t.plan_responsible_unit
    rows = connection.execute(
        select(ru.c.id, ru.c.code, ru.c.name, t.org_unit.c.code.label("org_unit"))
        .join(link, link.c.responsible_unit_id == ru.c.id)
        .outerjoin(t.org_unit, t.org_unit.c.id == ru.c.org_unit_id)
        .where(link.c.plan_id == plan_id)
        .order_by(link.c.position)
    ).all()
    aliases = _aliases(connection, [r.id for r in rows])
    return [copy_into(ResponsibleUnit, r._mapping, aliases=aliases.get(r.id, ())) for r in rows]


def _aliases(connection: Connection, unit_ids: list[int]) -> dict[int, list[str]]:
    alias = t.responsible_unit_alias
    found: dict[int, list[str]] = {}
    for a in connection.execute(
        select(alias.c.responsible_unit_id, alias.c.alias)
        .where(alias.c.responsible_unit_id.in_(unit_ids))
        .order_by(alias.c.responsible_unit_id, alias.c.position)
    ):
        found.setdefault(a.responsible_unit_id, []).append(a.alias)
    return found


def code_named(connection: Connection, name: str) -> str | None:
    """The code of the responsible unit called ``name`` (or having it as an alias), if one."""
    r, a = t.responsible_unit, t.responsible_unit_alias
    found = connection.execute(
        select(r.c.code).where(r.c.name == name).order_by(r.c.code).limit(1)
    ).scalar()
    if found is None:
        found = connection.execute(
            select(r.c.code)
            .join(a, a.c.responsible_unit_id == r.c.id)
            .where(a.c.alias == name)
            .order_by(r.c.code)
            .limit(1)
        ).scalar()
    return str(found) if found is not None else None
