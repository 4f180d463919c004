"""The caller's scope over org units, checked once per use case with the one access rule
(:func:`bioecon.domain.access.allowed`) against each unit's stored chain.

Every use case goes through these few functions:

- :func:`reach` — where the caller may take an action, as the store filters rows in SQL
  (a subquery over the org-unit tree, :func:`bioecon.store.orgunits.reached`);
- :func:`require` — refuse (:class:`Forbidden`) an action on org units outside the scope, or on
  a shared record (``None``: the indicator catalogue …) the role may not change;
- :func:`require_readable` — a single record outside the scope is not found (404, not 403:
  its existence is not revealed, as DHIS2 does);
- :func:`permitted` — which of many org units the caller may act on.
"""

from __future__ import annotations

from collections.abc import Iterable

from bioecon.catalogs import role_book
from bioecon.domain.access import Action, Principal, allowed
from bioecon.errors import Forbidden, NotFound
from bioecon.store import Connection, orgunits
from bioecon.store.orgunits import NOWHERE, Reach

SHARED = None
"""The org unit of a shared record (indicators, unit tables, the whole registry)."""


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
    if not wanted:
        return []
    chains = orgunits.chains(connection, wanted)
    book, kinds = role_book(), tuple(actions)
    return [
        code
        for code in wanted
        if code in chains
        and (under is None or under in chains[code])
        and any(allowed(book, actor, action, chain=chains[code]) for action in kinds)
    ]


def reach(connection: Connection, actor: Principal, action: Action) -> Reach:
    """Where the caller may take ``action`` (one whose scope is an org-unit subtree: read,
    read financials, manage plans): its scope's subtree, everywhere, or nowhere."""
    root = actor.scope.org_unit
    chain = () if root is None else orgunits.chains(connection, [root]).get(root)
    if chain is None or not allowed(role_book(), actor, action, chain=chain):
        return NOWHERE
    return Reach(root=root)


def require(
    connection: Connection, actor: Principal, action: Action, codes: Iterable[str | None]
) -> None:
    """Refuse unless the caller may take ``action`` on every org unit of ``codes``; a code of
    :data:`SHARED` stands for a shared record (only ``shared_records`` roles change those)."""
    wanted = list(dict.fromkeys(codes))
    units = [code for code in wanted if code is not SHARED]
    fine = set(permitted(connection, actor, [action], units))
    outside = [code for code in units if code not in fine]
    if outside:
        raise Forbidden(f"{actor.login} 无权处理这些区域：{'、'.join(outside[:10])}")
    if SHARED in wanted and not allowed(role_book(), actor, action):
        raise Forbidden(f"{actor.login} 无权{_VERBS[action]}共享记录（指标、名录等）")


_VERBS = {
    Action.READ: "查看",
    Action.READ_FINANCIALS: "查看",
    Action.MANAGE_PLANS: "修改",
    Action.REPORT: "填报",
    Action.REVIEW: "审核",
    Action.REPORT_TASKS: "填报",
    Action.MANAGE_USERS: "管理",
}


def require_readable(
    connection: Connection, actor: Principal, code: str | None, missing: str
) -> None:
    """NotFound (``missing``) unless the caller may read org unit ``code``'s records (None:
    a registry row without an org unit, see :func:`unplaced`)."""
    if code is None:
        if not unplaced(actor, Action.READ):
            raise NotFound(missing)
    elif not permitted(connection, actor, [Action.READ], [code]):
        raise NotFound(missing)


def unplaced(actor: Principal, action: Action) -> bool:
    """Whether the caller may take ``action`` on a registry row without an org unit: only a
    scope of everything covers it (as :func:`bioecon.store.orgunits.reached` filters)."""
    return allowed(role_book(), actor, action, chain=())


def unreadable(connection: Connection, actor: Principal, codes: Iterable[str]) -> list[str]:
    """The org units among ``codes`` the caller may not read (or that do not exist): a use
    case naming them reports them as not found."""
    wanted = list(dict.fromkeys(codes))
    fine = set(permitted(connection, actor, [Action.READ], wanted))
    return [code for code in wanted if code not in fine]


def require_manager(connection: Connection, actor: Principal, codes: Iterable[str | None]) -> None:
    """Refuse a write (plans, mappings, registers, indicators) outside the caller's scope."""
    require(connection, actor, Action.MANAGE_PLANS, codes)


def units_for(
    connection: Connection, actor: Principal, action: Action, codes: Iterable[str | None]
) -> set[str | None]:
    """The org units among ``codes`` on which the caller may take ``action``; None stands
    for records without an org unit (see :func:`unplaced`)."""
    wanted = set(codes)
    units = sorted(code for code in wanted if code is not None)
    allowed_units: set[str | None] = set(permitted(connection, actor, [action], units))
    if None in wanted and unplaced(actor, action):
        allowed_units.add(None)
    return allowed_units


def financial_units(
    connection: Connection, actor: Principal, codes: Iterable[str | None]
) -> set[str | None]:
    """The org units among ``codes`` whose registry rows the caller sees with their financial
    fields (``read_financials``); None stands for rows without an org unit."""
    return units_for(connection, actor, Action.READ_FINANCIALS, codes)
