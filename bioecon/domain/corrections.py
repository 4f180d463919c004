"""人工校正 notes: what a reviewed correction changed in an extracted target, kept in the
target's note as ``人工校正（why）: field: old → new; field: old → new`` (``未填`` where the
extractor left a field blank). :func:`correction_note` writes it and
:func:`read_correction_note` reads it back, so a page can say it in words (主体由未填改为长沙市)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PREFIX = "人工校正"
UNSET = "未填"
_OPEN, _CLOSE = "（", "）: "
_ARROW, _SEPARATOR, _FIELD = " → ", "; ", ": "


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field a correction changed: its name on ``Target``, the extracted value (None:
    blank) and the reviewed one, both as text."""

    field: str
    old: str | None
    new: str


@dataclass(frozen=True, slots=True)
class CorrectionNote:
    """Why a target was corrected and what changed."""

    why: str
    changes: tuple[FieldChange, ...]


def correction_note(why: str, changes: Sequence[FieldChange]) -> str:
    """The note a corrected target keeps."""
    parts = _SEPARATOR.join(
        f"{c.field}{_FIELD}{c.old if c.old is not None else UNSET}{_ARROW}{c.new}" for c in changes
    )
    return f"{PREFIX}{_OPEN}{why}{_CLOSE}{parts}"


def read_correction_note(note: str | None) -> CorrectionNote | None:
    """The correction a note records, or None for a note that is not one (or not in this
    form: it is then shown as written)."""
    if not note or not note.startswith(PREFIX + _OPEN) or _CLOSE not in note:
        return None
    head, _, tail = note.rpartition(_CLOSE)
    why = head.removeprefix(PREFIX + _OPEN)
    changes = []
    for part in tail.split(_SEPARATOR):
        field, found, rest = part.partition(_FIELD)
        old, arrow, new = rest.partition(_ARROW)
        if not found or not arrow or not field.isidentifier():
            return None
        changes.append(FieldChange(field, None if old == UNSET else old, new))
    return CorrectionNote(why, tuple(changes))
