"""企业梯次 as records and tables (`bioecon tiers`): one record per tier, its members listed
on request. Items are the tier service's results (``rule``, ``members``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bioecon.io.output import Amount, Column, Field, Record, table

MEMBER: Record[Any] = Record(
    "TierMember",
    (
        Field("uscc", str),
        Field("name", str),
        Field("org_unit", str | None),
        Field(
            "revenue",
            Amount | None,
            description="万元; null unless the caller may read the registry's financial fields",
        ),
    ),
    (
        Column("uscc", lambda m: m.uscc),
        Column("name", lambda m: m.name),
        Column("org_unit", lambda m: m.org_unit),
        Column("revenue (万元)", lambda m: m.revenue),
    ),
)

_COUNTS: tuple[Column[Any], ...] = (
    Column("tier", lambda r: r.rule.code),
    Column("name", lambda r: r.rule.name),
    Column("count", lambda r: len(r.members)),
)


def _members_layout(results: Sequence[Any]) -> str:
    """The counts, then each non-empty tier's members under its name."""
    parts = [table(_COUNTS, results)]
    for r in results:
        if r.members:
            parts.append(f"\n{r.rule.name} ({len(r.members)})\n{MEMBER.table(r.members)}")
    return "\n".join(parts)


def tier_output(*, members: bool) -> Record[Any]:
    """The tier record; ``members`` lists each tier's members (else ``members`` is null)."""
    return Record(
        "Tier",
        (
            Field("tier", str, lambda r: r.rule.code),
            Field("name", str, lambda r: r.rule.name),
            Field("indicator", str, lambda r: r.rule.indicator),
            Field("count", int, lambda r: len(r.members)),
            Field(
                "members",
                list[dict[str, Any]] | None,
                lambda r: MEMBER.records(r.members) if members else None,
            ),
        ),
        _COUNTS,
        _members_layout if members else None,
    )
