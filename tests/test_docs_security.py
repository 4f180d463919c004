"""docs/security.md: its roles and settings tables are generated from the data files."""

from __future__ import annotations

from bioecon import docs_reference


def test_security_tables_are_generated_from_the_data_files() -> None:
    text = docs_reference.SECURITY.read_text(encoding="utf-8")
    assert docs_reference.block_names(text) == ["roles", "security-policy", "audited-records"]
    assert text == docs_reference.render(text), "run `make docs` to regenerate docs/security.md"
    # the rendering is not empty: a row per role, one per setting
    assert "| 填报员 `reporter` | 区域及下级 | ✓ |  | ✓ |" in text
    assert "| `login_failures.limit` | 5 |" in text
    assert "| `platform` | 创新平台与载体 (platform) |" in text  # a row per kind of record
