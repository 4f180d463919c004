"""The platform and carrier register (创新平台与载体名录) and the product-approval register
(产品注册与批文名录): their records, their vocabularies and their rules. Pure.

A platform (重点实验室, 孵化器, 中试基地 …) is designated (认定) on a day by a document and counts
from that day until it is revoked (撤销). A product approval (药品注册证书, 医疗器械注册证 …) is
granted on a day and counts until its validity ends (有效期至). Codes and Chinese names of
types, levels, kinds and classes: ``bioecon/data/registers.yaml``; how indicators count rows:
docs/registers.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Generic, TypeVar

from bioecon.domain.known_codes import CodeList
from bioecon.errors import InvalidValue, Problem

R = TypeVar("R")


class PlatformStatus(StrEnum):
    """认定状态."""

    ACTIVE = "active"  # 有效
    REVOKED = "revoked"  # 撤销


STATUS_NAMES: Mapping[str, PlatformStatus] = {
    "有效": PlatformStatus.ACTIVE,
    "撤销": PlatformStatus.REVOKED,
    "已撤销": PlatformStatus.REVOKED,
}


@dataclass(frozen=True, slots=True)
class Platform:
    """创新平台或载体: designated on ``approved_on`` by ``document``; counts until revoked."""

    code: str
    name: str
    type: str  # a registers.yaml platform type code (key_laboratory, incubator …)
    level: str  # national, provincial, municipal
    org_unit: str
    approved_on: date  # 认定日期
    host: str | None = None  # 依托单位的统一社会信用代码
    document: str | None = None  # 认定文件/文号
    status: PlatformStatus = PlatformStatus.ACTIVE
    revoked_on: date | None = None  # 撤销日期
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Approval:
    """产品注册证书或批文, granted to ``holder`` on ``approved_on``; counts until it lapses."""

    number: str  # 批准文号/注册证号, unique
    product: str
    kind: str  # drug, device, plant_variety, veterinary_drug
    holder: str  # 持有人的统一社会信用代码
    org_unit: str | None  # the file's 所在区域, else the holder's (filled in on load)
    approved_on: date  # 批准日期
    product_class: str | None = None  # 分类: device I/II/III, drug innovative/generic …
    valid_until: date | None = None  # 有效期至
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Term:
    """One vocabulary entry: its code, its Chinese name, and the other names a file may use."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    category: str | None = None


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """One field's terms, resolved from a code, a Chinese name or an alias."""

    field: str  # the Chinese field name used in messages (类型, 级别 …)
    terms: tuple[Term, ...]

    def resolve(self, text: str) -> str:
        """The code ``text`` names (国家级, 国家, national → national)."""
        wanted = text.strip()
        for term in self.terms:
            names = (term.code, term.name, *term.aliases)
            if wanted in names or wanted.lower() == term.code.lower():
                return term.code
            if term.name.endswith("级") and wanted == term.name[:-1]:
                return term.code  # 国家/省/市 for 国家级/省级/市级
        raise CodeList(term.name for term in self.terms).refuse(self.field, wanted)

    def name_of(self, code: str) -> str:
        return next((term.name for term in self.terms if term.code == code), code)

    def codes(self, category: str | None = None) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms if category is None or t.category == category)


@dataclass(frozen=True, slots=True)
class RegisterVocabulary:
    """The vocabularies of both registers (``registers.yaml``)."""

    platform_types: Vocabulary
    platform_categories: Vocabulary
    levels: Vocabulary
    approval_kinds: Vocabulary
    approval_classes: Mapping[str, Vocabulary]  # by kind; a kind without classes has none

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> RegisterVocabulary:
        platforms, approvals = data["platforms"], data["approvals"]
        types = tuple(
            Term(
                str(t["code"]),
                str(t["name"]),
                tuple(str(a) for a in t.get("aliases") or ()),
                str(t["category"]),
            )
            for t in platforms["types"]
        )
        return cls(
            platform_types=Vocabulary("类型", types),
            platform_categories=_named("类别", platforms["categories"]),
            levels=_named("级别", platforms["levels"]),
            approval_kinds=_named("类别", approvals["kinds"]),
            approval_classes={
                str(kind): _named("分类", classes)
                for kind, classes in (approvals.get("classes") or {}).items()
            },
        )

    def resolve_class(self, kind: str, text: str) -> str:
        classes = self.approval_classes.get(kind)
        if classes is None:
            raise InvalidValue(f"{self.approval_kinds.name_of(kind)}不分类；请留空")
        return classes.resolve(text)


def _named(field: str, names: Mapping[str, Any]) -> Vocabulary:
    return Vocabulary(field, tuple(Term(str(code), str(name)) for code, name in names.items()))


def platform_problems(platform: Platform) -> list[tuple[str, str]]:
    """(field, message) for each rule a platform breaks: a revoked platform has the day it was
    revoked, not before it was designated; an active one has none."""
    revoked = platform.revoked_on
    if platform.status is PlatformStatus.REVOKED and revoked is None:
        return [("revoked_on", "状态为撤销，须填写撤销日期")]
    if platform.status is PlatformStatus.ACTIVE and revoked is not None:
        return [("status", f"有撤销日期{revoked}，状态应为撤销")]
    if revoked is not None and revoked < platform.approved_on:
        return [("revoked_on", f"撤销日期{revoked}早于认定日期{platform.approved_on}")]
    return []


def approval_problems(approval: Approval) -> list[tuple[str, str]]:
    """(field, message) for each rule an approval breaks: validity ends after it begins."""
    end = approval.valid_until
    if end is not None and end < approval.approved_on:
        return [("valid_until", f"有效期至{end}早于批准日期{approval.approved_on}")]
    return []


@dataclass(frozen=True, slots=True)
class RegisterCount:
    """What a register indicator counts (its ``count:``), resolved to stored columns: each
    field's accepted codes (a platform category becomes its types); an absent field is free."""

    values: Mapping[str, tuple[str, ...]]

    @classmethod
    def of_platforms(
        cls, count: Mapping[str, tuple[str, ...]], vocabulary: RegisterVocabulary
    ) -> RegisterCount:
        values = {k: v for k, v in count.items() if k in ("type", "level")}
        if "category" in count:
            types = tuple(
                code
                for category in count["category"]
                for code in vocabulary.platform_types.codes(category)
            )
            values["type"] = tuple(t for t in values.get("type", types) if t in types)
        _check_fields(count, {"type", "level", "category"})
        return cls(values)

    @classmethod
    def of_approvals(cls, count: Mapping[str, tuple[str, ...]]) -> RegisterCount:
        _check_fields(count, {"kind", "class"})
        return cls({("product_class" if k == "class" else k): v for k, v in count.items()})


def _check_fields(count: Mapping[str, tuple[str, ...]], known: set[str]) -> None:
    unknown = set(count) - known
    if unknown:
        raise InvalidValue(f"count: {', '.join(sorted(unknown))} is not a field of the register")


@dataclass(frozen=True, slots=True)
class RegisterRow(Generic[R]):
    """One row of a register file that parsed: its row number and its record."""

    row: int
    record: R


@dataclass(frozen=True, slots=True)
class RegisterFile(Generic[R]):
    """A parsed register file: the rows that parsed, the problems of those that did not, each
    field's header (for the loader's messages), and the codes every row names, bad cells or
    not (row, field, code), so one pass reports every problem. Refused whole if ``problems``
    is not empty."""

    source: str
    rows: tuple[RegisterRow[R], ...]
    problems: tuple[Problem, ...]
    headers: Mapping[str, str]  # field → the Chinese column header
    references: tuple[tuple[int, str, str], ...] = ()

    def problem(self, row: int, field: str, message: str) -> Problem:
        """A problem's place as the other register files name it: 第3行 类型."""
        return Problem(f"第{row}行 {self.headers.get(field, field)}", message)


@dataclass(frozen=True, slots=True)
class RegisterLoadReport:
    """What loading a register file did: rows created, updated, and repeated unchanged."""

    source: str
    created: int
    updated: int
    unchanged: int

    def line(self) -> str:
        """``FILE: 3 created, 1 updated, 0 unchanged``."""
        return f"{self.source}: {self.created} created, {self.updated} updated, {self.unchanged} unchanged"
