"""docs/registers.md's vocabulary table says exactly what bioecon/data/registers.yaml holds."""

from __future__ import annotations

from pathlib import Path

from bioecon.catalogs import register_vocabulary

DOC = Path(__file__).parents[1] / "docs" / "registers.md"


def documented_rows() -> set[tuple[str, ...]]:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- vocabulary -->\n", 1)[1].split("<!-- /vocabulary -->", 1)[0]
    lines = [line for line in block.splitlines()[2:] if line.startswith("|")]
    return {tuple(cell.strip() for cell in line.strip("|").split("|")) for line in lines}


def data_rows() -> set[tuple[str, ...]]:
    data = register_vocabulary()
    platforms, approvals = data["platforms"], data["approvals"]
    rows: set[tuple[str, ...]] = {
        (
            "platforms",
            "type",
            t["code"],
            t["name"],
            ", ".join(t.get("aliases") or ()),
            t["category"],
        )
        for t in platforms["types"]
    }
    rows |= {
        ("platforms", "level", code, name, name.removesuffix("级"), "")
        for code, name in platforms["levels"].items()
    }
    rows |= {("approvals", "kind", code, name, "", "") for code, name in approvals["kinds"].items()}
    rows |= {
        ("approvals", f"class of {kind}", code, name, "", "")
        for kind, classes in approvals["classes"].items()
        for code, name in classes.items()
    }
    return rows


def test_the_vocabulary_table_is_the_data_file() -> None:
    assert documented_rows() == data_rows()
