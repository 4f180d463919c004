"""A rule of the target extractor as a named object: its name, a one-line reason (the Chinese
term and English), the function that decides, and its own examples, which the test suite runs
(tests/extract/test_rules.py). Each stage keeps its rules in an ordered registry (a tuple):
adding a plan style means adding a rule object to a registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

Site = TypeVar("Site")
Outcome = TypeVar("Outcome")


@dataclass(frozen=True, slots=True)
class Example:
    """A short text in the wording class of the rule; ``number`` is the number as written (with
    its unit) whose `extract --explain` line must show the rule with ``outcome``
    (``taken``, ``rejected``, ``threshold``, ``op >=``, ``year 2025``, ``no year``, ``split``)."""

    text: str
    number: str
    outcome: str


@dataclass(frozen=True, slots=True)
class Rule(Generic[Site, Outcome]):
    """``decide`` returns the rule's outcome for a site, or None when the rule does not apply."""

    name: str
    reason: str
    decide: Callable[[Site], Outcome | None]
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class Decision:
    """A rule that decided something about a number, and what (``outcome`` as in Example)."""

    rule: str
    reason: str
    outcome: str


def first(
    rules: tuple[Rule[Site, Outcome], ...],
    site: Site,
    decisions: list[Decision],
    describe: Callable[[Outcome], str],
) -> Outcome | None:
    """The outcome of the first rule that applies, noted in ``decisions`` as ``describe`` says."""
    for rule in rules:
        outcome = rule.decide(site)
        if outcome is not None:
            decisions.append(Decision(rule.name, rule.reason, describe(outcome)))
            return outcome
    return None


def taken(_: object) -> str:
    return "taken"


def rejected(_: object) -> str:
    return "rejected"
