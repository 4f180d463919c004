"""Queries for the enterprise registry: enterprises, flags, yearly figures, classification."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Subquery,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    null,
    select,
    text,
    update,
)

from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.domain.model import Enterprise, EnterpriseFlag, EnterpriseYear
from bioecon.records import copy_into, row_values
from bioecon.store import tables as t
from bioecon.store.bulk import bulk_insert
from bioecon.store.keys import id_map
from bioecon.store.orgunits import EVERYWHERE, Reach, reached, subtree
from bioecon.store.types import ExactDecimal

_CHUNK = 5000  # codes per IN-list: both engines take far more; fewer round trips


@dataclass(frozen=True, slots=True)
class StoredEnterprise:
    id: int
    enterprise: Enterprise
    years: dict[int, EnterpriseYear]


def fetch(connection: Connection, codes: Iterable[str]) -> dict[str, StoredEnterprise]:
    """Stored enterprises among ``codes``, with flags and yearly figures."""
    wanted = sorted(set(codes))
    e, org = t.enterprise, t.org_unit
    found: dict[str, StoredEnterprise] = {}
    for offset in range(0, len(wanted), _CHUNK):
        chunk = wanted[offset : offset + _CHUNK]
        rows = connection.execute(
            select(e, org.c.code.label("org_unit"))
            .outerjoin(org, org.c.id == e.c.org_unit_id)
            .where(e.c.uscc.in_(chunk))
        ).all()
        ids = {r.id: r for r in rows}
        flags = _flags(connection, list(ids))
        years = _years(connection, list(ids))
        for r in rows:
            found[r.uscc] = StoredEnterprise(
                r.id,
                _enterprise(r, flags.get(r.id, ())),
                {y.year: y for y in years.get(r.id, [])},
            )
    return found


def _enterprise(r: Any, flags: Sequence[EnterpriseFlag]) -> Enterprise:
    return copy_into(Enterprise, r._mapping, flags=tuple(sorted(flags)))


def _flags(connection: Connection, ids: list[int]) -> dict[int, list[EnterpriseFlag]]:
    found: dict[int, list[EnterpriseFlag]] = {}
    if ids:
        rows = connection.execute(
            select(t.enterprise_flag).where(t.enterprise_flag.c.enterprise_id.in_(ids))
        )
        for r in rows:
            found.setdefault(r.enterprise_id, []).append(copy_into(EnterpriseFlag, r, name=r.flag))
    return found


def _flag_rows(
    enterprise_id: int, flags: Iterable[EnterpriseFlag], loaded_on: date
) -> list[dict[str, Any]]:
    return [
        {
            "enterprise_id": enterprise_id,
            "flag": f.name,
            "valid_from": f.valid_from,
            "valid_to": f.valid_to,
            "loaded_on": loaded_on,
        }
        for f in flags
    ]


def _save_flags(
    connection: Connection,
    enterprise_id: int,
    flags: Sequence[EnterpriseFlag],
    old: Sequence[EnterpriseFlag],
    loaded_on: date,
) -> None:
    """Flags kept keep their load date (only their validity may change); new ones get today's."""
    f = t.enterprise_flag
    before = {flag.name: flag for flag in old}
    after = {flag.name: flag for flag in flags}
    gone = sorted(before.keys() - after.keys())
    if gone:
        connection.execute(delete(f).where(f.c.enterprise_id == enterprise_id, f.c.flag.in_(gone)))
    for name in sorted(before.keys() & after.keys()):
        if before[name] != after[name]:
            connection.execute(
                update(f)
                .where(f.c.enterprise_id == enterprise_id, f.c.flag == name)
                .values(valid_from=after[name].valid_from, valid_to=after[name].valid_to)
            )
    new = [after[name] for name in sorted(after.keys() - before.keys())]
    if new:
        connection.execute(insert(f), _flag_rows(enterprise_id, new, loaded_on))


def _years(connection: Connection, ids: list[int]) -> dict[int, list[EnterpriseYear]]:
    found: dict[int, list[EnterpriseYear]] = {}
    if not ids:
        return found
    y, e = t.enterprise_year, t.enterprise
    rows = connection.execute(
        select(y, e.c.uscc)
        .join(e, e.c.id == y.c.enterprise_id)
        .where(y.c.enterprise_id.in_(ids))
        .order_by(y.c.year)
    )
    for r in rows:
        found.setdefault(r.enterprise_id, []).append(copy_into(EnterpriseYear, r._mapping))
    return found


def save(
    connection: Connection,
    enterprise: Enterprise,
    years: Sequence[EnterpriseYear],
    *,
    existing: StoredEnterprise | None,
    org_ids: dict[str, int],
    loaded_on: date,
) -> int:
    """Write one merged enterprise: its row, its flags (new ones recorded on ``loaded_on``),
    and the given years."""
    values = _enterprise_values(enterprise, org_ids, exclude={"uscc"})
    if existing is None:
        enterprise_id = int(
            connection.execute(
                insert(t.enterprise)
                .values(uscc=enterprise.uscc, **values)
                .returning(t.enterprise.c.id)
            ).scalar_one()
        )
    else:
        enterprise_id = existing.id
        if existing.enterprise != enterprise:
            connection.execute(
                update(t.enterprise).where(t.enterprise.c.id == enterprise_id).values(values)
            )
    old = existing.enterprise.flags if existing is not None else ()
    if old != enterprise.flags:
        _save_flags(connection, enterprise_id, enterprise.flags, old, loaded_on)
    for year in years:
        figures = row_values(year, exclude={"uscc", "year"})
        if existing is not None and year.year in existing.years:
            if existing.years[year.year] != year:
                connection.execute(
                    update(t.enterprise_year)
                    .where(
                        t.enterprise_year.c.enterprise_id == enterprise_id,
                        t.enterprise_year.c.year == year.year,
                    )
                    .values(figures)
                )
        else:
            connection.execute(
                insert(t.enterprise_year).values(
                    enterprise_id=enterprise_id, year=year.year, **figures
                )
            )
    return enterprise_id


def all_codes(connection: Connection, reach: Reach = EVERYWHERE) -> list[str]:
    """The credit codes of the enterprises in ``reach``, in order."""
    e = t.enterprise
    query = select(e.c.uscc).where(reached(e.c.org_unit_id, reach)).order_by(e.c.uscc)
    return [r[0] for r in connection.execute(query)]


def classification_inputs(
    connection: Connection,
) -> list[tuple[int, str | None, str | None, str | None, str | None]]:
    """(id, industry_code, business_scope, current category, current table) of every enterprise."""
    e = t.enterprise
    rows = connection.execute(
        select(e.c.id, e.c.industry_code, e.c.business_scope, e.c.bio_category, e.c.bio_table)
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def store_classifications(connection: Connection, rows: Sequence[Mapping[str, object]]) -> None:
    if not rows:
        return
    e = t.enterprise
    statement = (
        update(e)
        .where(e.c.id == bindparam("row_id"))
        .values(
            bio_category=bindparam("category"),
            bio_basis=bindparam("basis"),
            bio_matched=bindparam("matched"),
            bio_table=bindparam("table"),
        )
    )
    for offset in range(0, len(rows), 5000):
        connection.execute(statement, list(rows[offset : offset + 5000]))


def insert_new(
    connection: Connection,
    items: Sequence[tuple[Enterprise, Sequence[EnterpriseYear]]],
    org_ids: dict[str, int],
    loaded_on: date,
) -> None:
    """Bulk insert enterprises that are not stored yet, with their flags (recorded on
    ``loaded_on``) and years."""
    if not items:
        return
    for offset in range(0, len(items), 10_000):
        chunk = items[offset : offset + 10_000]
        bulk_insert(
            connection,
            t.enterprise,
            [_enterprise_values(e, org_ids) for e, _ in chunk],
        )
        ids = id_map(connection, t.enterprise, (e.uscc for e, _ in chunk), column="uscc")
        flags = [row for e, _ in chunk for row in _flag_rows(ids[e.uscc], e.flags, loaded_on)]
        bulk_insert(connection, t.enterprise_flag, flags)
        years = [
            row_values(y, exclude={"uscc"}) | {"enterprise_id": ids[e.uscc]}
            for e, ys in chunk
            for y in ys
        ]
        bulk_insert(connection, t.enterprise_year, years)


def _enterprise_values(
    enterprise: Enterprise, org_ids: dict[str, int], exclude: set[str] | None = None
) -> dict[str, Any]:
    """The enterprise's row (its flags are rows of their own)."""
    skipped = {"org_unit", "flags"} | (exclude or set())
    return row_values(enterprise, exclude=skipped) | {
        "org_unit_id": org_ids[enterprise.org_unit] if enterprise.org_unit else None
    }


FIGURES = ("revenue", "output_value", "rd_spend")


def category_sums(
    connection: Connection, figure: str, years: Sequence[int] | None
) -> list[tuple[int, int, str, Any]]:
    """(org unit id, year, category, sum of ``figure``) over each org unit's whole subtree.

    Every enterprise is counted once at its own unit and once at each ancestor (a park's
    enterprises in its district and city too), so each unit's row is its complete total and
    the ledger's "a reported figure wins" rule gives the right value at every level.
    """
    if figure not in FIGURES:
        raise ValueError(f"unknown figure {figure!r}")
    statement = (
        text(
            f"""
        WITH RECURSIVE closure (ancestor, descendant) AS (
            SELECT id, id FROM org_unit
            UNION ALL
            SELECT c.ancestor, o.id FROM closure c JOIN org_unit o ON o.parent_id = c.descendant
        )
        SELECT c.ancestor, y.year, e.bio_category, SUM(y.{figure}) AS total
        FROM enterprise_year y
        JOIN enterprise e ON e.id = y.enterprise_id
        JOIN closure c ON c.descendant = e.org_unit_id
        WHERE e.bio_category IS NOT NULL AND y.{figure} IS NOT NULL
          AND (:all_years = 1 OR y.year IN :years)
        GROUP BY c.ancestor, y.year, e.bio_category
        """
        )
        .bindparams(bindparam("years", expanding=True))
        .columns(total=ExactDecimal())
    )
    rows = connection.execute(
        statement, {"all_years": 0 if years else 1, "years": list(years or [0])}
    )
    return [(r[0], r[1], r[2], r.total) for r in rows]


@dataclass(frozen=True, slots=True)
class DirectoryRow:
    uscc: str
    name: str
    org_unit: str | None
    org_unit_name: str | None
    industry_code: str | None
    bio_category: str | None
    revenue: Any
    year: int | None


def directory(
    connection: Connection,
    *,
    category: str | None,
    org_unit: str | None,
    flag: str | None,
    search: str | None,
    offset: int,
    limit: int,
    tier_members: Subquery | None = None,
    reach: Reach = EVERYWHERE,
    financials: Reach = EVERYWHERE,
) -> tuple[int, list[DirectoryRow]]:
    """A page of the enterprises in ``reach`` (latest year's revenue, blank outside
    ``financials`` and then not ranked by), filtered; and how many match in all."""
    e, o, y, f = t.enterprise, t.org_unit, t.enterprise_year, t.enterprise_flag
    revenue = case((reached(e.c.org_unit_id, financials), y.c.revenue), else_=null())
    latest = (
        select(y.c.enterprise_id, func.max(y.c.year).label("year"))
        .group_by(y.c.enterprise_id)
        .subquery()
    )
    query = (
        select(
            e.c.uscc,
            e.c.name,
            o.c.code,
            o.c.name,
            e.c.industry_code,
            e.c.bio_category,
            revenue,
            latest.c.year,
        )
        .outerjoin(o, o.c.id == e.c.org_unit_id)
        .outerjoin(latest, latest.c.enterprise_id == e.c.id)
        .outerjoin(y, (y.c.enterprise_id == e.c.id) & (y.c.year == latest.c.year))
    )
    conditions: list[ColumnElement[bool]] = [reached(e.c.org_unit_id, reach)]
    if category:
        conditions.append((e.c.bio_category == category) | e.c.bio_category.like(category + ".%"))
    if org_unit:  # the unit and every unit below it (长沙市: its districts' enterprises too)
        conditions.append(e.c.org_unit_id.in_(select(subtree(org_unit).c.id)))
    if flag:
        conditions.append(e.c.id.in_(select(f.c.enterprise_id).where(f.c.flag == flag)))
    if tier_members is not None:
        conditions.append(e.c.id.in_(select(tier_members.c.id)))
    if search:
        conditions.append(e.c.name.contains(search) | (e.c.uscc == search.upper()))
    for condition in conditions:
        query = query.where(condition)
    total = connection.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = connection.execute(query.order_by(revenue.desc(), e.c.uscc).offset(offset).limit(limit))
    return int(total), [DirectoryRow(*r) for r in rows]


def category_of(connection: Connection, enterprise_id: int) -> str | None:
    found = connection.execute(
        select(t.enterprise.c.bio_category).where(t.enterprise.c.id == enterprise_id)
    ).scalar()
    return str(found) if found is not None else None


def audit_created(
    connection: Connection, codes: Sequence[str], *, at: datetime, actor: str, origin: str
) -> None:
    """One audit event per enterprise of ``codes`` (just created), written in SQL — INSERT …
    SELECT over the new rows: its name, org unit, industry code and how many years it has."""
    e, o, y, a = t.enterprise, t.org_unit, t.enterprise_year, t.audit_event
    years = select(func.count()).where(y.c.enterprise_id == e.c.id).scalar_subquery()
    pairs: list[Any] = []
    for key, column in (
        ("name", e.c.name),
        ("org_unit", o.c.code),
        ("industry_code", e.c.industry_code),
        ("years", years),
    ):
        pairs += [literal(key), column]
    build = "json_build_object" if connection.dialect.name == "postgresql" else "json_object"
    columns = ["at", "actor", "origin", "entity", "record_key", "action", "old_value", "new_value"]
    wanted = sorted(set(codes))
    for offset in range(0, len(wanted), _CHUNK):
        query = (
            select(
                literal(at, a.c.at.type),
                literal(actor),
                literal(origin),
                literal(AuditEntity.ENTERPRISE.value),
                e.c.uscc,
                literal(AuditAction.CREATE.value),
                null(),
                getattr(func, build)(*pairs),
            )
            .outerjoin(o, o.c.id == e.c.org_unit_id)
            .where(e.c.uscc.in_(wanted[offset : offset + _CHUNK]))
            .order_by(e.c.uscc)
        )
        connection.execute(insert(a).from_select(columns, query))
