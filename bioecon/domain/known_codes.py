"""How an unknown code is refused: with the known ones listed — a short list in full, a long
one by the few nearest to what was written (the longest common start first, then the closest
in length), so a user sees at once what to write instead. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from bioecon.errors import InvalidValue

# up to this many known codes are listed in full; past it, the nearest NEAREST
SHORT_LIST = 12
NEAREST = 5


class CodeList:
    """Known codes (with their names, where they have one), indexed by every leading part so
    the nearest few are found in time independent of the list's length."""

    def __init__(self, codes: Iterable[str], names: Mapping[str, str] | None = None) -> None:
        self.codes = tuple(dict.fromkeys(codes))
        self.names = dict(names or {})
        self._known = frozenset(self.codes)
        self._by_start: dict[str, list[str]] = defaultdict(list)
        for code in sorted(self.codes, key=lambda c: (len(c), c)):
            for end in range(len(code) + 1):
                self._by_start[code[:end]].append(code)

    def __contains__(self, code: object) -> bool:
        return code in self._known

    def __len__(self) -> int:
        return len(self.codes)

    def nearest(self, wanted: str, count: int = NEAREST) -> list[str]:
        """The ``count`` codes sharing the longest start with ``wanted`` (2761, 2762 for 2769),
        the closest in length first."""
        found: list[str] = []
        for end in range(len(wanted), -1, -1):
            group = self._by_start.get(wanted[:end], [])
            found += sorted(
                (c for c in group if c not in found), key=lambda c: abs(len(c) - len(wanted))
            )[: count - len(found)]
            if len(found) >= count:
                break
        return found

    def listing(self, wanted: str) -> str:
        """``可用：A、B、C`` for a short list; ``相近的有：…（共N个）`` for a long one."""
        short = len(self.codes) <= SHORT_LIST
        listed = self.codes if short else tuple(self.nearest(wanted))
        shown = "、".join(f"{c} {self.names[c]}" if c in self.names else c for c in listed)
        return f"可用：{shown}" if short else f"相近的有：{shown}（共{len(self.codes)}个）"

    def hint(self, wanted: str) -> str:
        """``；`` and :meth:`listing`, to follow a message of its own; nothing when none is known."""
        return f"；{self.listing(wanted)}" if self.codes else ""

    def refuse(self, what: str, wanted: str) -> InvalidValue:
        """The error for an unknown ``what`` (行业代码, 资质标识 …): ``未知资质标识「X」；可用：…``."""
        return InvalidValue(f"未知{what}「{wanted}」；{self.listing(wanted)}")
