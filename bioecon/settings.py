"""Settings, declared as data with their documentation (docs/configuration.md is checked
against :data:`SETTINGS` by the test suite)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import platformdirs

from bioecon.errors import ConfigurationError


@dataclass(frozen=True, slots=True)
class SettingSpec:
    name: str
    env: str
    default: str
    help: str


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "database_url",
        "BIOECON_DATABASE_URL",
        "sqlite:///<user data dir>/bioecon.db",
        "Database to use: a SQLAlchemy URL. sqlite:///path/file.db (embedded, the default) or "
        "postgresql://user:password@host:5432/dbname (multi-user). Overridden by --db.",
    ),
    SettingSpec(
        "ledger_admits_submitted",
        "BIOECON_LEDGER_ADMITS_SUBMITTED",
        "0",
        "1 (or true/yes): submitted (已报送, not yet reviewed) observations enter the ledger "
        "beside approved ones, flagged unreviewed (未审核). 0: only approved ones. Drafts "
        "never enter.",
    ),
    SettingSpec(
        "replica_urls",
        "BIOECON_REPLICA_URLS",
        "",
        "PostgreSQL streaming replicas (备库) to read from, comma-separated URLs: pages and the "
        "API read their figures there, writes go to database_url (the primary). Empty: every "
        "read goes to the primary. docs/replicas.md.",
    ),
    SettingSpec(
        "replica_max_lag",
        "BIOECON_REPLICA_MAX_LAG",
        "5",
        "Seconds: a replica with WAL received but not yet replayed for longer than this is "
        "passed over and the primary answers.",
    ),
    SettingSpec(
        "figure_cache",
        "BIOECON_FIGURE_CACHE",
        "512",
        "Derived figures (evaluations, data checks, ledger series) each process keeps under "
        "the data version they were computed at (bioecon/cache.py). 0 keeps none: every "
        "request computes its figures, as the first one after a write does (`bioecon bench "
        "web --cold` measures that).",
    ),
)

_TRUE = ("1", "true", "yes", "on")


def default_database_url() -> str:
    """A SQLite file in the user's data directory (e.g. ~/.local/share/bioecon/bioecon.db)."""
    return f"sqlite:///{Path(platformdirs.user_data_dir('bioecon')) / 'bioecon.db'}"


def normalise_database_url(url: str) -> str:
    """Accept the URL forms users copy from elsewhere; use psycopg 3 for PostgreSQL."""
    url = url.strip()
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if url.startswith(("sqlite://", "postgresql+psycopg://")):
        return url
    raise ConfigurationError(
        f"unsupported database URL '{url}': use sqlite:///path/to/file.db or "
        "postgresql://user:password@host:port/dbname"
    )


def setting(name: str) -> SettingSpec:
    """The declaration of the setting ``name`` (one of :data:`SETTINGS`)."""
    return next(spec for spec in SETTINGS if spec.name == name)


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    ledger_admits_submitted: bool = False
    figure_cache: int = 512
    replica_urls: tuple[str, ...] = ()
    replica_max_lag: Decimal = Decimal(5)

    def __post_init__(self) -> None:
        if self.replica_urls and not self.database_url.startswith("postgresql"):
            raise ConfigurationError(
                f"{setting('replica_urls').env}: 只读备库只能配合 PostgreSQL 主库使用 "
                "(replicas need a PostgreSQL database_url)"
            )
        for url in self.replica_urls:
            if not url.startswith("postgresql"):
                raise ConfigurationError(
                    f"{setting('replica_urls').env}: 备库地址须为 postgresql://…：{url}"
                )
        if not self.replica_max_lag.is_finite() or self.replica_max_lag < 0:
            raise ConfigurationError(
                f"{setting('replica_max_lag').env}: 须为非负秒数：{self.replica_max_lag}"
            )

    @property
    def ledger_statuses(self) -> tuple[str, ...]:
        """The observation statuses the ledger (and what reads it) counts."""
        return ("approved", "submitted") if self.ledger_admits_submitted else ("approved",)

    @classmethod
    def resolve(
        cls, *, database_url: str | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Explicit value first, then the environment variable :data:`SETTINGS` declares, then
        the default."""
        env = os.environ if environ is None else environ
        declared = env.get(setting("database_url").env)
        url = database_url or declared or default_database_url()
        admits = env.get(setting("ledger_admits_submitted").env, "0").strip().lower()
        replicas = env.get(setting("replica_urls").env, "")
        return cls(
            database_url=normalise_database_url(url),
            ledger_admits_submitted=admits in _TRUE,
            replica_urls=tuple(
                normalise_database_url(part) for part in replicas.split(",") if part.strip()
            ),
            replica_max_lag=_seconds(
                setting("replica_max_lag"), env.get(setting("replica_max_lag").env, "5")
            ),
            figure_cache=_figures_kept(env.get(setting("figure_cache").env, "512")),
        )


def _seconds(spec: SettingSpec, value: str) -> Decimal:
    try:
        return Decimal(value.strip())
    except InvalidOperation:
        raise ConfigurationError(f"{spec.env}: 须为秒数（如 5 或 0.5）：{value!r}") from None


def _figures_kept(value: str) -> int:
    """The ``figure_cache`` setting: a count of figures, 0 or more."""
    text = value.strip()
    if not text.isdigit() or int(text) > 1_000_000:
        raise ConfigurationError(
            f"{setting('figure_cache').env}={value!r}: give a number of figures from 0 to "
            "1000000 (0 keeps none)"
        )
    return int(text)
