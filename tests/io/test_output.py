"""One record declaration rendered as json, jsonl, csv and a table, and as a response model."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bioecon.io.output import Amount, Column, Field, Record, render, response_model


@dataclass(frozen=True)
class Park:
    code: str
    name: str
    area: Decimal | None


PARK: Record[Park] = Record(
    "Park",
    (
        Field("code", str),
        Field("name", str),
        Field("area", Amount | None, description="km²"),
        Field("named", bool, lambda p: p.name != ""),
    ),
    (Column("code", lambda p: p.code), Column("面积", lambda p: p.area)),
)
PARKS = [Park("A1", "浏阳经开区", Decimal("2.50")), Park("B22", "", None)]


def test_json_keeps_the_declared_order_and_gives_amounts_as_numbers() -> None:
    assert render(PARK, PARKS[:1], "json") == (
        '[\n  {\n    "code": "A1",\n    "name": "浏阳经开区",\n    "area": 2.5,\n'
        '    "named": true\n  }\n]'
    )
    assert render(PARK, PARKS, "jsonl") == (
        '{"code": "A1", "name": "浏阳经开区", "area": 2.5, "named": true}\n'
        '{"code": "B22", "name": "", "area": null, "named": false}'
    )
    assert render(PARK, [], "jsonl") == "" and render(PARK, [], "json") == "[]"


def test_csv_has_every_field_and_a_table_its_columns() -> None:
    assert render(PARK, PARKS, "csv") == (
        "code,name,area,named\nA1,浏阳经开区,2.50,True\nB22,,,False\n"
    )
    # numbers right-aligned; 面积 is four columns wide; a missing value shows as —
    assert render(PARK, PARKS, "table") == "code  面积\n----  ----\nA1    2.50\nB22      —"


def test_the_response_model_types_every_field_and_serialises_amounts_as_numbers() -> None:
    model = response_model(PARK)
    schema = model.model_json_schema()
    assert schema["required"] == ["code", "name", "area", "named"]
    assert schema["properties"]["area"] == {
        "anyOf": [{"type": "number"}, {"type": "null"}],
        "description": "km²",
        "title": "Area",
    }
    dumped = model.model_validate(PARK.of(PARKS[0])).model_dump_json()
    assert dumped == '{"code":"A1","name":"浏阳经开区","area":2.5,"named":true}'
    assert model.model_validate({"code": "A", "name": "", "area": 3, "named": False}).model_dump(
        mode="json"
    ) == {"code": "A", "name": "", "area": 3, "named": False}
