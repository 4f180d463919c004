"""Every GET route of the app (walked from ``app.routes``) with hostile values for each of its
query and path parameters, on the demo database of each backend: never a 500. Out-of-range
values are refused up front with 422 — JSON under /api, the error page elsewhere."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from bioecon.app import Bioecon
from bioecon.web.params import MAX_PAGE, MAX_TEXT
from tests.web_login import admin_client

HOSTILE = [  # one of each kind: too big, negative, not a number, too long, NUL, SQL, bad month
    "99999999999999999999999",
    "-1",
    "1e999",
    "x" * 50_000,
    "a\x00b",
    "'; DROP TABLE plan; --",
    "2025-13",
    "%",
    "",
]
# Values the other parameters of a route get, so that the hostile one is what is judged.
PLAUSIBLE = {
    "org_unit": "430100",
    "indicator": "bio_economy_scale",
    "from": "2024-01",
    "to": "2024-12",
}
PATH_PLAUSIBLE = "changsha-2025"


def _get_routes(client: TestClient) -> list[tuple[str, list[str], list[str]]]:
    """(path, path parameters, query parameters) of every GET route."""
    assert isinstance(client.app, FastAPI)
    found = []
    for context in iter_route_contexts(client.app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and "GET" in (context.methods or ()):
            paths = [p.alias for p in route.dependant.path_params]
            queries = [p.alias for p in route.dependant.query_params]
            found.append((str(context.path), paths, queries))
    return found


def _url(path: str, names: list[str], values: dict[str, str]) -> str:
    return path.format(**{n: quote(values.get(n, PATH_PLAUSIBLE), safe="") or "%20" for n in names})


def test_no_route_answers_500_to_hostile_values(client: TestClient) -> None:
    routes = _get_routes(client)
    assert {"/api/enterprises", "/enterprises", "/plans/{code}"} <= {p for p, _, _ in routes}
    failures = []
    for path, path_names, query_names in routes:
        for target in path_names + query_names:
            for value in HOSTILE:
                query = {n: v for n, v in PLAUSIBLE.items() if n in query_names and n != target}
                url = _url(path, path_names, {target: value} if target in path_names else {})
                if target in query_names:
                    query[target] = value
                response = client.get(url, params=query)
                if response.status_code >= 500:
                    failures.append((path, target, value[:40], response.status_code))
    assert failures == []


def test_out_of_range_values_are_422_in_json_under_api(client: TestClient) -> None:
    for params in (
        {"page": "99999999999999999999999"},
        {"page": str(MAX_PAGE + 1)},
        {"q": "x" * 50_000},
        {"q": "x" * (MAX_TEXT + 1)},
        {"category": "a\x00b"},
        {"page": "0"},  # page and size bounds are in the schema (web/params.py)
        {"size": "501"},
        {"size": "99999999999999999999999"},
    ):
        response = client.get("/api/enterprises", params=params)
        assert response.status_code == 422, params
        assert response.json()["detail"][0]["loc"][-1] == next(iter(params))
    assert client.get("/api/enterprises", params={"q": "x" * MAX_TEXT}).status_code == 200
    assert client.get("/api/enterprises", params={"page": str(MAX_PAGE)}).status_code == 200


def test_out_of_range_values_are_the_error_page_elsewhere(client: TestClient) -> None:
    response = client.get("/enterprises", params={"page": "99999999999999999999999"})
    assert response.status_code == 422 and "text/html" in response.headers["content-type"]
    assert "page" in response.text
    response = client.get("/enterprises", params={"q": "x" * 50_000})
    assert response.status_code == 422 and "至多200个字符" in response.text
    response = client.get("/plans/" + "9" * 23)
    assert response.status_code == 422 and "text/html" in response.headers["content-type"]


def test_an_api_parameter_the_route_does_not_take_or_given_twice_is_refused(
    app: Bioecon,
) -> None:
    """A mistyped ``orgunit=`` would otherwise be ignored and the answer cover every unit."""
    with admin_client(app) as client:
        typo = client.get("/api/platforms?orgunit=430100")
        assert typo.status_code == 422
        assert typo.json()["detail"][0]["loc"] == ["query", "orgunit"]
        assert typo.json()["detail"][0]["msg"] == "此接口没有参数 orgunit（可用：org_unit）"
        twice = client.get("/api/platforms?org_unit=430100&org_unit=430181")
        assert twice.status_code == 422
        assert twice.json()["detail"][0]["msg"] == "参数 org_unit 只能给一次（收到2次）"
        assert client.get("/api/platforms?org_unit=430100").status_code == 200
        assert client.get("/?utm_source=mail").status_code == 200  # pages ignore the unknown
