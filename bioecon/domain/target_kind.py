"""What a target's value means (:class:`TargetKind`), decided once, from what its sentence
says. The extractor calls it for every target it reads (rules: docs/extraction.md); a plan
file states the kind, which review may correct."""

from __future__ import annotations

import re

from bioecon.domain.model import TargetKind, TargetOp

# 引进培育 (bring in or grow) counts firms that join the class, as 新引进/新培育 do
_INCREMENT = re.compile(r"新增|新培育|新引进|新建|引进培育")


def is_recurring(text: str) -> bool:
    """每年遴选30个: a target set for every year, so it has no deadline year."""
    return "每年" in text


def increment_verb(text: str) -> re.Match[str] | None:
    """The first verb in ``text`` that makes a count an increment (新增, 新引进, 引进培育 …)."""
    return _INCREMENT.search(text)


def target_kind(
    *, funding: bool, recurring: bool, op: TargetOp, unit: str, quote: str
) -> TargetKind:
    """The kind of a target read from ``quote`` (its clause, up to the number and unit).

    ``funding``: the number is a funding rule (按研发投入的15%、最高1000万元给予支持);
    ``recurring``: :func:`is_recurring` of the sentence before the number. The first rule that
    holds wins: funding → policy_rule; 翻番 (op ``x``) → multiple; 每年 → recurring;
    新增/新培育/新引进/新建/引进培育 in the quote → increment; a percentage → share; else level.
    The extractor starts a quote at the verb that governs its counted object, so the verb is
    in the quote (docs/extraction.md).
    """
    if funding:
        return TargetKind.POLICY_RULE
    if op is TargetOp.TIMES:
        return TargetKind.MULTIPLE
    if recurring:
        return TargetKind.RECURRING
    if increment_verb(quote):
        return TargetKind.INCREMENT
    if unit == "%":
        return TargetKind.SHARE
    return TargetKind.LEVEL
