"""企业梯次 (enterprise tiers): rules as data (bioecon/data/tiers.yaml), checked by the store in SQL."""

from __future__ import annotations

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

    @property
    def indicator(self) -> str:
        return TIER_INDICATOR_PREFIX + self.code

    @property
    def uses_figures(self) -> bool:
        """Whether membership depends on a year's figures (else on flags held on a day)."""
        return self.flag is None


def tier_rules(records: list[dict[str, Any]]) -> dict[str, TierRule]:
    rules: dict[str, TierRule] = {}
    for record in records:
        code = str(record["code"])
        kinds = [k for k in ("revenue_at_least", "flag", "gazelle", "unicorn") if k in record]
        if len(kinds) != 1:
            raise InvalidValue(
                f"tier {code}: give exactly one of revenue_at_least, flag, gazelle, unicorn"
            )
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
        )
    return rules


def tier_of_indicator(indicator: str | None) -> str | None:
    """``tier.revenue_100yi`` → ``revenue_100yi``; None for other indicators."""
    if indicator and indicator.startswith(TIER_INDICATOR_PREFIX):
        return indicator[len(TIER_INDICATOR_PREFIX) :]
    return None


def plan_rules(
    catalogue: dict[str, TierRule], plan_tiers: list[dict[str, Any]] | None
) -> dict[str, TierRule]:
    """The catalogue with a plan's own rules over it (same code: the plan's rule wins)."""
    return {**catalogue, **tier_rules(plan_tiers or [])}
