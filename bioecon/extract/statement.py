"""A page a responsibility statement is read from, and the statement read."""

from __future__ import annotations

from dataclasses import dataclass

from bioecon.extract.normalise import shadow
from bioecon.extract.unit_words import first_listed_pattern, leading_stars


@dataclass(frozen=True, slots=True)
class Page:
    """A text, its view (bioecon.extract.normalise.shadow), the stars its legend says mark
    a leading unit and whether it says the first unit listed leads (anywhere in the text)."""

    text: str
    view: str
    stars: frozenset[str]
    first_leads: bool = False

    @classmethod
    def of(cls, text: str) -> Page:
        view = shadow(text)
        return cls(text, view, leading_stars(view), bool(first_listed_pattern().search(view)))

    def line_start(self, offset: int) -> int:
        return self.view.rfind("\n", 0, offset) + 1

    def line_end(self, offset: int) -> int:
        end = self.view.find("\n", offset)
        return len(self.view) if end == -1 else end


@dataclass(frozen=True, slots=True)
class Statement:
    """A responsibility statement: its style (label, lead-co, star, trailing-line,
    table-column, unlabelled), the offset of its label word (else of its first unit), its
    units and marked leading units as written, the span it occupies, the start of the
    paragraph it belongs to (the line above for a trailing line) and, where the style gives
    it (a table row's task cell), the task's heading."""

    style: str
    marker: int
    units: tuple[str, ...]
    lead: tuple[str, ...]
    span: tuple[int, int]
    paragraph: int
    heading: str | None = None
