"""The plan a use case names (by code or id), or NotFound: one lookup for every service,
within the caller's scope (a plan whose region the caller's scope does not cover is not
found, whether it exists or not)."""

from __future__ import annotations

from bioecon.domain.access import Action, Principal
from bioecon.errors import NotFound
from bioecon.services._scope import reach, require_manager
from bioecon.store import Connection
from bioecon.store import plans as plan_store


def stored_plan_id(connection: Connection, reference: str, actor: Principal) -> int:
    """The id of the plan with code or id ``reference`` the caller may read; NotFound
    naming it otherwise."""
    plan_id = plan_store.find_plan_id(connection, reference, reach(connection, actor, Action.READ))
    if plan_id is None:
        raise NotFound(f"no plan with code or id '{reference}' (see `bioecon plan list`)")
    return plan_id


def managed_plan_id(connection: Connection, reference: str, actor: Principal) -> int:
    """The id of a plan the caller may change (manage plans over its region): NotFound when
    it cannot read it, Forbidden when it can read but not change it."""
    plan_id = stored_plan_id(connection, reference, actor)
    require_manager(connection, actor, [plan_store.region_of(connection, plan_id)])
    return plan_id
