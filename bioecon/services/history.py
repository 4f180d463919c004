"""History use cases (操作留痕): the recorded changes of values, within the caller's scope."""

from __future__ import annotations

from bioecon.app import Bioecon
from bioecon.domain.access import Action, Principal
from bioecon.domain.audit import AuditEntity, AuditEvent
from bioecon.services._scope import permitted
from bioecon.store import audit
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
        readable = set(permitted(connection, actor, [Action.READ], sorted(units)))
    return [e for e in events if e.record_key.split("/")[1] in readable]
