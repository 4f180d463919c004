"""Web tests log in as a real user would: an account made with the accounts service, the
login page opened (it sets the CSRF cookie), the form posted with its token."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient

from bioecon.app import Bioecon
from bioecon.domain.access import Role, Scope
from bioecon.errors import Conflict
from bioecon.services import accounts
from bioecon.services.accounts import EVERYTHING, LOCAL_ADMIN
from bioecon.web.app import create_app

PASSWORD = "Web-tests-2026"  # meets security.yaml's policy: 14 characters, 4 classes


def add_account(app: Bioecon, login: str, role: Role, scope: Scope = EVERYTHING) -> str:
    """Make the account (once); its password is :data:`PASSWORD`."""
    try:
        accounts.add_user(
            app, actor=LOCAL_ADMIN, login=login, role=role, password=PASSWORD,
            origin="tests", scope=scope,
        )  # fmt: skip
    except Conflict:
        accounts.reset_password(
            app, actor=LOCAL_ADMIN, login=login, password=PASSWORD, origin="tests"
        )
    return login


def log_in(client: TestClient, login: str, password: str = PASSWORD) -> TestClient:
    """Open the login page, post the form with its CSRF token; the client keeps the cookies."""
    assert client.get("/login").status_code == 200
    answer = client.post(
        "/login",
        data={"csrftoken": client.cookies["csrftoken"], "login": login, "password": password},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return client


def csrf_header(client: TestClient) -> dict[str, str]:
    """The header a script sends with a state-changing request (the form field's twin)."""
    return {"x-csrftoken": client.cookies["csrftoken"]}


@contextmanager
def admin_client(app: Bioecon, **options: Any) -> Iterator[TestClient]:
    """A client of ``create_app(app, **options)`` logged in as a system administrator."""
    login = add_account(app, "web-admin", Role.ADMIN)
    with TestClient(create_app(app, **options)) as client:
        yield log_in(client, login)
