"""Database use cases: upgrade the schema, describe the database."""

from __future__ import annotations

from dataclasses import dataclass

from alembic.util import CommandError

from bioecon.app import Bioecon
from bioecon.errors import NotFound
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
    replicas: dict[str, str]  # each replica's address → 用于读取, or why it is passed over

    @property
    def up_to_date(self) -> bool:
        return self.revision == self.head


def upgrade_database(app: Bioecon, *, revision: str = "head") -> DatabaseInfo:
    """Create or migrate the schema to ``revision`` (the code's own by default)."""
    try:
        migrate.upgrade(app.engine, revision)
    except CommandError as error:  # alembic's word for a revision it does not know
        raise NotFound(
            f"没有数据库结构版本 {revision!r}（{error}）；省略 --revision 即升级到本版本的 "
            f"{migrate.head_revision()}"
        ) from None
    return database_info(app)


SERVES_READS = "用于读取"


def database_info(app: Bioecon) -> DatabaseInfo:
    """Which database the app uses (password hidden), its backend, schema revision and row
    counts; and each configured replica, tried now: whether it serves reads, else why not."""
    replicas = {r.url: r.refusal or SERVES_READS for r in app.replicas.reports()}
    with app.reading() as connection:
        version = connection.dialect.server_version_info or ()
        return DatabaseInfo(
            url=describe_url(app.engine),
            backend=app.engine.dialect.name,
            server_version=".".join(str(part) for part in version),
            revision=migrate.current_revision(connection),
            head=migrate.head_revision(),
            row_counts=row_counts(connection),
            replicas=replicas,
        )
