"""Attachments checked and stored the one way for both of their parents (a task's progress
report, a key project's monthly progress): the rules of ``bioecon/data/tasks/evidence.yaml``,
each file kept in the database with its SHA-256 and one audit change."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from bioecon.domain.audit import AuditAction
from bioecon.domain.evidence import Attachment, EvidenceRules, attachment_problems
from bioecon.errors import Problem
from bioecon.services._audit import Change
from bioecon.store import Connection
from bioecon.store.evidence import add_evidence


def refused_files(attachments: Sequence[Attachment], rules: EvidenceRules) -> list[Problem]:
    """The problems of the files ``rules`` refuse, each named by its file."""
    return [Problem(name, message) for name, message in attachment_problems(attachments, rules)]


def store_files(
    connection: Connection,
    attachments: Sequence[Attachment],
    *,
    key: str,
    by: str,
    at: datetime,
    report_id: int | None = None,
    progress: tuple[int, str] | None = None,
) -> list[Change]:
    """Store each file under its parent; one audit change per file (name, size, SHA-256)."""
    changes: list[Change] = []
    for file in attachments:
        digest = hashlib.sha256(file.content).hexdigest()
        add_evidence(
            connection, file, sha256=digest, by=by, at=at, report_id=report_id, progress=progress
        )
        changes.append(
            (
                key,
                AuditAction.CREATE,
                None,
                {"evidence": file.filename, "size": len(file.content), "sha256": digest},
            )
        )
    return changes
