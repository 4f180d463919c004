"""Keep text a spreadsheet would run as a formula as text (CSV/formula injection).

Excel, WPS and LibreOffice run a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and,
in some versions, a tab or carriage return) as a formula, e.g. ``=HYPERLINK("http://…")``.
Every text an export writes to CSV goes through :func:`protect`, which puts a single quote
in front of such text — the mark Excel itself uses for "this is text" — and every text cell
read from a CSV goes through :func:`unprotect`, which removes exactly that mark, so an
exported file loads back to the same values (OWASP, "CSV Injection").

A text that already begins with a quote followed by one of those characters, or by a
second quote, gets one more quote, so the pair is a bijection: ``unprotect(protect(x)) ==
x`` for every text ``x``. XLSX exports instead write such text as a string cell
(:mod:`bioecon.io.sheet_writer`), which reads back unchanged without any mark.
"""

from __future__ import annotations

FORMULA_STARTS = frozenset("=+-@\t\r")
"""First characters that make a spreadsheet treat a cell as a formula."""

MARK = "'"


def _marked(text: str) -> bool:
    """Whether ``text`` begins with the mark :func:`protect` adds (and would strip)."""
    return len(text) >= 2 and text[0] == MARK and (text[1] in FORMULA_STARTS or text[1] == MARK)


def needs_protection(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` as a formula, or read a mark off it."""
    return bool(text) and (text[0] in FORMULA_STARTS or _marked(text))


def protect(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text: ``=1+1`` → ``'=1+1``."""
    return MARK + text if needs_protection(text) else text


def unprotect(text: str) -> str:
    """The text :func:`protect` was given: ``'=1+1`` → ``=1+1``; other text unchanged."""
    return text[1:] if _marked(text) else text
