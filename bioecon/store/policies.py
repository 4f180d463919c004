"""Queries for the policy clause register (政策条款库) and its applications (政策兑现): the
facts a clause's conditions and formula read, the 免申即享 match written as one SQL filter,
the support ledger and the budget granted and paid by clause, org unit and year."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    delete,
    exists,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    true,
    update,
)

from bioecon.domain.funds import Fund, FundInvestment, FundStanding
from bioecon.domain.policies import (
    GRANTED,
    LIVE,
    Application,
    ApplicationStatus,
    BudgetLine,
    Clause,
    SupportLine,
)
from bioecon.domain.policy_formulas import (
    NUMERIC_COMPARISONS,
    Combine,
    Comparison,
    Condition,
    Eligibility,
    Fact,
    FactField,
    Facts,
    eligibility_of,
    eligibility_plain,
    formula_of,
    formula_plain,
)
from bioecon.store import tables as t
from bioecon.store.keys import id_map, upsert_by_code
from bioecon.store.orgunits import EVERYWHERE, Reach, covered, reached

_YEAR_COLUMNS = {
    FactField.REVENUE: "revenue",
    FactField.RD_SPEND: "rd_spend",
    FactField.OUTPUT_VALUE: "output_value",
    FactField.EMPLOYEES: "employees",
}


# --- clauses ---------------------------------------------------------------------------------


def policy_rule_targets(
    connection: Connection, plan_code: str, keys: Iterable[str]
) -> dict[str, tuple[int, str]]:
    """The stored targets of the plan among ``keys``: key → (id, kind)."""
    g, p = t.target, t.plan
    rows = connection.execute(
        select(g.c.key, g.c.id, g.c.kind)
        .join(p, p.c.id == g.c.plan_id)
        .where((p.c.code == plan_code) & g.c.key.in_(sorted(set(keys))))
    )
    return {row.key: (row.id, row.kind) for row in rows}


def save_clauses(connection: Connection, clauses: Sequence[Clause]) -> None:
    """Insert or update each clause by code, with its linked targets (replaced)."""
    ids = id_map(connection, t.policy_clause, (c.code for c in clauses))
    orgs = id_map(connection, t.org_unit, (c.org_unit for c in clauses))
    plans = id_map(connection, t.plan, (c.plan for c in clauses if c.plan))
    for clause in clauses:
        values = {
            "name": clause.name,
            "issuer": clause.issuer,
            "document": clause.document,
            "article": clause.article,
            "valid_from": clause.valid_from,
            "valid_to": clause.valid_to,
            "org_unit_id": orgs[clause.org_unit],
            "plan_id": plans.get(clause.plan or ""),
            "eligibility": eligibility_plain(clause.eligibility),
            "formula": formula_plain(clause.formula),
            "year_cap": clause.year_cap,
            "exclusive_group": clause.group,
        }
        upsert_by_code(connection, t.policy_clause, ids, clause.code, values)
        _link_targets(connection, ids[clause.code], clause)


def _link_targets(connection: Connection, clause_id: int, clause: Clause) -> None:
    link = t.policy_clause_target
    connection.execute(delete(link).where(link.c.clause_id == clause_id))
    if clause.plan is None:
        return
    found = policy_rule_targets(connection, clause.plan, [*clause.rule_targets, *clause.serves])
    rows = [("rule", key) for key in clause.rule_targets] + [("serves", k) for k in clause.serves]
    if rows:
        connection.execute(
            insert(link),
            [{"clause_id": clause_id, "target_id": found[k][0], "role": r} for r, k in rows],
        )


def _clause_query() -> Select[Any]:
    c, o, p = t.policy_clause, t.org_unit, t.plan
    return (
        select(c, o.c.code.label("org_unit"), p.c.code.label("plan"))
        .join(o, o.c.id == c.c.org_unit_id)
        .outerjoin(p, p.c.id == c.c.plan_id)
    )


def clauses(
    connection: Connection, reach: Reach = EVERYWHERE, codes: Iterable[str] | None = None
) -> dict[str, Clause]:
    """The clauses whose org unit ``reach`` covers (its units and its root's ancestors: a
    district reads its city's clauses), by code; only ``codes`` when given."""
    query = _clause_query().where(covered(t.policy_clause.c.org_unit_id, reach))
    if codes is not None:
        query = query.where(t.policy_clause.c.code.in_(sorted(set(codes))))
    rows = connection.execute(query.order_by(t.policy_clause.c.code)).all()
    links = _links(connection, [r.id for r in rows])
    return {
        r.code: Clause(
            r.code,
            r.name,
            r.issuer,
            r.document,
            r.article,
            r.valid_from,
            r.valid_to,
            r.org_unit,
            r.plan,
            tuple(links.get((r.id, "rule"), [])),
            tuple(links.get((r.id, "serves"), [])),
            eligibility_of(r.eligibility),
            formula_of(r.formula),
            r.year_cap,
            r.exclusive_group,
        )
        for r in rows
    }


def _links(connection: Connection, ids: Sequence[int]) -> dict[tuple[int, str], list[str]]:
    link, g = t.policy_clause_target, t.target
    rows = connection.execute(
        select(link.c.clause_id, link.c.role, g.c.key)
        .join(g, g.c.id == link.c.target_id)
        .where(link.c.clause_id.in_(ids))
        .order_by(g.c.position)
    )
    found: dict[tuple[int, str], list[str]] = {}
    for row in rows:
        found.setdefault((row.clause_id, row.role), []).append(row.key)
    return found


# --- facts -----------------------------------------------------------------------------------


def _held_in(year: int) -> ColumnElement[bool]:
    """A flag row held some day of ``year`` (one without valid_from: from the day loaded)."""
    f = t.enterprise_flag
    start, end = date(year, 1, 1), date(year, 12, 31)
    began = func.coalesce(f.c.valid_from, f.c.loaded_on)
    return (began <= end) & (f.c.valid_to.is_(None) | (f.c.valid_to >= start))


def facts(
    connection: Connection, uscc: str, year: int, project: str | None, platform: str | None
) -> tuple[Facts, str | None] | None:
    """The facts of enterprise ``uscc`` in ``year`` (with its project's and platform's) and
    its org unit; None for an unknown enterprise."""
    e, y, o = t.enterprise, t.enterprise_year, t.org_unit
    row = connection.execute(
        select(e.c.id, e.c.bio_category, o.c.code.label("org_unit"), y)
        .outerjoin(o, o.c.id == e.c.org_unit_id)
        .outerjoin(y, (y.c.enterprise_id == e.c.id) & (y.c.year == year))
        .where(e.c.uscc == uscc)
    ).first()
    if row is None:
        return None
    found: dict[FactField, Fact] = {
        field: _decimal(getattr(row, column)) for field, column in _YEAR_COLUMNS.items()
    }
    found[FactField.BIO_CATEGORY] = row.bio_category
    found[FactField.FLAG] = _flags(connection, [row.id], year).get(row.id, frozenset())
    if project:
        p = t.project
        linked = connection.execute(
            select(p.c.total_investment, p.c.stage).where(p.c.code == project)
        ).first()
        if linked is not None:
            found[FactField.PROJECT_INVESTMENT] = linked.total_investment
            found[FactField.PROJECT_STAGE] = linked.stage
    if platform:
        level = connection.execute(
            select(t.platform.c.level).where(t.platform.c.code == platform)
        ).scalar()
        found[FactField.PLATFORM_LEVEL] = level
    return found, row.org_unit


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _flags(connection: Connection, ids: Sequence[int], year: int) -> dict[int, frozenset[str]]:
    f = t.enterprise_flag
    rows = connection.execute(
        select(f.c.enterprise_id, f.c.flag).where(f.c.enterprise_id.in_(ids) & _held_in(year))
    )
    found: dict[int, set[str]] = {}
    for row in rows:
        found.setdefault(row.enterprise_id, set()).add(row.flag)
    return {key: frozenset(value) for key, value in found.items()}


# --- 免申即享: the match as one SQL filter ----------------------------------------------------


def _condition_sql(condition: Condition, year: int) -> ColumnElement[bool]:
    """A condition over the enterprise and its year row (a project's or platform's field is
    never met without a linked record: false)."""
    e, y, f = t.enterprise, t.enterprise_year, t.enterprise_flag
    field, op, value = condition.field, condition.comparison, condition.value
    if field is FactField.FLAG:
        if op is not Comparison.HAS:
            return false()
        held = select(f.c.flag).where(
            (f.c.enterprise_id == e.c.id) & (f.c.flag == value) & _held_in(year)
        )
        return exists(held)
    if field is FactField.BIO_CATEGORY:
        if op is Comparison.PREFIX:
            return e.c.bio_category.startswith(value, autoescape=True)
        return e.c.bio_category == value if op is Comparison.EQ else false()
    column_name = _YEAR_COLUMNS.get(field)
    if column_name is None:
        return false()
    column = y.c[column_name]
    number = literal(Decimal(value), t.enterprise_year.c.revenue.type)
    if op is Comparison.EQ:
        return column == number
    if op not in NUMERIC_COMPARISONS:
        return false()
    compared = {
        Comparison.GE: column >= number,
        Comparison.GT: column > number,
        Comparison.LE: column <= number,
        Comparison.LT: column < number,
    }
    return and_(column.is_not(None), compared[op])


def eligibility_sql(eligibility: Eligibility, year: int) -> ColumnElement[bool]:
    """The conditions as one SQL expression over ``enterprise`` and ``enterprise_year``."""
    parts = [_condition_sql(c, year) for c in eligibility.conditions]
    if not parts:
        return true()
    return and_(*parts) if eligibility.combine is Combine.ALL else or_(*parts)


def matching(
    connection: Connection, clause: Clause, year: int, reach: Reach
) -> list[tuple[str, str, str | None, Facts, Decimal, bool]]:
    """The enterprises in ``reach`` whose data of ``year`` meet the clause's conditions (one
    query), each with its facts, what it was already granted under the clause that year and
    whether it already holds an application: (uscc, name, org unit, facts, granted, applied)."""
    e, y, o, a = t.enterprise, t.enterprise_year, t.org_unit, t.policy_application
    clause_id = id_map(connection, t.policy_clause, [clause.code])[clause.code]
    mine = (a.c.enterprise_id == e.c.id) & (a.c.year == year) & (a.c.clause_id == clause_id)
    granted = (
        select(func.coalesce(func.sum(a.c.award), 0))
        .where(mine & a.c.status.in_(sorted(GRANTED)))
        .scalar_subquery()
    )
    applied = exists(select(a.c.id).where(mine))
    rows = connection.execute(
        select(
            e.c.id,
            e.c.uscc,
            e.c.name,
            e.c.bio_category,
            o.c.code.label("org_unit"),
            y.c.revenue,
            y.c.rd_spend,
            y.c.output_value,
            y.c.employees,
            granted.label("granted"),
            case((applied, 1), else_=0).label("applied"),
        )
        .select_from(e)
        .outerjoin(o, o.c.id == e.c.org_unit_id)
        .outerjoin(y, (y.c.enterprise_id == e.c.id) & (y.c.year == year))
        .where(reached(e.c.org_unit_id, reach) & eligibility_sql(clause.eligibility, year))
        .order_by(e.c.uscc)
    ).all()
    flags = _flags(connection, [r.id for r in rows], year) if rows else {}
    return [
        (
            r.uscc,
            r.name,
            r.org_unit,
            {
                **{field: _decimal(getattr(r, col)) for field, col in _YEAR_COLUMNS.items()},
                FactField.BIO_CATEGORY: r.bio_category,
                FactField.FLAG: flags.get(r.id, frozenset()),
            },
            Decimal(str(r.granted)),
            bool(r.applied),
        )
        for r in rows
    ]


# --- applications ----------------------------------------------------------------------------


def _application_query() -> Select[Any]:
    a, c, e, o, p, f = (
        t.policy_application,
        t.policy_clause,
        t.enterprise,
        t.org_unit,
        t.project,
        t.platform,
    )
    return (
        select(
            a,
            c.c.code.label("clause"),
            e.c.uscc.label("enterprise"),
            e.c.name.label("enterprise_name"),
            o.c.code.label("org_unit"),
            p.c.code.label("project"),
            f.c.code.label("platform"),
        )
        .join(c, c.c.id == a.c.clause_id)
        .join(e, e.c.id == a.c.enterprise_id)
        .outerjoin(o, o.c.id == e.c.org_unit_id)
        .outerjoin(p, p.c.id == a.c.project_id)
        .outerjoin(f, f.c.id == a.c.platform_id)
    )


def _application(row: Any) -> Application:
    return Application(
        row.clause,
        row.enterprise,
        row.enterprise_name,
        row.year,
        ApplicationStatus(row.status),
        row.computed,
        row.award,
        row.reason,
        dict(row.facts),
        row.project,
        row.platform,
        row.paid_on,
        row.voucher,
        row.org_unit,
    )


def application(connection: Connection, clause: str, uscc: str, year: int) -> Application | None:
    """The stored application of ``clause``, enterprise ``uscc`` and ``year``."""
    a, c, e = t.policy_application, t.policy_clause, t.enterprise
    query = _application_query().where(
        (c.c.code == clause) & (e.c.uscc == uscc) & (a.c.year == year)
    )
    row = connection.execute(query).first()
    return None if row is None else _application(row)


def applications(
    connection: Connection,
    reach: Reach,
    *,
    clause: str | None = None,
    enterprise: str | None = None,
    project: str | None = None,
    platform: str | None = None,
) -> list[Application]:
    """The applications of enterprises in ``reach`` (of a clause, an enterprise, a project or
    a platform, when given), by year, clause and enterprise."""
    a, c, e, p, f = t.policy_application, t.policy_clause, t.enterprise, t.project, t.platform
    query = _application_query().where(reached(e.c.org_unit_id, reach))
    for column, value in ((c.c.code, clause), (e.c.uscc, enterprise)):
        if value is not None:
            query = query.where(column == value)
    for column, value in ((p.c.code, project), (f.c.code, platform)):
        if value is not None:
            query = query.where(column == value)
    rows = connection.execute(query.order_by(a.c.year, c.c.code, e.c.uscc))
    return [_application(r) for r in rows]


def insert_application(connection: Connection, item: Application) -> None:
    """Store a new application."""
    connection.execute(insert(t.policy_application).values(_values(connection, item)))


def update_application(connection: Connection, item: Application) -> None:
    """Store an application's new status, amounts, reason and payment."""
    a, c, e = t.policy_application, t.policy_clause, t.enterprise
    key = (
        (a.c.clause_id == select(c.c.id).where(c.c.code == item.clause).scalar_subquery())
        & (a.c.enterprise_id == select(e.c.id).where(e.c.uscc == item.enterprise).scalar_subquery())
        & (a.c.year == item.year)
    )
    values = {
        "status": item.status.value,
        "award": item.award,
        "reason": item.reason,
        "paid_on": item.paid_on,
        "voucher": item.voucher,
    }
    connection.execute(update(a).where(key).values(values))


def _values(connection: Connection, item: Application) -> dict[str, Any]:
    clause = id_map(connection, t.policy_clause, [item.clause])[item.clause]
    firm = id_map(connection, t.enterprise, [item.enterprise], column="uscc")[item.enterprise]
    project = id_map(connection, t.project, [item.project] if item.project else [])
    platform = id_map(connection, t.platform, [item.platform] if item.platform else [])
    return {
        "clause_id": clause,
        "enterprise_id": firm,
        "year": item.year,
        "status": item.status.value,
        "computed": item.computed,
        "award": item.award,
        "reason": item.reason,
        "facts": item.facts,
        "project_id": project.get(item.project or ""),
        "platform_id": platform.get(item.platform or ""),
        "paid_on": item.paid_on,
        "voucher": item.voucher,
    }


def granted(connection: Connection, clause: str, uscc: str, year: int) -> Decimal:
    """What enterprise ``uscc`` is granted under ``clause`` for ``year`` (审核通过 and after)."""
    a, c, e = t.policy_application, t.policy_clause, t.enterprise
    total = connection.execute(
        select(func.coalesce(func.sum(a.c.award), 0))
        .join(c, c.c.id == a.c.clause_id)
        .join(e, e.c.id == a.c.enterprise_id)
        .where(
            (c.c.code == clause)
            & (e.c.uscc == uscc)
            & (a.c.year == year)
            & a.c.status.in_(sorted(GRANTED))
        )
    ).scalar_one()
    return Decimal(str(total))


def live_in_group(
    connection: Connection, group: str, uscc: str, year: int, other_than: str
) -> list[str]:
    """The clauses of ``group`` other than ``other_than`` under which enterprise ``uscc``
    holds a live application for ``year`` (同一事项不重复享受)."""
    a, c, e = t.policy_application, t.policy_clause, t.enterprise
    rows = connection.execute(
        select(c.c.code)
        .join(a, a.c.clause_id == c.c.id)
        .join(e, e.c.id == a.c.enterprise_id)
        .where(
            (c.c.exclusive_group == group)
            & (c.c.code != other_than)
            & (e.c.uscc == uscc)
            & (a.c.year == year)
            & a.c.status.in_(sorted(LIVE))
        )
        .order_by(c.c.code)
    )
    return list(rows.scalars())


# --- the support ledger and the budget -------------------------------------------------------


def support_lines(
    connection: Connection,
    reach: Reach,
    *,
    enterprise: str | None = None,
    project: str | None = None,
    platform: str | None = None,
) -> list[SupportLine]:
    """扶持台账: the applications of an enterprise, a project or a platform, with the clause's
    name, what was granted and what was paid."""
    names = {c.code: c.name for c in clauses(connection).values()}
    found = applications(
        connection, reach, enterprise=enterprise, project=project, platform=platform
    )
    return [
        SupportLine(
            item.clause,
            names.get(item.clause, item.clause),
            item.enterprise,
            item.enterprise_name,
            item.year,
            item.status,
            item.award if item.status in GRANTED else None,
            item.award if item.status is ApplicationStatus.PAID else None,
            item.paid_on,
            item.project,
            item.platform,
        )
        for item in found
    ]


def budget(connection: Connection, reach: Reach) -> list[BudgetLine]:
    """资金兑现汇总 by clause, the enterprise's org unit and year, summed in SQL: applications,
    granted (审核通过, 公示, 兑付) and paid (兑付), in 万元."""
    a, c, e, o = t.policy_application, t.policy_clause, t.enterprise, t.org_unit
    zero = literal(Decimal(0), a.c.award.type)
    is_granted = a.c.status.in_(sorted(GRANTED))
    is_paid = a.c.status == ApplicationStatus.PAID.value
    rows = connection.execute(
        select(
            c.c.code,
            o.c.code.label("org_unit"),
            a.c.year,
            func.count().label("applications"),
            func.coalesce(func.sum(case((is_granted, a.c.award), else_=zero)), zero).label(
                "granted"
            ),
            func.coalesce(func.sum(case((is_paid, a.c.award), else_=zero)), zero).label("paid"),
        )
        .join(c, c.c.id == a.c.clause_id)
        .join(e, e.c.id == a.c.enterprise_id)
        .outerjoin(o, o.c.id == e.c.org_unit_id)
        .where(reached(e.c.org_unit_id, reach))
        .group_by(c.c.code, o.c.code, a.c.year)
        .order_by(c.c.code, a.c.year, o.c.code)
    )
    return [
        BudgetLine(
            r.code,
            r.org_unit,
            r.year,
            int(r.applications),
            Decimal(str(r.granted)),
            Decimal(str(r.paid)),
        )
        for r in rows
    ]


def enterprise_name(connection: Connection, uscc: str) -> str:
    """The registry name of enterprise ``uscc`` (stored)."""
    e = t.enterprise
    return str(connection.execute(select(e.c.name).where(e.c.uscc == uscc)).scalar_one())


def linked_owner(connection: Connection, kind: str, code: str) -> str | None:
    """The credit code of a project's owner or a platform's host (None: unknown, or none)."""
    e = t.enterprise
    table, column = (t.project, "enterprise_id") if kind == "project" else (t.platform, "host_id")
    query = select(e.c.uscc).join(table, table.c[column] == e.c.id).where(table.c.code == code)
    found = connection.execute(query).scalar()
    return None if found is None else str(found)


# --- guidance funds (引导基金) ----------------------------------------------------------------


def funds(
    connection: Connection, reach: Reach = EVERYWHERE, codes: Iterable[str] | None = None
) -> dict[str, Fund]:
    """The funds whose region ``reach`` covers (its units and its root's ancestors), by code."""
    f, o = t.policy_fund, t.org_unit
    query = (
        select(f, o.c.code.label("org_unit"))
        .join(o, o.c.id == f.c.org_unit_id)
        .where(covered(f.c.org_unit_id, reach))
    )
    if codes is not None:
        query = query.where(f.c.code.in_(sorted(set(codes))))
    return {
        r.code: Fund(
            r.code,
            r.name,
            r.manager,
            r.org_unit,
            r.established_on,
            r.size,
            r.committed,
            r.paid_in,
            r.reinvest_required,
        )
        for r in connection.execute(query.order_by(f.c.code))
    }


def fund_investments(connection: Connection, code: str) -> list[FundInvestment]:
    """A fund's investments, by day and enterprise."""
    i, f, e, p = t.policy_fund_investment, t.policy_fund, t.enterprise, t.project
    rows = connection.execute(
        select(i, f.c.code.label("fund"), e.c.uscc.label("enterprise"), p.c.code.label("project"))
        .join(f, f.c.id == i.c.fund_id)
        .join(e, e.c.id == i.c.enterprise_id)
        .outerjoin(p, p.c.id == i.c.project_id)
        .where(f.c.code == code)
        .order_by(i.c.invested_on, e.c.uscc)
    )
    return [
        FundInvestment(
            r.fund,
            r.enterprise,
            r.invested_on,
            r.amount,
            r.project,
            r.exited_on,
            r.exit_amount,
            bool(r.local),
        )
        for r in rows
    ]


def save_funds(
    connection: Connection, items: Sequence[Fund], investments: Sequence[FundInvestment]
) -> None:
    """Insert or update each fund by code and replace its investments with ``investments``."""
    ids = id_map(connection, t.policy_fund, (f.code for f in items))
    orgs = id_map(connection, t.org_unit, (f.org_unit for f in items))
    for fund in items:
        values = {
            "name": fund.name,
            "manager": fund.manager,
            "org_unit_id": orgs[fund.org_unit],
            "established_on": fund.established_on,
            "size": fund.size,
            "committed": fund.committed,
            "paid_in": fund.paid_in,
            "reinvest_required": fund.reinvest_required,
        }
        upsert_by_code(connection, t.policy_fund, ids, fund.code, values)
    i = t.policy_fund_investment
    connection.execute(delete(i).where(i.c.fund_id.in_([ids[f.code] for f in items])))
    firms = id_map(connection, t.enterprise, (v.enterprise for v in investments), column="uscc")
    projects = id_map(connection, t.project, (v.project for v in investments if v.project))
    if investments:
        connection.execute(
            insert(i),
            [
                {
                    "fund_id": ids[v.fund],
                    "enterprise_id": firms[v.enterprise],
                    "project_id": projects.get(v.project or ""),
                    "invested_on": v.invested_on,
                    "amount": v.amount,
                    "exited_on": v.exited_on,
                    "exit_amount": v.exit_amount,
                    "local": v.local,
                }
                for v in investments
            ],
        )


def fund_standings(connection: Connection, reach: Reach) -> list[FundStanding]:
    """Each fund ``reach`` covers with its investments summed in SQL: how many, invested,
    invested locally (返投), exits, what the exited ones cost and what they returned."""
    i = t.policy_fund_investment
    zero = literal(Decimal(0), i.c.amount.type)
    exited = i.c.exited_on.is_not(None)
    sums = (
        select(
            i.c.fund_id,
            func.count().label("investments"),
            func.sum(i.c.amount).label("invested"),
            func.sum(case((i.c.local, i.c.amount), else_=zero)).label("local"),
            func.sum(case((exited, 1), else_=0)).label("exits"),
            func.sum(case((exited, i.c.amount), else_=zero)).label("exited_cost"),
            func.sum(func.coalesce(i.c.exit_amount, zero)).label("returned"),
        )
        .group_by(i.c.fund_id)
        .subquery()
    )
    known = funds(connection, reach)
    f = t.policy_fund
    rows = connection.execute(
        select(f.c.code, sums).join(sums, sums.c.fund_id == f.c.id).where(f.c.code.in_(known))
    )
    found = {r.code: r for r in rows}
    standings = []
    for code, fund in known.items():
        r = found.get(code)
        figures = (
            (0, Decimal(0), Decimal(0), 0, Decimal(0), Decimal(0))
            if r is None
            else (
                int(r.investments),
                _decimal(r.invested) or Decimal(0),
                _decimal(r.local) or Decimal(0),
                int(r.exits),
                _decimal(r.exited_cost) or Decimal(0),
                _decimal(r.returned) or Decimal(0),
            )
        )
        standings.append(FundStanding(fund, *figures))
    return standings


def known_enterprises(connection: Connection, usccs: Iterable[str]) -> set[str]:
    """The credit codes among ``usccs`` the registry holds."""
    return set(id_map(connection, t.enterprise, usccs, column="uscc"))


def known_projects(connection: Connection, codes: Iterable[str]) -> set[str]:
    """The project codes among ``codes`` the library holds."""
    return set(id_map(connection, t.project, codes))


def enterprise_units(connection: Connection, usccs: Iterable[str]) -> dict[str, str | None]:
    """Each stored enterprise's org unit (None: none)."""
    e, o = t.enterprise, t.org_unit
    rows = connection.execute(
        select(e.c.uscc, o.c.code)
        .outerjoin(o, o.c.id == e.c.org_unit_id)
        .where(e.c.uscc.in_(sorted(set(usccs))))
    )
    return {row[0]: row[1] for row in rows}


def effect_groups(
    connection: Connection, clause: Clause, year: int, later: int, reach: Reach
) -> dict[bool, tuple[int, Decimal, Decimal]]:
    """Enterprises in ``reach`` with revenue in ``year`` and ``later``, granted support under
    the clause for ``year`` (True) or meeting its conditions in ``year`` without it (False):
    how many, and their summed revenue in each year — one grouped query."""
    e, y, a = t.enterprise, t.enterprise_year, t.policy_application
    after = y.alias("later_year")
    clause_id = id_map(connection, t.policy_clause, [clause.code])[clause.code]
    granted_to = exists(
        select(a.c.id).where(
            (a.c.enterprise_id == e.c.id)
            & (a.c.clause_id == clause_id)
            & (a.c.year == year)
            & a.c.status.in_(sorted(GRANTED))
        )
    )
    supported = case((granted_to, 1), else_=0).label("supported")
    rows = connection.execute(
        select(
            supported,
            func.count().label("enterprises"),
            func.sum(y.c.revenue).label("base"),
            func.sum(after.c.revenue).label("later"),
        )
        .select_from(e)
        .join(y, (y.c.enterprise_id == e.c.id) & (y.c.year == year))
        .join(after, (after.c.enterprise_id == e.c.id) & (after.c.year == later))
        .where(
            reached(e.c.org_unit_id, reach)
            & y.c.revenue.is_not(None)
            & after.c.revenue.is_not(None)
            & (granted_to | eligibility_sql(clause.eligibility, year))
        )
        .group_by(supported)
    )
    return {
        bool(r.supported): (
            int(r.enterprises),
            _decimal(r.base) or Decimal(0),
            _decimal(r.later) or Decimal(0),
        )
        for r in rows
    }
