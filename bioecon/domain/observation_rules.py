"""The rules a parsed observation file meets before anything is written: every code it names
is known, each row's basis fits its indicator's nature, its period is of the indicator's
period type, no two rows share a key (indicator, org unit, sector, period, basis), and no row
changes a stored value its review status locks (:func:`bioecon.domain.review.editable`: the
same rule as entering one value)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from bioecon.domain.catalogue import IndicatorSource, source_of_code
from bioecon.domain.model import Indicator, IndicatorNature, ObservationStatus, ReportingBasis
from bioecon.domain.observation_input import CodeReference, ObservationFile, ObservationRow
from bioecon.domain.review import editable
from bioecon.errors import Problem

ALLOWED_BASES = {
    IndicatorNature.FLOW: {ReportingBasis.MONTH_VALUE, ReportingBasis.YTD},
    IndicatorNature.STOCK: {ReportingBasis.PERIOD_END},
}

RowKey = tuple[str, str, str, str, str]

# The stored statuses whose value (and source) a load may change: those a reporter may edit.
# A load may also write a row over a locked value that it leaves as it is ("unchanged").
EDITABLE = tuple(s for s in ObservationStatus if editable(s))
# What to do to change a value each locked status keeps (the step that makes it editable).
LOCKED_MESSAGES = {
    ObservationStatus.APPROVED: "该值已审核通过（已锁定），须由审核员重新打开（bioecon data reopen）"
    "后才能修改",
    ObservationStatus.SUBMITTED: "该值已报送、待审核，须先撤回（bioecon data recall）或由审核员退回"
    "后才能修改",
}


@dataclass(frozen=True, slots=True)
class CheckedRow:
    """A row that meets every rule, with its basis settled (the file's, else the indicator's)."""

    row: ObservationRow
    basis: ReportingBasis


def check_rows(
    parsed: ObservationFile, indicators: Mapping[str, Indicator], org_units: Collection[str]
) -> tuple[list[CheckedRow], list[Problem]]:
    """The rows to write and every problem of the file (its own and these rules'), by row.
    Only ledger indicators are reported: a register indicator (``tier.``, ``platform.`` …) is
    counted from its register, so a figure for it is refused like an unknown code."""
    indicators = {
        c: i for c, i in indicators.items() if source_of_code(c) is IndicatorSource.LEDGER
    }
    problems = list(parsed.problems) + unknown_codes(parsed.references, indicators, org_units)
    checked: list[CheckedRow] = []
    first_row: dict[RowKey, int] = {}
    for row in parsed.rows:
        if row.indicator not in indicators or row.org_unit not in org_units:
            continue  # reported by unknown_codes
        settled = settle(row, indicators[row.indicator])
        if isinstance(settled, CheckedRow):
            key = (
                row.indicator,
                row.org_unit,
                row.sector or "",
                str(row.period),
                settled.basis.value,
            )
            if key in first_row:
                settled = repeat_problem(row.row, first_row[key])
        if isinstance(settled, Problem):
            problems.append(settled)
            continue
        first_row[key] = row.row
        checked.append(settled)
    return checked, sorted(problems, key=row_of)


def settle(row: ObservationRow, indicator: Indicator) -> CheckedRow | Problem:
    """The row with its basis settled, or why its basis or period does not fit ``indicator``."""
    basis = row.basis or default_basis(indicator)
    problem = _basis_problem(row, indicator, basis) or _period_problem(row, indicator)
    return problem or CheckedRow(row, basis)


def repeat_problem(row: int, first: int) -> Problem:
    return Problem(
        f"row {row}, column period",
        f"repeats row {first} (same indicator, org unit, sector, period and basis)",
    )


def locked_problem(row: int, field: str, status: ObservationStatus) -> Problem:
    """Why row ``row`` may not change the stored value's ``field`` (value or source)."""
    return Problem(f"row {row}, column {field}", LOCKED_MESSAGES[status])


def unknown_codes(
    references: Collection[CodeReference],
    indicators: Collection[str],
    org_units: Collection[str],
) -> list[Problem]:
    """A problem for each indicator or org-unit code the file names that is not known."""
    found = []
    for ref in references:
        known = indicators if ref.column == "indicator" else org_units
        problem = code_problem(ref, ref.code in known)
        if problem is not None:
            found.append(problem)
    return found


def code_problem(ref: CodeReference, known: bool) -> Problem | None:
    """Why the code ``ref`` names is refused (``known``: the database holds it), or None."""
    is_indicator = ref.column == "indicator"
    if is_indicator and source_of_code(ref.code) is not IndicatorSource.LEDGER:
        source = source_of_code(ref.code).value
        return Problem(
            f"row {ref.row}, column {ref.column}",
            f"indicator '{ref.code}' is counted from its register ({source}), not "
            "reported: load the register's file instead (docs/indicators.md)",
        )
    if known:
        return None
    label = "indicator" if is_indicator else "org unit"
    return Problem(f"row {ref.row}, column {ref.column}", f"unknown {label} '{ref.code}'")


def default_basis(indicator: Indicator) -> ReportingBasis:
    """A stock is reported at period end; a flow on the indicator's own basis."""
    if indicator.nature is IndicatorNature.STOCK:
        return ReportingBasis.PERIOD_END
    return indicator.basis


def _basis_problem(
    row: ObservationRow, indicator: Indicator, basis: ReportingBasis
) -> Problem | None:
    allowed = ALLOWED_BASES[indicator.nature]
    if basis in allowed:
        return None
    names = ", ".join(sorted(b.value for b in allowed))
    return Problem(
        f"row {row.row}, column basis",
        f"{basis.value} does not fit {indicator.nature.value} indicator {indicator.code}; use {names}",
    )


def _period_problem(row: ObservationRow, indicator: Indicator) -> Problem | None:
    if row.period.type.value == indicator.period_type:
        return None
    return Problem(
        f"row {row.row}, column period",
        f"{row.period} is a {row.period.type.value}; {indicator.code} is reported per {indicator.period_type}",
    )


def row_of(problem: Problem) -> int:
    """Row number of a problem located as ``row N, column C`` (a stable sort keeps columns)."""
    match = re.match(r"row (\d+)", problem.location)
    return int(match.group(1)) if match else 0
