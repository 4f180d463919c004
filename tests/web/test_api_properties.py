"""Property-based tests of the authenticated API (issue #13): schemathesis generates requests
from the app's own OpenAPI schema — valid ones, and invalid ones (negative mode) — and sends
them, with a system administrator's API token, to the app in process, over the demo
database. Every answer must pass schemathesis' checks: no server error, a status and a body
the schema documents, an invalid request refused. Without a token, every route answers 401.

(schemathesis' own pytest loader, ``schemathesis.pytest.from_fixture``, reads a node attribute
pytest 9 removed, so each operation's strategy is driven by hypothesis here directly.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from bioecon.app import Bioecon
from bioecon.demo import build_demo
from bioecon.domain.access import Role
from bioecon.services import accounts
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.settings import Settings
from bioecon.web import api, registers
from bioecon.web.app import create_app
from tests.web.conftest import BUILD_DAY
from tests.web_login import add_account

EXAMPLES = 25  # per operation and mode: 7 operations × 2 modes × 25 ≈ 350 requests
# Left out, with the reason: a schema-valid value may still be refused with 422 — a code that
# names no plan, indicator or org unit, or a value over the app-wide bounds of web/params.py
# (≤ 200 characters, no NUL), which no per-parameter schema states. Refusing it is right.
# And in negative mode, "rejected": a query string carries text only, so a mutation of a text
# parameter into an object or a number arrives as valid text (schemathesis cannot tell); a
# parameter the route does not take, or one given twice, is refused (web/params.py).
NOT_CHECKED = [schemathesis.checks.positive_data_acceptance]
NEGATIVE_NOT_CHECKED = [*NOT_CHECKED, schemathesis.checks.negative_data_rejection]
QUIET = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, str]]:
    database: Path = tmp_path_factory.mktemp("api") / "demo.db"
    with Bioecon(Settings(database_url=f"sqlite:///{database}")) as bioecon:
        build_demo(bioecon, today=BUILD_DAY)
        add_account(bioecon, "api-admin", Role.ADMIN)
        token = accounts.create_token(
            bioecon, actor=LOCAL_ADMIN, owner="api-admin", name="schemathesis", origin="tests"
        )
        yield create_app(bioecon, simulated=True), token


def _ok(result: Any) -> Any:
    """The operation of a schema entry (an invalid entry fails the test with its error)."""
    return result.ok()


def _operations(app: FastAPI) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [_ok(result) for result in schema.get_all_operations()]
    served = {
        f"{method} {route.path}"
        for router in (api.router, registers.api)
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
    }
    assert {o.label for o in operations} == served  # every /api route is generated for
    return operations


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_authenticated_api_passes_every_check(
    demo: tuple[FastAPI, str], mode: GenerationMode
) -> None:
    app, token = demo
    for operation in _operations(app):

        @given(case=operation.as_strategy(mode))
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=QUIET)
        def check(case: Any) -> None:
            case.call_and_validate(
                headers={"Authorization": f"Bearer {token}"},
                excluded_checks=NOT_CHECKED
                if mode is GenerationMode.POSITIVE
                else NEGATIVE_NOT_CHECKED,
            )

        check()


def test_without_a_token_every_route_answers_401(demo: tuple[FastAPI, str]) -> None:
    app, _ = demo
    for operation in _operations(app):

        @given(case=operation.as_strategy())
        @settings(max_examples=3, deadline=None, suppress_health_check=QUIET)
        def check(case: Any) -> None:
            response = case.call()
            assert response.status_code == 401, (case.path, response.text)
            assert response.headers["www-authenticate"] in (
                "Bearer",
                ["Bearer"],
            )  # as the transport gives it

        check()
