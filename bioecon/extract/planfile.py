"""An extraction as a plan (PlanBundle), ready to be written as a plan file and reviewed."""

from __future__ import annotations

import hashlib
from typing import Any

from bioecon.catalogs import indicator_catalogue, mapping_rules, tier_catalogue, unit_registry
from bioecon.domain.catalogue import IndicatorSource
from bioecon.domain.mapping import ConfidenceClass, Suggestion, best, suggest
from bioecon.domain.model import (
    Plan,
    PlanBundle,
    ResponsibleUnit,
    SourceSpan,
    Target,
    Task,
)
from bioecon.extract.plan_meta import read_plan_meta
from bioecon.extract.targets import ExtractedTarget
from bioecon.extract.tasks import ExtractedTask


def map_indicator(target: ExtractedTarget) -> Suggestion | None:
    """The indicator a mapping rule gives ``target`` with high confidence (fuzzy and weaker
    suggestions wait for `bioecon plan map`)."""
    found = suggest(
        target, indicator_catalogue(), tier_catalogue(), mapping_rules(), unit_registry()
    )
    return best(found, ConfidenceClass.HIGH)


def to_bundle(
    text: str,
    targets: list[ExtractedTarget],
    tasks: list[ExtractedTask],
    *,
    code: str | None = None,
    region: str | None = None,
    name: str | None = None,
    unit_prefix: str | None = None,
) -> PlanBundle:
    """The extraction as a plan. Title, issuer, period, region and code are read from the text
    (bioecon/extract/plan_meta.py); ``code`` and ``region`` (an org unit code) override them,
    ``name`` (the file's name) is the title when the text has none. Responsible units are coded
    ``<plan code>-RU01`` …, so that two plans' units never share a code."""
    meta = read_plan_meta(
        text, years=[t.year for t in targets if t.year], code=code, region=region, name=name
    )
    prefix = unit_prefix if unit_prefix is not None else f"{meta.code}-RU"
    units: dict[str, str] = {}
    for task in tasks:
        for unit in task.units:
            units.setdefault(unit, f"{prefix}{len(units) + 1:02d}")
    mapped = {id(t): map_indicator(t) for t in targets}
    catalogue = indicator_catalogue()
    used = sorted(  # register indicators are stored from the catalogue on load (services/plans.py)
        {m.code for m in mapped.values() if m and m.source is IndicatorSource.LEDGER}
    )
    return PlanBundle(
        plan=Plan(
            code=meta.code,
            title=meta.title,
            region=meta.region,
            issuer=meta.issuer,
            issued_on=meta.issued_on,
            horizon_start=meta.horizon_start,
            horizon_end=meta.horizon_end,
            source_text=text,
            source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        ),
        org_units=meta.org_units,
        responsible_units=tuple(ResponsibleUnit(c, n, meta.region) for n, c in units.items()),
        indicators=tuple(catalogue[c].indicator for c in used),
        targets=tuple(
            Target(
                key=f"T{n:02d}",
                metric=t.metric or t.quote,
                kind=t.kind,
                op=t.op,
                value=t.value,
                value_high=t.value_high,
                unit=t.unit,
                **_mapping_fields(mapped[id(t)]),
                subject=t.subject,
                qualifier=t.qualifier,
                baseline_value=t.base_value,
                baseline_year=t.base_year,
                deadline_year=t.year,
                nature=t.nature,
                source=SourceSpan(t.quote, t.start, t.end),
                note="自动抽取，待审核 (extracted automatically; review before use)",
            )
            for n, t in enumerate(targets, start=1)
        ),
        tasks=tuple(
            Task(
                key=f"K{n:02d}",
                heading=task.heading or "(无标题)",
                section=task.section or None,
                lead_units=tuple(units[u] for u in _leads(task)),
                co_units=tuple(
                    dict.fromkeys(units[u] for u in task.units if u not in _leads(task))
                ),
                start=task.start,
            )
            for n, task in enumerate(tasks, start=1)
        ),
    )


def _mapping_fields(found: Suggestion | None) -> dict[str, Any]:
    """The target's indicator and how it was found (none: left for `bioecon plan map`)."""
    return {
        "indicator": found.code if found else None,
        "mapping_method": found.method if found else None,
        "mapping_confidence": found.confidence if found else None,
        "mapping_reason": found.reason if found else None,
    }


def _leads(task: ExtractedTask) -> tuple[str, ...]:
    """The units that lead the task: those the text marks (☆, 牵头), else the first listed."""
    return task.lead or tuple(task.units[:1])
