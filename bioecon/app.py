"""The application object: owns the database engine. No import-time globals.

``Bioecon(Settings.resolve())`` in the CLI, ``Bioecon(Settings(database_url=...))`` in a test:
each has its own engine, so tests run side by side on separate databases.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

from bioecon.settings import Settings
from bioecon.store.engine import make_engine


class Bioecon:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine: Engine = make_engine(settings.database_url)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back on any exception."""
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads only."""
        with self.engine.connect() as connection:
            yield connection

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Bioecon:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
