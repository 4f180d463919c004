"""Which database is used and what it holds (`bioecon db info`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bioecon.io.output import Field, Record
from bioecon.io.texttable import render_table


def _text(infos: Sequence[Any]) -> str:
    lines: list[str] = []
    for info in infos:
        state = "up to date" if info.up_to_date else "run `bioecon db upgrade`"
        lines += [
            f"database:  {info.url}",
            f"backend:   {info.backend} {info.server_version}",
            f"schema:    revision {info.revision or '(none)'}; code expects {info.head} ({state})",
        ]
        lines += [f"replica:   {url}: {state}" for url, state in info.replicas.items()]
        if info.row_counts:
            lines.append(render_table(["table", "rows"], sorted(info.row_counts.items())))
    return "\n".join(lines)


DATABASE_INFO: Record[Any] = Record(
    "DatabaseInfo",
    (
        Field("url", str, description="password hidden"),
        Field("backend", str),
        Field("server_version", str),
        Field("revision", str | None, description="the database's schema revision"),
        Field("head", str, description="the code's schema revision"),
        Field("row_counts", dict[str, int]),
        Field(
            "replicas",
            dict[str, str],
            description="each replica (备库) configured: 用于读取 (serves reads), or why not",
        ),
        Field("up_to_date", bool),
    ),
    layout=_text,
)
"""Items: ``services.database.DatabaseInfo``."""
