"""A match of the candidate pattern read by the stages in order: doubling, rejections (reading.py,
structure.py, timing.py), thresholds (thresholds.py), then the value and op (reading.py)."""

from __future__ import annotations

from bioecon.extract.rules import structure, timing
from bioecon.extract.rules.base import Decision, first, rejected, taken
from bioecon.extract.rules.reading import (
    DOUBLING,
    Candidate,
    ReadSite,
    read_amount,
)
from bioecon.extract.rules.reading import REJECTIONS as READING_REJECTIONS
from bioecon.extract.rules.thresholds import THRESHOLDS, threshold_outcome

REJECTIONS = (*READING_REJECTIONS, *structure.REJECTIONS, *timing.REJECTIONS)


def read_candidate(site: ReadSite, decisions: list[Decision]) -> Candidate | None:
    """The candidate the rules take from ``site``, or None (rejected or a class threshold:
    the last decision says which)."""
    doubled = first((DOUBLING,), site, decisions, taken)
    if doubled is not None:
        return doubled
    if first(REJECTIONS, site, decisions, rejected):
        return None
    if first(THRESHOLDS, site, decisions, threshold_outcome):
        return None
    return read_amount(site, decisions)
