"""Run the web app: on a loopback port in a background thread (browser tests, `bench web`),
or in several worker processes (`bioecon serve --workers N`, the production command)."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass

import uvicorn
from fastapi import FastAPI

from bioecon.app import Bioecon
from bioecon.settings import Settings
from bioecon.web.app import create_app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(app: FastAPI, *, port: int | None = None) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 until the block ends; yields the base URL."""
    chosen = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=chosen, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{chosen}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


WORKER_OPTIONS = "BIOECON_SERVE_WORKER"
"""The environment variable through which `bioecon serve --workers N` hands its options to the
worker processes uvicorn starts (each builds its own app: :func:`worker_app`); not a setting."""


@dataclass(frozen=True, slots=True)
class ServeOptions:
    database_url: str
    simulated: bool
    public: bool
    secure_cookies: bool


def worker_app() -> FastAPI:
    """The app of one worker process of `bioecon serve --workers N` (uvicorn's factory): its
    own :class:`Bioecon` — its engine, its pool and its cache of figures — over the database
    the command was given."""
    options = ServeOptions(**json.loads(os.environ[WORKER_OPTIONS]))
    bioecon = Bioecon(Settings.resolve(database_url=options.database_url))
    return create_app(
        bioecon,
        simulated=options.simulated,
        public=options.public,
        secure_cookies=options.secure_cookies,
    )


def serve_workers(
    options: ServeOptions,
    *,
    host: str,
    port: int,
    workers: int,
    forwarded_from: str | None,
) -> None:
    """Serve with ``workers`` processes on one socket (uvicorn's supervisor restarts a worker
    that dies); every worker checks the schema and keeps its own cache, kept true by the data
    version (bioecon/cache.py)."""
    os.environ[WORKER_OPTIONS] = json.dumps(asdict(options))
    uvicorn.run(
        "bioecon.web.server:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=bool(forwarded_from),
        forwarded_allow_ips=forwarded_from or None,
    )
