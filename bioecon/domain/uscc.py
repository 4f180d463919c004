"""统一社会信用代码 (unified social credit code, GB 32100-2015) checks.

The check character (position 18) comes from python-stdnum (``stdnum.cn.uscc``), the
well-kept implementation; on top, what users need to fix a code: which check failed and what
the check character should be, the character set (no I, O, Z, S, V), the digits of the
registering authority's area code, and the GB 11714-1997 check of the embedded organisation
code (positions 9–17), which is a warning — a few legitimately issued codes do not satisfy it.
python-stdnum's own ``validate`` also demands digits in positions 1–8, which would reject real
codes whose department is a letter (A, N, Y); that rule is deliberately not applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from stdnum.cn import uscc as stdnum_uscc

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True, slots=True)
class UsccVerdict:
    given: str
    code: str  # normalised: blanks and hyphens removed, upper case
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    expected_check: str | None = None
    kind: str | None = field(default=None)  # e.g. 工商·企业

    @property
    def valid(self) -> bool:
        return not self.errors

    def reason(self) -> str:
        if self.errors:
            return "; ".join(self.errors)
        return (
            "valid"
            + (f" ({self.kind})" if self.kind else "")
            + ("; " + "; ".join(self.warnings) if self.warnings else "")
        )


def normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def org_check_char(body8: str) -> str:
    """GB 11714-1997 check character of an organisation code's first 8 characters."""
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * weight
        for c, weight in zip(body8, _ORG_WEIGHTS, strict=True)
    )
    remainder = 11 - total % 11
    return "X" if remainder == 10 else "0" if remainder == 11 else str(remainder)


def check(given: str, departments: Mapping[str, Mapping[str, object]] | None = None) -> UsccVerdict:
    """Every check on one code; ``departments`` (uscc_codes.yaml) names known positions 1–2."""
    code = normalise(given)
    if len(code) != 18:
        return UsccVerdict(
            given, code, (f"length is {len(code)}, a credit code has 18 characters",)
        )
    bad = [f"position {i} '{c}'" for i, c in enumerate(code, start=1) if c not in CHARSET]
    if bad:
        excluded = " (I, O, Z, S and V are never used)" if any(c in "IOZSV" for c in code) else ""
        return UsccVerdict(given, code, (f"not allowed: {', '.join(bad)}{excluded}",))
    errors: list[str] = []
    if not code[2:8].isdigit():
        errors.append(
            f"positions 3–8 '{code[2:8]}' must be the 6-digit area code of the registering authority"
        )
    expected = stdnum_uscc.calc_check_digit(code[:17])
    if code[17] != expected:
        errors.append(f"check character (position 18) is '{code[17]}', it should be '{expected}'")
    warnings: list[str] = []
    body = code[8:16]
    if all(c.isdigit() or "A" <= c <= "Z" for c in body):
        org_expected = org_check_char(body)
        if code[16] != org_expected:
            warnings.append(
                f"embedded organisation code (positions 9–17) fails its GB 11714 check: "
                f"position 17 is '{code[16]}', GB 11714 gives '{org_expected}'"
            )
    kind = None
    if departments is not None:
        department = departments.get(code[0])
        types = department.get("types", {}) if department else {}
        if department is None or not isinstance(types, Mapping) or code[1] not in types:
            warnings.append(
                f"registration department/type code '{code[:2]}' is not in GB 32100's table"
            )
        else:
            kind = f"{department['name']}·{types[code[1]]}"
    return UsccVerdict(given, code, tuple(errors), tuple(warnings), expected, kind)
