"""Key-project library use cases (项目库): load a plan's projects or its project ledger
(项目台账), record monthly progress (月度调度, with photos), record a year's selection with its
scores (每年遴选), the monthly 项目调度 report, list a plan's projects and show one."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Protocol, TypeVar

from bioecon.app import Bioecon
from bioecon.catalogs import progress_photo_rules, project_warnings
from bioecon.domain.access import Action, Principal
from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.domain.evidence import Attachment
from bioecon.domain.model import Project
from bioecon.domain.periods import Period, PeriodType
from bioecon.domain.project_report import MonthlyReport, monthly_report
from bioecon.domain.project_selection import SelectionEntry, SelectionLine, ranked
from bioecon.domain.projects import (
    EVENT_FIELDS,
    ProgressEntry,
    ProjectPage,
    ProjectRecord,
    StageEvent,
    changed,
    stored_part,
)
from bioecon.domain.registers import RegisterFile, RegisterLoadReport
from bioecon.errors import Forbidden, InvalidInput, Problem
from bioecon.services._attachments import refused_files, store_files
from bioecon.services._audit import Change, compared, record
from bioecon.services._plan_lookup import stored_plan_id
from bioecon.services._project_lookup import enters_progress, readable_project
from bioecon.services._registers import refuse, repeated_keys, unknown_references
from bioecon.services._scope import SHARED, reach, require_manager
from bioecon.store import Connection, orgunits
from bioecon.store import projects as store
from bioecon.store.evidence import progress_photos
from bioecon.store.maintenance import refresh_statistics
from bioecon.store.migrate import ensure_current
from bioecon.store.plans import find_plan_id


def load_projects(
    app: Bioecon,
    *,
    actor: Principal,
    projects: Sequence[Project],
    source: str,
    origin: str,
) -> tuple[int, int]:
    """Upsert projects by code, all or nothing; org units, enterprises and plans must exist,
    and the caller must manage plans over every project's org unit (and its stored one).
    Each created or changed project is recorded (its history: `bioecon history project`)."""
    with app.transaction() as connection:
        ensure_current(connection)
        known_orgs = orgunits.existing(connection, [p.org_unit for p in projects if p.org_unit])
        known_enterprises = store.existing_enterprises(
            connection, [p.enterprise for p in projects if p.enterprise]
        )
        problems = [
            Problem(f"projects[{n}].org_unit", f"unknown org unit '{p.org_unit}'")
            for n, p in enumerate(projects)
            if p.org_unit and p.org_unit not in known_orgs
        ]
        problems += [
            Problem(f"projects[{n}].enterprise", f"unknown enterprise '{p.enterprise}'")
            for n, p in enumerate(projects)
            if p.enterprise and p.enterprise not in known_enterprises
        ]
        problems += [
            Problem(f"projects[{n}].plan", f"unknown plan '{p.plan}'")
            for n, p in enumerate(projects)
            if p.plan and find_plan_id(connection, p.plan) is None
        ]
        if problems:
            raise InvalidInput(source, problems)
        stored = store.projects_by_code(connection, [p.code for p in projects])
        homes = [p.org_unit for p in projects] + [p.org_unit for p in stored.values()]
        require_manager(connection, actor, [home or SHARED for home in homes])
        counts = store.upsert_projects(connection, projects)
        changes = compared(projects, stored, key=lambda p: p.code)
        record(connection, actor, origin, AuditEntity.PROJECT, changes)
        return counts


def plan_projects(app: Bioecon, *, actor: Principal, plan: str) -> list[Project]:
    """The key projects (项目库) of ``plan`` (by code) in the caller's scope, as the plan page
    lists them."""
    with app.reading() as connection:
        ensure_current(connection)
        stored_plan_id(connection, plan, actor)
        return store.plan_projects(connection, plan, reach(connection, actor, Action.READ))


_LEDGER_FIELDS = tuple(f.name for f in fields(ProjectRecord) if f.name not in EVENT_FIELDS)
_PROGRESS_FIELDS = ("completed", "image_progress", "problems", "coordination")


def load_project_ledger(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    parsed: RegisterFile[ProjectRecord],
    today: date | None = None,
) -> RegisterLoadReport:
    """Insert or update the ledger's projects by 项目编号, all or nothing: codes once per file,
    org units, credit codes and the plan known; the caller must manage plans over every
    project's org unit (and its stored one). Each created or updated project is recorded, and
    each stage reached (new, or changed) enters the stage history dated 阶段日期 (else
    ``today``) with its evidence."""
    with app.transaction() as connection:
        ensure_current(connection)
        problems = repeated_keys(parsed, "code") + unknown_references(
            connection, parsed, org_unit="org_unit", enterprise="enterprise"
        )
        refuse(parsed, problems + _unknown_links(connection, parsed))
        records = [row.record for row in parsed.rows]
        stored = store.ledger_records(connection, {r.code: r.plan_year for r in records})
        kept = [stored_part(r) for r in records]
        moved = [r.org_unit for r in [*kept, *stored.values()]]
        require_manager(connection, actor, [home or SHARED for home in moved])
        updates = [r for r in kept if stored.get(r.code) != r]
        store.save_ledger(connection, updates)
        now = datetime.now(UTC)
        day = today or now.date()
        store.add_stage_events(
            connection,
            [
                StageEvent(r.code, r.stage, r.stage_on or day, r.stage_evidence, actor.login, now)
                for r in records
                if r.code not in stored or stored[r.code].stage != r.stage
            ],
        )
        record(connection, actor, origin, AuditEntity.PROJECT, _changes(updates, stored))
        created = sum(1 for r in updates if r.code not in stored)
        return RegisterLoadReport(
            parsed.source, created, len(updates) - created, len(records) - len(updates)
        )


def _unknown_links(connection: Connection, parsed: RegisterFile[ProjectRecord]) -> list[Problem]:
    """Rows naming a credit code the registry lacks; the file's plan unknown."""
    rows = parsed.rows
    firms = store.existing_enterprises(connection, [r.record.enterprise or "" for r in rows])
    problems = [
        parsed.problem(
            r.row, "enterprise", f"企业名录中没有统一社会信用代码「{r.record.enterprise}」"
        )
        for r in rows
        if r.record.enterprise and r.record.enterprise not in firms
    ]
    plans = sorted({r.record.plan for r in rows if r.record.plan})
    return problems + [
        Problem("", f"未知规划「{plan}」（先加载该规划：bioecon plan load）")
        for plan in plans
        if find_plan_id(connection, plan) is None
    ]


def _changes(updates: Sequence[ProjectRecord], stored: dict[str, ProjectRecord]) -> list[Change]:
    changes: list[Change] = []
    for item in updates:
        old, new = changed(stored.get(item.code), item, _LEDGER_FIELDS)
        action = AuditAction.CREATE if old is None else AuditAction.UPDATE
        changes.append((item.code, action, old, new))
    return changes


def load_project_progress(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    parsed: RegisterFile[ProgressEntry],
    photos: Sequence[Attachment] = (),
    now: datetime | None = None,
) -> RegisterLoadReport:
    """Record monthly progress (月度调度) by project and month, all or nothing: every project
    in the library, each month once per project. The caller must enter every project's
    progress: the department of its responsible unit (its 责任单位, else 牵头单位, named in
    the responsible-unit table), a reporter of (or the plan office over) its org unit.
    ``photos`` (现场照片; with one entry only, as the project page's form sends it) are
    checked by ``tasks/evidence.yaml``'s ``photos`` rules and kept with the entry, in the
    store of the task evidence. Each new or changed entry and each photo is recorded."""
    at = now or datetime.now(UTC)
    with app.transaction() as connection:
        ensure_current(connection)
        entries = [row.record for row in parsed.rows]
        records = store.ledger_records(connection, dict.fromkeys(e.project for e in entries))
        problems = _progress_problems(parsed, records)
        if photos and len(entries) != 1:
            problems.append(Problem("photos", "照片只能随一个项目一个月的进展上传"))
        refuse(parsed, problems + refused_files(photos, progress_photo_rules()))
        _require_entrant(connection, actor, list(records.values()))
        stored = store.progress_entries(connection, [(e.project, str(e.period)) for e in entries])
        updates = [e for e in entries if stored.get((e.project, str(e.period))) != e]
        store.save_progress(connection, updates, stored, by=actor.login, at=at)
        changes: list[Change] = []
        for entry in updates:
            old, new = changed(
                stored.get((entry.project, str(entry.period))), entry, _PROGRESS_FIELDS
            )
            changes.append(
                (entry.key, AuditAction.CREATE if old is None else AuditAction.UPDATE, old, new)
            )
        if photos:
            (entry,) = entries
            parent = (
                store.project_ids(connection, [entry.project])[entry.project],
                str(entry.period),
            )
            changes += store_files(
                connection, photos, key=entry.key, by=actor.login, at=at, progress=parent
            )
        record(connection, actor, origin, AuditEntity.PROJECT_PROGRESS, changes)
        created = sum(1 for e in updates if (e.project, str(e.period)) not in stored)
        return RegisterLoadReport(
            parsed.source, created, len(updates) - created, len(entries) - len(updates)
        )


class _ProjectRow(Protocol):
    """A row of a project file: the project it is about, and its key in the file."""

    @property
    def project(self) -> str: ...

    @property
    def key(self) -> str: ...


R = TypeVar("R", bound=_ProjectRow)


def _progress_problems(
    parsed: RegisterFile[ProgressEntry], known: Mapping[str, ProjectRecord]
) -> list[Problem]:
    return _project_row_problems(
        parsed, known, "period", lambda entry, first: f"{entry.period} 与第{first}行重复"
    )


def _project_row_problems(
    parsed: RegisterFile[R],
    known: Mapping[str, ProjectRecord],
    field: str,
    repeated: Callable[[R, int], str],
) -> list[Problem]:
    """A project file's rows naming a project the library does not hold, and rows repeating
    an earlier row's key (reported at ``field``, in ``repeated``'s words)."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for row in parsed.rows:
        entry = row.record
        if entry.project not in known:
            problems.append(
                parsed.problem(
                    row.row, "project", f"项目库中没有项目编号「{entry.project}」（先导入项目台账）"
                )
            )
        if entry.key in first:
            problems.append(parsed.problem(row.row, field, repeated(entry, first[entry.key])))
        first.setdefault(entry.key, row.row)
    return problems


def _require_entrant(
    connection: Connection, actor: Principal, records: Sequence[ProjectRecord]
) -> None:
    """Refuse unless the caller enters the progress of every project (:func:`enters_progress`)."""
    outside = sorted({r.code for r in records if not enters_progress(connection, actor, r)})
    if outside:
        raise Forbidden(
            f"{actor.login} 不是这些项目的责任单位或所在区域的填报员，不能填报进展："
            f"{'、'.join(outside[:10])}"
        )


def load_project_selection(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    parsed: RegisterFile[SelectionEntry],
    now: datetime | None = None,
) -> RegisterLoadReport:
    """Record a year's selection (每年遴选) — each candidate's 总分 (and points by criterion,
    ``projects/selection.yaml``), whether it was chosen, who scored it — all or nothing: every
    project in the library, each (project, year) once per file. The caller must manage plans
    over every project's org unit. A chosen project enters the library (入库年份) in the year
    of its first selection. Each new or changed row, and each 入库年份 set, is recorded."""
    at = now or datetime.now(UTC)
    with app.transaction() as connection:
        ensure_current(connection)
        entries = [replace(row.record, score=row.record.total) for row in parsed.rows]
        records = store.ledger_records(connection, dict.fromkeys(e.project for e in entries))
        refuse(parsed, _selection_problems(parsed, records))
        require_manager(connection, actor, [r.org_unit or SHARED for r in records.values()])
        stored = store.selection_entries(connection, [(e.project, e.year) for e in entries])
        updates = [e for e in entries if stored.get((e.project, e.year)) != e]
        store.save_selection(connection, updates, stored, by=actor.login, at=at)
        changes: list[Change] = []
        for entry in updates:
            before = stored.get((entry.project, entry.year))
            new = _selection_values(entry)
            if before is None:
                changes.append((entry.key, AuditAction.CREATE, None, new))
                continue
            old = _selection_values(before)
            keys = [k for k in new if old[k] != new[k]]
            changes.append(
                (
                    entry.key,
                    AuditAction.UPDATE,
                    {k: old[k] for k in keys},
                    {k: new[k] for k in keys},
                )
            )
        record(connection, actor, origin, AuditEntity.PROJECT_SELECTION, changes)
        first: dict[str, int] = {}
        for entry in entries:
            if entry.selected:
                first[entry.project] = min(entry.year, first.get(entry.project, entry.year))
        entered = store.enter_library(connection, first)
        record(
            connection,
            actor,
            origin,
            AuditEntity.PROJECT,
            [
                (code, AuditAction.UPDATE, {"selected_year": year}, {"selected_year": first[code]})
                for code, year in sorted(entered.items())
            ],
        )
        created = sum(1 for e in updates if (e.project, e.year) not in stored)
        return RegisterLoadReport(
            parsed.source, created, len(updates) - created, len(entries) - len(updates)
        )


def _number(value: Decimal) -> str:
    """A score as text without the store's trailing zeros (28, not 28.000000)."""
    return format(value.normalize(), "f")


def _selection_values(entry: SelectionEntry) -> dict[str, object]:
    """A selection row as its audit event keeps it (numbers as text)."""
    total = entry.total
    return {
        "score": None if total is None else _number(total),
        "scores": {k: _number(v) for k, v in entry.scores.items()},
        "selected": entry.selected,
        "scorer": entry.scorer,
        "note": entry.note,
    }


def _selection_problems(
    parsed: RegisterFile[SelectionEntry], known: Mapping[str, ProjectRecord]
) -> list[Problem]:
    return _project_row_problems(
        parsed, known, "year", lambda entry, first: f"{entry.year}年与第{first}行重复"
    )


def project_selection(
    app: Bioecon, *, actor: Principal, plan: str, year: int
) -> list[SelectionLine]:
    """The candidates of ``plan``'s selection of ``year`` (每年遴选) in the caller's scope, by
    总分 with their rank (名次)."""
    with app.reading() as connection:
        ensure_current(connection)
        stored_plan_id(connection, plan, actor)
        where = reach(connection, actor, Action.READ)
        return ranked(store.selection_lines(connection, plan, year, where))


def project_report(
    app: Bioecon, *, actor: Principal, plan: str, period: Period, preset: str | None = None
) -> MonthlyReport:
    """The monthly 项目调度 report of ``plan``'s projects in the caller's scope for the month
    ``period``, coloured by the plan's warning preset (bioecon/data/projects/warnings.yaml) or
    by ``preset`` when one is named (an office comparing presets)."""
    if period.type is not PeriodType.MONTH:
        raise InvalidInput("--period", [Problem("period", f"「{period}」不是月份；写作 2026-10")])
    book = project_warnings()
    if preset is not None and preset not in book.presets:
        known = "、".join(sorted(book.presets))
        raise InvalidInput(
            "--preset", [Problem("preset", f"未知预警方案「{preset}」；可用：{known}")]
        )
    with app.reading() as connection:
        ensure_current(connection)
        stored_plan_id(connection, plan, actor)
        lines = store.report_lines(connection, plan, period, reach(connection, actor, Action.READ))
    chosen = book.presets[preset] if preset is not None else book.for_plan(plan)
    return monthly_report(plan, period, chosen, lines)


def project_page(app: Bioecon, *, actor: Principal, code: str) -> ProjectPage:
    """A project's record, its stage history, progress entries (who entered each, when) with
    their photos, and annual plans, and whether the caller enters its progress; one the
    caller may not read (:func:`readable_project`) is not found."""
    with app.reading() as connection:
        ensure_current(connection)
        found = readable_project(connection, actor, code)
        return ProjectPage(
            found,
            tuple(store.stage_history(connection, code)),
            tuple(store.project_progress(connection, code)),
            store.year_plans(connection, code),
            store.progress_recorded(connection, code),
            tuple(progress_photos(connection, code)),
            enters_progress(connection, actor, found),
        )


def write_synthetic_projects(
    app: Bioecon,
    *,
    records: Sequence[ProjectRecord],
    year_plans: Sequence[tuple[str, int, Decimal]],
    entries: Sequence[ProgressEntry],
    selections: Sequence[SelectionEntry] = (),
    by: str,
) -> int:
    """Store generated projects, annual plans, progress and selections in one transaction,
    in bulk and without audit events (the benchmark's data, `bioecon bench projects`);
    refresh the planner's statistics; returns the rows written."""
    with app.transaction() as connection:
        ensure_current(connection)
        store.save_ledger(connection, records)
        now = datetime.now(UTC)
        written = store.bulk_plans_and_progress(connection, year_plans, entries, by=by, at=now)
        written += store.bulk_selections(connection, selections, by=by, at=now)
        tables = ("project", "project_year_plan", "project_progress", "project_selection")
        refresh_statistics(connection, tables)
        return len(records) + written
