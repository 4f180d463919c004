"""The classification tables: the category structure, the industry-code mapping (the shipped
CANDIDATE or a user's official table with the same columns) and the scope keywords."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from bioecon.catalogs import read_data_file, read_data_text
from bioecon.errors import InvalidInput, Problem

MAPPING_COLUMNS = (
    "status",
    "sei_code",
    "sei_name",
    "gbt4754_2017_code",
    "gbt4754_2017_name",
    "partial_star_in_official_table",
    "confidence",
    "basis",
)
EDITION = "GB/T 4754-2017"
_CONFIDENCE = {"high": 3, "medium": 2, "low": 1, "unknown": 0}


@dataclass(frozen=True, slots=True)
class Category:
    code: str  # 4.1.1
    name: str
    parent: str | None


@dataclass(frozen=True, slots=True)
class CodeMapping:
    category: str
    industry_code: str
    partial: bool | None  # * in the official table; None when unknown
    confidence: int  # 3 high … 0 unknown


@dataclass(frozen=True, slots=True)
class ClassificationTables:
    categories: dict[str, Category]
    by_code: dict[str, tuple[CodeMapping, ...]]
    keywords: dict[str, tuple[str, ...]]
    mapping_source: str  # file name and sha256, stored with every classification
    edition: str = EDITION


def _lines_without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("#"))


def load_tables(mapping_file: Path | None = None) -> ClassificationTables:
    """The shipped tables; ``mapping_file`` replaces the shipped candidate mapping."""
    structure = csv.DictReader(
        io.StringIO(
            _lines_without_comments(read_data_text("classification/sei2018_bio_structure.csv"))
        )
    )
    categories = {
        row["sei_code"]: Category(row["sei_code"], row["name_zh"], row["parent_code"] or None)
        for row in structure
    }
    if mapping_file is None:
        text, source = (
            read_data_text("classification/sei2018_bio_gbt4754_CANDIDATE.csv"),
            "sei2018_bio_gbt4754_CANDIDATE.csv",
        )
    else:
        try:
            text = mapping_file.read_text(encoding="utf-8-sig")
        except OSError as error:
            raise InvalidInput(
                str(mapping_file), [Problem("", f"cannot read: {error.strerror}")]
            ) from None
        source = mapping_file.name
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    by_code = _mapping(text, source, categories)
    keywords_data = read_data_file("classification/scope_keywords.yaml")["categories"]
    keywords = {str(code): tuple(str(k) for k in words) for code, words in keywords_data.items()}
    return ClassificationTables(categories, by_code, keywords, f"{source} sha256:{digest}")


def _mapping(
    text: str, source: str, categories: dict[str, Category]
) -> dict[str, tuple[CodeMapping, ...]]:
    reader = csv.DictReader(io.StringIO(_lines_without_comments(text)))
    missing = [c for c in MAPPING_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InvalidInput(source, [Problem("header", f"missing column(s): {', '.join(missing)}")])
    found: dict[str, list[CodeMapping]] = {}
    problems: list[Problem] = []
    for number, row in enumerate(reader, start=2):
        code = (row["gbt4754_2017_code"] or "").strip()
        category = (row["sei_code"] or "").strip()
        if not code:
            continue  # a category with no industry code: classified by scope only
        if category not in categories:
            problems.append(
                Problem(f"row {number}, column sei_code", f"unknown category '{category}'")
            )
            continue
        if not (code.isdigit() and len(code) in (2, 3, 4)):
            problems.append(
                Problem(
                    f"row {number}, column gbt4754_2017_code", f"'{code}' is not a GB/T 4754 code"
                )
            )
            continue
        star = (row["partial_star_in_official_table"] or "").strip().lower()
        found.setdefault(code, []).append(
            CodeMapping(
                category=category,
                industry_code=code,
                partial=True
                if star in ("yes", "*", "true")
                else False
                if star in ("no", "false")
                else None,
                confidence=_CONFIDENCE.get((row["confidence"] or "unknown").strip().lower(), 0),
            )
        )
    if problems:
        raise InvalidInput(source, problems)
    return {
        code: tuple(sorted(items, key=lambda m: -m.confidence)) for code, items in found.items()
    }
