"""Golden files: the exact output of a command or route, checked by :func:`assert_golden`.
Regenerate them only on purpose: ``BIOECON_UPDATE_GOLDEN=1 pytest tests/…``, then review the
diff (a contract may only gain fields)."""

from __future__ import annotations

import os
from pathlib import Path

FOLDER = Path(__file__).parent
UPDATE = os.environ.get("BIOECON_UPDATE_GOLDEN") == "1"


def assert_golden(name: str, text: str) -> None:
    """``text`` equals the golden file ``name`` byte for byte (or rewrites it when updating)."""
    path = FOLDER / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {name}: run BIOECON_UPDATE_GOLDEN=1 pytest"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"output differs from tests/golden/{name}; if intended, regenerate it with "
        "BIOECON_UPDATE_GOLDEN=1 and review the diff"
    )
