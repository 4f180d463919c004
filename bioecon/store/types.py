"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from bioecon.domain.amounts import MAX_DECIMALS, canonical_decimal, check_storable

_SCALE = Decimal(10) ** MAX_DECIMALS


class ExactDecimal(TypeDecorator[Decimal]):
    """An exact decimal with up to six decimal places.

    PostgreSQL keeps it as ``NUMERIC(24, 6)``. SQLite has no exact decimal type (it would
    store a float, and ``SUM`` over floats drifts in the last digits), so there the column
    holds an integer count of millionths: sums in SQL stay exact integers, and reading
    divides back. ``func.sum(column)`` keeps this type, so sums come back as exact Decimals
    on both backends.
    """

    impl = Numeric(24, MAX_DECIMALS)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(24, MAX_DECIMALS, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        number = value if isinstance(value, Decimal) else Decimal(value)
        if dialect.name == "sqlite":
            _, digits, exponent = number.as_tuple()
            # the common case, decided from the digits alone: at most MAX_DECIMALS places and
            # below 10^12, so at most 18 digits — scaleb is then exact (it rounds beyond 28)
            if type(exponent) is int and exponent >= -MAX_DECIMALS and len(digits) + exponent <= 12:
                return int(number.scaleb(MAX_DECIMALS))
            return int(check_storable(number) * _SCALE)  # the reason, or e.g. 1.50000000
        return check_storable(number)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return canonical_decimal(Decimal(int(value)) / _SCALE)
        return canonical_decimal(Decimal(value))


class UtcDateTime(TypeDecorator[datetime]):
    """A moment, always read back as an aware UTC datetime.

    PostgreSQL keeps ``timestamptz`` and returns aware values; SQLite has no time-zone type
    and returns naive ones. Every moment is written in UTC (aware values are converted), so a
    naive value read back is UTC, and this type says so in one place — callers never compare
    a naive value with an aware one.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value.astimezone(UTC)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


# A 64-bit key on PostgreSQL; SQLite auto-increments only a column declared INTEGER.
BigId = BigInteger().with_variant(Integer(), "sqlite")
