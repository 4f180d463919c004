"""bioecon/reports renders what the use cases built: it reads no table and calls no use
case (the record is built by bioecon.services.reports, the one home of its figures)."""

from __future__ import annotations

from tests.test_architecture import PACKAGE, imports_of

FORBIDDEN = ("sqlalchemy", "bioecon.store", "bioecon.services", "bioecon.web", "bioecon.cli")


def test_the_reports_package_imports_no_store_service_or_front_end() -> None:
    files = sorted((PACKAGE / "reports").rglob("*.py"))
    assert len(files) >= 5  # the walk sees the package
    offences = [
        f"{path.name} imports {name}"
        for path in files
        for name in imports_of(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)
    ]
    assert offences == []
