"""The reviewed correction files of the demo's seed plans (人工校正),
``bioecon/data/demo/corrections/<plan>.yaml``, applied to what the extractor read.

- ``corrections``: by target key, the fields that replace the extracted ones, each with its
  ``why``; guarded by a fragment of the target's quote (a correction whose guard no longer
  matches the extraction is not applied); ``drop: true`` removes a restatement. A correction
  linking an indicator the catalogue does not hold (``catalogs.indicator_catalogue()``) is not
  applied either, and the build log says so: the plan would not load with it.
- ``tasks``: tasks the extractor does not find because their text has no 责任单位 marker (天门's
  领导小组 and 专题协调组, 长春's 工程 lists), each traced to its span of the text (``start`` and
  ``quote``, which must be the text's slice there) with the units the text names; their keys
  continue after the extracted tasks' (K01 …).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from bioecon.catalogs import read_data_file
from bioecon.domain.corrections import FieldChange, correction_note
from bioecon.domain.model import MappingMethod, PlanBundle, ResponsibleUnit, Target, Task
from bioecon.errors import InvalidValue
from bioecon.records import copy_into

_NOT_FIELDS = ("quote", "why", "drop")


@dataclass(frozen=True, slots=True)
class Correction:
    key: str
    fields: dict[str, Any]
    quote: str
    why: str
    drop: bool


@dataclass(frozen=True, slots=True)
class ReviewedTask:
    heading: str
    section: str
    start: int
    quote: str
    lead_units: tuple[str, ...]  # unit names as the text writes them
    co_units: tuple[str, ...]
    why: str


@dataclass(frozen=True, slots=True)
class Review:
    corrections: list[Correction]
    tasks: list[ReviewedTask]


@dataclass(frozen=True, slots=True)
class Corrected:
    targets: list[Target]
    applied: int  # fields changed and targets dropped
    skipped: list[str]  # corrections not applied because their indicator is not catalogued


def read_review(plan: str) -> Review:
    """The correction file of ``plan``."""
    data = read_data_file(f"demo/corrections/{plan}.yaml")
    corrections = [
        Correction(
            key,
            {k: v for k, v in fields.items() if k not in _NOT_FIELDS},
            str(fields.get("quote", "")),
            str(fields.get("why", "")),
            bool(fields.get("drop")),
        )
        for key, fields in (data.get("corrections") or {}).items()
    ]
    tasks = [
        ReviewedTask(
            heading=str(task["heading"]),
            section=str(task["section"]),
            start=int(task["start"]),
            quote=str(task["quote"]),
            lead_units=tuple(str(u) for u in task.get("lead_units") or ()),
            co_units=tuple(str(u) for u in task.get("co_units") or ()),
            why=str(task["why"]),
        )
        for task in data.get("tasks") or []
    ]
    return Review(corrections, tasks)


def corrected(
    targets: tuple[Target, ...], corrections: list[Correction], catalogued: set[str]
) -> Corrected:
    """The targets with the corrections that still apply; each applied correction keeps the
    extracted values in the target's note."""
    by_key = {c.key: c for c in corrections}
    result: list[Target] = []
    applied = 0
    skipped: list[str] = []
    for target in targets:
        correction = by_key.get(target.key)
        if (
            correction is None
            or target.source is None
            or correction.quote not in target.source.quote
        ):
            result.append(target)  # none, or the extraction changed: it no longer applies
            continue
        indicator = correction.fields.get("indicator")
        if indicator is not None and indicator not in catalogued:
            skipped.append(f"{target.key} → {indicator}")
            result.append(target)
            continue
        if correction.drop:
            applied += 1
            continue
        changes = {k: v for k, v in correction.fields.items() if getattr(target, k) != v}
        applied += len(changes)
        result.append(_changed(target, changes, correction.why) if changes else target)
    return Corrected(result, applied, skipped)


def _changed(target: Target, changes: dict[str, Any], why: str) -> Target:
    note = correction_note(
        why,
        [
            FieldChange(k, None if getattr(target, k) is None else str(getattr(target, k)), str(v))
            for k, v in changes.items()
        ],
    )
    if "indicator" in changes:  # a reviewer chose the indicator: recorded as a manual mapping
        changes |= {
            "mapping_method": MappingMethod.MANUAL,
            "mapping_confidence": Decimal(1),
            "mapping_reason": f"人工校正: {why}",
        }
    return copy_into(Target, target, **changes, note=note)  # kind: str → TargetKind


def with_tasks(bundle: PlanBundle, tasks: list[ReviewedTask], unit_prefix: str) -> PlanBundle:
    """``bundle`` with the reviewed tasks after the extracted ones and the units they name
    (new names get the next codes after the extracted units')."""
    text = bundle.plan.source_text or ""
    units = {u.name: u.code for u in bundle.responsible_units}
    added: list[ResponsibleUnit] = []
    for name in (n for task in tasks for n in (*task.lead_units, *task.co_units)):
        if name not in units:
            units[name] = f"{unit_prefix}{len(units) + 1:02d}"
            added.append(ResponsibleUnit(units[name], name, bundle.plan.region))
    first = len(bundle.tasks) + 1
    reviewed = []
    for n, task in enumerate(tasks, start=first):
        if text[task.start : task.start + len(task.quote)] != task.quote:
            raise InvalidValue(
                f"{bundle.plan.code} task {task.heading}: the text at {task.start} is not its quote"
            )
        reviewed.append(
            Task(
                key=f"K{n:02d}",
                heading=task.heading,
                section=task.section,
                text=task.quote,
                lead_units=tuple(units[u] for u in task.lead_units),
                co_units=tuple(units[u] for u in task.co_units),
                start=task.start,
            )
        )
    return replace(
        bundle,
        responsible_units=(*bundle.responsible_units, *added),
        tasks=(*bundle.tasks, *reviewed),
    )
