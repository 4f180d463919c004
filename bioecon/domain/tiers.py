"""企业梯次 (enterprise tiers): rules as data (bioecon/data/tiers.yaml), checked by the store in SQL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bioecon.errors import InvalidValue

TIER_INDICATOR_PREFIX = "tier."


@dataclass(frozen=True, slots=True)
class TierRule:
    code: str
    name: str
    revenue_at_least: Decimal | None = None  # 万元
    industry_divisions: tuple[str, str] | None = None  # GB/T 4754 divisions, inclusive
    flag: str | None = None
    gazelle: dict[str, Decimal] = field(default_factory=dict)
    unicorn: dict[str, Any] = field(default_factory=dict)
    any_of: tuple[TierRule, ...] = ()  # a union: members of any of these, each counted once
    every: bool = False  # ``all: true``: every enterprise registered (founded) by the day

    @property
    def indicator(self) -> str:
        return TIER_INDICATOR_PREFIX + self.code

    @property
    def uses_figures(self) -> bool:
        """Whether membership depends on a year's figures (else on flags held, or on being
        registered, on a day); a union does when any of its tiers does."""
        if self.any_of:
            return any(rule.uses_figures for rule in self.any_of)
        return self.flag is None and not self.every

    @property
    def flags(self) -> tuple[str, ...]:
        """The flags membership depends on (a union's: its tiers')."""
        own = (self.flag,) if self.flag is not None else ()
        return own + tuple(f for rule in self.any_of for f in rule.flags)


_KINDS = ("revenue_at_least", "flag", "gazelle", "unicorn", "any_of", "all")


def tier_rules(
    records: list[dict[str, Any]], known: Mapping[str, TierRule] | None = None
) -> dict[str, TierRule]:
    """The rules of ``records`` by code; a union (``any_of``) names tiers listed before it or
    in ``known`` (the catalogue a plan's own rules extend)."""
    rules: dict[str, TierRule] = {}
    for record in records:
        code = str(record["code"])
        kinds = [k for k in _KINDS if k in record]
        if len(kinds) != 1:
            raise InvalidValue(f"tier {code}: give exactly one of {', '.join(_KINDS)}")
        if record.get("all") is False:
            raise InvalidValue(f"tier {code}: all takes true (every registered enterprise)")
        divisions = record.get("industry_divisions")
        rules[code] = TierRule(
            code=code,
            name=str(record["name"]),
            revenue_at_least=Decimal(str(record["revenue_at_least"]))
            if "revenue_at_least" in record
            else None,
            industry_divisions=(str(divisions[0]), str(divisions[1])) if divisions else None,
            flag=str(record["flag"]) if "flag" in record else None,
            gazelle={k: Decimal(str(v)) for k, v in (record.get("gazelle") or {}).items()},
            unicorn=dict(record.get("unicorn") or {}),
            any_of=_members(code, record.get("any_of") or [], {**(known or {}), **rules}),
            every=bool(record.get("all")),
        )
    return rules


def _members(code: str, names: list[str], rules: Mapping[str, TierRule]) -> tuple[TierRule, ...]:
    unknown = [str(n) for n in names if str(n) not in rules]
    if unknown:
        raise InvalidValue(f"tier {code}: any_of names unknown tiers {', '.join(unknown)}")
    if len(set(names)) != len(names) or (names and len(names) < 2):
        raise InvalidValue(f"tier {code}: any_of lists two or more different tiers")
    return tuple(rules[str(n)] for n in names)


def tier_of_indicator(indicator: str | None) -> str | None:
    """``tier.revenue_100yi`` → ``revenue_100yi``; None for other indicators."""
    if indicator and indicator.startswith(TIER_INDICATOR_PREFIX):
        return indicator[len(TIER_INDICATOR_PREFIX) :]
    return None


def plan_rules(
    catalogue: dict[str, TierRule], plan_tiers: list[dict[str, Any]] | None
) -> dict[str, TierRule]:
    """The catalogue with a plan's own rules over it (same code: the plan's rule wins)."""
    return {**catalogue, **tier_rules(plan_tiers or [], catalogue)}
