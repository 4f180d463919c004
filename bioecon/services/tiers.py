"""Tier use case (`bioecon tiers`): who is in each tier in a year, and how many."""

from __future__ import annotations

from dataclasses import dataclass

from bioecon.app import Bioecon
from bioecon.catalogs import tier_catalogue
from bioecon.domain.tiers import TierRule, plan_rules
from bioecon.errors import NotFound
from bioecon.services._plan_lookup import stored_plan_id
from bioecon.store import orgunits
from bioecon.store import tiers as store
from bioecon.store.migrate import ensure_current
from bioecon.store.plans import load_bundle


@dataclass(frozen=True, slots=True)
class TierResult:
    rule: TierRule
    members: list[store.TierMember]


def tier_report(
    app: Bioecon,
    *,
    year: int,
    org_unit: str | None = None,
    sector: str | None = None,
    tiers: list[str] | None = None,
    plan: str | None = None,
) -> list[TierResult]:
    """Members of each tier; with ``plan``, that plan's own rules over the catalogue."""
    catalogue = tier_catalogue()
    if plan is not None:
        with app.reading() as connection:
            ensure_current(connection)
            plan_id = stored_plan_id(connection, plan)
            catalogue = plan_rules(catalogue, load_bundle(connection, plan_id).plan.tiers)
    unknown = [code for code in tiers or [] if code not in catalogue]
    if unknown:
        raise NotFound(f"no tier {', '.join(unknown)}; tiers: {', '.join(catalogue)}")
    with app.reading() as connection:
        ensure_current(connection)
        if org_unit is not None and not orgunits.ids(connection, [org_unit]):
            raise NotFound(f"no org unit '{org_unit}'")
        return [
            TierResult(
                rule, store.members(connection, rule, year=year, org_unit=org_unit, sector=sector)
            )
            for code, rule in catalogue.items()
            if tiers is None or code in tiers
        ]
