"""`bioecon extract --explain`: for every number of a text, the rules that took or rejected it
(and set its op and year), with their reasons. The numbers are every match of the candidate
pattern (Arabic and Chinese numerals with a unit, 翻番) and every other Arabic number, which
the ``no_unit`` rule names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bioecon.extract import tables
from bioecon.extract.normalise import shadow
from bioecon.extract.rules.base import Decision, Example, Rule
from bioecon.extract.rules.reading import candidate_pattern
from bioecon.extract.targets import trace_targets

_ARABIC = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class BareNumber:
    view: str
    start: int
    end: int


def _no_unit(site: BareNumber) -> bool | None:
    return candidate_pattern().match(site.view, site.start) is None or None


NO_UNIT = Rule(
    "no_unit",
    "无单位 no unit of amount, count or % after the number (2025年, 第3条): not a candidate",
    _no_unit,
    (Example("到2025年,全面完成改革。", "2025", "rejected"),),
)


@dataclass(frozen=True, slots=True)
class ExplainedNumber:
    start: int
    end: int
    written: str  # the number (with its unit) as written in the text
    status: str  # target, rejected, threshold, table
    decisions: tuple[Decision, ...]

    @property
    def deciding(self) -> Decision:
        """The decision that settled the number: a rejection or threshold, else the taking."""
        final = [d for d in self.decisions if d.outcome in ("rejected", "threshold")]
        return final[-1] if final else self.decisions[0]


def _status(decisions: list[Decision]) -> str:
    outcomes = {d.outcome for d in decisions}
    if "rejected" in outcomes:
        return "rejected"
    return "threshold" if "threshold" in outcomes else "target"


TABLE_READER = Decision(
    "table_reader",
    "主要指标表 a number inside an indicator table: the table reader reads its row "
    "(docs/extraction.md, Tables), the sentence rules do not",
    "table",
)


def explain_numbers(text: str) -> list[ExplainedNumber]:
    """Every number of ``text`` in the order written, with the rules that decided about it
    (a number inside a 主要指标 table: the table reader)."""
    trace = trace_targets(text)
    regions = tables.table_regions(text)
    found = [
        ExplainedNumber(start, end, text[start:end], "table", (TABLE_READER,))
        if tables.inside(regions, start)
        else ExplainedNumber(start, end, text[start:end], _status(ds), tuple(ds))
        for start, end, ds in trace.numbers
    ]
    covered = [(n.start, n.end) for n in found]
    view = shadow(text)
    at = 0
    for match in _ARABIC.finditer(view):
        while at < len(covered) and covered[at][1] <= match.start():
            at += 1
        if at < len(covered) and covered[at][0] < match.end():
            continue  # within a candidate
        site = BareNumber(view, match.start(), match.end())
        if tables.inside(regions, match.start()):
            start, end = match.span()
            found.append(ExplainedNumber(start, end, text[start:end], "table", (TABLE_READER,)))
        elif NO_UNIT.decide(site):
            decision = Decision(NO_UNIT.name, NO_UNIT.reason, "rejected")
            start, end = match.span()
            found.append(ExplainedNumber(start, end, text[start:end], "rejected", (decision,)))
    return sorted(found, key=lambda n: n.start)
