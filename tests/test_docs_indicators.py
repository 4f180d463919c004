"""docs/indicators.md: its catalogue and rule tables are generated from the data files."""

from __future__ import annotations

from pathlib import Path

from bioecon import docs_reference

INDICATORS = Path(__file__).parents[1] / "docs" / "indicators.md"


def test_the_catalogue_and_rule_tables_are_generated_from_the_data() -> None:
    text = INDICATORS.read_text(encoding="utf-8")
    assert docs_reference.block_names(text) == ["indicators", "mapping-rules"]
    assert text == docs_reference.render(text), "run `make docs` to regenerate docs/indicators.md"
    # a row of each kind, as the data files give them
    assert "| `tier.registered` | 在册企业数量 | 家 | registry |" in text
    assert "| the tier of the band | band: revenue |  | 0.95 |" in text
    assert "| `platform.pilot_base` | 中试基地数量 | 个 | platforms |" in text
