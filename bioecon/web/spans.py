"""Highlighted spans of a plan's text as properly nested HTML (原文高亮): every span gets a
``<mark>``, overlapping spans included. The text is cut at every span boundary; in each piece
the marks of the spans covering it are open, outer (earlier start, later end) first. A span
that must stay open where an enclosing one closes is closed with it and reopened after, so the
HTML nests; only a span's first piece carries its ``id`` (the anchor ``#<key>``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """``text[start:end]``, anchored as ``key``."""

    start: int
    end: int
    key: str


def _nesting_order(span: Span) -> tuple[int, int, str]:
    return span.start, -span.end, span.key


def _covering(spans: Sequence[Span], start: int, end: int) -> list[Span]:
    return sorted((s for s in spans if s.start <= start and end <= s.end), key=_nesting_order)


def _common_prefix(left: list[Span], right: list[Span]) -> int:
    length = 0
    while length < min(len(left), len(right)) and left[length] == right[length]:
        length += 1
    return length


def _open(span: Span, anchored: set[str]) -> str:
    if span.key in anchored:
        return f'<mark data-key="{escape(span.key)}">'
    anchored.add(span.key)
    return f'<mark id="{escape(span.key)}" data-key="{escape(span.key)}" tabindex="-1">'


def highlight(text: str, spans: Sequence[Span]) -> Markup:
    """``text`` escaped, with a mark for every non-empty span inside it."""
    kept = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in kept), *(s.end for s in kept)})
    parts: list[str] = []
    opened: list[Span] = []
    anchored: set[str] = set()
    for start, end in pairwise(cuts):
        wanted = _covering(kept, start, end)
        keep = _common_prefix(opened, wanted)
        parts.append("</mark>" * (len(opened) - keep))
        parts.extend(_open(span, anchored) for span in wanted[keep:])
        parts.append(str(escape(text[start:end])))
        opened = wanted
    parts.append("</mark>" * len(opened))
    return Markup("".join(parts))
