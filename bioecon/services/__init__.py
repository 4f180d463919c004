"""Use cases: one typed, keyword-only function per use case taking the ``Bioecon`` app (check,
validate, write in one transaction, return) — the only thing the CLI, web, importers and reports
call."""
