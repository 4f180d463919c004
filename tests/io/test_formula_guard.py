"""The CSV formula guard: protected text never starts a formula and always reads back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bioecon.io.formula_guard import FORMULA_STARTS, protect, unprotect

# Text built mostly from the characters that matter, so quotes and formula starts combine.
TEXTS = st.text(alphabet=st.sampled_from("'=+-@\t\rA1 (),\"") | st.characters(), max_size=12)


@given(TEXTS)
def test_round_trip_is_exact(text: str) -> None:
    assert unprotect(protect(text)) == text


@given(TEXTS)
def test_protected_text_never_starts_a_formula(text: str) -> None:
    protected = protect(text)
    assert not protected or protected[0] not in FORMULA_STARTS


def test_examples_worked_by_hand() -> None:
    # A formula gets one quote; a quote already marking a formula gets a second one.
    assert protect('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert protect("-3") == "'-3"
    assert protect("@SUM(A1)") == "'@SUM(A1)"
    assert protect("'=1") == "''=1"
    assert protect("''") == "'''"
    # A quote before ordinary text is the user's own and is kept as it is, both ways.
    assert protect("'0731") == "'0731"
    assert unprotect("'0731") == "'0731"
    assert protect("长沙") == "长沙"
    assert protect("") == ""
    assert protect("'") == "'"
