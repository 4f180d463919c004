"""What a target's value means (:class:`TargetKind`), decided once, from what its sentence
says. The extractor calls it for every target it reads (rules: docs/extraction.md); a plan
file states the kind, which review may correct."""

from __future__ import annotations

import re

from bioecon.domain.model import TargetKind, TargetOp

# 新 + a verb of obtaining (新增, 新引进, 新培育, 新建, 新获得, 新认定 …) counts what is added;
# so do the paired verbs 引进培育/培育引进/招引培育/引育 (bring in or grow: firms that join the
# class). 新增长点/新增长极 is "a new growth point", not 新增.
_INCREMENT = re.compile(
    r"新(?:增(?!长)|建|引进|培育|获得|认定|招引|组建|落地|落户)|引进培育|培育引进|招引培育|引育"
)


def is_recurring(text: str) -> bool:
    """每年遴选30个: a target set for every year, so it has no deadline year."""
    return "每年" in text


def increment_verb(text: str) -> re.Match[str] | None:
    """The first verb in ``text`` that makes a count an increment (新增, 新引进, 引进培育 …)."""
    return _INCREMENT.search(text)


def target_kind(
    *, funding: bool, recurring: bool, op: TargetOp, unit: str, quote: str, verb: str | None
) -> TargetKind:
    """The kind of a target read from ``quote`` (its clause, up to the number and unit).

    ``funding``: the number is a funding rule (按研发投入的15%、最高1000万元给予支持);
    ``recurring``: :func:`is_recurring` of the sentence before the number. The first rule that
    holds wins: funding → policy_rule; 翻番 (op ``x``) → multiple; 每年 → recurring;
    an increment verb (:func:`increment_verb`) in the quote or in ``verb`` → increment; a
    percentage → share; else level. ``verb`` is the verb that governs a count: the extractor
    passes an elided coordinated item the verb of the item before it (引进培育…2—3家,过50亿元的
    3—5家), which its quote does not hold (docs/extraction.md).
    """
    if funding:
        return TargetKind.POLICY_RULE
    if op is TargetOp.TIMES:
        return TargetKind.MULTIPLE
    if recurring:
        return TargetKind.RECURRING
    if increment_verb(quote) or (verb is not None and increment_verb(verb)):
        return TargetKind.INCREMENT
    if unit == "%":
        return TargetKind.SHARE
    return TargetKind.LEVEL
