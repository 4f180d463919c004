"""Responsible units named as files write them (市发改委, 市发展改革委, 长沙市发展和改革委员会):
resolved to one unit of the responsible-unit table by its code, name or an alias, and for a
name the table does not know, the most similar names (rapidfuzz) as suggestions for the plan
office to confirm as a new alias (``bioecon tasks units confirm``). Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

_SPACES = re.compile(r"\s+")
SUGGESTION_CUTOFF = 60  # rapidfuzz ratio (0–100) below which a name is not suggested
SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A known name (or alias) like the unknown one, its unit's code and the similarity."""

    name: str
    code: str
    score: float


def normalised(name: str) -> str:
    """The name without spaces and a trailing 等 (市科技局 等 → 市科技局)."""
    return _SPACES.sub("", name).removesuffix("等")


def resolve(name: str, known: Sequence[tuple[str, str]], codes: Sequence[str] = ()) -> str | None:
    """The code of the unit ``name`` names: a code of ``codes``, or a name or alias of
    ``known`` ((name, code) pairs); None when none matches exactly."""
    wanted = normalised(name)
    if wanted in codes:
        return wanted
    matches = sorted({code for known_name, code in known if normalised(known_name) == wanted})
    return matches[0] if len(matches) == 1 else None


def suggest(name: str, known: Sequence[tuple[str, str]]) -> list[Suggestion]:
    """Up to :data:`SUGGESTIONS` known names most like ``name``, best first, one per unit."""
    names = [normalised(n) for n, _ in known]
    found = process.extract(
        normalised(name), names, scorer=fuzz.ratio, score_cutoff=SUGGESTION_CUTOFF, limit=None
    )
    best: dict[str, Suggestion] = {}
    for _, score, index in sorted(found, key=lambda f: (-f[1], f[2])):
        code = known[index][1]
        if code not in best:
            best[code] = Suggestion(known[index][0], code, round(float(score), 1))
    return list(best.values())[:SUGGESTIONS]


def unknown_unit_message(name: str, suggestions: Sequence[Suggestion]) -> str:
    """未知责任单位「市发改」；是否为：市发改委（CS-RU03）？ — with the command to confirm."""
    text = f"未知责任单位「{name}」"
    if not suggestions:
        return text + "（先在规划文件中登记该单位）"
    options = "、".join(f"{s.name}（{s.code}）" for s in suggestions)
    first = suggestions[0].code
    return (
        f"{text}；是否为：{options}？确认后执行 bioecon tasks units confirm {name} --unit {first}"
    )
