"""计量单位 (units): 元/万元/亿元, 亿美元, counts (家, 个, 人, 件 ...), percentages.

Units are data (``bioecon/data/units.yaml``, read by :mod:`bioecon.catalogs`); this module
holds the rules. Two units convert only when they measure the same dimension; the factor
is exact, so ``convert(Decimal("1.5"), 亿元 → 万元)`` is exactly ``15000``. Count units do
not convert into one another: 家 counts enterprises, 个 counts platforms, and a plan that
says 10户 means ten households-or-firms, not ten 家 — so each count word is its own dimension.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, Inexact, localcontext

from bioecon.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit: its symbol as written, English name, dimension and exact factor to the base."""

    symbol: str
    name_en: str
    dimension: str
    factor: Decimal
    aliases: tuple[str, ...] = ()


class UnitRegistry:
    """All known units, looked up by symbol or alias (万 → 万元 is *not* an alias: 万 alone is
    a multiplier, not a unit)."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self._by_name: dict[str, Unit] = {}
        for unit in units:
            for name in (unit.symbol, *unit.aliases):
                if name in self._by_name:
                    raise InvalidValue(f"unit name '{name}' is defined twice")
                self._by_name[name] = unit

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def get(self, name: str) -> Unit:
        try:
            return self._by_name[name.strip()]
        except KeyError:
            known = "、".join(sorted({u.symbol for u in self._by_name.values()}))
            raise InvalidValue(f"unknown unit '{name}'; known units: {known}") from None

    def canonical(self, name: str) -> str:
        """The registry's own symbol for ``name`` (an alias such as 億元 gives 亿元)."""
        return self.get(name).symbol

    def convert(self, value: Decimal, from_unit: str, to_unit: str) -> Decimal:
        """Convert exactly; raises :class:`InvalidValue` across dimensions."""
        source, target = self.get(from_unit), self.get(to_unit)
        if source.dimension != target.dimension:
            raise InvalidValue(
                f"cannot convert {source.symbol} ({source.dimension}) "
                f"to {target.symbol} ({target.dimension})"
            )
        if source == target:
            return value
        with localcontext() as context:
            context.prec = 60
            context.traps[Inexact] = True
            try:
                return value * source.factor / target.factor
            except Inexact:
                raise InvalidValue(
                    f"{value} {source.symbol} has no exact value in {target.symbol}"
                ) from None

    def symbols(self) -> list[str]:
        return sorted({unit.symbol for unit in self._by_name.values()})

    def measures(self, name: str, *dimension_prefixes: str) -> bool:
        """Whether ``name`` is a known unit whose dimension starts with one of the prefixes
        (``measures("亿美元", "money_")``); an unknown name measures nothing."""
        unit = self._by_name.get(name.strip())
        return unit is not None and unit.dimension.startswith(dimension_prefixes)

    def is_count(self, name: str) -> bool:
        """Whether ``name`` counts things (家, 个, 座 …: a ``count_*`` dimension)."""
        return self.measures(name, "count_")

    def names(self, *dimension_prefixes: str) -> list[str]:
        """Every symbol and alias of the units of those dimensions, longest first (the order a
        regular-expression alternation needs, so 亿美元 is tried before 美元)."""
        return sorted(
            (n for n in self._by_name if self.measures(n, *dimension_prefixes)),
            key=lambda n: (-len(n), n),
        )

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, object]]) -> UnitRegistry:
        units = []
        for record in records:
            aliases = record.get("aliases") or []
            if not isinstance(aliases, list):
                raise InvalidValue(f"unit {record.get('symbol')}: aliases must be a list")
            units.append(
                Unit(
                    symbol=str(record["symbol"]),
                    name_en=str(record["name_en"]),
                    dimension=str(record["dimension"]),
                    factor=Decimal(str(record["factor"])),
                    aliases=tuple(str(a) for a in aliases),
                )
            )
        return cls(units)
