"""How users and the history name one reported value: ``indicator/org_unit/period/basis``
(and ``/sector`` when it is one sector's), e.g. ``biomed_scale/430100/2025-06/ytd``.

One home for the form: the review steps key their events with :class:`ValueKey`, and a load
writes its events in SQL with the same parts in the same order (store.observation_staging).
"""

from __future__ import annotations

from dataclasses import dataclass

from bioecon.domain.model import ReportingBasis
from bioecon.domain.periods import Period

SEPARATOR = "/"
# the parts in the order they are joined; the sector comes last and only when it is not ''
PARTS = ("indicator", "org_unit", "period", "basis", "sector")


@dataclass(frozen=True, slots=True)
class ValueKey:
    """Which reported value: indicator, org unit, period, basis (and sector, '' for all)."""

    indicator: str
    org_unit: str
    period: Period
    basis: ReportingBasis
    sector: str = ""

    def __str__(self) -> str:
        parts = [self.indicator, self.org_unit, str(self.period), self.basis.value]
        return SEPARATOR.join([*parts, self.sector] if self.sector else parts)
