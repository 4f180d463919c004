"""人工校正 notes: what a reviewed correction changed in an extracted target, kept in the
target's note as ``人工校正（why）: field: old → new; field: old → new`` (``未填`` where the
extractor left a field blank). :func:`correction_note` writes it and
:func:`read_correction_note` reads it back, so a page can say it in words (主体由未填改为长沙市)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

PREFIX = "人工校正"
UNSET = "未填"
_OPEN, _CLOSE = "（", "）: "
_ARROW, _SEPARATOR, _FIELD = " → ", "; ", ": "
_ESCAPE = "\\"


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
    """The note a corrected target keeps. A mark that would read as a separator where it
    stands (a ``;`` before a space, a ``→`` after one, a ``:`` after ``）``) and any ``\\``
    are written behind a ``\\``, so every note reads back as the changes it was written from."""
    parts = _SEPARATOR.join(
        f"{c.field}{_FIELD}{_escaped(c.old) if c.old is not None else UNSET}"
        f"{_ARROW}{_escaped(c.new)}"
        for c in changes
    )
    return f"{PREFIX}{_OPEN}{_escaped(why)}{_CLOSE}{parts}"


def _escaped(text: str) -> str:
    text = text.replace(_ESCAPE, _ESCAPE * 2)
    text = re.sub(r";(?= )", _ESCAPE + ";", text)
    text = re.sub(r"(?<= )→", _ESCAPE + "→", text)
    text = re.sub(r"(?<=）):", _ESCAPE + ":", text)
    if text == UNSET:
        return _ESCAPE + text
    return text


# what ends each part of a note, and the part that comes next
_ENDS = {"why": _CLOSE, "field": _FIELD, "old": _ARROW, "new": _SEPARATOR}
_NEXT = {"why": "field", "field": "old", "old": "new", "new": "field"}


def _parts(text: str) -> list[tuple[str, str, bool]] | None:
    """The note after its prefix as (part, text, written plain) in order, or None when it
    does not end in a new value."""
    parts: list[tuple[str, str, bool]] = []
    state, chars, plain, at = "why", list[str](), True, 0
    while at < len(text):
        if text[at] == _ESCAPE and at + 1 < len(text):
            chars.append(text[at + 1])
            plain, at = False, at + 2
        elif text.startswith(_ENDS[state], at):
            parts.append((state, "".join(chars), plain))
            at += len(_ENDS[state])
            state, chars, plain = _NEXT[state], [], True
        else:
            chars.append(text[at])
            at += 1
    if state != "new":
        return None
    parts.append((state, "".join(chars), plain))
    return parts


def read_correction_note(note: str | None) -> CorrectionNote | None:
    """The correction a note records, or None for a note that is not one (or not in this
    form: it is then shown as written). Read left to right: the reason ends at the first
    ``）: ``, a field at ``: ``, the old value at `` → ``, the new one at ``; ``; a mark behind
    a ``\\`` is text."""
    if not note or not note.startswith(PREFIX + _OPEN):
        return None
    parts = _parts(note.removeprefix(PREFIX + _OPEN))
    if parts is None:
        return None
    why = parts[0][1]
    changes = []
    for at in range(1, len(parts), 3):
        (_, field, _), (_, old, old_plain), (_, new, _) = parts[at : at + 3]
        if not field.isidentifier():
            return None
        unset = old == UNSET and old_plain
        changes.append(FieldChange(field, None if unset else old, new))
    return CorrectionNote(why, tuple(changes))
