"""Tier use case (`bioecon tiers`): who is in each tier in a year, and how many."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bioecon.app import Bioecon
from bioecon.catalogs import tier_catalogue
from bioecon.domain.access import Action, Principal
from bioecon.domain.tiers import TierRule, plan_rules
from bioecon.errors import NotFound
from bioecon.services._plan_lookup import stored_plan_id
from bioecon.services._scope import financial_units, reach, require_readable
from bioecon.store import Connection
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
    actor: Principal,
    year: int,
    org_unit: str | None = None,
    sector: str | None = None,
    tiers: list[str] | None = None,
    plan: str | None = None,
) -> list[TierResult]:
    """Members of each tier in the caller's scope (revenue blank unless it may read the
    financial fields); with ``plan``, that plan's own rules over the catalogue."""
    catalogue = tier_catalogue()
    if plan is not None:
        with app.reading(replica=True) as connection:
            ensure_current(connection)
            plan_id = stored_plan_id(connection, plan, actor)
            catalogue = plan_rules(catalogue, load_bundle(connection, plan_id).plan.tiers)
    unknown = [code for code in tiers or [] if code not in catalogue]
    if unknown:
        raise NotFound(f"no tier {', '.join(unknown)}; tiers: {', '.join(catalogue)}")
    with app.reading(replica=True) as connection:
        ensure_current(connection)
        if org_unit is not None:
            require_readable(connection, actor, org_unit, f"no org unit '{org_unit}'")
        scope = reach(connection, actor, Action.READ)
        if scope.nowhere:
            return [TierResult(r, []) for c, r in catalogue.items() if tiers is None or c in tiers]
        under = org_unit or scope.root  # the scope is a subtree: the nearer one is inside it
        return [
            TierResult(
                rule,
                _shown(
                    connection,
                    actor,
                    store.members(connection, rule, year=year, org_unit=under, sector=sector),
                ),
            )
            for code, rule in catalogue.items()
            if tiers is None or code in tiers
        ]


def _shown(
    connection: Connection, actor: Principal, members: list[store.TierMember]
) -> list[store.TierMember]:
    """The members with their revenue where the caller may read it; without it, by credit
    code (a ranking by revenue would tell it)."""
    shown = financial_units(connection, actor, (m.org_unit for m in members))
    if all(m.org_unit in shown for m in members):
        return members
    blanked = [m if m.org_unit in shown else replace(m, revenue=None) for m in members]
    return sorted(blanked, key=lambda m: (m.revenue is None, m.uscc))
