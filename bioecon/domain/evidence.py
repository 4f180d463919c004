"""Attachments (佐证材料): the files a task's progress report and a key project's monthly
progress (its 形象进度 photos) carry — one record, one set of rules and one check for both
(``bioecon/data/tasks/evidence.yaml``: the types, sizes and the signature each type's
content must start with). Pure: no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bioecon.domain.notices import NoticeSubject
from bioecon.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class Attachment:
    """An uploaded file (佐证材料, 现场照片)."""

    filename: str
    media_type: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Evidence:
    """A stored attachment's record (its content is read apart): of a task's report
    (``item`` a work item's code, ``period`` its reporting period) or of a key project's
    monthly progress (``item`` the project's code, ``period`` the month)."""

    id: int
    subject: NoticeSubject
    item: str
    period: str
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime


@dataclass(frozen=True, slots=True)
class EvidenceRules:
    """What one report may carry: the size of a file, how many, which types (media type →
    its name for messages) and the bytes a type's content starts with."""

    max_bytes: int
    max_files: int
    media_types: Mapping[str, str]
    signatures: Mapping[str, tuple[bytes, ...]]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.media_types.values())

    @classmethod
    def from_mapping(
        cls, data: Mapping[str, Any], signatures: Mapping[str, Sequence[str]]
    ) -> EvidenceRules:
        types = {str(k): str(v) for k, v in data["media_types"].items()}
        starts = {str(k): tuple(bytes.fromhex(h) for h in v) for k, v in signatures.items()}
        unsigned = sorted(set(types) - set(starts))
        if unsigned:
            raise InvalidValue(f"evidence.yaml: no signature for {unsigned}")
        return cls(int(data["max_bytes"]), int(data["max_files"]), types, starts)


def attachment_problems(
    attachments: Sequence[Attachment], rules: EvidenceRules
) -> list[tuple[str, str]]:
    """(file name, problem) of each file refused: a type not allowed, too large, empty, or a
    content that is not of its declared type (a renamed program is not a photo); too many."""
    problems: list[tuple[str, str]] = []
    for file in attachments:
        if file.media_type not in rules.media_types:
            kinds = "、".join(rules.names)
            problems.append(
                (file.filename, f"文件类型{file.media_type}不可上传（可上传：{kinds}）")
            )
        if len(file.content) > rules.max_bytes:
            problems.append(
                (file.filename, f"文件大小{len(file.content)}字节超过上限{rules.max_bytes}字节")
            )
        if not file.content:
            problems.append((file.filename, "文件为空"))
        elif file.media_type in rules.media_types and not file.content.startswith(
            rules.signatures[file.media_type]
        ):
            name = rules.media_types[file.media_type]
            problems.append((file.filename, f"文件内容不是{name}（与声明的类型不符）"))
    if len(attachments) > rules.max_files:
        problems.append(("attachments", f"每次最多上传{rules.max_files}个文件"))
    return problems
