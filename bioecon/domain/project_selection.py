"""每年遴选: a year's selection of key projects — each candidate's score (总分, and its points
by criterion where the office scores by ``bioecon/data/projects/selection.yaml``), whether it
was chosen, who scored it — and the rules a selection row must meet. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bioecon.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class Criterion:
    """One scoring criterion: its code, its name (the file's 「<name>得分」) and full points."""

    code: str
    name: str
    points: Decimal


@dataclass(frozen=True, slots=True)
class Criteria:
    """The criteria of ``selection.yaml``, in order."""

    items: tuple[Criterion, ...]

    @property
    def full(self) -> Decimal:
        """满分: the sum of the criteria's points."""
        return sum((c.points for c in self.items), Decimal(0))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Criteria:
        items = tuple(
            Criterion(str(c["code"]), str(c["name"]), Decimal(str(c["points"])))
            for c in data["criteria"]
        )
        codes = [c.code for c in items]
        if len(set(codes)) != len(codes) or not items:
            raise InvalidValue(f"selection.yaml: criteria codes must be unique and given: {codes}")
        return cls(items)


@dataclass(frozen=True, slots=True)
class SelectionEntry:
    """A candidate's row of a year's selection (遴选): its 总分 (None when only the criteria's
    points are given: their sum), the points by criterion code, and whether it was chosen."""

    project: str  # the project's code
    year: int  # 遴选年度
    selected: bool  # 入选
    score: Decimal | None = None  # 总分
    scores: Mapping[str, Decimal] = field(default_factory=dict)  # criterion code → points
    scorer: str | None = None  # 评审单位/评审人
    note: str | None = None

    @property
    def key(self) -> str:
        """How users name the row: ``P01/2026``."""
        return f"{self.project}/{self.year}"

    @property
    def total(self) -> Decimal | None:
        """总分: as given, else the criteria's points added up (None: neither)."""
        if self.score is not None:
            return self.score
        return sum(self.scores.values(), Decimal(0)) if self.scores else None


def selection_problems(entry: SelectionEntry, criteria: Criteria) -> list[tuple[str, str]]:
    """(field, problem) of a selection row: a criterion's points above its full points, a
    total above 满分 or unlike the criteria's sum, no score at all."""
    problems: list[tuple[str, str]] = []
    for item in criteria.items:
        points = entry.scores.get(item.code)
        if points is not None and points > item.points:
            problems.append((f"points.{item.code}", f"{points} 超过该项满分{item.points}分"))
    total = entry.total
    if total is None:
        problems.append(("score", "总分与各项得分均未填写；至少填写一项"))
    elif total > criteria.full:
        problems.append(("score", f"总分{total}超过满分{criteria.full}分"))
    if entry.score is not None and entry.scores:
        added = sum(entry.scores.values(), Decimal(0))
        if added != entry.score:
            problems.append(("score", f"总分{entry.score}与各项得分之和{added}不符"))
    return problems


@dataclass(frozen=True, slots=True)
class SelectionLine:
    """A candidate as the selection's list shows it: its row, name, org unit and rank (名次:
    1 for the highest 总分 of the year's candidates; equal totals share a rank)."""

    entry: SelectionEntry
    name: str
    org_unit: str | None
    rank: int


def ranked(rows: Sequence[tuple[SelectionEntry, str, str | None]]) -> list[SelectionLine]:
    """The candidates of one year by 总分, highest first (then by code), each with its rank
    (competition ranking: 1, 2, 2, 4)."""
    order = sorted(rows, key=lambda r: (-(r[0].total or Decimal(0)), r[0].project))
    lines: list[SelectionLine] = []
    for n, (entry, name, unit) in enumerate(order):
        same = bool(lines) and lines[-1].entry.total == entry.total
        lines.append(SelectionLine(entry, name, unit, lines[-1].rank if same else n + 1))
    return lines
