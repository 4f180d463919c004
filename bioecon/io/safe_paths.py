"""A file that a user's file names (a plan file's ``source.path``), confined to the folder of
the naming file or to a folder the user allows explicitly. The name is resolved first — ``..``
taken away, symlinks followed — so a relative climb, an absolute path and a symlink that lead
out are all refused alike, before anything is opened."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def confined_path(name: str, folder: Path, allowed: Sequence[Path] = ()) -> Path | None:
    """The file ``name`` names, relative to ``folder``, resolved; ``None`` when it lies outside
    ``folder`` and every folder of ``allowed``."""
    resolved = (folder / name).resolve()
    roots = [folder.resolve(), *(root.resolve() for root in allowed)]
    return resolved if any(resolved.is_relative_to(root) for root in roots) else None
