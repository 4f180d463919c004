"""Org units and indicators as read from a file (`bioecon orgunits load`, `bioecon indicators
load`), before they are checked against the database: the contract between the file reader
(:mod:`bioecon.io.directory_files`) and the load use cases."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from bioecon.errors import Problem


class Coded(Protocol):
    """A record known by its code (an org unit, an indicator)."""

    @property
    def code(self) -> str: ...


R = TypeVar("R", bound=Coded)


@dataclass(frozen=True, slots=True)
class DirectoryRow(Generic[R]):
    row: int  # as the user sees it (the header is row 1)
    record: R


@dataclass(frozen=True, slots=True)
class DirectoryFile(Generic[R]):
    """Every row that parsed, and a problem for every cell that did not."""

    source: str
    rows: tuple[DirectoryRow[R], ...]
    problems: tuple[Problem, ...]
    headers: dict[str, str]  # field → the column header used in messages (代码, 名称 …)


@dataclass(frozen=True, slots=True)
class DirectoryLoadReport:
    source: str
    created: int
    updated: int
    unchanged: int


def where(file: DirectoryFile[R], row: int, field: str) -> str:
    """A problem's place: 第3行 上级代码."""
    return f"第{row}行 {file.headers.get(field, field)}"


def repeated_codes(file: DirectoryFile[Any]) -> list[Problem]:
    """A code written on more than one row (the later rows are named)."""
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for item in file.rows:
        code = item.record.code
        if code in first:
            problems.append(
                Problem(where(file, item.row, "code"), f"'{code}' 与第{first[code]}行重复")
            )
        first.setdefault(code, item.row)
    return problems


def outcome_counts(file: DirectoryFile[R], stored: Mapping[str, R]) -> tuple[int, int, int]:
    """(created, updated, unchanged) of loading ``file`` over the ``stored`` records by code."""
    codes = [(i.record.code, i.record) for i in file.rows]
    created = sum(1 for code, _ in codes if code not in stored)
    unchanged = sum(1 for code, record in codes if stored.get(code) == record)
    return created, len(codes) - created - unchanged, unchanged
