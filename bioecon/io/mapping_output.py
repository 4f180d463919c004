"""指标关联 as records (`bioecon plan map`, ``GET /api/plans/{code}/mapping``): each target
to map with its ranked suggestions, and the choices applied. Items are the mapping service's
``TargetSuggestions`` and ``AppliedChoice``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bioecon.domain.mapping import Suggestion
from bioecon.io.output import Amount, Column, Field, Record, list_of, response_model, table

SUGGESTION: Record[Suggestion] = Record(
    "MappingSuggestion",
    (
        Field("code", str),
        Field("name", str),
        Field("source", str, lambda s: s.source.value, "ledger, registry, platforms …"),
        Field("unit", str),
        Field("confidence", Amount, description="0–1"),
        Field("level", str, lambda s: s.level.value, "high, medium or low"),
        Field("method", str, lambda s: s.method.value, "rule or fuzzy"),
        Field("reason", str),
    ),
    (
        Column("code", lambda s: s.code),
        Column("name", lambda s: s.name),
        Column("source", lambda s: s.source.value),
        Column("confidence", lambda s: f"{s.confidence} {s.level.value}"),
        Column("why", lambda s: f"{s.method.value}: {s.reason}"),
    ),
)


def _layout(items: Sequence[Any]) -> str:
    """Per target: its key, subject, metric and unit, then its suggestions."""
    if not items:
        return "every target has an indicator (所有目标均已关联指标)"
    parts = []
    for item in items:
        t = item.target
        now = (
            f"; now {t.indicator} ({t.mapping_method}, {t.mapping_confidence})"
            if t.indicator
            else ""
        )
        head = f"{t.key}  {t.subject or ''} {t.metric}  [{t.value} {t.unit}]{now}"
        rows = SUGGESTION.table(item.suggestions) if item.suggestions else "  (no suggestion)"
        parts.append(f"{head}\n{rows}")
    return "\n\n".join(parts)


TARGET_SUGGESTIONS: Record[Any] = Record(
    "TargetMapping",
    (
        Field("key", str, lambda i: i.target.key, "the target's key in its plan"),
        Field("metric", str, lambda i: i.target.metric),
        Field("subject", str | None, lambda i: i.target.subject),
        Field("unit", str, lambda i: i.target.unit),
        Field("indicator", str | None, lambda i: i.target.indicator, "the current indicator"),
        Field(
            "mapping_method",
            str | None,
            lambda i: i.target.mapping_method.value if i.target.mapping_method else None,
        ),
        Field("mapping_confidence", Amount | None, lambda i: i.target.mapping_confidence),
        Field(
            "suggestions",
            list_of(response_model(SUGGESTION)),
            lambda i: SUGGESTION.records(i.suggestions),
            "ranked, best first (MappingSuggestion records)",
        ),
    ),
    layout=_layout,
)

APPLIED: Record[Any] = Record(
    "AppliedChoice",
    (
        Field("key", str),
        Field("indicator", str),
        Field("name", str),
        Field("confidence", Amount),
        Field("declared", bool, description="the plan now declares it from the catalogue"),
    ),
    (
        Column("key", lambda a: a.key),
        Column("indicator", lambda a: a.indicator),
        Column("name", lambda a: a.name),
        Column("confidence", lambda a: a.confidence),
        Column("declared", lambda a: "yes" if a.declared else ""),
    ),
)


def applied_lines(items: Sequence[Any]) -> str:
    """The choices written, or a line saying there were none."""
    return table(APPLIED.columns, items) if items else "nothing to apply"
