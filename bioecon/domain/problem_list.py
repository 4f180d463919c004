"""The problems of one input, listed up to a bound: a file with a million bad rows is
refused with its first problems by row and a count of the rest, not a million lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from bioecon.errors import Problem

# At most this many problems are listed for one input; the rest are counted.
MAX_LISTED_PROBLEMS = 100


@dataclass(slots=True)
class ProblemList:
    """Problems of one file, the first :data:`MAX_LISTED_PROBLEMS` kept, the others counted."""

    kept: list[Problem] = field(default_factory=list)
    more: int = 0

    def add(self, problem: Problem) -> None:
        if len(self.kept) < MAX_LISTED_PROBLEMS:
            self.kept.append(problem)
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.kept)

    def listed(self) -> list[Problem]:
        """The kept problems, and a last line saying how many more there are."""
        if not self.more:
            return list(self.kept)
        return [*self.kept, Problem("", f"另有 {self.more} 个问题未列出；请先改正以上问题")]
