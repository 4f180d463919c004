"""The plan a use case names (by code or id), or NotFound: one lookup for every service."""

from __future__ import annotations

from bioecon.errors import NotFound
from bioecon.store import Connection
from bioecon.store import plans as plan_store


def stored_plan_id(connection: Connection, reference: str) -> int:
    """The id of the plan with code or id ``reference``; NotFound naming it otherwise."""
    plan_id = plan_store.find_plan_id(connection, reference)
    if plan_id is None:
        raise NotFound(f"no plan with code or id '{reference}' (see `bioecon plan list`)")
    return plan_id
