"""A bulletin as one self-contained HTML page, from the editable page template
``bioecon/data/reports/bulletin.html`` (Jinja2, every value escaped)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from bioecon.catalogs import read_data_text
from bioecon.reports.narrative import Document

PAGE_TEMPLATE = "reports/bulletin.html"


def html_text(document: Document) -> str:
    """The page of ``document``."""
    environment = Environment(autoescape=True, keep_trailing_newline=True)
    return environment.from_string(read_data_text(PAGE_TEMPLATE)).render(doc=document)


def write_html(document: Document, path: Path) -> None:
    path.write_text(html_text(document), encoding="utf-8")
