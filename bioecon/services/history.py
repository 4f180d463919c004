"""History use cases (操作留痕): the recorded changes of values, within the caller's scope."""

from __future__ import annotations

from bioecon.app import Bioecon
from bioecon.catalogs import role_book
from bioecon.domain.access import Action, Principal, allowed
from bioecon.domain.audit import AuditEntity, AuditEvent
from bioecon.store import audit, orgunits
from bioecon.store.migrate import ensure_current


def value_history(
    app: Bioecon, *, actor: Principal, entity: AuditEntity, prefix: str
) -> list[AuditEvent]:
    """The events of the records whose key starts with ``prefix`` (for observations
    ``indicator/org_unit/period/basis``), oldest first, leaving out org units the caller
    may not read."""
    with app.reading() as connection:
        ensure_current(connection)
        events = audit.history_under(connection, entity, prefix)
        if entity is not AuditEntity.OBSERVATION:
            return events
        units = {e.record_key.split("/")[1] for e in events if e.record_key.count("/") >= 1}
        chains = orgunits.chains(connection, units)
    book = role_book()
    readable = {
        u for u in units if u in chains and allowed(book, actor, Action.READ, chain=chains[u])
    }
    return [e for e in events if e.record_key.split("/")[1] in readable]
