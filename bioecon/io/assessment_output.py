"""An assessment's results as a table, JSON records and an XLSX workbook (`bioecon assess`):
per unit its rank, item points, 加分, 扣分, total and grade, and on request every score's
working ("湘江新区 · 产业规模：1,187.84 / 1,200 = 98.99% × 20 = 19.8")."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from bioecon.io.sheet_writer import write_xlsx
from bioecon.io.tabular import Cell
from bioecon.io.texttable import render_table
from bioecon.messages import render


def _headers(assessment: Any) -> list[str]:
    items = [f"{i.name}（{i.rule.weight.normalize():f}）" for i in assessment.scheme.items]
    return ["名次", "单位", *items, "加分", "扣分", "总分", "等次"]


def result_rows(assessment: Any) -> list[list[Cell]]:
    """One row per unit in rank order (a vetoed unit last, without a rank)."""
    return [
        [
            Decimal(r.rank) if r.rank is not None else "—",
            assessment.names[r.unit],
            *r.items,
            r.bonus,
            r.deduction,
            r.total,
            r.grade + (f"（一票否决：{'、'.join(r.vetoed)}）" if r.vetoed else ""),
        ]
        for r in assessment.results
    ]


def working_rows(assessment: Any) -> list[list[Cell]]:
    """Every score's input and working, by unit then item."""
    rows: list[list[Cell]] = []
    for result in assessment.results:
        for item, inputs, scores in zip(
            assessment.scheme.items, assessment.inputs, assessment.scores, strict=True
        ):
            score = scores[result.unit]
            rows.append(
                [
                    assessment.names[result.unit],
                    item.name,
                    inputs[result.unit],
                    score.points,
                    render(score.working),
                ]
            )
    return rows


def assessment_table(assessment: Any, *, explain: bool) -> str:
    text = render_table(_headers(assessment), result_rows(assessment))
    if not explain:
        return text
    lines = [
        f"{unit} · {item}：{working}" for unit, item, _, _, working in working_rows(assessment)
    ]
    return text + "\n\n" + "\n".join(lines)


def assessment_records(assessment: Any) -> list[dict[str, Any]]:
    """The JSON of `bioecon assess --format json`: a record per unit, its items with working."""
    records = []
    for result in assessment.results:
        items = []
        for item, inputs, scores in zip(
            assessment.scheme.items, assessment.inputs, assessment.scores, strict=True
        ):
            score = scores[result.unit]
            items.append(
                {
                    "key": item.key,
                    "name": item.name,
                    "method": item.rule.method.value,
                    "weight": item.rule.weight,
                    "input": inputs[result.unit],
                    "points": score.points,
                    "working": render(score.working),
                }
            )
        records.append(
            {
                "unit": result.unit,
                "name": assessment.names[result.unit],
                "rank": result.rank,
                "items": items,
                "bonus": result.bonus,
                "deduction": result.deduction,
                "total": result.total,
                "grade": result.grade,
                "vetoed": list(result.vetoed),
            }
        )
    return records


def write_assessment_xlsx(assessment: Any, path: Path) -> None:
    """The results, one row per unit (the working is in the JSON and the --explain table)."""
    rows = [[_cell(v) for v in row] for row in result_rows(assessment)]
    write_xlsx(path, _headers(assessment), rows, title=assessment.scheme.name)


def _cell(value: Cell) -> Cell:
    return (
        value.normalize() if isinstance(value, Decimal) and value == value.to_integral() else value
    )
