"""Credit codes: the published vectors (tests/data/uscc_test_vectors.csv, from the project's
reference; real codes of real organisations) and one mutation per kind of error."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bioecon.catalogs import uscc_departments
from bioecon.domain.uscc import check, org_check_char

VECTORS = list(
    csv.DictReader(
        (Path(__file__).parents[1] / "data" / "uscc_test_vectors.csv").open(encoding="utf-8")
    )
)


@pytest.mark.parametrize("row", VECTORS, ids=[r["code"] for r in VECTORS])
def test_published_vectors(row: dict[str, str]) -> None:
    verdict = check(row["code"], uscc_departments())
    assert verdict.valid is row["expected"].startswith("valid"), verdict.reason()
    if row["embedded_org_code_check_(GB11714)"] == "valid":
        assert not any("GB 11714" in w for w in verdict.warnings)


def test_each_kind_of_error_says_what_failed() -> None:
    departments = uscc_departments()
    altered = check("91110000600037341M", departments)
    assert altered.errors == ("check character (position 18) is 'M', it should be 'L'",)
    assert altered.expected_check == "L"
    excluded = check("9111000060003IOZSV", departments)
    assert (
        "position 14 'I'" in excluded.errors[0]
        and "I, O, Z, S and V are never used" in excluded.errors[0]
    )
    assert check("12345").errors == ("length is 5, a credit code has 18 characters",)
    area = check("91AB0000600037341L")
    assert any("positions 3–8 'AB0000'" in e for e in area.errors)
    assert check("91 110000-600037341l").valid  # blanks, hyphens and case are normalised


def test_zero_check_character_and_x_in_the_org_code() -> None:
    assert check("91340600MA2PBP2120").valid  # weighted sum ≡ 0 (mod 31) → check char '0'
    assert check("9144030071526726XG").valid  # organisation-code check 'X' at position 17
    assert org_check_char("71526726") == "X"


def test_unknown_department_warns_and_a_bad_org_check_warns() -> None:
    departments = uscc_departments()
    verdict = check("91110000600037341L", departments)
    assert verdict.kind == "工商·企业" and verdict.warnings == ()
    # department 'N' (农业 in later tables) is not in GB 32100's original table: warn, don't reject
    letter = "N1110000600037341"
    from stdnum.cn.uscc import calc_check_digit

    unusual = check(letter + calc_check_digit(letter), departments)
    assert unusual.valid and any("'N1' is not in GB 32100's table" in w for w in unusual.warnings)
    body = "91110000600037349"  # org code check broken, USCC check recomputed
    broken = check(body + calc_check_digit(body), departments)
    assert broken.valid and any("GB 11714" in w and "gives '1'" in w for w in broken.warnings)
