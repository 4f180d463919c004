"""docs/web.md lists every page and API route the app serves (docs drift: generate or test)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from fastapi import APIRouter
from fastapi.routing import APIRoute

import bioecon.web

WEB_MD = Path(__file__).parents[2] / "docs" / "web.md"


def _shape(path: str) -> str:
    """``/plans/{code}`` and ``/plans/{id or code}`` are one route: parameters as ``{}``."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def served_methods() -> set[tuple[str, str]]:
    """(method, path) of every route of every APIRouter in a module of bioecon.web."""
    routes = set()
    for module in pkgutil.iter_modules(bioecon.web.__path__):
        found = importlib.import_module(f"bioecon.web.{module.name}")
        for value in vars(found).values():
            if isinstance(value, APIRouter):
                routes |= {
                    (method, r.path)
                    for r in value.routes
                    if isinstance(r, APIRoute)
                    for method in (r.methods or set()) - {"HEAD"}
                }
    return routes


def served_routes() -> set[str]:
    """Every route's path, parameters as ``{}``."""
    return {_shape(path) for _, path in served_methods()}


def test_every_route_is_in_docs_web_md() -> None:
    quoted = re.findall(r"`(?:GET |POST )?(/[^`?]*)", WEB_MD.read_text("utf-8"))
    documented = {_shape(q).strip() for q in quoted}
    routes = served_routes()
    assert {"/", "/plans/{}", "/api/plans/{}/targets"} <= routes  # the walk finds the routers
    assert routes - documented == set()
