"""The bound of an indicator's values (bounds.yaml), as a data file's cell and an entry
form's field are both checked against it."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from bioecon.catalogs import unit_registry, value_bounds
from bioecon.domain.bounds import value_problem
from bioecon.domain.model import Indicator


def bound_problem(indicator: Indicator, value: Decimal) -> str | None:
    """Why ``indicator`` cannot hold ``value`` (a negative amount or count, a share above
    100 % …), or None."""
    return value_problem(value_bounds()[1], indicator.code, dimension_of(indicator.unit), value)


@lru_cache(maxsize=512)
def dimension_of(unit: str) -> str:
    """The unit's dimension in the unit registry ('' for a unit it does not know)."""
    registry = unit_registry()
    return registry.get(unit).dimension if unit in registry else ""
