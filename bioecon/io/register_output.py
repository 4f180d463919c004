"""The registers' rows as records (`bioecon platforms list`, `bioecon approvals list`,
``GET /api/platforms``, ``GET /api/approvals``): every stored field, codes as stored."""

from __future__ import annotations

from datetime import date
from typing import Any

from bioecon.io.output import Column, Field, Record

PLATFORM: Record[Any] = Record(
    "Platform",
    (
        Field("code", str),
        Field("name", str),
        Field("type", str, description="registers.yaml platform type code"),
        Field("level", str, description="national, provincial or municipal"),
        Field("org_unit", str),
        Field("host", str | None, description="the host enterprise's credit code"),
        Field("approved_on", date),
        Field("document", str | None),
        Field("status", str, lambda p: p.status.value, "active or revoked"),
        Field("revoked_on", date | None),
        Field("note", str | None),
    ),
    (
        Column("code", lambda p: p.code),
        Column("name", lambda p: p.name),
        Column("type", lambda p: p.type),
        Column("level", lambda p: p.level),
        Column("org_unit", lambda p: p.org_unit),
        Column("approved", lambda p: p.approved_on),
        Column("status", lambda p: p.status.value),
        Column("revoked", lambda p: p.revoked_on),
    ),
)

APPROVAL: Record[Any] = Record(
    "ProductApproval",
    (
        Field("number", str),
        Field("product", str),
        Field("kind", str, description="drug, device, plant_variety or veterinary_drug"),
        Field("product_class", str | None, description="device I/II/III, drug innovative …"),
        Field("holder", str, description="the holder's credit code"),
        Field("org_unit", str),
        Field("approved_on", date),
        Field("valid_until", date | None),
        Field("note", str | None),
    ),
    (
        Column("number", lambda a: a.number),
        Column("product", lambda a: a.product),
        Column("kind", lambda a: a.kind),
        Column("class", lambda a: a.product_class),
        Column("holder", lambda a: a.holder),
        Column("org_unit", lambda a: a.org_unit),
        Column("approved", lambda a: a.approved_on),
        Column("valid until", lambda a: a.valid_until),
    ),
)
