"""Mapping use cases (`bioecon plan map`, ``GET /api/plans/{code}/mapping``): a plan's targets
without an indicator with ranked suggestions, and a person's choices applied in one
transaction. Rules: bioecon/data/indicator_mapping.yaml, docs/indicators.md."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from bioecon.app import Bioecon
from bioecon.catalogs import indicator_catalogue, mapping_rules, tier_catalogue, unit_registry
from bioecon.domain.access import Principal
from bioecon.domain.audit import AuditAction, AuditEntity
from bioecon.domain.catalogue import IndicatorSource
from bioecon.domain.mapping import ConfidenceClass, Suggestion, compatible, suggest
from bioecon.domain.model import Indicator, MappingMethod, PlanBundle, Target
from bioecon.domain.tiers import plan_rules
from bioecon.errors import InvalidValue, NotFound
from bioecon.services._audit import Change, record
from bioecon.services._plan_lookup import managed_plan_id, stored_plan_id
from bioecon.store import Connection, indicators
from bioecon.store import plans as store
from bioecon.store.migrate import ensure_current


@dataclass(frozen=True, slots=True)
class TargetSuggestions:
    """A target to map, with its ranked suggestions (best first)."""

    target: Target
    suggestions: list[Suggestion]


@dataclass(frozen=True, slots=True)
class AppliedChoice:
    """A choice written to the plan: the target, the indicator, and whether the plan now
    declares that indicator from the catalogue (the database did not have it)."""

    key: str
    indicator: str
    name: str
    confidence: Decimal
    declared: bool


def plan_mapping(
    app: Bioecon, *, actor: Principal, plan: str, include_mapped: bool = False
) -> list[TargetSuggestions]:
    """The plan's targets without an indicator (with ``include_mapped``, also those mapped
    below high confidence), each with its suggestions."""
    with app.reading() as connection:
        ensure_current(connection)
        bundle = store.load_bundle(connection, stored_plan_id(connection, plan, actor))
    return [
        TargetSuggestions(target, _suggestions(target, bundle))
        for target in bundle.targets
        if _needs_review(target, include_mapped)
    ]


@dataclass(frozen=True, slots=True)
class _Choice:
    code: str
    confidence: Decimal
    reason: str


def apply_mapping(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    plan: str,
    choices: Mapping[str, str] | None = None,
    accept: Decimal | None = None,
    include_mapped: bool = False,
) -> list[AppliedChoice]:
    """Set each ``choices`` target (key → indicator code; confidence ``manual``) and, with
    ``accept``, every listed target whose top suggestion has at least that confidence (kept
    with it); all recorded as ``manual``. Every choice is checked (the target, the code, the
    units) before anything is written; all are written in one transaction, each changed
    target with its audit event. The caller must manage plans over the plan's region."""
    with app.transaction() as connection:
        ensure_current(connection)
        bundle = store.load_bundle(connection, managed_plan_id(connection, plan, actor))
        by_key = {t.key: t for t in bundle.targets}
        chosen = _chosen(bundle, dict(choices or {}), accept, include_mapped)
        checked = {key: _checked(by_key, key, c.code, connection) for key, c in chosen.items()}
        declared = _declare(connection, bundle, set(checked.values()))
        targets = tuple(
            dataclasses.replace(
                t,
                indicator=chosen[t.key].code,
                mapping_method=MappingMethod.MANUAL,
                mapping_confidence=chosen[t.key].confidence,
                mapping_reason=chosen[t.key].reason,
            )
            if t.key in chosen
            else t
            for t in bundle.targets
        )
        new = dataclasses.replace(
            bundle, targets=targets, indicators=(*bundle.indicators, *declared)
        )
        store.save_plan(connection, new)
        changes = [_change(bundle.plan.code, by_key[t.key], t) for t in targets if t.key in chosen]
        record(connection, actor, origin, AuditEntity.MAPPING, [c for c in changes if c])
    codes = {i.code for i in declared}
    return [
        AppliedChoice(key, c.code, checked[key].name, c.confidence, c.code in codes)
        for key, c in chosen.items()
    ]


def _change(plan: str, old: Target, new: Target) -> Change | None:
    """A target's mapping change (``plan/target key``), or None when it stays the same."""
    before, after = _mapping_of(old), _mapping_of(new)
    if before == after:
        return None
    action = AuditAction.CREATE if old.indicator is None else AuditAction.UPDATE
    return (f"{plan}/{old.key}", action, before if old.indicator else None, after)


def _mapping_of(target: Target) -> dict[str, object]:
    return {
        "indicator": target.indicator,
        "method": target.mapping_method.value if target.mapping_method else None,
        "confidence": str(target.mapping_confidence)
        if target.mapping_confidence is not None
        else None,
        "reason": target.mapping_reason,
    }


def _needs_review(target: Target, include_mapped: bool) -> bool:
    """Unmapped; or, with ``include_mapped``, mapped with a recorded confidence below high
    (whoever chose it: an accepted weak suggestion stays weak). A target whose file gives an
    indicator without a confidence was mapped by a person and is not listed."""
    if target.indicator is None:
        return True
    if not include_mapped or target.mapping_confidence is None:
        return False
    return mapping_rules().level(target.mapping_confidence) is not ConfidenceClass.HIGH


def _suggestions(target: Target, bundle: PlanBundle) -> list[Suggestion]:
    tiers = plan_rules(tier_catalogue(), bundle.plan.tiers)
    return suggest(target, indicator_catalogue(), tiers, mapping_rules(), unit_registry())


def _chosen(
    bundle: PlanBundle, choices: dict[str, str], accept: Decimal | None, include_mapped: bool
) -> dict[str, _Choice]:
    """Key → choice: the explicit ones, then the top suggestions at ``accept`` or above."""
    manual = mapping_rules().manual
    found = {
        key: _Choice(code, manual, "人工选择 (bioecon plan map --set)")
        for key, code in choices.items()
    }
    if accept is None:
        return found
    for target in bundle.targets:
        if target.key in found or not _needs_review(target, include_mapped):
            continue
        top = _suggestions(target, bundle)[:1]
        if top and top[0].confidence >= accept:
            reason = f"人工接受建议 (--accept {accept}): {top[0].reason}"
            found[target.key] = _Choice(top[0].code, top[0].confidence, reason)
    return found


def _checked(
    targets: Mapping[str, Target], key: str, code: str, connection: Connection
) -> Indicator:
    """The indicator ``code`` names (catalogue, else database) if it can measure the target."""
    target = targets.get(key)
    if target is None:
        raise NotFound(f"目标 {key} 不在该规划中 (no target {key}; see `bioecon plan show`)")
    entry = indicator_catalogue().get(code)
    stored = indicators.by_code(connection, [code]).get(code) if entry is None else None
    indicator = entry.indicator if entry else stored[1] if stored else None
    if indicator is None:
        raise InvalidValue(
            f"目标 {key}: 指标 {code} 不在指标目录中，数据库中也没有 (unknown indicator {code}; "
            "see docs/indicators.md)"
        )
    if not compatible(target, indicator.unit, mapping_rules(), unit_registry()):
        raise InvalidValue(
            f"目标 {key}: 指标 {code} 的单位“{indicator.unit}”不能计量单位为“{target.unit}”的目标 "
            f"(unit {indicator.unit} cannot measure a target in {target.unit})"
        )
    return indicator


def _declare(connection: Connection, bundle: PlanBundle, chosen: set[Indicator]) -> list[Indicator]:
    """Catalogue indicators the choices need and the database lacks: registry ones stored (as
    plan loads do), the others declared in the plan; returns the declared ones."""
    have = {i.code for i in bundle.indicators} | indicators.existing(
        connection, {i.code for i in chosen}
    )
    missing = sorted((i for i in chosen if i.code not in have), key=lambda i: i.code)
    catalogue = indicator_catalogue()
    registry = [i for i in missing if catalogue[i.code].source is IndicatorSource.REGISTRY]
    indicators.upsert(connection, registry)
    return [i for i in missing if i not in registry]
