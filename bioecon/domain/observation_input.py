"""Observations as read from a file, before they are checked against the database: the
contract between the file readers (:mod:`bioecon.io`) and the load use case."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from bioecon.domain.model import ObservationStatus, ReportingBasis
from bioecon.domain.periods import Period
from bioecon.errors import Problem


@dataclass(slots=True)
class ObservationRow:
    """One parsed row; ``basis`` and ``status`` are None when the file leaves them out.

    Not frozen, unlike its neighbours: one is built per row of files of millions of rows, and
    a frozen dataclass's ``__init__`` (a guarded ``object.__setattr__`` per field) tripled
    the cost — 3.6 s of CPU per million rows. Nothing changes one once built; copy it with
    ``dataclasses.replace``."""

    row: int
    indicator: str
    org_unit: str
    period: Period
    value: Decimal
    sector: str | None
    basis: ReportingBasis | None
    status: ObservationStatus | None
    source: str | None = None  # where the value comes from; default: the file and row


@dataclass(frozen=True, slots=True)
class CodeReference:
    """An indicator or org-unit code as written in a row, checked against the database even
    when another cell of the row is bad, so one pass reports every problem."""

    row: int
    column: str
    code: str


@dataclass(frozen=True, slots=True)
class ObservationFile:
    """A parsed file: the rows that parsed, the cell problems of those that did not, and
    the codes those rows name (a row that parsed carries its own; a reader may list them
    too). The loader refuses the file if ``problems`` is not empty."""

    source: str
    rows: tuple[ObservationRow, ...]
    problems: tuple[Problem, ...]
    references: tuple[CodeReference, ...]
    blank_rows: int

    def pieces(self) -> Iterator[ObservationFile]:
        """The file as pieces to load (an :class:`ObservationSource`): all of it at once."""
        yield self


class ObservationSource(Protocol):
    """What the loader reads: a file as consecutive pieces, each an :class:`ObservationFile`
    of some of its rows, so that a streamed file is never held whole (bioecon.io.observations
    reads one this way; an :class:`ObservationFile` is its own single piece)."""

    @property
    def source(self) -> str: ...

    def pieces(self) -> Iterator[ObservationFile]: ...
