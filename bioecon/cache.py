"""A cache of derived figures (目标评估、数据核查) keyed by the data version they were computed
at (bioecon/store/data_version.py), held by the app object: one per process, so each web
worker keeps its own. A use case reads the version first, then asks here; every recorded change
raises the version, so a figure computed before a write is never served after it — the next
request computes it again. Standard library only; safe across threads."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

SIZE = 512
"""Figures kept (the least recently used go first): a page's evaluation per plan, caller and
period, and its checks; a few hundred cover the pages every visitor opens."""


class FigureCache:
    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, version: int, compute: Callable[[], T]) -> T:
        """The figure of ``key`` computed at data version ``version``: the kept one if it was
        computed at that version, else ``compute()`` (run outside the lock), then kept."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None and found[0] == version:
                self._entries.move_to_end(key)
                self.hits += 1
                kept: T = found[1]
                return kept
            self.misses += 1
        value = compute()
        with self._lock:
            held = self._entries.get(key)
            if held is None or held[0] <= version:  # never replace a newer figure by an older
                self._entries[key] = (version, value)
                self._entries.move_to_end(key)
                while len(self._entries) > self._size:
                    self._entries.popitem(last=False)
        return value
