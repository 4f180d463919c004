"""统一社会信用代码 checks (`bioecon uscc check`): no database, so no app."""

from __future__ import annotations

from collections.abc import Sequence

from bioecon.catalogs import uscc_departments
from bioecon.domain.uscc import UsccVerdict, check


def check_credit_codes(*, codes: Sequence[str]) -> list[UsccVerdict]:
    """A verdict per code, in order: valid or not, and which check failed."""
    departments = uscc_departments()
    return [check(code, departments) for code in codes]
