"""The caller's scope over org units, checked once per use case with the one access rule
(:func:`bioecon.domain.access.allowed`) against each unit's stored chain."""

from __future__ import annotations

from collections.abc import Iterable

from bioecon.catalogs import role_book
from bioecon.domain.access import Action, Principal, allowed
from bioecon.store import Connection, orgunits


def permitted(
    connection: Connection,
    actor: Principal,
    actions: Iterable[Action],
    codes: Iterable[str],
    *,
    under: str | None = None,
) -> list[str]:
    """The known org units among ``codes`` (in their order) on which the caller may take any
    of ``actions`` — and which lie in ``under``'s subtree when it is given."""
    wanted = list(codes)
    chains = orgunits.chains(connection, wanted)
    book, kinds = role_book(), tuple(actions)
    return [
        code
        for code in wanted
        if code in chains
        and (under is None or under in chains[code])
        and any(allowed(book, actor, action, chain=chains[code]) for action in kinds)
    ]
