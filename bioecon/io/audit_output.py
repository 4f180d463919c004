"""History events as records (`bioecon data history`)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bioecon.io.output import Column, Field, Record
from bioecon.messages import label


def _compact(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


AUDIT_EVENT: Record[Any] = Record(
    "AuditEvent",
    (
        Field("at", datetime),
        Field("actor", str, description="login (the CLI: local-admin)"),
        Field("origin", str, description="cli:<user>@<host> or web:<address>"),
        Field("entity", str, lambda e: e.entity.value),
        Field("record_key", str),
        Field("action", str, lambda e: e.action.value),
        Field("old_value", dict[str, Any] | None),
        Field("new_value", dict[str, Any] | None),
        Field("reason", str | None),
    ),
    (
        Column("at", lambda e: e.at.strftime("%Y-%m-%d %H:%M:%S")),
        Column("who", lambda e: e.actor),
        Column("from", lambda e: e.origin),
        Column("record", lambda e: e.record_key),
        Column("action", lambda e: label(e.action)),
        Column("old", lambda e: _compact(e.old_value)),
        Column("new", lambda e: _compact(e.new_value)),
        Column("reason", lambda e: e.reason or ""),
    ),
)
