"""Org units (区域/园区): code ↔ id, the stored tree, a unit's subtree in SQL, upsert, and what a
plan declared."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import (
    CTE,
    ColumnElement,
    Connection,
    Select,
    Table,
    and_,
    false,
    literal,
    select,
    true,
)

from bioecon.domain.model import OrgUnit
from bioecon.records import copy_into, row_values
from bioecon.store import tables as t
from bioecon.store.keys import existing_codes, id_map, upsert_by_code


def ids(connection: Connection, codes: Iterable[str]) -> dict[str, int]:
    """code → id of the stored org units among ``codes``."""
    return id_map(connection, t.org_unit, codes)


def existing(connection: Connection, codes: Iterable[str]) -> set[str]:
    return existing_codes(connection, t.org_unit, codes)


def tree(connection: Connection) -> dict[str, OrgUnit]:
    """Every stored org unit, by code (each names its parent: the whole hierarchy)."""
    return {unit.code: unit for unit in _read(connection, _query())}


def of_plan(connection: Connection, plan_id: int) -> list[OrgUnit]:
    """The org units a plan's file declared, in the file's order."""
    link = t.plan_org_unit
    query = (
        _query()
        .join(link, link.c.org_unit_id == t.org_unit.c.id)
        .where(link.c.plan_id == plan_id)
        .order_by(link.c.position)
    )
    return _read(connection, query)


def _query() -> Select[tuple[object, ...]]:
    parent = t.org_unit.alias("parent")
    return select(t.org_unit, parent.c.code.label("parent")).outerjoin(
        parent, parent.c.id == t.org_unit.c.parent_id
    )


def _read(connection: Connection, query: Select[tuple[object, ...]]) -> list[OrgUnit]:
    return [copy_into(OrgUnit, r._mapping) for r in connection.execute(query)]


def upsert(connection: Connection, units: Sequence[OrgUnit]) -> dict[str, int]:
    """Insert or update ``units`` (parents first); returns code → id of every one."""
    found = ids(connection, (u.code for u in units))
    pending = list(units)
    while pending:
        progressed = False
        for unit in list(pending):
            if unit.parent is not None and unit.parent not in found:
                parent_ids = ids(connection, [unit.parent])
                if not parent_ids:
                    continue
                found.update(parent_ids)
            values = row_values(unit, exclude={"code", "parent"}) | {
                "parent_id": found[unit.parent] if unit.parent else None
            }
            upsert_by_code(connection, t.org_unit, found, unit.code, values)
            pending.remove(unit)
            progressed = True
        if not progressed:  # checked before writing; reaching here is a programming error
            raise RuntimeError(f"org units with unresolved parents: {[u.code for u in pending]}")
    return found


@lru_cache(maxsize=256)
def subtree(code: str) -> CTE:
    """The ids of the org unit ``code`` and all its descendants (parks included). One CTE per
    code, named after it: a query may filter by two subtrees (the caller's scope and the one
    asked for), or by the same one twice."""
    top = (
        select(t.org_unit.c.id)
        .where(t.org_unit.c.code == code)
        .cte(f"scope_{code}", recursive=True)
    )
    child = t.org_unit.alias("child")
    return top.union_all(select(child.c.id).where(child.c.parent_id == top.c.id))


def in_subtree(table: Table, code: str | None) -> ColumnElement[bool]:
    """``table``'s rows in ``code``'s subtree (every row when ``code`` is None)."""
    if code is None:
        return and_(True)
    return table.c.org_unit_id.in_(select(subtree(code).c.id))


_DEEPEST = 32
"""Levels a chain climbs at most (the tree has five; a stored cycle must still end)."""


def chains(connection: Connection, codes: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each known org unit's chain of codes: itself, its parent, … up to the root (what the
    access rules compare a scope with). Unknown codes are left out. One statement climbing
    from the units asked for, not a read of the whole tree."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    unit, start = t.org_unit.alias("unit"), t.org_unit.alias("start")
    climb = (
        select(
            t.org_unit.c.id.label("start_id"),
            t.org_unit.c.id.label("unit_id"),
            literal(0).label("depth"),
        )
        .where(t.org_unit.c.code.in_(wanted))
        .cte("climb", recursive=True)
    )
    climb = climb.union_all(
        select(climb.c.start_id, unit.c.parent_id, climb.c.depth + 1)
        .join(unit, unit.c.id == climb.c.unit_id)
        .where(unit.c.parent_id.is_not(None), climb.c.depth < _DEEPEST)
    )
    rows = connection.execute(
        select(start.c.code, unit.c.code)
        .select_from(climb)
        .join(start, start.c.id == climb.c.start_id)
        .join(unit, unit.c.id == climb.c.unit_id)
        .order_by(start.c.code, climb.c.depth)
    )
    found: dict[str, list[str]] = {}
    ended: set[str] = set()
    for code, ancestor in rows:
        chain = found.setdefault(code, [])
        if code in ended or ancestor in chain:  # a stored cycle ends the chain
            ended.add(code)
            continue
        chain.append(ancestor)
    return {code: tuple(chain) for code, chain in found.items()}


@dataclass(frozen=True, slots=True)
class Reach:
    """The org units a query may return rows of: the subtree of ``root``, every unit (``root``
    None), or none at all (``nowhere``). The services derive it from the caller's scope."""

    root: str | None = None
    nowhere: bool = False


EVERYWHERE = Reach()
NOWHERE = Reach(nowhere=True)


def reached(column: ColumnElement[int | None], reach: Reach) -> ColumnElement[bool]:
    """``column`` (an org unit id) lies in ``reach``: a subquery over the org-unit tree."""
    if reach.nowhere:
        return false()
    if reach.root is None:
        return true()
    return column.in_(select(subtree(reach.root).c.id))


def covered(column: ColumnElement[int | None], reach: Reach) -> ColumnElement[bool]:
    """``column`` lies in ``reach`` or is one of its root's ancestors: the units whose plans
    and names cover the reach (a district sees its city's plan, never a sibling's)."""
    if reach.nowhere or reach.root is None:
        return reached(column, reach)
    return reached(column, reach) | column.in_(select(ancestors(reach.root).c.id))


@lru_cache(maxsize=256)
def ancestors(code: str) -> CTE:
    """The ids of the org unit ``code``'s parent, its parent's parent … up to the root."""
    o = t.org_unit
    top = (
        select(o.c.parent_id.label("id"))
        .where((o.c.code == code) & o.c.parent_id.is_not(None))
        .cte(f"up_{code}", recursive=True)
    )
    parent = o.alias("parent")
    return top.union_all(
        select(parent.c.parent_id).where(
            (parent.c.id == top.c.id) & parent.c.parent_id.is_not(None)
        )
    )


def reached_tree(
    connection: Connection, reach: Reach, *, cover: bool = False
) -> dict[str, OrgUnit]:
    """The stored org units in ``reach`` (and, with ``cover``, its root's ancestors), by code."""
    test = covered if cover else reached
    return {u.code: u for u in _read(connection, _query().where(test(t.org_unit.c.id, reach)))}
