"""Login, sessions, CSRF, bearer tokens and security headers, through the real app on both
backends. Expectations are written by hand from docs/security.md and security.yaml
(idle 30 min, 5 failures lock an account, 20 failures from one address lock the address)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from bioecon.app import Bioecon
from bioecon.domain.access import Role
from bioecon.errors import NotAuthenticated
from bioecon.services import accounts, sessions
from bioecon.services.accounts import LOCAL_ADMIN
from bioecon.web.app import create_app
from bioecon.web.security_headers import CONTENT_SECURITY_POLICY
from tests.web_login import PASSWORD, add_account, csrf_header, log_in


@pytest.fixture
def web(app: Bioecon) -> Iterator[TestClient]:
    add_account(app, "office", Role.ADMIN)
    with TestClient(create_app(app)) as client:
        yield client


def test_anonymous_callers_are_sent_to_login_or_refused(web: TestClient) -> None:
    page = web.get("/plans/x?as_of=2025-12", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Fplans%2Fx%3Fas_of%3D2025-12"
    api = web.get("/api/plans")
    assert api.status_code == 401
    assert api.headers["www-authenticate"] == "Bearer"
    assert api.json()["error"] == "NotAuthenticated"
    assert web.get("/login").status_code == 200
    assert web.get("/static/app.css").status_code == 200
    assert web.get("/openapi.json").status_code == 200


def test_a_good_login_gives_a_session_cookie_and_the_page_asked_for(web: TestClient) -> None:
    web.get("/login")
    answer = web.post(
        "/login",
        data={
            "csrftoken": web.cookies["csrftoken"],
            "login": "office",
            "password": PASSWORD,
            "next": "/api/plans",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/api/plans"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("bioecon_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback
    assert web.get("/api/plans").json() == []  # an empty database: no plans, but allowed
    assert "office" in web.get("/login", follow_redirects=True).text  # logged in: name shown


def test_next_never_leaves_the_site(web: TestClient) -> None:
    web.get("/login")
    for target, expected in (("//evil.example/x", "/"), ("https://evil.example", "/"),
                             ("/\\evil.example", "/"), ("/plans", "/plans")):  # fmt: skip
        answer = web.post(
            "/login",
            data={
                "csrftoken": web.cookies["csrftoken"],
                "login": "office",
                "password": PASSWORD,
                "next": target,
            },
            follow_redirects=False,
        )
        assert answer.headers["location"] == expected, target


def test_a_wrong_password_is_refused_and_five_lock_the_account(web: TestClient) -> None:
    web.get("/login")
    token = web.cookies["csrftoken"]
    for _ in range(5):
        answer = web.post(
            "/login", data={"csrftoken": token, "login": "office", "password": "Wrong-pass-1"}
        )
        assert answer.status_code == 401
        assert accounts.LOGIN_FAILED in answer.text
    locked = web.post("/login", data={"csrftoken": token, "login": "office", "password": PASSWORD})
    assert locked.status_code == 401  # the right password, but the account is locked 15 min


def test_many_failures_from_one_address_lock_the_address(app: Bioecon) -> None:
    add_account(app, "office", Role.ADMIN)
    for number in range(20):  # 20 different logins: no account reaches its own limit of 5
        with pytest.raises(NotAuthenticated):
            sessions.log_in(app, login=f"guess{number}", password="x", origin="web:10.0.0.9")
    with pytest.raises(NotAuthenticated, match="失败次数过多"):
        sessions.log_in(app, login="office", password=PASSWORD, origin="web:10.0.0.9")
    started = sessions.log_in(app, login="office", password=PASSWORD, origin="web:10.0.0.10")
    assert started.principal.login == "office"  # another address is not affected


def test_a_session_ends_after_30_idle_minutes(app: Bioecon) -> None:
    add_account(app, "office", Role.ADMIN)
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    cookie = sessions.log_in(
        app, login="office", password=PASSWORD, origin="tests", now=start
    ).cookie
    at_29 = sessions.principal_of_session(app, cookie=cookie, now=start + timedelta(minutes=29))
    assert at_29.login == "office"  # and this request counts: idle time starts again at 9:29
    at_58 = sessions.principal_of_session(app, cookie=cookie, now=start + timedelta(minutes=58))
    assert at_58.login == "office"
    with pytest.raises(NotAuthenticated):  # 9:58 + 30 min = 10:28 < 10:29
        sessions.principal_of_session(app, cookie=cookie, now=start + timedelta(minutes=89))
    with pytest.raises(NotAuthenticated):  # ended, not only late: the row is gone
        sessions.principal_of_session(app, cookie=cookie, now=start + timedelta(minutes=60))


def test_logout_needs_the_csrf_token_and_ends_the_session(web: TestClient) -> None:
    log_in(web, "office")
    refused = web.post("/logout", follow_redirects=False)
    assert refused.status_code == 403
    assert "表单已过期" in refused.text
    assert refused.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert web.get("/api/plans").status_code == 200  # still logged in
    ended = web.post(
        "/logout", data={"csrftoken": web.cookies["csrftoken"]}, follow_redirects=False
    )
    assert ended.status_code == 303
    assert "bioecon_session" not in web.cookies
    assert web.get("/api/plans").status_code == 401


def test_a_stolen_cookie_is_useless_after_logout(web: TestClient, app: Bioecon) -> None:
    log_in(web, "office")
    stolen = web.cookies["bioecon_session"]
    web.post("/logout", headers=csrf_header(web))
    with TestClient(create_app(app)) as thief:
        thief.cookies.set("bioecon_session", stolen)
        assert thief.get("/api/plans").status_code == 401


def test_disabling_an_account_ends_its_sessions(web: TestClient, app: Bioecon) -> None:
    add_account(app, "leader", Role.VIEWER)
    log_in(web, "leader")
    assert web.get("/api/plans").status_code == 200
    accounts.disable_user(app, actor=LOCAL_ADMIN, login="leader", origin="tests")
    assert web.get("/api/plans").status_code == 401


def test_api_tokens_are_bearer_headers(app: Bioecon) -> None:
    add_account(app, "robot", Role.VIEWER)
    token = accounts.create_token(app, actor=LOCAL_ADMIN, owner="robot", name="etl", origin="t")
    with TestClient(create_app(app)) as client:
        assert client.get("/api/plans", headers={"Authorization": f"Bearer {token}"}).json() == []
        wrong = client.get("/api/plans", headers={"Authorization": "Bearer bx_not-a-token"})
        assert wrong.status_code == 401
        assert "API 令牌无效" in wrong.json()["message"]


def test_public_mode_reads_without_login_as_the_public_viewer(app: Bioecon) -> None:
    with TestClient(create_app(app, public=True)) as client:
        assert client.get("/api/plans").status_code == 200
        home = client.get("/")
        assert home.status_code == 200 and "公开访问（只读）" in home.text


def test_every_answer_carries_the_security_headers(web: TestClient) -> None:
    log_in(web, "office")
    for path in ("/", "/api/plans", "/static/app.css", "/plans/none", "/docs", "/login"):
        answer = web.get(path)
        headers = answer.headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert "script-src 'self'" in CONTENT_SECURITY_POLICY
        assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["referrer-policy"] == "same-origin", path
        cached = path.startswith("/static/")
        assert (headers.get("cache-control") == "no-store") is not cached, path
        assert "strict-transport-security" not in headers


def test_behind_https_cookies_are_secure_and_hsts_is_sent(app: Bioecon) -> None:
    add_account(app, "office", Role.ADMIN)
    with TestClient(create_app(app, secure_cookies=True), base_url="https://testserver") as web:
        page = web.get("/login")
        assert page.headers["strict-transport-security"] == "max-age=31536000"
        assert "Secure" in page.headers["set-cookie"]  # the CSRF cookie
        answer = web.post(
            "/login",
            data={"csrftoken": web.cookies["csrftoken"], "login": "office", "password": PASSWORD},
            follow_redirects=False,
        )
        assert "Secure" in answer.headers["set-cookie"]
