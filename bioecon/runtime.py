"""Process-level tuning for bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a bulk load builds many objects.

    Loads hold hundreds of thousands of live objects, and the collector's full passes over
    them cost about 20 % of an enterprise import (measured: 19,600 → 24,000 rows/s).
    Reference counting still frees everything acyclic; cycles wait until the block ends,
    when the collector's previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
