"""Sentences the domain produces for people, kept as a key and parameters (说明的键与参数).

The words live in ``bioecon/data/strings.yaml``; :mod:`bioecon.messages` renders a
:class:`Message` in the reader's language at the edge (CLI, web), so the domain never
chooses a language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Message:
    """One sentence: ``key`` of ``strings.yaml`` and the values of its ``{name}`` fields."""

    key: str
    params: Mapping[str, Param] = field(default_factory=dict)


# A parameter: text or a number (formatted by the sentence, e.g. ``{month:02d}``), another
# sentence (a period label), or clauses joined by the language's separator.
Param = str | int | Message | tuple[Message, ...]


def clauses(*parts: Message) -> Message:
    """Clauses read as one sentence: 2023实际4012亿元，已达到目标4000亿元."""
    return Message("explain.clauses", {"clauses": parts})


def month_label(year: int, month: int) -> Message:
    """2025年6月 / 2025-06."""
    return Message("period.month", {"year": year, "month": month})


def year_label(year: int) -> Message:
    """2025年 / 2025."""
    return Message("period.year", {"year": year})
