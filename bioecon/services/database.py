"""Database use cases: upgrade the schema, describe the database."""

from __future__ import annotations

from dataclasses import dataclass

from bioecon.app import Bioecon
from bioecon.store import migrate
from bioecon.store.engine import describe_url
from bioecon.store.info import row_counts


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    url: str
    backend: str
    server_version: str
    revision: str | None
    head: str
    row_counts: dict[str, int]

    @property
    def up_to_date(self) -> bool:
        return self.revision == self.head


def upgrade_database(app: Bioecon, *, revision: str = "head") -> DatabaseInfo:
    """Create or migrate the schema to ``revision`` (the code's own by default)."""
    migrate.upgrade(app.engine, revision)
    return database_info(app)


def database_info(app: Bioecon) -> DatabaseInfo:
    """Which database the app uses (password hidden), its backend, schema revision and row counts."""
    with app.reading() as connection:
        version = connection.dialect.server_version_info or ()
        return DatabaseInfo(
            url=describe_url(app.engine),
            backend=app.engine.dialect.name,
            server_version=".".join(str(part) for part in version),
            revision=migrate.current_revision(connection),
            head=migrate.head_revision(),
            row_counts=row_counts(connection),
        )
