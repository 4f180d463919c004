"""The layering of docs/architecture.md, checked on the import statements of every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "bioecon"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules(*parts: str) -> list[Path]:
    base = PACKAGE.joinpath(*parts)
    return sorted(base.rglob("*.py")) if base.is_dir() else [base.with_suffix(".py")]


FORBIDDEN = {
    # the pure domain: no storage, no files, no front ends
    "domain": (
        "sqlalchemy",
        "alembic",
        "bioecon.store",
        "bioecon.io",
        "bioecon.services",
        "bioecon.cli",
        "bioecon.catalogs",
        "openpyxl",
        "yaml",
        "click",
    ),
    # front ends and formats never touch tables: they call services
    "cli": ("sqlalchemy", "bioecon.store"),
    "io": ("sqlalchemy", "bioecon.store", "bioecon.services"),
    "demo": ("sqlalchemy", "bioecon.store"),
    "web": ("sqlalchemy", "bioecon.store"),
    # services use the store, never a front end or a file format's reader
    "services": ("bioecon.cli", "bioecon.io", "click"),
    "store": ("bioecon.services", "bioecon.io", "bioecon.cli"),
    # benchmarks write and read through services, like every other front end
    "bench": ("sqlalchemy", "bioecon.store", "bioecon.cli"),
}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_respect_the_architecture(layer: str) -> None:
    files = modules(layer)
    assert files, f"no module found for layer {layer}"
    offences = [
        f"{path.relative_to(PACKAGE.parent)} imports {name}"
        for path in files
        for name in imports_of(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer])
    ]
    assert offences == []


def test_sql_lives_only_in_the_store() -> None:
    outside = [
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.relative_to(PACKAGE).parts
        and path.name not in ("app.py",)
        and any(name.startswith("sqlalchemy") for name in imports_of(path))
    ]
    assert outside == []


def test_only_the_store_sees_tables() -> None:
    """Services pass codes and names to store functions, never ``Table`` objects."""
    outside = [
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.relative_to(PACKAGE).parts
        and any(name == "bioecon.store.tables" for name in _imported_names(path))
    ]
    assert outside == []


def _imported_names(path: Path) -> set[str]:
    """Modules imported, with ``from a import b`` also giving ``a.b`` (b may be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = imports_of(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_the_record_converter_needs_only_the_standard_library() -> None:
    """bioecon/records.py is usable by every layer: it imports nothing of bioecon or beyond."""
    allowed = {"__future__", "dataclasses", "types", "collections.abc", "enum", "functools"}
    allowed |= {"typing", "_typeshed"}
    assert imports_of(PACKAGE / "records.py") <= allowed


DATA_READERS = {"bioecon/catalogs.py"}


def opens_package_data(path: Path) -> bool:
    """Whether the module names the package ``bioecon.data`` in a call (resources.files(…))."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Call)
        and any(
            isinstance(arg, ast.Constant) and str(arg.value).startswith("bioecon.data")
            for arg in node.args
        )
        for node in ast.walk(tree)
    )


def test_data_files_are_read_only_through_catalogs() -> None:
    readers = {
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if opens_package_data(path)
    }
    assert readers - DATA_READERS == set()
    assert "bioecon/catalogs.py" in readers  # the check sees the one reader there is


BENCH_EXTRA = ("pandas", "duckdb", "polars")
BASELINES = ["bioecon/bench/baseline.py", "bioecon/bench/columnar.py"]


def top_level_imports_of(path: Path) -> set[str]:
    """What a module imports when it is imported (not inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _names_extra(names: set[str]) -> bool:
    return any(name.split(".")[0] in BENCH_EXTRA for name in names)


def test_only_the_bench_baselines_import_pandas_duckdb_and_polars() -> None:
    """pandas, DuckDB and polars are the optional ``bench`` extra: only the two baseline
    modules import them when imported; `bench ledger` (bioecon/bench/ledger.py) reaches
    them inside its functions, and nothing imports a baseline module at import time."""
    at_import = sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if _names_extra(top_level_imports_of(path))
    )
    assert at_import == BASELINES
    anywhere = sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if _names_extra(imports_of(path))
    )
    assert anywhere == [*BASELINES, "bioecon/bench/ledger.py"]
    baseline_modules = {"bioecon.bench.baseline", "bioecon.bench.columnar"}
    importers = sorted(
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if top_level_imports_of(path) & baseline_modules
    )
    assert importers == ["bioecon/bench/columnar.py"]  # columnar reuses baseline's frames
