"""Plan use cases: load (idempotent, refusing another document under a stored code), list,
show, export, delete. Each runs in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bioecon.app import Bioecon
from bioecon.catalogs import indicator_catalogue, tier_catalogue, unit_registry
from bioecon.domain.access import Action, Principal
from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.domain.catalogue import CatalogueEntry, IndicatorSource, tier_entry
from bioecon.domain.model import Indicator, Plan, PlanBundle
from bioecon.domain.orgunits import hierarchy_cycles
from bioecon.domain.plans import SectionChange, bundle_problems, diff_bundles, repeated_task_units
from bioecon.domain.tiers import plan_rules
from bioecon.errors import Conflict, InvalidInput, InvalidValue, Problem, format_path
from bioecon.services._audit import record
from bioecon.services._plan_lookup import managed_plan_id, stored_plan_id
from bioecon.services._scope import SHARED, reach, require_manager, require_readable
from bioecon.store import Connection, indicators, orgunits, responsible_units
from bioecon.store import plans as store
from bioecon.store.migrate import ensure_current

Locate = Callable[[tuple[str | int, ...]], str]


@dataclass(frozen=True, slots=True)
class PlanLoadReport:
    code: str
    plan_id: int
    outcome: str  # "created", "updated" or "unchanged"
    changes: dict[str, SectionChange]


def load_plan(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    bundle: PlanBundle,
    source: str,
    locate: Locate = format_path,
    replace: bool = False,
) -> PlanLoadReport:
    """Store ``bundle`` so the database holds exactly it. Loading the same plan twice changes
    nothing; a changed plan is updated in place. Any problem refuses the whole load, and so
    does another document under a stored plan's code, unless ``replace``. The caller must
    manage plans over the plan's region (and the stored plan's), checked before the file is
    checked against the database (a caller without the right learns nothing of what it
    holds); the load is recorded."""
    findings = bundle_problems(bundle, unit_registry()) + repeated_task_units(bundle)
    problems = [Problem(locate(path), message) for path, message in findings]
    with app.transaction() as connection:
        ensure_current(connection)
        plan_id = store.find_plan_id(connection, bundle.plan.code)
        old = store.load_bundle(connection, plan_id) if plan_id is not None else None
        anchors = [_anchor(connection, bundle)] + ([old.plan.region] if old else [])
        require_manager(connection, actor, anchors)  # before anything the database holds is told
        problems += [
            Problem(locate(path), message)
            for path, message in _reference_problems(connection, bundle)
        ]
        if problems:
            raise InvalidInput(source, problems)
        if old is not None and not replace and _other_document(old.plan, bundle.plan):
            raise Conflict(_overwrite_message(old.plan, bundle.plan))
        changes = diff_bundles(old, bundle)
        if old == bundle:
            assert plan_id is not None
            return PlanLoadReport(bundle.plan.code, plan_id, "unchanged", changes)
        indicators.upsert(connection, _register_indicators(bundle))
        new_id = store.save_plan(connection, bundle)
        action = AuditAction.CREATE if old is None else AuditAction.UPDATE
        summary = (bundle.plan.code, action, _summary(old), _summary(bundle))
        record(connection, actor, origin, AuditEntity.PLAN, [summary])
        return PlanLoadReport(
            bundle.plan.code, new_id, "created" if old is None else "updated", changes
        )


def _anchor(connection: Connection, bundle: PlanBundle) -> str | None:
    """The stored org unit a plan hangs from: its region, or the nearest stored ancestor the
    file declares for a new region (a shared record when none is stored)."""
    parents = {u.code: u.parent for u in bundle.org_units}
    code: str | None = bundle.plan.region
    seen: set[str] = set()
    while code is not None and code not in seen:
        if orgunits.existing(connection, [code]):
            return code
        seen.add(code)
        code = parents.get(code)
    return SHARED


def _summary(bundle: PlanBundle | None) -> dict[str, object] | None:
    """What the history keeps of a plan: its title, source and counts, not its text."""
    if bundle is None:
        return None
    return {
        "title": bundle.plan.title,
        "region": bundle.plan.region,
        "source_sha256": bundle.plan.source_sha256,
        "targets": len(bundle.targets),
        "tasks": len(bundle.tasks),
        "indicators": len(bundle.indicators),
        "org_units": len(bundle.org_units),
    }


def _other_document(stored: Plan, loaded: Plan) -> bool:
    """Whether ``loaded`` is another plan than ``stored``: another title, or another source
    text (both sha256 known and different). Edits to targets and tasks are the same plan."""
    both_hashed = stored.source_sha256 is not None and loaded.source_sha256 is not None
    return stored.title != loaded.title or (
        both_hashed and stored.source_sha256 != loaded.source_sha256
    )


def _overwrite_message(stored: Plan, loaded: Plan) -> str:
    return (
        f"plan '{stored.code}' already holds 《{stored.title}》 (source sha256 "
        f"{(stored.source_sha256 or '-')[:12]}); this is 《{loaded.title}》 (sha256 "
        f"{(loaded.source_sha256 or '-')[:12]}): load it under another code, or pass --replace "
        "to overwrite the stored plan"
    )


def _valid_tiers(bundle: PlanBundle) -> bool:
    try:
        plan_rules({}, bundle.plan.tiers)
    except (InvalidValue, KeyError, ValueError, TypeError):
        return False  # reported by bundle_problems
    return True


def _counted_entries(bundle: PlanBundle) -> dict[str, CatalogueEntry]:
    """The catalogue's register indicators (tiers with the plan's own tier rules over them,
    platforms, approvals, projects): known to every plan without being declared."""
    rules = plan_rules(tier_catalogue(), bundle.plan.tiers if _valid_tiers(bundle) else None)
    entries = {
        code: entry
        for code, entry in indicator_catalogue().items()
        if entry.source is not IndicatorSource.LEDGER
    }
    return entries | {rule.indicator: tier_entry(rule) for rule in rules.values()}


def _register_indicators(bundle: PlanBundle) -> list[Indicator]:
    """The register indicators the plan's targets count, as the catalogue defines them: stored
    like any indicator, so that a target refers to its indicator by id."""
    entries = _counted_entries(bundle)
    codes = {t.indicator for t in bundle.targets if t.indicator in entries}
    return [entries[code].indicator for code in sorted(c for c in codes if c is not None)]


Finding = tuple[tuple[str | int, ...], str]


def _reference_problems(connection: Connection, bundle: PlanBundle) -> list[Finding]:
    """References a plan makes that neither the file nor the database can satisfy."""
    return (
        _org_unit_problems(connection, bundle)
        + _indicator_problems(connection, bundle)
        + _responsible_unit_problems(connection, bundle)
    )


def _org_unit_problems(connection: Connection, bundle: PlanBundle) -> list[Finding]:
    """Org units named but not declared nor stored, and parents that would make a cycle."""
    declared = {u.code for u in bundle.org_units}
    refs: list[Finding] = [(("plan", "region"), bundle.plan.region)]
    refs += [
        (("org_units", i, "parent"), u.parent) for i, u in enumerate(bundle.org_units) if u.parent
    ]
    refs += [
        (("responsible_units", i, "org_unit"), u.org_unit)
        for i, u in enumerate(bundle.responsible_units)
        if u.org_unit
    ]
    refs += [
        (("targets", i, "subject_org_unit"), x.subject_org_unit)
        for i, x in enumerate(bundle.targets)
        if x.subject_org_unit
    ]
    stored = orgunits.existing(connection, {code for _, code in refs} - declared)
    found = [
        (path, f"org unit '{code}' is neither in this file nor in the database")
        for path, code in refs
        if code not in declared | stored
    ]
    hierarchy = orgunits.tree(connection) | {u.code: u for u in bundle.org_units}
    positions = {u.code: i for i, u in enumerate(bundle.org_units)}
    return found + [
        (("org_units", positions[code], "parent"), message)
        for code, message in hierarchy_cycles(hierarchy)
        if code in positions
    ]


def _indicator_problems(connection: Connection, bundle: PlanBundle) -> list[Finding]:
    declared = {i.code for i in bundle.indicators} | set(_counted_entries(bundle))
    wanted = {x.indicator for x in bundle.targets if x.indicator} - declared
    known = declared | indicators.existing(connection, wanted)
    return [
        (
            ("targets", i, "indicator"),
            f"indicator '{target.indicator}' is neither in this file nor in the database",
        )
        for i, target in enumerate(bundle.targets)
        if target.indicator and target.indicator not in known
    ]


def _responsible_unit_problems(connection: Connection, bundle: PlanBundle) -> list[Finding]:
    declared = {u.code for u in bundle.responsible_units}
    wanted = {c for k in bundle.tasks for c in (*k.lead_units, *k.co_units)} - declared
    known = declared | responsible_units.existing(connection, wanted)
    return [
        (
            ("tasks", i, field, j),
            f"responsible unit '{code}' is neither in this file nor in the database",
        )
        for i, task in enumerate(bundle.tasks)
        for field in ("lead_units", "co_units")
        for j, code in enumerate(getattr(task, field))
        if code not in known
    ]


def list_plans(app: Bioecon, *, actor: Principal) -> list[store.PlanSummary]:
    """Every plan whose region the caller's scope covers (its subtree's plans and those of
    the units above it) with its region, horizon and counts of targets and tasks, by code."""
    with app.reading(replica=True) as connection:
        ensure_current(connection)
        return store.list_plans(connection, reach(connection, actor, Action.READ))


def get_plan(app: Bioecon, *, actor: Principal, reference: str) -> PlanBundle:
    """The plan named by code or id, with everything its file declared."""
    with app.reading(replica=True) as connection:
        ensure_current(connection)
        return store.load_bundle(connection, stored_plan_id(connection, reference, actor))


@dataclass(frozen=True, slots=True)
class OrgUnitContext:
    """An org unit as a page around it needs it, from one read of the org-unit tree."""

    name: str
    children: list[tuple[str, str]]  # (code, name) of the units directly under it, for drill-down
    names: dict[str, str]  # every org unit's name by its code


def org_unit_context(app: Bioecon, *, actor: Principal, code: str) -> OrgUnitContext:
    """An org unit's name, its children and the names of the units the caller's scope
    covers, from one read of the tree; a unit outside the scope is not found."""
    with app.reading(replica=True) as connection:
        ensure_current(connection)
        require_readable(connection, actor, code, f"no org unit '{code}'")
        units = orgunits.reached_tree(connection, reach(connection, actor, Action.READ), cover=True)
    return OrgUnitContext(
        name=units[code].name,
        children=sorted((u.code, u.name) for u in units.values() if u.parent == code),
        names={unit_code: unit.name for unit_code, unit in units.items()},
    )


def delete_plan(
    app: Bioecon, *, actor: Principal, origin: str, reference: str, reason: str | None = None
) -> store.PlanDeletion:
    """Delete a plan (by code or id) and what belongs only to it: its targets, tasks and links,
    and the responsible units, indicators and org units it declared that nothing else uses.
    Observations and records other plans use stay. The caller must manage plans over its
    region; the deletion is recorded."""
    with app.transaction() as connection:
        ensure_current(connection)
        plan_id = managed_plan_id(connection, reference, actor)
        before = _summary(store.load_bundle(connection, plan_id))
        deletion = store.delete_plan(connection, plan_id)
        change = (deletion.code, AuditAction.DELETE, before, None)
        record(connection, actor, origin, AuditEntity.PLAN, [change], reason)
        return deletion
