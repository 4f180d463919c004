"""`bioecon classify IN.csv --out OUT.csv`: stream a CSV of enterprises, add the category.

Reads UTF-8 (BOM or not) or GB18030; needs columns name, industry_code, business_scope (其他
columns pass through unchanged); writes UTF-8 with BOM (Excel opens it correctly) and adds
bio_category, bio_category_name, basis, matched.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bioecon.classify.classifier import Classification
from bioecon.errors import InvalidInput, Problem

REQUIRED = ("name", "industry_code", "business_scope")
ADDED = ("bio_category", "bio_category_name", "basis", "matched")


@dataclass(frozen=True, slots=True)
class ClassifyCounts:
    rows: int
    classified: int
    by_basis: dict[str, int]


def _open(path: Path) -> Iterator[str]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidInput(str(path), [Problem("", f"cannot read: {error.strerror}")]) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            yield from raw.decode(encoding).splitlines(keepends=True)
            return
        except UnicodeDecodeError:
            continue
    raise InvalidInput(str(path), [Problem("", "text is neither UTF-8 nor GB18030/GBK")])


def classify_csv(
    source: Path, target: Path, classify: Callable[[str | None, str | None], Classification]
) -> ClassifyCounts:
    reader = csv.reader(_open(source))
    header = next(reader, None)
    if header is None:
        raise InvalidInput(str(source), [Problem("", "the file is empty")])
    columns = [h.strip() for h in header]
    missing = [c for c in REQUIRED if c not in columns]
    clash = [c for c in ADDED if c in columns]
    if missing or clash:
        problems = [Problem("row 1", f"missing column(s): {', '.join(missing)}")] if missing else []
        problems += (
            [Problem("row 1", f"column(s) {', '.join(clash)} would be overwritten")]
            if clash
            else []
        )
        raise InvalidInput(str(source), problems)
    code_at, scope_at = columns.index("industry_code"), columns.index("business_scope")
    counts = {"code": 0, "scope": 0, "both": 0, "none": 0}
    rows = 0
    with target.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([*columns, *ADDED])
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            padded = row + [""] * (len(columns) - len(row))
            result = classify(padded[code_at], padded[scope_at])
            counts[result.basis] += 1
            rows += 1
            writer.writerow(
                [
                    *padded,
                    result.category or "",
                    result.category_name or "",
                    result.basis,
                    result.matched,
                ]
            )
    return ClassifyCounts(rows, rows - counts["none"], counts)
