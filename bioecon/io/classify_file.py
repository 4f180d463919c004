"""`bioecon classify IN.csv --out OUT.csv`: stream a CSV of enterprises, add the category.

Reads the file through :func:`bioecon.io.tabular.open_csv` (UTF-8 with or without BOM, or
GB18030; the same limits and quote checks as every import); needs columns name,
industry_code, business_scope (other columns pass through unchanged); writes UTF-8 with BOM
(Excel opens it correctly) through :class:`~bioecon.io.sheet_writer.CsvRowWriter` and adds
bio_category, bio_category_name, basis, matched. A cell beyond the header's columns refuses
the file (it would shift into the added columns); OUT.csv is written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bioecon.classify.classifier import Classification
from bioecon.domain.problem_list import ProblemList
from bioecon.errors import InvalidInput, Problem
from bioecon.io.sheet_writer import CsvRowWriter
from bioecon.io.tabular import MAX_CELL_CHARS, open_csv

REQUIRED = ("name", "industry_code", "business_scope")
ADDED = ("bio_category", "bio_category_name", "basis", "matched")


@dataclass(frozen=True, slots=True)
class ClassifyCounts:
    rows: int
    classified: int
    by_basis: dict[str, int]


def classify_csv(
    source: Path, target: Path, classify: Callable[[str | None, str | None], Classification]
) -> ClassifyCounts:
    partial = target.with_name(target.name + ".part")
    try:
        counts = _classify(source, partial, classify)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return counts


def _classify(
    source: Path, target: Path, classify: Callable[[str | None, str | None], Classification]
) -> ClassifyCounts:
    with open_csv(source) as (header, records):
        columns = _columns(source, header)
        code_at, scope_at = columns.index("industry_code"), columns.index("business_scope")
        counts = {"code": 0, "scope": 0, "both": 0, "none": 0}
        problems = ProblemList()
        rows = 0
        with target.open("w", encoding="utf-8-sig", newline="") as out:
            writer = CsvRowWriter(out)
            writer.row([*columns, *ADDED])
            for number, row in records:
                for problem in _cell_problems(number, row, len(columns)):
                    problems.add(problem)
                if problems or not any(cell.strip() for cell in row):
                    continue
                padded = row[: len(columns)] + [""] * (len(columns) - len(row))
                result = classify(padded[code_at], padded[scope_at])
                counts[result.basis] += 1
                rows += 1
                added = [result.category, result.category_name, result.basis, result.matched]
                writer.row([*padded, *added])
    if problems:
        raise InvalidInput(str(source), problems.listed())
    return ClassifyCounts(rows, rows - counts["none"], counts)


def _columns(source: Path, header: list[str]) -> list[str]:
    columns = [h.strip() for h in header]
    missing = [c for c in REQUIRED if c not in columns]
    clash = [c for c in ADDED if c in columns]
    problems = [Problem("row 1", f"missing column(s): {', '.join(missing)}")] if missing else []
    if clash:
        problems.append(Problem("row 1", f"column(s) {', '.join(clash)} would be overwritten"))
    if problems:
        raise InvalidInput(str(source), problems)
    return columns


def _cell_problems(number: int, row: list[str], width: int) -> list[Problem]:
    """A cell beyond the header's columns, or longer than any spreadsheet cell."""
    found = []
    for position, cell in enumerate(row, start=1):
        if position > width and cell.strip():
            found.append(
                Problem(
                    f"row {number}, column {position}",
                    f"value {cell.strip()[:40]} has no column header (the header has {width} columns)",
                )
            )
        elif len(cell) > MAX_CELL_CHARS:
            found.append(
                Problem(
                    f"row {number}, column {position}",
                    f"单元格有 {len(cell):,} 个字符，超过上限 {MAX_CELL_CHARS:,}",
                )
            )
    return found
