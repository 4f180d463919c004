"""Storage: tables, migrations and queries — the only package that holds SQL.

Services pass a :class:`Connection` (one transaction) from call to call without looking
inside it; the name is re-exported here so that they need not import SQLAlchemy.
"""

from sqlalchemy import Connection

__all__ = ["Connection"]
