"""Onboarding: a plan document (.txt/.docx/.pdf) to a loaded plan in one use case — extract,
read title/region/period/code from the text, load (docs/onboarding.md)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from bioecon.app import Bioecon
from bioecon.domain.access import Principal
from bioecon.domain.model import PlanBundle
from bioecon.services.extraction import extract_document, extracted_plan
from bioecon.services.plans import PlanLoadReport, load_plan
from bioecon.store import orgunits
from bioecon.store.migrate import ensure_current


@dataclass(frozen=True, slots=True)
class OnboardReport:
    """What onboarding did: the plan as loaded and the load's outcome."""

    bundle: PlanBundle
    load: PlanLoadReport
    mapped: int  # targets with an indicator


def onboard_plan(
    app: Bioecon,
    *,
    actor: Principal,
    origin: str,
    source: Path,
    code: str | None = None,
    region: str | None = None,
    replace_plan: bool = False,
) -> OnboardReport:
    """Extract the plan of ``source`` and load it. Its region's org units are taken as stored
    where the database has them (their names, English names and levels are kept); another
    document under the same code is refused unless ``replace_plan``. The load checks the
    caller and is recorded as :func:`bioecon.services.plans.load_plan` does."""
    extraction = extract_document(source=source)
    bundle = extracted_plan(extraction=extraction, code=code, region=region)
    bundle = replace(
        _with_stored_org_units(app, bundle),
        plan=replace(bundle.plan, source_path=source.name),
    )
    report = load_plan(
        app, actor=actor, origin=origin, bundle=bundle, source=str(source), replace=replace_plan
    )
    mapped = sum(1 for target in bundle.targets if target.indicator)
    return OnboardReport(bundle, report, mapped)


def _with_stored_org_units(app: Bioecon, bundle: PlanBundle) -> PlanBundle:
    with app.reading() as connection:
        ensure_current(connection)
        stored = orgunits.tree(connection)
    return replace(bundle, org_units=tuple(stored.get(u.code, u) for u in bundle.org_units))
