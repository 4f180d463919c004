"""指标关联 (mapping a target to a catalogue indicator): ranked suggestions with a confidence.

Pure: the rules come from ``bioecon/data/indicator_mapping.yaml`` (read by
:func:`bioecon.catalogs.mapping_rules`), the catalogue from ``indicators.yaml``/``tiers.yaml``.
Rule matches come first (highest confidence, then the word found first), then indicators whose
name or alias resembles the target's metric (rapidfuzz); an indicator whose unit cannot measure
the target's is never suggested. docs/indicators.md describes the rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol

from rapidfuzz import fuzz

from bioecon.domain.amounts import canonical_decimal
from bioecon.domain.catalogue import CatalogueEntry, IndicatorSource
from bioecon.domain.model import MappingMethod, TargetKind
from bioecon.domain.tiers import TierRule
from bioecon.domain.units import UnitRegistry
from bioecon.errors import InvalidValue

_CENT = Decimal("0.01")


class ConfidenceClass(StrEnum):
    """置信度: high (applied by extraction), medium, low (低置信度 on the plan page)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Measured(Protocol):
    """What mapping reads of a target (an extracted one or a plan's)."""

    @property
    def subject(self) -> str | None: ...
    @property
    def metric(self) -> str: ...
    @property
    def qualifier(self) -> str | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def kind(self) -> TargetKind: ...


@dataclass(frozen=True, slots=True)
class MappingRule:
    """One rule: every non-empty word group finds a word in the target's text."""

    indicator: str  # empty for a band rule: the band's tier is the indicator
    confidence: Decimal
    reason: str
    subject: tuple[str, ...] = ()
    metric: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    band: str | None = None  # "revenue": an amount in 亿元 equal to a revenue tier's threshold


@dataclass(frozen=True, slots=True)
class UnitGroup:
    """Units that count the same things; with ``when``, only for a target naming one of them."""

    units: frozenset[str]
    when: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MappingRules:
    rules: tuple[MappingRule, ...]
    verbs: tuple[str, ...]
    scope_words: tuple[str, ...]
    unit_groups: tuple[UnitGroup, ...]
    high: Decimal
    medium: Decimal
    fuzzy_scale: Decimal
    min_similarity: float
    manual: Decimal
    suggestions: int

    def level(self, confidence: Decimal) -> ConfidenceClass:
        if confidence >= self.high:
            return ConfidenceClass.HIGH
        if confidence >= self.medium:
            return ConfidenceClass.MEDIUM
        return ConfidenceClass.LOW


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A candidate indicator for a target, with how and why it was found."""

    code: str
    name: str
    source: IndicatorSource
    unit: str
    confidence: Decimal
    method: MappingMethod
    reason: str
    level: ConfidenceClass


def rules_of(data: Mapping[str, Any]) -> MappingRules:
    """The rules of ``indicator_mapping.yaml``."""
    confidence = data["confidence"]
    rules = tuple(_rule(r) for r in data["rules"])
    return MappingRules(
        rules=rules,
        verbs=tuple(sorted(map(str, data["verbs"]), key=len, reverse=True)),
        scope_words=tuple(sorted(map(str, data["scope_words"]), key=len, reverse=True)),
        unit_groups=tuple(
            UnitGroup(frozenset(map(str, g["units"])), tuple(map(str, g.get("when") or ())))
            for g in data["unit_groups"]
        ),
        high=Decimal(str(confidence["high"])),
        medium=Decimal(str(confidence["medium"])),
        fuzzy_scale=Decimal(str(confidence["fuzzy_scale"])),
        min_similarity=float(confidence["min_similarity"]),
        manual=canonical_decimal(Decimal(str(confidence["manual"]))),
        suggestions=int(confidence["suggestions"]),
    )


def _rule(record: Mapping[str, Any]) -> MappingRule:
    words = {
        k: tuple(map(str, record.get(k) or ())) for k in ("subject", "metric", "all", "unless")
    }
    rule = MappingRule(
        indicator=str(record.get("indicator") or ""),
        confidence=Decimal(str(record["confidence"])).quantize(_CENT),
        reason=str(record["reason"]),
        band=record.get("band"),
        **words,
    )
    if not (rule.subject or rule.metric or rule.all or rule.band):
        raise InvalidValue(f"mapping rule {rule.indicator}: give words or a band")
    if not Decimal(0) < rule.confidence <= 1:
        raise InvalidValue(f"mapping rule {rule.indicator}: confidence is in (0, 1]")
    if rule.band not in (None, "revenue"):
        raise InvalidValue(f"mapping rule {rule.indicator}: unknown band {rule.band}")
    if bool(rule.band) == bool(rule.indicator):
        raise InvalidValue(
            f"mapping rule {rule.indicator or rule.reason}: a band rule names no indicator "
            "(the band's tier is the one), every other rule names one"
        )
    return rule


def check_rules(rules: MappingRules, catalogue: Mapping[str, CatalogueEntry]) -> None:
    """Every rule names an indicator of the catalogue (a band rule: any revenue tier)."""
    unknown = [r.indicator for r in rules.rules if r.indicator and r.indicator not in catalogue]
    if unknown:
        raise InvalidValue(f"mapping rules name unknown indicators: {', '.join(unknown)}")


def compatible(
    target: Measured, indicator_unit: str, rules: MappingRules, units: UnitRegistry
) -> bool:
    """Whether an indicator in ``indicator_unit`` can measure ``target``: the same unit
    (aliases too), or both units in one of ``unit_groups`` whose ``when`` words (if any) the
    target's text holds (家 and 户; 个 and 家 for 企业 or 平台); a 翻番 target (倍) multiplies a
    level in any unit but %."""
    if target.unit not in units or indicator_unit not in units:
        return False
    if target.kind is TargetKind.MULTIPLE:
        return not units.measures(indicator_unit, "ratio")
    own, other = units.canonical(target.unit), units.canonical(indicator_unit)
    if own == other:
        return True
    text = cleaned(target, rules)
    return any(
        own in g.units and other in g.units and (not g.when or any(w in text for w in g.when))
        for g in rules.unit_groups
    )


def suggest(
    target: Measured,
    catalogue: Mapping[str, CatalogueEntry],
    tiers: Mapping[str, TierRule],
    rules: MappingRules,
    units: UnitRegistry,
) -> list[Suggestion]:
    """Ranked suggestions for ``target``: rule matches, then fuzzy ones, at most
    ``rules.suggestions``; none for a funding rule."""
    if target.kind is TargetKind.POLICY_RULE:
        return []

    def fits(code: str) -> bool:
        entry = catalogue.get(code)
        return entry is not None and compatible(target, entry.indicator.unit, rules, units)

    text = cleaned(target, rules)
    ranked = _rule_matches(target, text, tiers, rules)
    found = [
        _suggestion(catalogue[code], confidence, MappingMethod.RULE, reason, rules)
        for code, confidence, reason in ranked
        if fits(code)
    ]
    seen = {s.code for s in found}
    fuzzy = [s for s in _fuzzy(text, catalogue, rules) if s.code not in seen and fits(s.code)]
    return _unique([*found, *fuzzy])[: rules.suggestions]


def best(suggestions: Sequence[Suggestion], at_least: ConfidenceClass) -> Suggestion | None:
    """The top rule suggestion if its class is ``at_least`` or better (extraction applies high
    rule matches only; a fuzzy match always waits for a person)."""
    order = list(ConfidenceClass)  # high, medium, low
    top = suggestions[0] if suggestions else None
    if top and top.method is MappingMethod.RULE and order.index(top.level) <= order.index(at_least):
        return top
    return None


def cleaned(target: Measured, rules: MappingRules) -> str:
    """The target's subject, metric and qualifier, without verbs and scope words."""
    text = " ".join(p for p in (target.subject, target.metric, target.qualifier) if p)
    for word in (*rules.verbs, *rules.scope_words):
        text = text.replace(word, "")
    return re.sub(r"\s+", " ", text).strip()


def _rule_matches(
    target: Measured, text: str, tiers: Mapping[str, TierRule], rules: MappingRules
) -> list[tuple[str, Decimal, str]]:
    """(indicator, confidence, reason) of each matching rule, best first: confidence, then the
    position of the first word it found in the text."""
    matches: list[tuple[Decimal, int, str, str]] = []
    for rule in rules.rules:
        if any(w in text for w in rule.unless):
            continue
        if rule.band is not None:
            band = _revenue_band(target, tiers)
            if band is not None:
                matches.append((rule.confidence, 0, band[0], f"{rule.reason}: {band[1]}"))
            continue
        position = _position(rule, text)
        if position is not None:
            matches.append((rule.confidence, position, rule.indicator, rule.reason))
    matches.sort(key=lambda m: (-m[0], m[1]))
    return [(code, confidence, reason) for confidence, _, code, reason in matches]


def _position(rule: MappingRule, text: str) -> int | None:
    """Where the rule's first found word sits, if every group finds one; else None."""
    positions: list[int] = []
    for group in (rule.subject, rule.metric):
        if group:
            found = [text.find(w) for w in group if w in text]
            if not found:
                return None
            positions.append(min(found))
    if not all(w in text for w in rule.all):
        return None
    positions += [text.find(w) for w in rule.all]
    return min(positions) if positions else 0


_AMOUNT = re.compile(r"(\d+(?:\.\d+)?|[百千])\s*亿")
_WORD_AMOUNTS = {"百": Decimal(100), "千": Decimal(1000)}


def _revenue_band(target: Measured, tiers: Mapping[str, TierRule]) -> tuple[str, str] | None:
    """The revenue tier whose threshold (亿元) the qualifier, else the metric, states."""
    for part in (target.qualifier, target.metric):
        found = _AMOUNT.search(part or "")
        if found is None:
            continue
        amount = _WORD_AMOUNTS.get(found[1]) or Decimal(found[1])
        for rule in tiers.values():
            at_least = rule.revenue_at_least
            if at_least is not None and not rule.industry_divisions and at_least / 10000 == amount:
                return rule.indicator, f"{found[0]}元 = {rule.name}"
        return None
    return None


def _fuzzy(
    text: str, catalogue: Mapping[str, CatalogueEntry], rules: MappingRules
) -> list[Suggestion]:
    """Indicators whose name or an alias resembles ``text`` (rapidfuzz ratio), best first."""
    query = text.replace(" ", "")
    if not query:
        return []
    scored: list[tuple[float, str, str]] = []
    for code, entry in catalogue.items():
        names = (entry.indicator.name, *entry.aliases)
        score, name = max((fuzz.ratio(query, n), n) for n in names)
        if score >= rules.min_similarity:
            scored.append((score, code, name))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [
        _suggestion(
            catalogue[code],
            (Decimal(str(score)) * rules.fuzzy_scale / 100).quantize(_CENT),
            MappingMethod.FUZZY,
            f"名称相近: “{query}” ≈ “{name}” ({score:.0f}%)",
            rules,
        )
        for score, code, name in scored
    ]


def _suggestion(
    entry: CatalogueEntry,
    confidence: Decimal,
    method: MappingMethod,
    reason: str,
    rules: MappingRules,
) -> Suggestion:
    return Suggestion(
        code=entry.code,
        name=entry.indicator.name,
        source=entry.source,
        unit=entry.indicator.unit,
        confidence=canonical_decimal(confidence),  # a value of its own, in its shortest form
        method=method,
        reason=reason,
        level=rules.level(confidence),
    )


def _unique(suggestions: list[Suggestion]) -> list[Suggestion]:
    seen: set[str] = set()
    kept = []
    for s in suggestions:
        if s.code not in seen:
            seen.add(s.code)
            kept.append(s)
    return kept
