"""Queries for the key-project library (项目库, 五个一批)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, RowMapping, Select, func, insert, select, update

from bioecon.domain.model import Project, ProjectStage
from bioecon.domain.periods import Period
from bioecon.domain.project_report import ReportLine
from bioecon.domain.project_selection import SelectionEntry
from bioecon.domain.projects import ProgressEntry, ProjectRecord, StageEvent
from bioecon.records import copy_into, row_values
from bioecon.store import tables as t
from bioecon.store.keys import existing_codes, id_map, upsert_by_code
from bioecon.store.orgunits import EVERYWHERE, Reach, in_subtree, reached

# Fields stored as ids of other tables (the enterprise by its credit code).
_REFERENCES = {"code", "org_unit", "plan", "enterprise"}


def upsert_projects(connection: Connection, projects: Sequence[Project]) -> tuple[int, int]:
    """Insert or update by code; returns (created, updated)."""
    _, created = _write(connection, projects, _REFERENCES)
    return created, len(projects) - created


def _write(
    connection: Connection, records: Sequence[Project | ProjectRecord], exclude: Collection[str]
) -> tuple[dict[str, int], int]:
    """Insert or update project rows by code, their links (org unit, plan, enterprise by
    credit code) as ids; returns code → id and how many were created."""
    ids = id_map(connection, t.project, (r.code for r in records))
    orgs = id_map(connection, t.org_unit, (r.org_unit for r in records if r.org_unit))
    plans = id_map(connection, t.plan, (r.plan for r in records if r.plan))
    firms = id_map(
        connection, t.enterprise, (r.enterprise for r in records if r.enterprise), column="uscc"
    )
    before = set(ids)
    for record in records:
        values = row_values(record, exclude=exclude) | {
            "org_unit_id": orgs.get(record.org_unit or ""),
            "plan_id": plans.get(record.plan or ""),
            "enterprise_id": firms.get(record.enterprise or ""),
        }
        upsert_by_code(connection, t.project, ids, record.code, values)
    return ids, sum(1 for code in {r.code for r in records} if code not in before)


def org_units_of(connection: Connection, codes: Iterable[str]) -> dict[str, str | None]:
    """project code → its stored org unit (None: none), for the stored ones among ``codes``."""
    p, o = t.project, t.org_unit
    query = (
        select(p.c.code, o.c.code)
        .outerjoin(o, o.c.id == p.c.org_unit_id)
        .where(p.c.code.in_(sorted(set(codes))))
    )
    return {row[0]: row[1] for row in connection.execute(query)}


def existing_enterprises(connection: Connection, usccs: Iterable[str]) -> set[str]:
    """The credit codes among ``usccs`` that the registry holds."""
    return existing_codes(connection, t.enterprise, usccs, column="uscc")


def plan_projects(
    connection: Connection, plan_code: str, reach: Reach = EVERYWHERE
) -> list[Project]:
    """The projects of the plan ``plan_code`` in ``reach``, by code."""
    p, plan = t.project, t.plan
    rows = connection.execute(
        _projects().where((plan.c.code == plan_code) & reached(p.c.org_unit_id, reach))
    )
    return [copy_into(Project, r._mapping) for r in rows]


def projects_by_code(connection: Connection, codes: Iterable[str]) -> dict[str, Project]:
    """The stored projects among ``codes`` (of any plan, or none), by code."""
    rows = connection.execute(_projects().where(t.project.c.code.in_(sorted(set(codes)))))
    return {r.code: copy_into(Project, r._mapping) for r in rows}


def _projects() -> Select[Any]:
    """Project rows with their org unit, plan and enterprise by code, in code order."""
    p, o, plan, e = t.project, t.org_unit, t.plan, t.enterprise
    return (
        select(
            p, o.c.code.label("org_unit"), plan.c.code.label("plan"), e.c.uscc.label("enterprise")
        )
        .outerjoin(plan, plan.c.id == p.c.plan_id)
        .outerjoin(o, o.c.id == p.c.org_unit_id)
        .outerjoin(e, e.c.id == p.c.enterprise_id)
        .order_by(p.c.code)
    )


KEY_MEASURES = ("selected", "count", "investment", "completed")
"""What a ``source: projects`` indicator's ``count: {measure: [...]}`` may name."""


def key_projects(
    connection: Connection,
    *,
    measure: str,
    org_unit: str,
    last_year: int,
    first_year: int | None = None,
    month: int = 12,
) -> Decimal:
    """Key projects of ``org_unit``'s subtree, in one query:

    - ``selected``: chosen from ``first_year`` (else ever) to ``last_year`` — in that year's
      selection (每年遴选, ``project_selection``) or entering the library (``selected_year``)
      then; each project once;
    - ``count``: in the library (入库) by ``last_year`` (from ``first_year``);
    - ``investment``: the sum of their planned investment (亿元);
    - ``completed``: the sum of the library's projects' latest 1–N月累计完成投资 of
      ``last_year`` up to ``month`` (万元 in the ledger, 亿元 here: ÷ 10000)."""
    p = t.project
    if measure == "completed":
        return _completed(connection, org_unit, last_year, month)
    value = func.sum(p.c.total_investment) if measure == "investment" else func.count()
    entered = p.c.selected_year <= last_year
    if first_year is not None:
        entered = entered & (p.c.selected_year >= first_year)
    where = entered
    if measure == "selected":
        s = t.project_selection
        chosen = select(s.c.project_id).where(s.c.selected, s.c.year <= last_year)
        if first_year is not None:
            chosen = chosen.where(s.c.year >= first_year)
        where = entered | p.c.id.in_(chosen)
    query = select(value).where(where, in_subtree(p, org_unit))
    return Decimal(connection.execute(query).scalar_one() or 0)


_YI = Decimal(10000)  # 万元 in a 亿元


def _completed(connection: Connection, org_unit: str, year: int, month: int) -> Decimal:
    """The sum of each library project's latest 本年累计完成投资 of ``year`` up to ``month``
    (a project that did not report in the month keeps its last figure of the year), 亿元."""
    p, g = t.project, t.project_progress
    latest = (
        select(g.c.project_id, func.max(g.c.period).label("period"))
        .where(g.c.period >= f"{year:04d}-01", g.c.period <= f"{year:04d}-{month:02d}")
        .group_by(g.c.project_id)
        .subquery()
    )
    query = (
        select(func.sum(g.c.completed))
        .select_from(p)
        .join(latest, latest.c.project_id == p.c.id)
        .join(g, (g.c.project_id == p.c.id) & (g.c.period == latest.c.period))
        .where(p.c.selected_year <= year, in_subtree(p, org_unit))
    )
    return Decimal(connection.execute(query).scalar_one() or 0) / _YI


def any_selected(connection: Connection) -> bool:
    """Whether the library records any project's selection (its year, or a selection row)."""
    query = select(t.project.c.id).where(t.project.c.selected_year.is_not(None)).limit(1)
    if connection.execute(query).first() is not None:
        return True
    return connection.execute(select(t.project_selection.c.id).limit(1)).first() is not None


# --- the project ledger (项目台账), progress (月度调度) and stage history --------------------

# the ledger record's fields the project table does not hold as they are
_LEDGER_APART = {*_REFERENCES, "plan_year", "annual_plan", "stage_on", "stage_evidence"}


def _record_query() -> Select[Any]:
    p, o, plan, e = t.project, t.org_unit, t.plan, t.enterprise
    return (
        select(
            p, o.c.code.label("org_unit"), plan.c.code.label("plan"), e.c.uscc.label("enterprise")
        )
        .outerjoin(o, o.c.id == p.c.org_unit_id)
        .outerjoin(plan, plan.c.id == p.c.plan_id)
        .outerjoin(e, e.c.id == p.c.enterprise_id)
    )


def ledger_records(
    connection: Connection, years: Mapping[str, int | None]
) -> dict[str, ProjectRecord]:
    """The stored record of each project code of ``years`` with its annual plan of the given
    year (None: no annual plan asked), as a ledger row would carry it; unknown codes absent."""
    rows = connection.execute(_record_query().where(t.project.c.code.in_(sorted(years))))
    found = {r.code: r._mapping for r in rows}
    plans = _year_plans(
        connection, {found[c]["id"]: (c, y) for c, y in years.items() if c in found and y}
    )
    return {
        code: copy_into(
            ProjectRecord,
            row,
            plan_year=years[code] if (code, years[code]) in plans else None,
            annual_plan=plans.get((code, years[code])),
            stage_on=None,
            stage_evidence=None,
        )
        for code, row in found.items()
    }


def _year_plans(
    connection: Connection, wanted: Mapping[int, tuple[str, int | None]]
) -> dict[tuple[str, int | None], Decimal]:
    y = t.project_year_plan
    rows = connection.execute(
        select(y.c.project_id, y.c.year, y.c.planned).where(y.c.project_id.in_(sorted(wanted)))
    )
    return {
        wanted[row.project_id]: row.planned for row in rows if wanted[row.project_id][1] == row.year
    }


def save_ledger(connection: Connection, records: Sequence[ProjectRecord]) -> dict[str, int]:
    """Insert or update each record by code, and its annual plan; returns code → id."""
    ids, _ = _write(connection, records, _LEDGER_APART)
    for record in records:
        if record.plan_year is not None and record.annual_plan is not None:
            _put_year_plan(connection, ids[record.code], record.plan_year, record.annual_plan)
    return ids


def _put_year_plan(connection: Connection, project: int, year: int, planned: Decimal) -> None:
    y = t.project_year_plan
    key = (y.c.project_id == project) & (y.c.year == year)
    if connection.execute(update(y).where(key).values(planned=planned)).rowcount == 0:
        connection.execute(insert(y).values(project_id=project, year=year, planned=planned))


def add_stage_events(connection: Connection, events: Sequence[StageEvent]) -> None:
    """Append stage changes (the stage history is only ever added to)."""
    if not events:
        return
    ids = id_map(connection, t.project, (e.project for e in events))
    connection.execute(
        insert(t.project_stage_event),
        [
            {
                "project_id": ids[e.project],
                "stage": e.stage.value,
                "reached_on": e.on,
                "evidence": e.evidence,
                "recorded_by": e.recorded_by,
                "recorded_at": e.recorded_at,
            }
            for e in events
        ],
    )


def stage_history(connection: Connection, code: str) -> list[StageEvent]:
    """The stage changes of project ``code``, oldest first."""
    s, p = t.project_stage_event, t.project
    rows = connection.execute(
        select(s, p.c.code)
        .join(p, p.c.id == s.c.project_id)
        .where(p.c.code == code)
        .order_by(s.c.reached_on, s.c.id)
    )
    return [
        StageEvent(
            r.code, ProjectStage(r.stage), r.reached_on, r.evidence, r.recorded_by, r.recorded_at
        )
        for r in rows
    ]


def progress_entries(
    connection: Connection, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], ProgressEntry]:
    """The stored entries of ``keys`` (project code, YYYY-MM)."""
    wanted = set(keys)
    codes = sorted({code for code, _ in wanted})
    g, p = t.project_progress, t.project
    rows = connection.execute(
        select(g, p.c.code).join(p, p.c.id == g.c.project_id).where(p.c.code.in_(codes))
    )
    return {(r.code, r.period): _entry(r._mapping) for r in rows if (r.code, r.period) in wanted}


def _entry(row: RowMapping) -> ProgressEntry:
    return ProgressEntry(
        row["code"],
        Period.parse(row["period"]),
        row["completed"],
        row["image_progress"],
        row["problems"],
        row["coordination"],
    )


def project_ids(connection: Connection, codes: Iterable[str]) -> dict[str, int]:
    """The stored projects among ``codes``: code → id (a parent's key for the evidence store)."""
    return id_map(connection, t.project, codes)


def progress_recorded(connection: Connection, code: str) -> dict[str, tuple[str, datetime]]:
    """Who last entered each month's progress of project ``code``, and when (YYYY-MM →)."""
    g, p = t.project_progress, t.project
    rows = connection.execute(
        select(g.c.period, g.c.recorded_by, g.c.recorded_at)
        .join(p, p.c.id == g.c.project_id)
        .where(p.c.code == code)
    )
    return {row.period: (row.recorded_by, _utc(row.recorded_at)) for row in rows}


def _utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; everything stored is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def project_progress(connection: Connection, code: str) -> list[ProgressEntry]:
    """Every progress entry of project ``code``, by month."""
    g, p = t.project_progress, t.project
    rows = connection.execute(
        select(g, p.c.code)
        .join(p, p.c.id == g.c.project_id)
        .where(p.c.code == code)
        .order_by(g.c.period)
    )
    return [_entry(r._mapping) for r in rows]


def save_progress(
    connection: Connection,
    entries: Sequence[ProgressEntry],
    stored: Mapping[tuple[str, str], ProgressEntry],
    *,
    by: str,
    at: datetime,
) -> None:
    """Insert the new entries and update the stored ones (``stored`` by key)."""
    ids = id_map(connection, t.project, (e.project for e in entries))
    g = t.project_progress
    for entry in entries:
        values = {
            "completed": entry.completed,
            "image_progress": entry.image_progress,
            "problems": entry.problems,
            "coordination": entry.coordination,
            "recorded_by": by,
            "recorded_at": at,
        }
        key = (g.c.project_id == ids[entry.project]) & (g.c.period == str(entry.period))
        if (entry.project, str(entry.period)) in stored:
            connection.execute(update(g).where(key).values(values))
        else:
            connection.execute(
                insert(g).values(project_id=ids[entry.project], period=str(entry.period), **values)
            )


def report_lines(
    connection: Connection, plan_code: str, period: Period, reach: Reach = EVERYWHERE
) -> list[ReportLine]:
    """The monthly 调度 report's rows: each project of the plan in ``reach`` with its annual
    plan of ``period``'s year, its latest year-to-date progress up to ``period`` and its score
    in that year's selection (每年遴选), by code."""
    p, o, plan, y, g = t.project, t.org_unit, t.plan, t.project_year_plan, t.project_progress
    s = t.project_selection
    month = str(period)
    latest = (
        select(g.c.project_id, func.max(g.c.period).label("period"))
        .where(g.c.period >= f"{period.year:04d}-01", g.c.period <= month)
        .group_by(g.c.project_id)
        .subquery()
    )
    query = (
        select(
            p.c.code,
            p.c.name,
            o.c.code.label("org_unit"),
            p.c.responsible_unit,
            p.c.stage,
            p.c.annual_class,
            p.c.total_investment,
            y.c.planned.label("annual_plan"),
            g.c.completed,
            latest.c.period.label("reported"),
            p.c.planned_start,
            p.c.actual_start,
            p.c.in_statistics,
            p.c.category,
            p.c.lists,
            p.c.selected_year,
            s.c.score.label("selection_score"),
            s.c.selected.label("chosen"),
        )
        .join(plan, (plan.c.id == p.c.plan_id) & (plan.c.code == plan_code))
        .outerjoin(s, (s.c.project_id == p.c.id) & (s.c.year == period.year))
        .outerjoin(o, o.c.id == p.c.org_unit_id)
        .outerjoin(y, (y.c.project_id == p.c.id) & (y.c.year == period.year))
        .outerjoin(latest, latest.c.project_id == p.c.id)
        .outerjoin(g, (g.c.project_id == p.c.id) & (g.c.period == latest.c.period))
        .where(reached(p.c.org_unit_id, reach))
        .order_by(p.c.code)
    )
    return [copy_into(ReportLine, row._mapping) for row in connection.execute(query)]


def year_plans(connection: Connection, code: str) -> dict[int, Decimal]:
    """Project ``code``'s 年度计划投资 (万元) by year."""
    y, p = t.project_year_plan, t.project
    rows = connection.execute(
        select(y.c.year, y.c.planned).join(p, p.c.id == y.c.project_id).where(p.c.code == code)
    )
    return {row.year: row.planned for row in rows}


def bulk_plans_and_progress(
    connection: Connection,
    year_plans: Sequence[tuple[str, int, Decimal]],
    entries: Sequence[ProgressEntry],
    *,
    by: str,
    at: datetime,
) -> int:
    """Insert annual plans (code, year, 万元) and progress rows of stored projects in bulk
    (one multi-row INSERT per table: generated data, not a file); returns the rows written."""
    ids = id_map(
        connection, t.project, [c for c, _, _ in year_plans] + [e.project for e in entries]
    )
    if year_plans:
        connection.execute(
            insert(t.project_year_plan),
            [{"project_id": ids[c], "year": y, "planned": v} for c, y, v in year_plans],
        )
    if entries:
        connection.execute(
            insert(t.project_progress),
            [
                {
                    "project_id": ids[e.project],
                    "period": str(e.period),
                    "completed": e.completed,
                    "image_progress": e.image_progress,
                    "problems": e.problems,
                    "coordination": e.coordination,
                    "recorded_by": by,
                    "recorded_at": at,
                }
                for e in entries
            ],
        )
    return len(year_plans) + len(entries)


# --- 每年遴选 (the annual selection) ------------------------------------------------------------


def selection_entries(
    connection: Connection, keys: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], SelectionEntry]:
    """The stored selection rows of ``keys`` (project code, year)."""
    wanted = set(keys)
    s, p = t.project_selection, t.project
    rows = connection.execute(
        select(s, p.c.code)
        .join(p, p.c.id == s.c.project_id)
        .where(p.c.code.in_(sorted({code for code, _ in wanted})))
    )
    found = (_selection(r._mapping) for r in rows)
    return {(e.project, e.year): e for e in found if (e.project, e.year) in wanted}


def _selection(row: RowMapping) -> SelectionEntry:
    return SelectionEntry(
        row["code"],
        row["year"],
        bool(row["selected"]),
        row["score"],
        {k: Decimal(str(v)) for k, v in (row["scores"] or {}).items()},
        row["scorer"],
        row["note"],
    )


def save_selection(
    connection: Connection,
    entries: Sequence[SelectionEntry],
    stored: Mapping[tuple[str, int], SelectionEntry],
    *,
    by: str,
    at: datetime,
) -> None:
    """Insert the new rows and update the stored ones (``stored`` by key); 总分 as given or
    the criteria's sum."""
    ids = id_map(connection, t.project, (e.project for e in entries))
    s = t.project_selection
    for entry in entries:
        values = {
            "score": entry.total,
            "scores": {k: str(v) for k, v in entry.scores.items()} or None,
            "selected": entry.selected,
            "scorer": entry.scorer,
            "note": entry.note,
            "recorded_by": by,
            "recorded_at": at,
        }
        if (entry.project, entry.year) in stored:
            key = (s.c.project_id == ids[entry.project]) & (s.c.year == entry.year)
            connection.execute(update(s).where(key).values(values))
        else:
            connection.execute(
                insert(s).values(project_id=ids[entry.project], year=entry.year, **values)
            )


def enter_library(connection: Connection, first: Mapping[str, int]) -> dict[str, int | None]:
    """Set each project's 入库年份 (``selected_year``) to the year of its first selection when
    that is earlier than the stored one (or none is stored); returns code → the year it had,
    for the projects changed."""
    p = t.project
    rows = connection.execute(
        select(p.c.code, p.c.selected_year).where(p.c.code.in_(sorted(first)))
    )
    changed = {
        row.code: row.selected_year
        for row in rows
        if row.selected_year is None or row.selected_year > first[row.code]
    }
    for code in changed:
        connection.execute(update(p).where(p.c.code == code).values(selected_year=first[code]))
    return changed


def bulk_selections(
    connection: Connection, entries: Sequence[SelectionEntry], *, by: str, at: datetime
) -> int:
    """Insert selection rows of stored projects in bulk (one multi-row INSERT: generated
    data, not a file); returns the rows written."""
    if not entries:
        return 0
    ids = id_map(connection, t.project, (e.project for e in entries))
    connection.execute(
        insert(t.project_selection),
        [
            {
                "project_id": ids[e.project],
                "year": e.year,
                "score": e.total,
                "scores": None,
                "selected": e.selected,
                "scorer": e.scorer,
                "note": e.note,
                "recorded_by": by,
                "recorded_at": at,
            }
            for e in entries
        ],
    )
    return len(entries)


def selection_lines(
    connection: Connection, plan_code: str, year: int, reach: Reach = EVERYWHERE
) -> list[tuple[SelectionEntry, str, str | None]]:
    """The candidates of ``plan_code``'s projects in ``reach`` in the selection of ``year``:
    each row with the project's name and org unit."""
    s, p, o, plan = t.project_selection, t.project, t.org_unit, t.plan
    rows = connection.execute(
        select(s, p.c.code, p.c.name, o.c.code.label("org_unit"))
        .join(p, p.c.id == s.c.project_id)
        .join(plan, (plan.c.id == p.c.plan_id) & (plan.c.code == plan_code))
        .outerjoin(o, o.c.id == p.c.org_unit_id)
        .where(s.c.year == year, reached(p.c.org_unit_id, reach))
    )
    return [(_selection(r._mapping), r.name, r.org_unit) for r in rows]
