"""A bulletin as one self-contained HTML page, from the editable page template
``bioecon/data/reports/bulletin.html`` (Jinja2, every value escaped)."""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment

from bioecon.catalogs import read_data_text
from bioecon.reports.charts import chart_png
from bioecon.reports.narrative import Document

PAGE_TEMPLATE = "reports/bulletin.html"


def html_text(document: Document) -> str:
    """The page of ``document``."""
    environment = Environment(autoescape=True, keep_trailing_newline=True)
    charts = {
        index: base64.b64encode(chart_png(block)).decode("ascii")
        for index, block in enumerate(document.blocks)
        if block.style == "chart"
    }
    template = environment.from_string(read_data_text(PAGE_TEMPLATE))
    return template.render(doc=document, charts=charts)


def write_html(document: Document, path: Path) -> None:
    path.write_text(html_text(document), encoding="utf-8")
