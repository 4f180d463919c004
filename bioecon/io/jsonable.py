"""Plain JSON values for records that hold Decimals: the CLI's `--format json` and the web API
give the same numbers (an integral Decimal as an integer, otherwise a float)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def json_value(value: object) -> object:
    """The JSON form of one value (for json.dumps(default=...))."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def plain(data: Any) -> Any:
    """``data`` with every Decimal turned into a JSON number, recursively."""
    if isinstance(data, Decimal):
        return json_value(data)
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [plain(v) for v in data]
    return data
