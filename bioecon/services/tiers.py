"""Tier use case (`bioecon tiers`): who is in each tier in a year, and how many."""

from __future__ import annotations

from dataclasses import dataclass

from bioecon.app import Bioecon
from bioecon.catalogs import tier_catalogue
from bioecon.domain.tiers import TierRule
from bioecon.errors import NotFound
from bioecon.store import tiers as store
from bioecon.store.migrate import ensure_current
from bioecon.store.observations import org_unit_ids


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
) -> list[TierResult]:
    catalogue = tier_catalogue()
    unknown = [code for code in tiers or [] if code not in catalogue]
    if unknown:
        raise NotFound(f"no tier {', '.join(unknown)}; tiers: {', '.join(catalogue)}")
    with app.reading() as connection:
        ensure_current(connection)
        if org_unit is not None and not org_unit_ids(connection, [org_unit]):
            raise NotFound(f"no org unit '{org_unit}'")
        return [
            TierResult(
                rule, store.members(connection, rule, year=year, org_unit=org_unit, sector=sector)
            )
            for code, rule in catalogue.items()
            if tiers is None or code in tiers
        ]
